"""Entry lists: newest first a page at a time, totals of every match, and filters by text, person, date and kind."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from bots.console import address_for
from core.errors import BadInput
from core.intents import Intent
from core.services.entry_lists import EntryFilter, EntryPage, checked_limit
from core.services.identity import ChatInfo
from core.services.reports import Period, like_pattern
from core.turn import Actor, Sender
from tests.harness import ChatHarness


async def _record(chat: ChatHarness, who: str, text: str, where: str | None = None) -> None:
    person = chat.user(who)
    said = await person.say(text, chat=where)
    await person.press(said, "Save", chat=where)


async def _as(chat: ChatHarness, who: str, where: str | None = None) -> tuple[ChatInfo, Actor]:
    actor, info = await chat.runtime.services.identity.resolve(address_for(who, where), Sender(who, who, who))
    return info, actor


async def _page(chat: ChatHarness, who: str, where: str | None = None, wanted: EntryFilter | None = None,
                **paging: Any) -> EntryPage:
    info, actor = await _as(chat, who, where)
    return await chat.runtime.services.entry_lists.page(info, actor, wanted or EntryFilter(), **paging)


async def test_pages_run_newest_first_and_the_totals_count_every_match(chat: ChatHarness) -> None:
    for day in range(1, 13):
        await _record(chat, "alice", f"coffee {10 + day} on {day} jan 2025")
    first = await _page(chat, "alice", limit=5)
    assert [e.occurred_on.day for e in first.entries] == [12, 11, 10, 9, 8]
    assert first.count == 12 and not first.has_newer and first.has_older
    [total] = first.totals
    assert (total.kind, total.currency, total.amount, total.count) == ("expense", "BDT", Decimal("198.00"), 12)
    second = await _page(chat, "alice", limit=5, offset=5)
    assert [e.occurred_on.day for e in second.entries] == [7, 6, 5, 4, 3] and second.has_newer and second.has_older
    last = await _page(chat, "alice", limit=5, offset=10)
    assert [e.occurred_on.day for e in last.entries] == [2, 1] and last.has_newer and not last.has_older
    assert last.totals == first.totals


async def test_the_same_day_lists_the_later_recorded_first(chat: ChatHarness) -> None:
    await _record(chat, "alice", "lunch 100 on 3 jan 2025")
    await _record(chat, "alice", "dinner 200 on 3 jan 2025")
    assert [e.description for e in (await _page(chat, "alice")).entries] == ["dinner", "lunch"]


async def test_search_matches_the_description_whatever_the_case(chat: ChatHarness) -> None:
    await _record(chat, "alice", "shwapno groceries 450 on 3 jan 2025")
    await _record(chat, "alice", "Shwapno mart 120 on 4 feb 2025")
    await _record(chat, "alice", "meena bazar 300 on 5 feb 2025")
    page = await _page(chat, "alice", wanted=EntryFilter(search="SHWAPNO"))
    assert [e.description for e in page.entries] == ["Shwapno mart", "shwapno groceries"]
    assert page.totals[0].amount == Decimal("570.00")


async def test_percent_and_underscore_in_a_search_are_taken_literally(chat: ChatHarness,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    real = chat.runtime.services.parser.parse

    async def parse(text: str, **kwargs: Any) -> Intent:
        if text.startswith("!"):
            return Intent("record_transaction", 0.9, {"amount": "100", "currency": "BDT", "direction": "expense",
                                                      "description": text[1:], "category": "shopping"})
        return await real(text, **kwargs)

    monkeypatch.setattr(chat.runtime.services.parser, "parse", parse)
    for description in ("100% cotton shirt", "cotton shirt", "blue_shirt"):
        await _record(chat, "alice", "!" + description)

    async def found(search: str) -> list[str]:
        return [e.description for e in (await _page(chat, "alice", wanted=EntryFilter(search=search))).entries]

    assert await found("%") == ["100% cotton shirt"]
    assert await found("0% c") == ["100% cotton shirt"]
    assert await found("_") == ["blue_shirt"]
    assert await found("e_s") == ["blue_shirt"]
    assert await found("shirt") == ["blue_shirt", "cotton shirt", "100% cotton shirt"]


def test_like_patterns_escape_their_wildcards() -> None:
    assert like_pattern("50%_off\\") == "%50\\%\\_off\\\\%"


async def test_a_person_filter_keeps_what_they_paid_or_have_a_share_of(chat: ChatHarness) -> None:
    for who in ("alice", "bob", "carol"):
        await chat.user(who).say("hi", chat="trip")
    await _record(chat, "alice", "split 900 taxi with @bob", "trip")
    await _record(chat, "bob", "lunch 300", "trip")
    await _record(chat, "alice", "dinner 200", "trip")
    await _record(chat, "carol", "split 600 hotel with @alice", "trip")
    info, alice = await _as(chat, "alice", "trip")
    [bob] = await chat.runtime.services.reports.people(info, ["bob"], [])
    page = await chat.runtime.services.entry_lists.page(info, alice, EntryFilter(people=(bob.user_id,)))
    assert sorted(e.description for e in page.entries) == ["lunch", "taxi"]
    assert page.totals[0].amount == Decimal("1200.00")
    [carol] = await chat.runtime.services.reports.people(info, ["carol"], [])
    both = await chat.runtime.services.entry_lists.page(info, alice, EntryFilter(people=(bob.user_id, carol.user_id)))
    assert both.entries == []


async def test_nobody_known_by_a_name_is_said_so(chat: ChatHarness) -> None:
    info, _ = await _as(chat, "alice", "trip")
    with pytest.raises(BadInput, match="zed"):
        await chat.runtime.services.reports.people(info, ["zed"], [])


async def test_a_period_keeps_the_entries_dated_in_it(chat: ChatHarness) -> None:
    await _record(chat, "alice", "shwapno groceries 450 on 3 jan 2025")
    await _record(chat, "alice", "meena bazar 300 on 5 feb 2025")
    await _record(chat, "alice", "lunch 100 on 31 jan 2025")
    january = Period(date(2025, 1, 1), date(2025, 1, 31))
    page = await _page(chat, "alice", wanted=EntryFilter(period=january))
    assert [e.description for e in page.entries] == ["lunch", "shwapno groceries"]


async def test_kind_and_category_filters(chat: ChatHarness) -> None:
    await _record(chat, "alice", "received salary 50000 on 1 jan 2025")
    await _record(chat, "alice", "lunch 100 on 2 jan 2025")
    await _record(chat, "alice", "taxi 80 on 2 jan 2025")
    income = await _page(chat, "alice", wanted=EntryFilter(direction="income"))
    assert [(e.kind, e.amount) for e in income.entries] == [("income", Decimal("50000.00"))]
    assert [(t.kind, t.amount) for t in income.totals] == [("income", Decimal("50000.00"))]
    everything = await _page(chat, "alice")
    assert [(t.kind, t.amount) for t in everything.totals] == [("expense", Decimal("180.00")),
                                                               ("income", Decimal("50000.00"))]
    food = await _page(chat, "alice", wanted=EntryFilter(category="food", direction="expense"))
    assert [e.description for e in food.entries] == ["lunch"]
    with pytest.raises(BadInput):
        EntryFilter(direction="refunds")


async def test_only_what_the_person_may_read_and_never_undone_entries(chat: ChatHarness) -> None:
    await _record(chat, "alice", "lunch 100")
    await _record(chat, "alice", "dinner 200")
    assert "Removed" in (await chat.user("alice").say("undo")).text
    await _record(chat, "bob", "taxi 999")  # bob's private ledger
    await _record(chat, "bob", "split 300 snacks with @alice", "trip")  # the group's, not alice's private one
    mine = await _page(chat, "alice")
    assert [e.description for e in mine.entries] == ["lunch"]
    group = await _page(chat, "alice", "trip")
    assert [(e.description, e.payer) for e in group.entries] == [("snacks", "bob")]


async def test_a_page_past_the_end_shows_the_last_one(chat: ChatHarness) -> None:
    for day in (1, 2, 3):
        await _record(chat, "alice", f"coffee 10 on {day} jan 2025")
    page = await _page(chat, "alice", limit=2, offset=10)
    assert page.offset == 2 and [e.occurred_on.day for e in page.entries] == [1]


def test_limits_are_one_to_fifty_and_ten_by_default() -> None:
    assert checked_limit(None) == 10 and checked_limit("5") == 5 and checked_limit(50) == 50
    for wrong in (0, 51, "many", -3):
        with pytest.raises(BadInput):
            checked_limit(wrong)


def test_a_filter_survives_a_button_payload() -> None:
    import json

    wanted = EntryFilter(search="shwapno", people=(3,), names=("bob",),
                         period=Period(date(2025, 1, 1), date(2025, 1, 31)), category="food", direction="expense",
                         min_amount=Decimal("20"), max_amount=Decimal("50.5"), currency="USD", largest=True)
    assert EntryFilter.from_payload(json.loads(json.dumps(wanted.as_payload()))) == wanted
    assert EntryFilter.from_payload({}) == EntryFilter()


async def test_amount_bounds_keep_entries_within_them_in_each_entrys_currency(chat: ChatHarness) -> None:
    await _record(chat, "alice", "lunch 100 on 2 jan 2025")
    await _record(chat, "alice", "laptop 85000 on 3 jan 2025")
    await _record(chat, "alice", "novel $40 on 4 jan 2025")
    await _record(chat, "alice", "hotel $120 on 5 jan 2025")
    over_100 = await _page(chat, "alice", wanted=EntryFilter(min_amount=Decimal("100")))
    assert [e.description for e in over_100.entries] == ["hotel", "laptop", "lunch"]
    dollars = await _page(chat, "alice", wanted=EntryFilter(min_amount=Decimal("30"), max_amount=Decimal("100"),
                                                            currency="USD"))
    assert [e.description for e in dollars.entries] == ["novel"]
    assert [(t.currency, t.amount) for t in dollars.totals] == [("USD", Decimal("40.00"))]
    largest = await _page(chat, "alice", wanted=EntryFilter(largest=True, currency="BDT"))
    assert [e.description for e in largest.entries] == ["laptop", "lunch"]


@pytest.mark.parametrize("payload", [{"min_amount": "lots"}, {"min_amount": "-5"}, {"max_amount": "NaN"},
                                     {"currency": "XYZ"}, {"min_amount": "50", "max_amount": "10"},
                                     {"min_amount": "1000000000000000", "currency": "CLF"}])
def test_a_forged_amount_filter_is_refused_in_words(payload: dict[str, Any]) -> None:
    with pytest.raises(BadInput):
        EntryFilter.from_payload(payload)


async def test_asking_for_purchases_over_an_amount_lists_them_and_saves_nothing(chat: ChatHarness) -> None:
    await _record(chat, "alice", "lunch 100 on 2 jan 2025")
    await _record(chat, "alice", "laptop 85000 on 3 jan 2025")
    card = (await chat.user("alice").say("purchases over 500 tk")).card
    assert "laptop" in card.text and "lunch" not in card.text
    assert "500" in card.title and "Save" not in [action.label for action in card.actions]
    entries = await _page(chat, "alice")
    assert entries.count == 2


async def test_a_bound_between_two_minor_units_keeps_only_what_is_within_it(chat: ChatHarness) -> None:
    await _record(chat, "alice", "tea 10.00 on 2 jan 2025")
    await _record(chat, "alice", "cake 10.01 on 3 jan 2025")
    up_to = await _page(chat, "alice", wanted=EntryFilter(max_amount=Decimal("10.005")))
    assert [e.description for e in up_to.entries] == ["tea"]
    from_ = await _page(chat, "alice", wanted=EntryFilter(min_amount=Decimal("10.005")))
    assert [e.description for e in from_.entries] == ["cake"]


def test_a_currency_alone_is_a_filter() -> None:
    assert not EntryFilter(currency="USD").is_empty
