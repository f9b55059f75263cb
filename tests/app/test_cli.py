"""The `switchboard` command line as scripts use it: chat --json, parse, users, db upgrade, demo seeding."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/cli.db", "REDIS_URL": "",
            "CCB_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/ccb.db", "LOG_LEVEL": "WARNING",
            "SWITCHBOARD_TEST_CWD": str(tmp_path)}


def run(env: dict[str, str], *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    # run where the test's files are, so that nothing (exports, data/) lands in the working tree
    return subprocess.run([sys.executable, "-m", "app.cli", *args], input=stdin, capture_output=True,
                          text=True, env=env, timeout=120, check=False, cwd=env["SWITCHBOARD_TEST_CWD"])


def test_chat_json_two_people_in_one_group(env: dict[str, str], tmp_path: Path) -> None:
    script = "\n".join(["split 900 taxi with @bob", "/press 1", "/as bob", "balances",
                        "settle up with @alice", "/press save", "balances", "export", "/press 9"]) + "\n"
    result = run(env, "chat", "--json", "--user", "alice", "--chat", "trip", stdin=script)
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    preview = lines[0]
    assert preview["title"] == "Split · ৳900.00"
    assert preview["actions"][0] == {"n": 1, "id": "ledger.save", "label": "Save"}
    assert ["bob's share", "৳450.00"] in preview["facts"]
    assert lines[1]["text"].startswith("✓ Saved expense ৳900.00")
    assert lines[2]["text"] == "(now speaking as bob)"
    assert "bob owes alice ৳450.00" in lines[3]["text"]
    assert lines[4]["title"] == "Settle up · ৳450.00"
    assert lines[6]["text"] == "Everyone is settled up in this chat."
    assert lines[7]["file"].endswith(".csv")
    assert lines[8]["text"] == "There is no button 9 on the latest card."


def test_parse_single_and_jsonl(env: dict[str, str]) -> None:
    single = run(env, "parse", "--now", "2026-03-20T10:00:00+06:00", "--tz", "Asia/Dhaka",
                 "paid electricity bill 1,250.50 tk yesterday")
    parsed = json.loads(single.stdout)
    assert parsed["intent"] == "record_transaction"
    assert parsed["entities"]["amount"] == "1250.50" and parsed["entities"]["date"] == "2026-03-19"
    many = run(env, "parse", "--jsonl", stdin="balances\nhi\n")
    assert [json.loads(line)["intent"] for line in many.stdout.splitlines()] == ["balances", "smalltalk"]


def test_users_and_link_code(env: dict[str, str]) -> None:
    assert run(env, "db", "upgrade").returncode == 0
    assert "created dana (member)" in run(env, "users", "create", "dana").stdout
    assert "dana is now operator" in run(env, "users", "grant", "dana", "operator").stdout
    code = run(env, "users", "link-code", "dana").stdout.strip()
    assert len(code) == 8 and code.isalnum()
    linked = run(env, "chat", "--json", "--user", "dana_phone", stdin=f"/link {code}\n")
    assert "belongs to dana" in json.loads(linked.stdout)["text"]
    missing = run(env, "users", "grant", "nobody", "admin")
    assert missing.returncode == 2 and "No user named" in missing.stderr
    weak = run(env, "users", "set-password", "dana", stdin="password123\n")
    assert weak.returncode == 2 and "at least 12 characters" in weak.stderr
    strong = run(env, "users", "set-password", "dana", stdin="tangerine lighthouse 7 quietly\n")
    assert strong.returncode == 0 and "password set for dana" in strong.stdout
    assert "tangerine" not in strong.stdout + strong.stderr


def test_demo_seeds_once(env: dict[str, str]) -> None:
    first = run(env, "demo", "--seed-only")
    assert first.returncode == 0 and "seeded demo data" in first.stdout
    assert "/admin/  as alice, password " in first.stdout
    second = run(env, "demo", "--seed-only")
    assert "already there" in second.stdout
    balances = run(env, "chat", "--json", "--user", "carol", "--chat", "trip", stdin="balances\n")
    assert "carol owes bob" in json.loads(balances.stdout)["text"]


def test_parse_llm_needs_configuration(env: dict[str, str]) -> None:
    result = run({**env, "OPENAI_API_KEY": "", "OPENAI_BASE_URL": ""}, "parse", "--llm", "hello")
    assert result.returncode == 2 and "OPENAI_API_KEY or OPENAI_BASE_URL" in result.stderr


async def test_parse_llm_asks_the_configured_server(env: dict[str, str]) -> None:
    import asyncio

    from tests.fakes.openai_server import FakeOpenAI

    fake = FakeOpenAI()
    url = await fake.start()
    fake.answer(intent="record_transaction", amount="1200", description="dinner with karim")
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "app.cli", "parse", "--llm", "the thing with karim came to 1200",
        env={**env, "OPENAI_API_KEY": fake.api_key, "OPENAI_BASE_URL": url},
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    out, err = await asyncio.wait_for(process.communicate(), timeout=120)
    await fake.stop()
    parsed = json.loads(out)
    assert process.returncode == 0, err
    assert parsed["intent"] == "record_transaction" and parsed["entities"]["description"] == "dinner with karim"
    assert len(fake.requests) == 1


def test_teams_manifest_package(env: dict[str, str], tmp_path: Path) -> None:
    import zipfile

    out = tmp_path / "app.zip"
    result = run({**env, "MICROSOFT_APP_ID": "11111111-2222-3333-4444-555555555555"}, "teams", "manifest",
                 "--out", str(out), "--url", "https://bot.example.org")
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(out) as package:
        assert sorted(package.namelist()) == ["color.png", "manifest.json", "outline.png"]
        manifest = json.loads(package.read("manifest.json"))
        assert package.read("color.png")[:8] == b"\x89PNG\r\n\x1a\n"
    assert manifest["id"] == manifest["bots"][0]["botId"] == "11111111-2222-3333-4444-555555555555"
    assert manifest["validDomains"] == ["bot.example.org"] and "{{" not in json.dumps(manifest)
    missing = run({**env, "MICROSOFT_APP_ID": ""}, "teams", "manifest", "--out", str(out))
    assert missing.returncode == 2 and "MICROSOFT_APP_ID" in missing.stderr


def test_cards_dump(env: dict[str, str], tmp_path: Path) -> None:
    result = run(env, "cards", "dump", str(tmp_path / "cards"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "cards" / "ledger_preview.json").exists()
    assert (tmp_path / "cards" / "customer_billing.json").exists()
    acknowledged = json.loads((tmp_path / "cards" / "alert_acknowledged.json").read_text())
    assert "Acknowledged by ops" in json.dumps(acknowledged, ensure_ascii=False)
