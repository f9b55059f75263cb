"""Statement imports at the service: categories, duplicates, one transaction on Import, undo, remembered columns,
recurring payments, and bad files refused with nothing written."""
from __future__ import annotations

import asyncio
import io
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from app.runtime import Runtime
from bots.console import address_for
from core.errors import BadInput, NotYours, UserError
from core.models import Entry, Share
from core.models_imports import Recurring, StatementImport, StatementMapping
from core.services.identity import ChatInfo
from core.services.import_rows import normalised, similar
from core.turn import Actor, Sender

TODAY = date.today()
THIS_MONTH = TODAY.replace(day=1)


def month_ago(months: int, day: int = 5) -> date:
    first = THIS_MONTH
    for _ in range(months):
        first = (first - timedelta(days=1)).replace(day=1)
    return first.replace(day=day)


def csv_of(rows: list[tuple[date, str, str]], *, month_first: bool = False) -> bytes:
    """A one-amount-column statement: negative amounts are money out."""
    shape = "%m/%d/%Y" if month_first else "%d/%m/%Y"
    lines = ["Date,Description,Amount"] + [f"{day.strftime(shape)},{what},{amount}" for day, what, amount in rows]
    return ("\n".join(lines) + "\n").encode()


async def alice(runtime: Runtime, chat: str | None = None) -> tuple[Actor, ChatInfo]:
    return await runtime.services.identity.resolve(address_for("alice", chat), Sender("alice", "alice", "alice"))


async def live_entries(runtime: Runtime) -> list[Entry]:
    async with runtime.database.sessions() as session:
        return list(await session.scalars(select(Entry).where(Entry.voided_at.is_(None)).order_by(Entry.id)))


async def count(runtime: Runtime, model: type) -> int:
    async with runtime.database.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def recorded(runtime: Runtime, actor: Actor, chat: ChatInfo, *, amount: str, description: str,
                   category: str, on: date) -> None:
    ledger = runtime.services.ledger
    draft = await ledger.draft(actor, chat, kind="expense", amount=Decimal(amount), currency="BDT",
                               description=description, category=category, occurred_on=on, participants=[])
    await ledger.confirm(draft.id, actor)


def test_descriptions_match_without_reference_numbers() -> None:
    assert normalised("POS 4411 SHWAPNO-GULSHAN 17/03") == "pos shwapno gulshan"
    assert similar(normalised("NETFLIX.COM 8812"), normalised("Netflix.com"))
    assert similar(normalised("Uber trip 1123"), normalised("UBER TRIP HELP.UBER.COM"))
    assert not similar(normalised("Shwapno"), normalised("Agora"))


async def test_a_statement_is_categorised_and_counted_before_anything_is_written(runtime: Runtime) -> None:
    actor, chat = await alice(runtime)
    data = csv_of([(month_ago(0, 2), "SHWAPNO SUPERMARKET", "-1250.50"), (month_ago(0, 3), "Uber trip", "-320"),
                   (month_ago(0, 4), "ACME LTD SALARY", "85000"), (month_ago(0, 6), "KAZI TRADERS", "-400")])
    view = await runtime.services.imports.preview(actor, chat, data, "statement.csv")
    assert (view.totals.found, view.totals.duplicates, view.totals.uncategorised) == (4, 0, 1)
    assert view.totals.of("expense") == [("BDT", Decimal("1970.50"))]
    assert view.totals.of("income") == [("BDT", Decimal("85000.00"))]
    assert (view.totals.first, view.totals.last) == (month_ago(0, 2), month_ago(0, 6))
    page = await runtime.services.imports.review_page(view.id, actor, 0)
    assert {row.description: row.category for _, row in page.rows} == {
        "SHWAPNO SUPERMARKET": "groceries", "Uber trip": "transport", "ACME LTD SALARY": "salary",
        "KAZI TRADERS": "other"}
    assert await live_entries(runtime) == []


async def test_the_persons_own_earlier_category_wins_over_the_keywords(runtime: Runtime) -> None:
    actor, chat = await alice(runtime)
    await recorded(runtime, actor, chat, amount="99", description="Kazi Traders", category="rent",
                   on=month_ago(2))
    await recorded(runtime, actor, chat, amount="99", description="Coffee World", category="shopping",
                   on=month_ago(2))
    data = csv_of([(month_ago(0, 2), "KAZI TRADERS 0042", "-400"), (month_ago(0, 3), "COFFEE WORLD", "-250")])
    view = await runtime.services.imports.preview(actor, chat, data, "statement.csv")
    page = await runtime.services.imports.review_page(view.id, actor, 0)
    assert sorted(row.category for _, row in page.rows) == ["rent", "shopping"]
    assert view.totals.uncategorised == 0


async def test_duplicates_of_entries_and_within_the_file_are_skipped(runtime: Runtime) -> None:
    actor, chat = await alice(runtime)
    day = month_ago(0, 3)
    await recorded(runtime, actor, chat, amount="1250.50", description="shwapno", category="groceries", on=day)
    data = csv_of([(day, "POS SHWAPNO GULSHAN 4411", "-1250.50"),   # the entry recorded in chat
                   (day, "Shwapno", "-1250.50"),                    # … and once more in the file
                   (day, "Agora", "-1250.50"),                      # same day and amount, another shop
                   (month_ago(0, 4), "Shwapno", "-1250.50")])       # another day
    imports = runtime.services.imports
    view = await imports.preview(actor, chat, data, "statement.csv")
    assert view.totals.duplicates == 2
    done = await imports.confirm(view.id, actor)
    assert done.written == 2
    assert sorted(e.description for e in await live_entries(runtime) if e.import_id) == ["Agora", "Shwapno"]


async def test_import_writes_every_row_at_once_and_a_second_press_is_harmless(runtime: Runtime) -> None:
    actor, chat = await alice(runtime)
    rows = [(month_ago(0, 1 + n % 20), f"Shop {chr(65 + n % 26)}{n}", f"-{100 + n}") for n in range(40)]
    imports = runtime.services.imports
    view = await imports.preview(actor, chat, csv_of([*rows, (month_ago(0, 2), "Salary", "50000")]), "march.csv")
    assert await count(runtime, Entry) == 0
    first, second = await asyncio.gather(imports.confirm(view.id, actor), imports.confirm(view.id, actor))
    assert sorted([first.already, second.already]) == [False, True]
    assert first.written == second.written == 41
    again = await imports.confirm(view.id, actor)
    assert again.already and again.written == 41
    entries = await live_entries(runtime)
    assert len(entries) == 41 and {e.import_id for e in entries} == {view.id}
    assert {e.recorded_by for e in entries} == {actor.id} and {e.currency for e in entries} == {"BDT"}
    # an expense is the importer's own, as one recorded alone: balances and shares see it so
    assert await count(runtime, Share) == 40


async def test_someone_else_cannot_import_or_review_it(runtime: Runtime) -> None:
    actor, chat = await alice(runtime, "trip")
    bob, _ = await runtime.services.identity.resolve(address_for("bob", "trip"), Sender("bob", "bob", "bob"))
    view = await runtime.services.imports.preview(actor, chat, csv_of([(month_ago(0, 2), "Lunch", "-250")]), "s.csv")
    with pytest.raises(NotYours):
        await runtime.services.imports.confirm(view.id, bob)
    with pytest.raises(NotYours):
        await runtime.services.imports.review_page(view.id, bob, 0)
    assert await count(runtime, Entry) == 0


async def test_cancel_writes_nothing_and_import_after_it_is_refused(runtime: Runtime) -> None:
    actor, chat = await alice(runtime)
    imports = runtime.services.imports
    view = await imports.preview(actor, chat, csv_of([(month_ago(0, 2), "Lunch", "-250")]), "s.csv")
    await imports.cancel(view.id, actor)
    with pytest.raises(UserError, match="cancelled"):
        await imports.confirm(view.id, actor)
    assert await count(runtime, Entry) == 0


async def test_a_category_chosen_in_review_goes_to_the_same_payments(runtime: Runtime) -> None:
    actor, chat = await alice(runtime)
    imports = runtime.services.imports
    data = csv_of([(month_ago(0, 2), "KAZI TRADERS 11", "-400"), (month_ago(0, 9), "Kazi Traders 12", "-410"),
                   (month_ago(0, 5), "Lunch", "-250")])
    view = await imports.preview(actor, chat, data, "s.csv")
    page = await imports.review_page(view.id, actor, 0)
    place = next(n for n, row in page.rows if row.description == "Kazi Traders 12")
    page, changed = await imports.set_category(view.id, actor, place, "rent")
    assert changed == 2 and page.view.totals.uncategorised == 0
    await imports.confirm(view.id, actor)
    assert sorted((e.description, e.category) for e in await live_entries(runtime)) == [
        ("KAZI TRADERS 11", "rent"), ("Kazi Traders 12", "rent"), ("Lunch", "food")]


async def test_undo_removes_the_whole_import(runtime: Runtime) -> None:
    actor, chat = await alice(runtime)
    await recorded(runtime, actor, chat, amount="80", description="tea", category="food", on=month_ago(1))
    imports = runtime.services.imports
    view = await imports.preview(actor, chat, csv_of([(month_ago(0, d), f"Shop {d}", "-10") for d in range(1, 13)]),
                                 "s.csv")
    await imports.confirm(view.id, actor)
    assert len(await live_entries(runtime)) == 13
    undone = await imports.undo_latest(actor, chat, key="console:u1")
    assert undone is not None and (undone.filename, undone.removed) == ("s.csv", 12)
    assert [e.description for e in await live_entries(runtime)] == ["tea"]
    again = await imports.undo_latest(actor, chat, key="console:u1")  # the same update run again
    assert again is not None and again.removed == 12
    assert await imports.undo_latest(actor, chat) is None  # the latest entry now is not an import's
    async with runtime.database.sessions() as session:
        assert (await session.get(StatementImport, view.id)).status == "undone"  # type: ignore[union-attr]


async def test_the_columns_confirmed_for_a_bank_are_used_for_its_next_file(runtime: Runtime) -> None:
    actor, chat = await alice(runtime)
    imports = runtime.services.imports
    day = date(TODAY.year - 1, 3, 25)  # 03/25: the bank writes the month first
    first = await imports.preview(actor, chat, csv_of([(day, "Lunch", "-250")], month_first=True), "jan.csv")
    assert not first.remembered
    await imports.confirm(first.id, actor)
    assert await count(runtime, StatementMapping) == 1
    # 03/04 alone could be either: the bank's remembered columns say March 4th
    second = await imports.preview(actor, chat, csv_of([(date(TODAY.year - 1, 3, 4), "Dinner", "-300")],
                                                       month_first=True), "feb.csv")
    assert second.remembered
    assert second.totals.first == date(TODAY.year - 1, 3, 4)


async def test_a_monthly_payment_is_pointed_out_and_marked(runtime: Runtime) -> None:
    actor, chat = await alice(runtime)
    for months in (2, 1):
        await recorded(runtime, actor, chat, amount="1100", description="Netflix", category="entertainment",
                       on=month_ago(months))
    imports = runtime.services.imports
    data = csv_of([(month_ago(0, 5), "NETFLIX.COM 8812", "-1150"), (month_ago(0, 6), "Lunch", "-250")])
    view = await imports.preview(actor, chat, data, "s.csv")
    assert [(h.description, h.amount, h.months, h.day) for h in view.hints] == [
        ("NETFLIX.COM 8812", Decimal("1150.00"), 3, 5)]
    hint = await imports.mark_recurring(view.id, actor, 0)
    await imports.mark_recurring(view.id, actor, 0)  # pressed twice: marked once
    assert await count(runtime, Recurring) == 1
    assert [(h.description, h.day) for h in await imports.recurring(chat)] == [(hint.description, 5)]
    later = await imports.preview(actor, chat, data, "again.csv")
    assert later.hints == ()


async def test_amounts_that_vary_too_much_are_not_recurring(runtime: Runtime) -> None:
    actor, chat = await alice(runtime)
    for months, amount in ((2, "1100"), (1, "1500")):
        await recorded(runtime, actor, chat, amount=amount, description="Daraz", category="shopping",
                       on=month_ago(months))
    view = await runtime.services.imports.preview(actor, chat, csv_of([(month_ago(0, 5), "Daraz", "-1100")]), "s.csv")
    assert view.hints == ()


def _xlsx(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


async def test_an_excel_statement_with_debit_and_credit_columns(runtime: Runtime) -> None:
    actor, chat = await alice(runtime)
    data = _xlsx([["Txn Date", "Narration", "Withdrawal", "Deposit", "Balance"],
                  [month_ago(0, 2).strftime("%d/%m/%Y"), "Pharmacy", 540, None, 10000],
                  [month_ago(0, 3).strftime("%d/%m/%Y"), "Refund", None, 200, 10200]])
    view = await runtime.services.imports.preview(actor, chat, data, "statement.xlsx")
    assert view.totals.of("expense") == [("BDT", Decimal("540.00"))]
    assert view.totals.of("income") == [("BDT", Decimal("200.00"))]


@pytest.mark.parametrize(("name", "data", "says"), [
    ("scan.pdf", b"%PDF-1.7 not a statement", "PDF"),
    ("empty.csv", b"", "empty"),
    ("names.csv", b"Name,Phone\nKarim,0171\nNadia,0181\n", "couldn't find a date column"),
    ("notes.csv", b"Date,Description\n02/03/2026,Lunch\n03/03/2026,Tea\n", "amount"),
    ("mixed.csv", b"Date,Description,Amount\n02/03/2026,Lunch,-$12\n03/03/2026,Tea,-Tk 50\n", "several currencies"),
    ("sums.csv", b"Date,Description,Amount\n02/03/2026,Lunch,=SUM(A1:A2)\n03/03/2026,Tea,=B2*2\n",
     "unreadable amount"),
])
async def test_a_bad_file_gets_its_own_answer_and_nothing_is_written(runtime: Runtime, name: str, data: bytes,
                                                                     says: str) -> None:
    actor, chat = await alice(runtime)
    with pytest.raises(BadInput) as refused:
        await runtime.services.imports.preview(actor, chat, data, name)
    assert says in refused.value.message
    assert await count(runtime, StatementImport) == 0


async def test_a_file_over_the_limit_is_refused(runtime: Runtime) -> None:
    actor, chat = await alice(runtime)
    imports = runtime.services.imports
    with pytest.raises(BadInput, match=r"up to 5\.0 MB"):
        await imports.preview(actor, chat, b"x" * (imports.max_bytes + 1), "big.csv")
    assert await count(runtime, StatementImport) == 0


async def test_a_long_statement_gets_a_progress_message(runtime: Runtime) -> None:
    from core.models import OutboxMessage

    actor, chat = await alice(runtime)
    rows = [(month_ago(n % 3, 1 + n % 27), f"Shop {n}", f"-{100 + n}") for n in range(3000)]
    imports = runtime.services.imports
    target = (("console", "dm:alice"),)
    view = await imports.preview(actor, chat, csv_of(rows), "year.csv", notify=target)
    await imports.confirm(view.id, actor, notify=target)
    async with runtime.database.sessions() as session:
        titles = [payload.get("title") for payload in await session.scalars(
            select(OutboxMessage.payload).where(OutboxMessage.kind == "progress"))]
    assert titles == ["✅ Import year.csv", "✅ Import year.csv"]  # started, then edited in place when done
    assert len(await live_entries(runtime)) == 3000


FIXTURES = Path(__file__).resolve().parents[2] / "data" / "statements"


@pytest.mark.parametrize(("name", "rows"), [("signed_amount.csv", 30), ("debit_credit.csv", 12),
                                            ("title_block.xlsx", 8)])
async def test_the_three_statement_layouts_import(runtime: Runtime, name: str, rows: int) -> None:
    actor, chat = await alice(runtime)
    imports = runtime.services.imports
    view = await imports.preview(actor, chat, (FIXTURES / name).read_bytes(), name)
    assert view.totals.found == rows and view.totals.of("expense")
    done = await imports.confirm(view.id, actor)
    assert done.written == rows - view.totals.duplicates == len(await live_entries(runtime))
    again = await imports.preview(actor, chat, (FIXTURES / name).read_bytes(), name)  # the same file once more
    assert again.remembered and again.totals.duplicates == rows


@pytest.mark.parametrize(("name", "says"), [("empty.csv", "empty"), ("no_amount.csv", "amount"),
                                            ("mixed_currencies.csv", "several currencies"),
                                            ("not_a_statement.csv", "PNG image")])
async def test_the_bad_fixture_files_are_refused(runtime: Runtime, name: str, says: str) -> None:
    actor, chat = await alice(runtime)
    with pytest.raises(BadInput, match=says):
        await runtime.services.imports.preview(actor, chat, (FIXTURES / name).read_bytes(), name)
    assert await count(runtime, StatementImport) == 0
