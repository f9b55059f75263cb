"""Workflows webhooks: the documented payload, a valid card, 4 requests/s per URL, retries, a secret URL."""
from __future__ import annotations

import json
import logging
import time
from collections.abc import AsyncIterator

import jsonschema
import pytest
from aiohttp import web

from bots.teams.webhooks import WorkflowsWebhooks
from core.replies import Card
from core.services.outbox import RetryLater, TargetGone
from tests.data import ADAPTIVE_CARD_1_5

SCHEMA = ADAPTIVE_CARD_1_5
SECRET_PATH = "/workflows/abc123/triggers/manual/paths/invoke?sig=TOPSECRETSIGNATURE"


class FakeWorkflow:
    def __init__(self) -> None:
        self.bodies: list[dict] = []  # type: ignore[type-arg]
        self.times: list[float] = []
        self.plan: list[tuple[int, str]] = []

    async def handle(self, request: web.Request) -> web.Response:
        self.times.append(time.monotonic())
        body = await request.json()
        if self.plan:
            status, text = self.plan.pop(0)
            return web.Response(status=status, text=text)
        self.bodies.append(body)
        return web.Response(status=202, text="")


@pytest.fixture
async def workflow() -> AsyncIterator[tuple[FakeWorkflow, str]]:
    fake = FakeWorkflow()
    app = web.Application()
    app.router.add_post("/workflows/abc123/triggers/manual/paths/invoke", fake.handle)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    yield fake, f"http://127.0.0.1:{runner.addresses[0][1]}{SECRET_PATH}"
    await runner.cleanup()


async def test_payload_shape_and_valid_card(workflow: tuple[FakeWorkflow, str]) -> None:
    fake, url = workflow
    hooks = WorkflowsWebhooks({"BATCH_MONITORING": url})
    await hooks.post("batch_monitoring", Card("Batch BILLING is stuck", facts=[("Since", "02:10")]))
    [body] = fake.bodies
    assert body["type"] == "message"
    [attachment] = body["attachments"]
    assert attachment["contentType"] == "application/vnd.microsoft.card.adaptive"
    assert attachment["contentUrl"] is None
    jsonschema.Draft6Validator(json.loads(SCHEMA.read_text())).validate(attachment["content"])


async def test_at_most_four_requests_a_second_per_url(workflow: tuple[FakeWorkflow, str]) -> None:
    fake, url = workflow
    hooks = WorkflowsWebhooks({"ALERTS": url})
    for i in range(9):
        await hooks.post("ALERTS", Card(f"alert {i}"))
    times = fake.times
    assert all(times[i + 4] - times[i] >= 0.99 for i in range(len(times) - 4))


async def test_retries_then_succeeds_and_never_logs_the_url(workflow: tuple[FakeWorkflow, str],
                                                            caplog: pytest.LogCaptureFixture) -> None:
    fake, url = workflow
    fake.plan = [(500, "oops"), (200, "Microsoft Teams endpoint returned HTTP error 429")]
    hooks = WorkflowsWebhooks({"DEFAULT": url})
    with caplog.at_level(logging.WARNING):
        await hooks.post("DEFAULT", Card("report"))
    assert len(fake.bodies) == 1 and len(fake.times) == 3
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "throttled" in logged and "TOPSECRETSIGNATURE" not in logged and "abc123" not in logged


async def test_unknown_name_and_persistent_failure(workflow: tuple[FakeWorkflow, str]) -> None:
    fake, url = workflow
    hooks = WorkflowsWebhooks({"DEFAULT": url}, attempts=2)
    with pytest.raises(TargetGone):
        await hooks.post("ALERTS", Card("x"))
    fake.plan = [(503, "busy"), (503, "busy")]
    with pytest.raises(RetryLater):
        await hooks.post("DEFAULT", Card("x"))
