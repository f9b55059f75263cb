"""The admin page over real HTTP: sign-in, CSRF, throttling, the second factor, roles, escaping and expiry."""
from __future__ import annotations

import re
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pyotp
import pytest

from app.runtime import Runtime
from core.errors import BadInput
from core.services.alerts import AlertRequest
from tests.fakes.local_server import start
from tests.harness import Clock
from web.app import create_app

PASSWORD = "correct horse battery staple 42"


@pytest.fixture
def services_clock() -> Clock:
    return Clock()


class Browser:
    """A cookie-keeping client that does not follow redirects, so a test sees each one."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.http = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))

    async def get(self, path: str) -> tuple[int, str, Any]:
        async with self.http.get(self.base + path, allow_redirects=False) as response:
            return response.status, await response.text(), response.headers

    async def post(self, path: str, form: dict[str, str]) -> tuple[int, str, Any]:
        async with self.http.post(self.base + path, data=form, allow_redirects=False) as response:
            return response.status, await response.text(), response.headers

    async def sign_in(self, user: str, password: str = PASSWORD, totp: str = "") -> tuple[int, str, Any]:
        _, page, _ = await self.get("/admin/login")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page)
        assert token is not None
        form = {"username": user, "password": password, "csrf_token": token.group(1), "next": "/admin/alerts"}
        return await self.post("/admin/login", form | ({"totp": totp} if totp else {}))

    async def csrf(self) -> str:
        _, page, _ = await self.get("/admin/alerts")
        found = re.search(r'name="csrf_token" value="([^"]+)"', page)
        assert found is not None
        return found.group(1)


@pytest.fixture
async def admin(runtime: Runtime) -> AsyncIterator[Browser]:
    for name, role in (("olivia", "operator"), ("mia", "member")):
        await runtime.services.identity.create_user(name, role)
        await runtime.services.admin.set_password(name, PASSWORD)
    runner, url = await start(create_app(runtime.services, runtime.database))
    browser = Browser(url)
    yield browser
    await browser.http.close()
    await runner.cleanup()


async def test_sign_in_sets_a_safe_cookie_and_opens_the_pages(admin: Browser) -> None:
    status, _, headers = await admin.get("/admin/")
    assert status == 303 and headers["Location"] == "/admin/login?next=/admin/"
    status, _, headers = await admin.sign_in("olivia")
    assert status == 303 and headers["Location"] == "/admin/alerts"
    cookie = next(v for k, v in headers.items() if k == "Set-Cookie" and v.startswith("sb_admin="))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Path=/admin" in cookie
    for page, heading in (("/admin/", "Today"), ("/admin/alerts", "Open alerts"), ("/admin/jobs", "Scheduled jobs")):
        status, html, headers = await admin.get(page)
        assert status == 200 and f"<h1>{heading}</h1>" in html and headers["Cache-Control"] == "no-store"
    token = await admin.csrf()
    assert (await admin.post("/admin/logout", {"csrf_token": token}))[0] == 303
    assert (await admin.get("/admin/"))[0] == 303, "signed out on the server, not only in the browser"


async def test_wrong_passwords_are_throttled_and_members_get_403(admin: Browser) -> None:
    status, html, _ = await admin.sign_in("olivia", "not the password at all")
    assert status == 401 and "Wrong user name or password" in html
    for _ in range(4):
        await admin.sign_in("olivia", "still not it")
    status, html, headers = await admin.sign_in("olivia")
    assert status == 429 and "Too many failed sign-ins" in html and int(headers["Retry-After"]) > 0
    assert (await admin.sign_in("mia"))[0] == 429, "the address is throttled too"


async def test_a_member_is_refused_every_page(runtime: Runtime) -> None:
    await runtime.services.identity.create_user("mia", "member")
    await runtime.services.admin.set_password("mia", PASSWORD)
    runner, url = await start(create_app(runtime.services, runtime.database))
    browser = Browser(url)
    try:
        assert (await browser.sign_in("mia"))[0] == 303
        for page in ("/admin/", "/admin/alerts", "/admin/jobs", "/admin/totp"):
            assert (await browser.get(page))[0] == 403
    finally:
        await browser.http.close()
        await runner.cleanup()


async def test_a_post_without_the_csrf_token_changes_nothing(runtime: Runtime, admin: Browser) -> None:
    raised = await runtime.services.alerts.raise_alert(AlertRequest("ops", "<script>alert(1)</script>", "x & y"))
    await admin.sign_in("olivia")
    status, _, _ = await admin.post(f"/admin/alerts/{raised.alert.id}/ack", {"csrf_token": "forged"})
    assert status == 403
    assert (await runtime.services.alerts.get(raised.alert.id)).state == "open"  # type: ignore[union-attr]
    _, html, _ = await admin.get("/admin/alerts")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>" not in html and "x &amp; y" in html
    status, _, _ = await admin.post(f"/admin/alerts/{raised.alert.id}/ack", {"csrf_token": await admin.csrf()})
    assert status == 303
    assert (await runtime.services.alerts.get(raised.alert.id)).state == "acknowledged"  # type: ignore[union-attr]
    forged_login = await admin.post("/admin/login", {"username": "olivia", "password": PASSWORD,
                                                      "csrf_token": "nope"})
    assert forged_login[0] == 403


async def test_once_enrolled_the_second_factor_is_required(admin: Browser) -> None:
    await admin.sign_in("olivia")
    _, html, _ = await admin.get("/admin/totp")
    secret = re.search(r"<code>([A-Z2-7]+)</code>", html)
    assert secret is not None and 'src="data:image/svg+xml' in html
    token = await admin.csrf()
    assert (await admin.post("/admin/totp", {"csrf_token": token, "code": "000000"}))[0] == 400
    code = pyotp.TOTP(secret.group(1)).now()
    assert (await admin.post("/admin/totp", {"csrf_token": token, "code": code}))[0] == 303
    await admin.post("/admin/logout", {"csrf_token": token})

    status, html, _ = await admin.sign_in("olivia")
    assert status == 200 and 'name="totp"' in html, "the password alone asks for the code"
    assert (await admin.sign_in("olivia", totp="123456"))[0] == 401
    assert (await admin.sign_in("olivia", totp=pyotp.TOTP(secret.group(1)).now()))[0] == 303


async def test_an_idle_session_ends_and_weak_passwords_are_refused(runtime: Runtime, admin: Browser,
                                                                   services_clock: Clock) -> None:
    await admin.sign_in("olivia")
    assert (await admin.get("/admin/"))[0] == 200
    services_clock.advance(31 * 60)
    status, _, headers = await admin.get("/admin/jobs")
    assert status == 303 and headers["Location"].startswith("/admin/login")
    for weak in ("short", "password1234", "olivia olivia olivia"):
        with pytest.raises(BadInput):
            await runtime.services.admin.set_password("olivia", weak)


async def test_people_subscriptions_audit_and_outbox_pages(runtime: Runtime, admin: Browser) -> None:
    await admin.sign_in("olivia")
    _, html, _ = await admin.get("/admin/users")
    assert "olivia" in html and "mia" in html and 'name="role"' not in html, "an operator sees roles, cannot set"
    token = await admin.csrf()
    assert (await admin.post("/admin/users/role", {"csrf_token": token, "name": "mia", "role": "admin"}))[0] == 403
    await runtime.services.identity.grant("olivia", "admin")
    status, _, headers = await admin.post("/admin/users/role", {"csrf_token": token, "name": "mia",
                                                                "role": "operator"})
    assert status == 303 and "mia+is+now+operator" in headers["Location"]

    form = {"csrf_token": token, "channel": "telegram", "target": "-100777", "topic": "payments"}
    assert (await admin.post("/admin/subscriptions", form))[0] == 303
    _, html, _ = await admin.get("/admin/subscriptions")
    assert "-100777" in html and "payments" in html
    bad = await admin.post("/admin/subscriptions", form | {"topic": "Not A Topic"})
    assert "not+a+topic+name" in bad[2]["Location"].lower()
    subscription = (await runtime.services.subscriptions.all())[0]
    await admin.post(f"/admin/subscriptions/{subscription.id}/remove", {"csrf_token": token})
    assert await runtime.services.subscriptions.all() == []

    _, html, _ = await admin.get("/admin/audit?intent=admin.grant")
    assert "admin.grant" in html and "role=operator" in html and "admin.sign_in" not in html
    assert "must look like" in (await admin.get("/admin/audit?day=yesterday"))[1]

    await runtime.services.outbox.post(channel="telegram", target="42", kind="text", payload={"kind": "text"})
    await runtime.services.outbox.mark_dead("telegram", "42", "403: blocked")
    await runtime.services.outbox.deliver_due({"telegram": object()})  # type: ignore[dict-item]
    _, html, _ = await admin.get("/admin/outbox")
    assert "target is marked dead" in html
    row_id = re.search(r"/admin/outbox/(\d+)/retry", html)
    assert row_id is not None
    status, _, headers = await admin.post(f"/admin/outbox/{row_id.group(1)}/retry", {"csrf_token": token})
    assert "queued+again" in headers["Location"]
    assert (await runtime.services.outbox.counts()).get("pending") == 1
    assert not await runtime.services.outbox.is_dead("telegram", "42")


async def test_ledger_ai_usage_and_settings_pages(runtime: Runtime, admin: Browser) -> None:
    from datetime import UTC, datetime

    from pydantic import SecretStr

    from core.models import LlmCall
    from tests.harness import ChatHarness

    chat = ChatHarness(runtime)
    for text in ("lunch 250 <script>alert(1)</script>", "taxi 120"):
        preview = await chat.user("alice").say(text, chat="flat")
        await chat.user("alice").press(preview, "Save", chat="flat")
    async with runtime.database.sessions.begin() as session:
        session.add_all([LlmCall(at=datetime.now(UTC), user_key="1", model="m", prompt_tokens=100,
                                 completion_tokens=20, cost_micro_usd=27, latency_ms=300, outcome=outcome)
                         for outcome in ("ok", "ok", "cached", "timeout")])
    await admin.sign_in("olivia")
    _, html, _ = await admin.get("/admin/ledger?person=alice")
    assert "&lt;script&gt;" in html and "<script>alert" not in html and "৳370.00" in html
    assert "No entries match" in (await admin.get("/admin/ledger?person=nobody"))[1]
    assert "must look like" in (await admin.get("/admin/ledger?from=last+week"))[1]
    async with admin.http.get(f"{admin.base}/admin/ledger.csv?person=alice") as response:
        assert response.status == 200 and len((await response.text()).strip().splitlines()) == 3
    _, html, _ = await admin.get("/admin/ai")
    assert re.search(r"<td class=\"num\">3</td><td class=\"num\">1</td><td class=\"num\">1</td>", html), html

    assert (await admin.get("/admin/settings"))[0] == 403, "settings are for admins"
    await runtime.services.identity.grant("olivia", "admin")
    runtime.services.settings = runtime.settings.model_copy(update={
        "telegram_bot_token": SecretStr("123:TOPSECRET"), "redis_url": "redis://:hunter2@cache:6379/0"})
    status, html, _ = await admin.get("/admin/settings")
    assert status == 200 and "TELEGRAM_BOT_TOKEN" in html and "TOPSECRET" not in html and "hunter2" not in html
    assert "redis://:***@cache:6379/0" in html


async def test_the_live_feed_streams_a_turn_within_a_second(runtime: Runtime, admin: Browser) -> None:
    import asyncio
    import json
    import time

    from tests.harness import ChatHarness

    await admin.sign_in("olivia")
    await ChatHarness(runtime).user("bob").say("help", chat="flat")
    _, html, _ = await admin.get("/admin/")
    assert 'id="feed"' in html and "admin.sign_in" in html, "the page shows the recent feed without JavaScript"
    assert "bob" in html
    async with admin.http.get(f"{admin.base}/admin/feed", timeout=aiohttp.ClientTimeout(total=10)) as stream:
        assert stream.headers["Content-Type"] == "text/event-stream"
        await asyncio.sleep(0.3)
        said = time.monotonic()
        await ChatHarness(runtime).user("alice").say("balances", chat="flat")
        while True:
            line = (await asyncio.wait_for(stream.content.readline(), 5)).decode()
            if line.startswith("data: "):
                event = json.loads(line[6:])
                assert "bob" not in event["text"], "the stream starts where the page's recent lines end"
                if "balances" in event["text"]:
                    break
        assert event["kind"] == "turn" and "alice" in event["text"] and time.monotonic() - said < 1.5
    status, _, _ = await admin.get("/admin/static/feed.js")
    assert status == 200


async def test_admins_make_link_codes_and_api_keys_on_the_people_page(runtime: Runtime, admin: Browser) -> None:
    await runtime.services.identity.grant("olivia", "admin")
    await admin.sign_in("olivia")
    token = await admin.csrf()
    status, html, _ = await admin.post("/admin/users/link-code", {"csrf_token": token, "name": "mia"})
    code = re.search(r"Link code for mia: ([A-Z0-9]{8})", html)
    assert status == 200 and code is not None
    status, html, _ = await admin.post("/admin/apikeys", {"csrf_token": token, "key_name": "payments-gw"})
    key = re.search(r"API key payments-gw: (sbk_\w+_[\w-]+)", html)
    assert key is not None and await runtime.services.api_keys.verify(key.group(1)) is not None
    _, html, _ = await admin.get("/admin/users")
    assert key.group(1) not in html and "payments-gw" in html, "the key is shown once, then only its prefix"
    await admin.post("/admin/apikeys/revoke", {"csrf_token": token, "key_name": "payments-gw"})
    assert await runtime.services.api_keys.verify(key.group(1)) is None
    assert (await admin.post("/admin/apikeys", {"csrf_token": "forged", "key_name": "x"}))[0] == 403
