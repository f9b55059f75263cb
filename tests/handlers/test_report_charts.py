"""A summary comes with a chart beside its card; "export … as pdf" sends the report as a PDF."""
from __future__ import annotations

import io
from pathlib import Path

from PIL import Image
from pypdf import PdfReader

from core.replies import Card, Photo
from tests.harness import ChatHarness


def _saved_pngs(folder: Path) -> list[Path]:
    return list(folder.glob("spending-*.png"))


async def _record(chat: ChatHarness, who: str, text: str, where: str | None = None) -> None:
    person = chat.user(who)
    await person.press(await person.say(text, chat=where), "Save", chat=where)


async def test_summary_answers_with_the_card_and_a_chart(chat: ChatHarness, tmp_path: Path) -> None:
    await _record(chat, "alice", "lunch 250")
    await _record(chat, "alice", "taxi 200")
    said = await chat.user("alice").say("summary")
    assert [type(reply) for reply in said.replies] == [Card, Photo], "the card first: nothing is lost without images"
    assert dict(said.card.sections[0].facts)["Total"] == "৳450.00"
    photo = said.photo
    assert photo.filename.endswith(".png") and photo.caption.startswith("Spending · ")
    assert Image.open(io.BytesIO(photo.content)).size == (800, 700)
    (tmp_path / photo.filename).write_bytes(photo.content)

    charts = chat.runtime.services.charts
    again = await chat.user("alice").say("spending this month")
    assert again.photo.content is photo.content and charts.hits == 1, "the same data is not drawn twice"
    await _record(chat, "alice", "dinner 300")
    assert (await chat.user("alice").say("summary")).photo.content != photo.content, "new entries, a new chart"


async def test_no_chart_when_nothing_was_spent(chat: ChatHarness) -> None:
    said = await chat.user("alice").say("summary for january 2020")
    assert len(said.replies) == 1 and "No spending recorded" in said.text


async def test_export_as_pdf_in_a_group(chat: ChatHarness, tmp_path: Path) -> None:
    await chat.user("bob").say("hi", chat="trip")
    await _record(chat, "alice", "split 900 taxi with @bob", "trip")
    await _record(chat, "alice", "মাছ 450 tk", "trip")
    said = await chat.user("bob").say("export this month as pdf", chat="trip")
    document = said.document
    assert document.mime_type == "application/pdf" and document.filename.endswith(".pdf")
    (tmp_path / document.filename).write_bytes(document.content)
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(document.content)).pages)
    assert "Ledger · trip" in text and "taxi" in text and "মাছ" in text
    assert "bob owes alice ৳450.00" in text


async def test_export_last_month_as_pdf_with_nothing_in_it(chat: ChatHarness) -> None:
    said = await chat.user("alice").say("export last month as pdf")
    assert "Nothing to export" in said.text


async def test_the_console_and_the_playground_show_the_chart(chat: ChatHarness, tmp_path: Path) -> None:
    from app.playground import shown
    from bots.console import ConsoleSession

    await _record(chat, "alice", "lunch 250")
    out = io.StringIO()
    session = ConsoleSession(chat.runtime.dispatcher, "alice", out=out, export_dir=tmp_path)
    await session.line("summary")
    printed = out.getvalue()
    assert "┌ Spending · " in printed and "[photo: spending-" in printed and " bytes] saved to " in printed
    assert _saved_pngs(tmp_path), "saved beside the exports"
    photo = (await chat.user("alice").say("summary")).photo
    reply = shown(photo)
    assert reply.image is not None and reply.image.startswith("data:image/png;base64,") and reply.text == photo.caption
