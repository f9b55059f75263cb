"""Statement import from the admin ledger page: for a person in a chat, previewed, then imported or cancelled."""
from __future__ import annotations

import re
from pathlib import Path

import aiohttp

from app.runtime import Runtime
from tests.harness import ChatHarness
from tests.web.test_admin import PASSWORD, Browser, admin, services_clock  # noqa: F401  (fixtures)

STATEMENTS = Path(__file__).resolve().parents[1] / "data" / "statements"


async def _upload(admin: Browser, chat: str, person: str, name: str, content: bytes,  # noqa: F811
                  token: str | None = None) -> tuple[int, str]:
    form = aiohttp.FormData()
    form.add_field("csrf_token", token if token is not None else await admin.csrf())
    form.add_field("chat", chat)
    form.add_field("person", person)
    form.add_field("statement", content, filename=name, content_type="text/csv")
    async with admin.http.post(f"{admin.base}/admin/ledger/import", data=form, allow_redirects=False) as response:
        return response.status, await response.text()


async def _flat(runtime: Runtime, admin: Browser) -> str:  # noqa: F811
    await ChatHarness(runtime).user("alice").say("hi", chat="flat")
    _, html, _ = await admin.get("/admin/ledger")
    found = re.search(r'<option value="(\d+)">console: flat</option>', html)
    assert found is not None
    return found.group(1)


async def test_an_admin_imports_a_statement_for_someone_after_a_preview(runtime: Runtime,
                                                                        admin: Browser) -> None:  # noqa: F811
    await runtime.services.identity.create_user("ada", "admin")
    await runtime.services.admin.set_password("ada", PASSWORD)
    await admin.sign_in("ada")
    chat = await _flat(runtime, admin)
    statement = (STATEMENTS / "signed_amount.csv").read_bytes()
    status, html = await _upload(admin, chat, "alice", "signed_amount.csv", statement)
    assert status == 200 and "Import · signed_amount.csv" in html and "For <strong>alice</strong>" in html
    assert await ChatHarness(runtime).entry_count() == 0, "nothing written before Import"
    action = re.search(r'action="(/admin/ledger/import/[^"]+/import)"', html)
    assert action is not None
    status, _, headers = await admin.post(action.group(1), {"csrf_token": await admin.csrf(), "chat": chat,
                                                             "person": "alice"})
    assert status == 303 and "Imported" in headers["Location"]
    written = await ChatHarness(runtime).entry_count()
    assert written > 20
    _, page, _ = await admin.get(headers["Location"].removeprefix(admin.base))
    assert "Imported" in page and "for alice" in page
    again = await admin.post(action.group(1), {"csrf_token": await admin.csrf(), "chat": chat, "person": "alice"})
    assert again[0] == 303 and await ChatHarness(runtime).entry_count() == written, "a second press writes nothing"


async def test_a_bad_file_a_stranger_or_no_token_imports_nothing(runtime: Runtime,
                                                                 admin: Browser) -> None:  # noqa: F811
    await runtime.services.identity.create_user("ada", "admin")
    await runtime.services.admin.set_password("ada", PASSWORD)
    await admin.sign_in("ada")
    chat = await _flat(runtime, admin)
    good = (STATEMENTS / "signed_amount.csv").read_bytes()
    status, text = await _upload(admin, chat, "alice", "empty.csv", b"")
    assert status == 400 and "empty" in text.lower()
    assert (await _upload(admin, chat, "nobody", "s.csv", good))[0] == 400
    assert (await _upload(admin, chat, "alice", "s.csv", good, token="forged"))[0] == 403
    await admin.sign_in("olivia")  # an operator reads the ledger but does not write anyone's
    assert (await _upload(admin, chat, "alice", "s.csv", good))[0] == 403
    assert await ChatHarness(runtime).entry_count() == 0
