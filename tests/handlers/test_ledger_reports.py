"""Summaries, budgets and exports as a person asks for them in chat."""
from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from openpyxl import load_workbook

from core.intents import Intent
from core.nlu.dates import local_today
from core.services.reports import month_of
from tests.harness import ChatHarness


def _this_month(chat: ChatHarness) -> str:
    return month_of(local_today(datetime.now(UTC), chat.runtime.settings.timezone)).title


@pytest.fixture
def parses(chat: ChatHarness, monkeypatch: pytest.MonkeyPatch) -> dict[str, Intent]:
    """Texts read as a given parse (phrasings the parser does not know yet); every other text is parsed."""
    scripted: dict[str, Intent] = {}
    parser = chat.runtime.services.parser
    real = parser.parse

    async def parse(text: str, **kwargs: Any) -> Intent:
        return scripted[text] if text in scripted else await real(text, **kwargs)

    monkeypatch.setattr(parser, "parse", parse)
    return scripted


async def _record(chat: ChatHarness, who: str, text: str, where: str | None = None) -> None:
    person = chat.user(who)
    await person.press(await person.say(text, chat=where), "Save", chat=where)


async def test_summary_by_category_for_this_month(chat: ChatHarness) -> None:
    await _record(chat, "alice", "lunch 250")
    await _record(chat, "alice", "dinner 350")
    await _record(chat, "alice", "taxi 200")
    await _record(chat, "bob", "taxi 999")  # someone else's private ledger is not alice's
    card = (await chat.user("alice").say("summary this month")).card
    facts = dict(card.sections[0].facts)
    assert facts["food"] == "৳600.00 (2)"
    assert facts["transport"] == "৳200.00 (1)"
    assert facts["Total"] == "৳800.00"


async def test_summary_of_an_empty_period(chat: ChatHarness) -> None:
    said = await chat.user("alice").say("summary for january 2020")
    assert "No spending recorded for 01 Jan 2020 – 31 Jan 2020" in said.text


async def test_summary_of_one_category(chat: ChatHarness) -> None:
    await _record(chat, "alice", "lunch 250")
    await _record(chat, "alice", "dinner 350")
    await _record(chat, "alice", "taxi 200")
    card = (await chat.user("alice").say("how much did I spend on food this month")).card
    assert card.title == f"Spending on food · {_this_month(chat)}"
    assert card.sections[0].facts == [("food", "৳600.00 (2)"), ("Total", "৳600.00")]
    said = await chat.user("alice").say("summary food for january 2020")
    assert "No spending on food recorded for 01 Jan 2020 – 31 Jan 2020" in said.text


async def test_my_share_beside_the_group_total(chat: ChatHarness, parses: dict[str, Intent]) -> None:
    for who in ("alice", "bob", "carol"):
        await chat.user(who).say("hi", chat="trip")
    await _record(chat, "alice", "split 900 taxi with @bob", "trip")
    await _record(chat, "bob", "split 300 dinner with @alice @carol", "trip")
    await _record(chat, "carol", "lunch 120", "trip")  # carol's alone: none of bob's share
    parses["my share this month"] = Intent("spending_summary", 0.9, {"share": "mine"})
    card = (await chat.user("bob").say("my share this month", chat="trip")).card
    assert card.title == f"Spending · your share · {_this_month(chat)}"
    assert card.sections[0].facts == [
        ("transport", "yours ৳450.00 of ৳900.00 (1)"),
        ("food", "yours ৳100.00 of ৳420.00 (2)"),
        ("Your share", "৳550.00"),
        ("Group total", "৳1,320.00"),
    ]


async def test_income_share_is_what_i_received(chat: ChatHarness, parses: dict[str, Intent]) -> None:
    await chat.user("bob").say("hi", chat="flat")
    await _record(chat, "alice", "received salary 50000", "flat")
    await _record(chat, "bob", "received salary 20000", "flat")
    parses["my income share"] = Intent("spending_summary", 0.9, {"share": "mine", "direction": "income"})
    card = (await chat.user("alice").say("my income share", chat="flat")).card
    assert card.title.startswith("Income · your share")
    facts = dict(card.sections[0].facts)
    assert facts["Your share"] == "৳50,000.00" and facts["Group total"] == "৳70,000.00"


async def test_spending_with_a_person(chat: ChatHarness, parses: dict[str, Intent]) -> None:
    await chat.user("bob").say("hi", chat="trip")
    await _record(chat, "alice", "split 900 taxi with @bob", "trip")
    await _record(chat, "alice", "dinner 200", "trip")
    await _record(chat, "bob", "lunch 300", "trip")
    parses["spending with @bob"] = Intent("spending_summary", 0.9, {"mentions": ["bob"]})
    card = (await chat.user("alice").say("spending with @bob", chat="trip")).card
    assert card.title == f"Spending with bob · {_this_month(chat)}"
    facts = dict(card.sections[0].facts)
    assert facts["transport"] == "৳900.00 (1)" and facts["food"] == "৳300.00 (1)" and facts["Total"] == "৳1,200.00"
    parses["food with @bob"] = Intent("spending_summary", 0.9, {"mentions": ["bob"], "category": "food",
                                                               "share": "mine"})
    card = (await chat.user("alice").say("food with @bob", chat="trip")).card
    assert card.title == f"Spending on food with bob · your share · {_this_month(chat)}"
    assert card.sections[0].facts == [("food", "yours ৳0.00 of ৳300.00 (1)"), ("Your share", "৳0.00"),
                                      ("Group total", "৳300.00")]


async def test_budget_set_status_and_overspend_warning(chat: ChatHarness) -> None:
    alice = chat.user("alice")
    assert "Budget set: food ৳500.00 per month" in (await alice.say("budget food 500 per month")).text
    await _record(chat, "alice", "lunch 300")
    status = (await alice.say("budgets")).card
    assert dict(status.facts)["food (month)"] == "৳300.00 of ৳500.00 · 60%"
    preview = await alice.say("dinner 400")
    saved = await alice.press(preview, "Save")
    assert "Over the food budget: ৳700.00 of ৳500.00 this month" in saved.text


async def test_a_budget_per_day_counts_todays_spending_and_one_per_year_the_years(chat: ChatHarness) -> None:
    """"daily food budget 500" was set per month; "yearly travel budget 50000" likewise."""
    alice = chat.user("alice")
    today = local_today(datetime.now(UTC), chat.runtime.settings.timezone)
    assert "Budget set: food ৳500.00 per day" in (await alice.say("set a daily food budget of 500")).text
    assert "Budget set: food ৳20,000.00 per year" in (await alice.say("yearly food budget 20000")).text
    await _record(chat, "alice", "dinner 450 yesterday")
    await _record(chat, "alice", "lunch 300")
    status = dict((await alice.say("budgets")).card.facts)
    assert status["food (day)"] == "৳300.00 of ৳500.00 · 60%"
    this_year = 750 if (today - timedelta(days=1)).year == today.year else 300
    assert status["food (year)"] == f"৳{this_year:,}.00 of ৳20,000.00 · {this_year / 20000:.0%}"
    saved = await alice.press(await alice.say("snacks 250"), "Save")
    assert "Over the food budget: ৳550.00 of ৳500.00 that day" in saved.text


async def test_a_figure_for_one_shop_adds_up_only_that_shops_entries(chat: ChatHarness) -> None:
    await _record(chat, "alice", "coffee at Starbucks 300")
    await _record(chat, "alice", "lunch 250")
    await _record(chat, "alice", "muffin starbucks 120")
    card = (await chat.user("alice").say("how much did i spend at starbucks this month")).card
    assert card.title == f"Spending at starbucks · {_this_month(chat)}"
    assert card.sections[0].facts == [("food", "৳300.00 (1)"), ("other", "৳120.00 (1)"), ("Total", "৳420.00")]


async def test_a_figure_for_a_thing_no_category_names_adds_up_the_entries_that_name_it(chat: ChatHarness) -> None:
    await _record(chat, "alice", "tire rotation 3000")
    await _record(chat, "alice", "new tires 12000")
    await _record(chat, "alice", "lunch 250")
    await _record(chat, "alice", "wedding attire 5000")  # holds "tire", names no tire
    card = (await chat.user("alice").say("how much did i spend on tires this month")).card
    assert card.title == f"Spending on tires · {_this_month(chat)}"
    assert card.sections[0].facts[-1] == ("Total", "৳15,000.00")
    batteries = (await chat.user("alice").say("how much did i spend on batteries")).text
    assert batteries.startswith("No spending on batteries recorded")


async def test_spending_asked_from_a_budget_shows_the_budget_beside_the_total(chat: ChatHarness) -> None:
    alice = chat.user("alice")
    await alice.say("budget food 500 per month")
    await _record(chat, "alice", "lunch 300")
    await _record(chat, "alice", "taxi 120")
    card = (await alice.say("how much have i spent from my food budget this month")).card
    assert card.sections[0].facts == [("food", "৳300.00 (1)"), ("Total", "৳300.00")]
    assert card.sections[-1].title == "Budget"
    assert card.sections[-1].facts == [("food (month)", "৳300.00 of ৳500.00 · 60%")]
    unset = (await alice.say("how much did i spend from my transport budget this month")).card
    assert unset.sections[-1].facts[0][0] == "none set"
    await alice.say("budget health 1000 per month")
    nothing = (await alice.say("how much did i spend from my health budget this month")).card
    assert nothing.text.startswith("No spending on health recorded")
    assert nothing.sections[-1].facts == [("health (month)", "৳0.00 of ৳1,000.00 · 0%")]


async def test_spending_of_one_day_named_in_words_counts_that_day_alone(chat: ChatHarness) -> None:
    yesterday = local_today(datetime.now(UTC), chat.runtime.settings.timezone) - timedelta(days=1)
    await _record(chat, "alice", "dinner 500 last night")
    await _record(chat, "alice", "lunch 200")
    card = (await chat.user("alice").say("how much did i spend last night")).card
    assert card.title == f"Spending · {yesterday:%d %b %Y}"
    assert card.sections[0].facts == [("food", "৳500.00 (1)"), ("Total", "৳500.00")]


async def test_a_budget_asked_of_last_month_shows_last_months_budget(chat: ChatHarness) -> None:
    """Today's budget status cannot say how last month went: the summary of last month carries its budget."""
    alice = chat.user("alice")
    await alice.say("budget food 1000 per month")
    last_month_day = local_today(datetime.now(UTC), chat.runtime.settings.timezone).replace(day=1) \
        - timedelta(days=20)
    await _record(chat, "alice", f"dinner 1200 {last_month_day:%d %b %Y}")
    await _record(chat, "alice", "lunch 100")
    card = (await alice.say("did i go over my food budget last month")).card
    assert card.title == f"Spending on food · {last_month_day:%B %Y}"
    assert card.sections[-1].facts == [("food (month)", "৳1,200.00 of ৳1,000.00 · ⚠ over")]
    status = (await alice.say("am i over my food budget")).card  # this month's: only the lunch
    assert dict(status.facts)["food (month)"] == "৳100.00 of ৳1,000.00 · 10%"


async def test_export_csv_and_xlsx(chat: ChatHarness) -> None:
    await _record(chat, "alice", "split 900 taxi with @bob", "trip")
    doc = (await chat.user("alice").say("export", chat="trip")).document
    assert doc.filename.endswith(".csv") and doc.mime_type == "text/csv"
    rows = list(csv.reader(io.StringIO(doc.content.decode("utf-8-sig"))))
    assert rows[0][:6] == ["date", "kind", "description", "category", "amount", "currency"]
    assert [rows[1][2], rows[1][4], rows[1][5]] == ["taxi", "900.00", "BDT"]
    xlsx = (await chat.user("alice").say("export as excel", chat="trip")).document
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet is not None
    assert [c.value for c in sheet[2]][2:6] == ["taxi", "transport", 900, "BDT"]


async def test_export_of_nothing(chat: ChatHarness) -> None:
    said = await chat.user("alice").say("export last month")
    assert "Nothing to export" in said.text


async def test_a_large_export_keeps_a_progress_message_in_the_chat(chat: ChatHarness,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from bots.console import ConsoleNotifier
    from handlers import ledger_reports

    monkeypatch.setattr(ledger_reports, "PROGRESS_FROM_ROWS", 2)
    notifier = ConsoleNotifier(out=io.StringIO())
    chat.runtime.notifiers["console"] = notifier
    await _record(chat, "alice", "lunch 300", "flat")
    assert (await chat.user("alice").say("export", chat="flat")).document
    await chat.runtime.services.outbox.drain(chat.runtime.notifiers, within=5, pause=0.01)
    assert notifier.delivered == [], "a small export needs no progress message"
    await _record(chat, "alice", "dinner 400", "flat")
    doc = (await chat.user("alice").say("export as excel", chat="flat")).document
    await chat.runtime.services.outbox.drain(chat.runtime.notifiers, within=5, pause=0.01)
    titles = [(target, payload["title"], payload["text"]) for target, payload in notifier.delivered]
    assert len(titles) == 1 and titles[0][0] == "group:flat" and titles[0][1].startswith("✅ Export")
    assert doc.filename in titles[0][2] and "2 entries" in titles[0][2]
