"""The admin ledger's PDF export: next to CSV and Excel, the same filters, for staff only."""
from __future__ import annotations

import io
import re

from pypdf import PdfReader

from app.runtime import Runtime
from tests.harness import ChatHarness
from tests.web.test_admin import Browser, admin, services_clock  # noqa: F401  (fixtures)


async def test_the_ledger_page_offers_a_pdf_of_the_filtered_ledger(runtime: Runtime, admin: Browser) -> None:  # noqa: F811
    chat = ChatHarness(runtime)
    await chat.user("bob").say("hi", chat="flat")
    for text in ("split 900 taxi with @bob", "lunch 250 <script>alert(1)</script>"):
        preview = await chat.user("alice").say(text, chat="flat")
        await chat.user("alice").press(preview, "Save", chat="flat")
    await admin.sign_in("mia")
    assert (await admin.get("/admin/ledger.pdf"))[0] == 403, "members do not export the ledger"

    await admin.sign_in("olivia")
    _, html, _ = await admin.get("/admin/ledger")
    flat = re.search(r'<option value="(\d+)">console: flat</option>', html)
    assert flat is not None and 'href="/admin/ledger.pdf?"' in html
    async with admin.http.get(f"{admin.base}/admin/ledger.pdf?chat={flat.group(1)}&category=transport") as response:
        assert response.status == 200 and response.content_type == "application/pdf"
        assert 'filename="ledger.pdf"' in response.headers["Content-Disposition"]
        pdf = await response.read()
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Ledger · flat" in text and "taxi" in text and "lunch" not in text, "the page's filters"
    assert "bob owes alice ৳450.00" in text, "the chosen group chat's balances"
