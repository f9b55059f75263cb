"""The parser chain's decisions on recorded model answers (tests/data/llm_recorded.jsonl), over real HTTP to the
fake OpenAI server: when the model is asked, when its answer is used, and when the rules' reading stands."""
from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr

from app.parsing import make_parser
from app.runtime import Runtime
from tests.fakes.openai_server import FakeOpenAI

NOW = datetime(2026, 3, 20, 10, tzinfo=UTC)
RECORDED = [json.loads(line) for line in
            (Path(__file__).resolve().parents[1] / "data" / "llm_recorded.jsonl").read_text().splitlines()]


@pytest.fixture
async def fake() -> AsyncIterator[FakeOpenAI]:
    server = FakeOpenAI()
    await server.start()
    yield server
    await server.stop()


@pytest.mark.parametrize("case", RECORDED, ids=[f"{i}:{c['text'][:30]}" for i, c in enumerate(RECORDED)])
async def test_the_chain_decides_as_recorded(runtime: Runtime, fake: FakeOpenAI, case: dict[str, Any]) -> None:
    settings = runtime.settings.model_copy(update={
        "openai_api_key": SecretStr(fake.api_key), "openai_base_url": fake.url, "openai_timeout_seconds": 2.0,
        "llm_cache_seconds": 0})
    chain = make_parser(settings, runtime.store, runtime.database.sessions)
    fake.answer(**case["answer"])
    parsed = await chain.parse(case["text"], mentions=[], now=NOW, tz="Asia/Dhaka", user_key="recorded")
    assert (parsed.name, parsed.parser) == (case["intent"], case["decided_by"]), parsed.reason
    assert {k: parsed.entities.get(k) for k in case.get("entities", {})} == case.get("entities", {})
    assert bool(fake.requests) is not case.get("not_asked", False), parsed.reason
    assert parsed.reason  # `switchboard parse --explain` prints it
