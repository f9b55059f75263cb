"""The admin page in a real browser (Playwright driving Debian's Chromium): sign in, the dashboard's live feed,
a report paged through, and Save pressed on a card in the playground in both renderings. Screenshots of each
page are kept in the test's temporary folder."""
from __future__ import annotations

import os
import shutil
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from app.playground import playground_for
from app.runtime import Runtime
from core.services import report_pages
from integrations.ccb import payoff
from tests.fakes.local_server import start
from tests.harness import ChatHarness
from tests.ops import monitoring_of
from tests.web.test_admin import PASSWORD
from web.app import create_app

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
HAVE_CHROMIUM = Path(CHROMIUM).exists()
playwright_api = pytest.importorskip("playwright.async_api")


@pytest.fixture
def backend() -> str:
    return "sqlite"  # the pages are the same on both backends (the HTTP tests run both); a browser is slow


@pytest.fixture
async def site(runtime: Runtime, ccb: str, tmp_path: Path) -> AsyncIterator[tuple[Any, str, Path]]:
    if not HAVE_CHROMIUM:
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing: .ci/run installs it (apt-get install chromium)")
        pytest.skip("Chromium is not installed")
    await runtime.services.identity.create_user("ada", "admin")
    await runtime.services.admin.set_password("ada", PASSWORD)
    async with monitoring_of(runtime) as monitoring:
        await monitoring.refresh_nocs_cache()
        runner, url = await start(create_app(runtime.services, runtime.database, routes=[playground_for(runtime)]))
        async with playwright_api.async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            page = await browser.new_page(viewport={"width": 1280, "height": 900})
            await page.goto(f"{url}/admin/")
            await page.fill("input[name=username]", "ada")
            await page.fill("input[name=password]", PASSWORD)
            await page.click("button[type=submit]")
            await page.wait_for_selector("h1:has-text('Today')")
            await page.screenshot(path=str(tmp_path / "dashboard.png"), full_page=True)
            yield page, url, tmp_path
            await browser.close()
        await runner.cleanup()


async def test_the_dashboard_feed_shows_a_chat_turn_as_it_happens(runtime: Runtime,
                                                                  site: tuple[Any, str, Path]) -> None:
    page, _, folder = site
    await page.wait_for_timeout(500)  # the page's EventSource connects
    await ChatHarness(runtime).user("alice").say("balances", chat="flat")
    await page.wait_for_selector("#feed li:has-text('balances')", timeout=3000)
    await page.screenshot(path=str(folder / "dashboard-feed.png"), full_page=True)


async def test_a_report_is_run_and_paged_through(runtime: Runtime, site: tuple[Any, str, Path],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(payoff, "PAGE_SIZE", 2)
    monkeypatch.setattr(report_pages, "PAGE_SIZE", 2)
    page, url, folder = site
    await page.goto(f"{url}/admin/reports")
    await page.click("text=Run")
    await page.wait_for_selector("h1:has-text('NOCS customer payoff')")
    first = await page.inner_text("table")
    await page.screenshot(path=str(folder / "payoff-1.png"), full_page=True)
    await page.click("text=next →")
    await page.wait_for_selector("text=page 2 of")
    assert await page.inner_text("table") != first
    await page.screenshot(path=str(folder / "payoff-2.png"), full_page=True)


async def test_save_is_pressed_in_the_playground_in_both_renderings(runtime: Runtime,
                                                                   site: tuple[Any, str, Path]) -> None:
    page, url, folder = site
    await page.goto(f"{url}/admin/playground")
    await page.fill("input[name=text]", "lunch 250 <pizza> place")
    await page.click("text=Send")
    await page.wait_for_selector(".telegram:has-text('Expense · ৳250.00')")
    await page.wait_for_selector(".teams-card button:has-text('Save')")
    await page.screenshot(path=str(folder / "playground-preview.png"), full_page=True)
    assert "lunch <pizza> place" in await page.inner_text(".telegram"), "user text is shown, not interpreted"
    await page.click(".teams-card button:has-text('Save')")  # the Adaptive Card's Action.Execute
    await page.wait_for_selector(".telegram:has-text('Saved')")
    await page.screenshot(path=str(folder / "playground-saved-teams.png"), full_page=True)

    await page.fill("input[name=text]", "taxi 120")
    await page.click("text=Send")
    await page.click(".tg-button:has-text('Save')")  # the Telegram keyboard's button
    await page.wait_for_selector(".telegram:has-text('Saved expense ৳120.00')")
    await page.screenshot(path=str(folder / "playground-saved-telegram.png"), full_page=True)
    assert await ChatHarness(runtime).entry_count() == 2
