"""Statement imports as a person sees them: send a file, read the card, review, import, undo."""
from __future__ import annotations

from datetime import date, timedelta

from tests.harness import ChatHarness

DAY = date.today().replace(day=1) - timedelta(days=20)  # last month, whatever today is


def statement(*rows: tuple[int, str, str]) -> bytes:
    lines = ["Date,Description,Amount"] + [f"{(DAY + timedelta(days=d)):%d/%m/%Y},{what},{amount}"
                                           for d, what, amount in rows]
    return ("\n".join(lines) + "\n").encode()


MARCH = statement((0, "SHWAPNO SUPERMARKET", "-1250.50"), (1, "Uber trip", "-320"), (2, "ACME SALARY", "85000"),
                  (3, "KAZI TRADERS", "-400"), (3, "KAZI TRADERS", "-400"))


async def test_a_statement_becomes_a_summary_card_and_import_writes_it(chat: ChatHarness) -> None:
    alice = chat.user("alice")
    card = await alice.send_file("statement.csv", MARCH)
    assert card.card.title == "Import · statement.csv"
    assert card.fact("Rows") == "5"
    assert card.fact("Spent") == "৳1,970.50"
    assert card.fact("Received") == "৳85,000.00"
    assert card.fact("Duplicates skipped") == "1"
    assert card.fact("Uncategorised") == "1"
    assert card.fact("Dates") == f"{DAY:%d %b %Y} – {DAY + timedelta(days=3):%d %b %Y}"
    assert await chat.entry_count() == 0
    done = await alice.press(card, "Import")
    assert done.text == ("✓ Imported 4 entries from statement.csv (1 duplicates skipped). "
                         "Say \"undo\" to remove the whole import.")
    assert await chat.entry_count() == 4
    again = await alice.press(card, "Import")
    assert again.text.startswith("Already imported — pressing again changes nothing.")
    assert await chat.entry_count() == 4
    summary = await alice.say("summary last month")
    assert "groceries" in summary.text and "transport" in summary.text


async def test_review_pages_through_the_rows_and_changes_a_category(chat: ChatHarness) -> None:
    alice = chat.user("alice")
    rows = [(d % 25, f"Shop {d}", f"-{100 + d}") for d in range(23)] + [(24, "KAZI TRADERS", "-400")]
    card = await alice.send_file("long.csv", statement(*rows))
    review = await alice.press(card, "Review")
    assert review.card.title == "Review · long.csv · page 1 of 3"
    assert review.card.text.splitlines()[0].startswith(f"1. {DAY + timedelta(days=24):%d %b %Y} · KAZI TRADERS")
    assert "Newer" not in [a.label for a in review.card.actions]
    older = await alice.press(review, "Older")
    assert older.card.title == "Review · long.csv · page 2 of 3"
    back = await alice.press(older, "Newer")
    choose = await alice.press(back, "Change 1")
    assert choose.card.title == "Category for KAZI TRADERS?" and choose.fact("Now") == "other"
    changed = await alice.press(choose, "Rent")
    assert changed.card.text.splitlines()[0] == "✓ rent"
    assert changed.card.text.splitlines()[1].endswith("· ৳400.00 · rent")
    summary = await alice.press(changed, "Back")
    assert summary.fact("Uncategorised") == "23"
    await alice.press(summary, "Import")
    assert await chat.entry_count() == 24


async def test_cancel_writes_nothing(chat: ChatHarness) -> None:
    alice = chat.user("alice")
    card = await alice.send_file("statement.csv", MARCH)
    cancelled = await alice.press(card, "Cancel")
    assert cancelled.text == "✗ Cancelled — nothing from statement.csv was written."
    assert "cancelled" in (await alice.press(card, "Import")).text
    assert await chat.entry_count() == 0


async def test_undo_removes_the_whole_import_then_single_entries_again(chat: ChatHarness) -> None:
    alice = chat.user("alice")
    await alice.press(await alice.say("lunch 250"), "Save")
    await alice.press(await alice.send_file("statement.csv", MARCH), "Import")
    assert await chat.entry_count() == 5
    undone = await alice.say("undo")
    assert undone.text == "↩ Removed the import of statement.csv: 4 entries."
    assert await chat.entry_count() == 1
    assert (await alice.say("undo")).text.startswith("↩ Removed your last entry: lunch")


async def test_only_the_sender_may_press_import_in_a_group(chat: ChatHarness) -> None:
    alice, bob = chat.user("alice"), chat.user("bob")
    await bob.say("hi", chat="flat")
    card = await alice.send_file("statement.csv", MARCH, chat="flat")
    refused = await bob.press(card, "Import", chat="flat")
    assert "Only the person who asked" in refused.text
    await alice.press(card, "Import", chat="flat")
    assert await chat.entry_count() == 4


async def test_a_file_that_is_not_a_statement_is_refused_before_it_is_downloaded(chat: ChatHarness) -> None:
    alice = chat.user("alice")
    said = await alice.send_file("holiday.jpg", b"\xff\xd8\xff jpeg")
    assert "send the statement as a CSV or Excel (.xlsx) file" in said.text
    big = await alice.send_file("huge.csv", b"x" * 10, size=6_000_000)
    assert big.text == ("I import statements of up to 5.0 MB, and huge.csv is 6.0 MB. Export a shorter period and "
                        "send that.")
    assert alice.fetched == []
    assert await chat.entry_count() == 0


async def test_a_bad_file_gets_its_own_answer(chat: ChatHarness) -> None:
    alice = chat.user("alice")
    said = await alice.send_file("statement.csv", b"Date,Description\n01/03/2026,Lunch\n")
    assert "amount" in said.text and "Sorry" not in said.text
    empty = await alice.send_file("statement.csv", b"")
    assert empty.text == "statement.csv is empty. Export the statement again and send that file."
    unsized = await alice.send_file("stream.csv", b"y" * 5_000_001, size=None)
    assert "stream.csv is larger than that" in unsized.text
    assert await chat.entry_count() == 0


async def test_a_monthly_payment_is_pointed_out_and_marked(chat: ChatHarness) -> None:
    alice = chat.user("alice")
    months = [DAY - timedelta(days=62), DAY - timedelta(days=31)]
    for day in months:
        await alice.press(await alice.say(f"netflix 1100 on {day:%d %B %Y}"), "Save")
    card = await alice.send_file("statement.csv", statement((4, "NETFLIX.COM", "-1100"), (5, "Lunch", "-250")))
    assert card.fact("Recurring") == "NETFLIX.COM ৳1,100.00 every month — mark as recurring?"
    after = await alice.press(card, "Import")
    assert "Recurring payments?" in after.text
    marked = await alice.press(card, "Mark NETFLIX.COM recurring")
    assert marked.text.startswith("✓ Marked as recurring: NETFLIX.COM ৳1,100.00 every month, around day")
