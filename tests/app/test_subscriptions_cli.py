"""`switchboard subscriptions add/list/remove`, as an operator scripts it."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/cli.db", "REDIS_URL": "",
            "CCB_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/ccb.db", "LOG_LEVEL": "WARNING",
            "TEAMS_WEBHOOK_ALERTS": "https://example.invalid/workflows/secret-path"}


def run(env: dict[str, str], tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "app.cli", "subscriptions", *args], capture_output=True, text=True,
                          env=env, timeout=120, check=False, cwd=tmp_path)


def test_add_list_remove(env: dict[str, str], tmp_path: Path) -> None:
    added = run(env, tmp_path, "add", "--channel", "telegram", "--target", "-1001234", "--topic", "batch")
    assert added.returncode == 0, added.stderr
    assert added.stdout.startswith("subscribed: #1 telegram -1001234 → batch")
    again = run(env, tmp_path, "add", "--channel", "telegram", "--target", "-1001234", "--topic", "batch")
    assert again.stdout.startswith("already subscribed: #1")
    hook = run(env, tmp_path, "add", "--channel", "webhook", "--target", "alerts", "--topic", "system")
    assert hook.returncode == 0 and "teams_webhook ALERTS → system" in hook.stdout
    assert "secret-path" not in hook.stdout + hook.stderr
    unknown = run(env, tmp_path, "add", "--channel", "webhook", "--target", "nope", "--topic", "batch")
    assert unknown.returncode == 2 and "No Workflows webhook named 'nope'" in unknown.stderr
    bad = run(env, tmp_path, "add", "--channel", "telegram", "--target", "1", "--topic", "Bad Topic!")
    assert bad.returncode == 2 and "is not a topic name" in bad.stderr
    listed = run(env, tmp_path, "list").stdout.splitlines()
    assert listed == ["#1\tbatch\ttelegram\t-1001234", "#2\tsystem\tteams_webhook\tALERTS"]
    assert run(env, tmp_path, "remove", "1").stdout.strip() == "removed subscription #1"
    assert run(env, tmp_path, "remove", "1").returncode == 1
    assert run(env, tmp_path, "list", "--topic", "batch").stdout.strip() == "no subscriptions"
