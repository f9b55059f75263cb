"""Bengali and Bengali-English through the whole chat: lookups, previews, Save, summaries and balances."""
from __future__ import annotations

import pytest

from integrations.ccb.seed import account_id, meter_no
from tests.harness import ChatHarness


async def operator(chat: ChatHarness, name: str = "ops"):  # type: ignore[no-untyped-def]
    await chat.runtime.services.identity.create_user(name, role="operator")
    return chat.user(name)


def bengali_digits(number: str) -> str:
    return number.translate(str.maketrans("0123456789", "০১২৩৪৫৬৭৮৯"))


@pytest.mark.parametrize("text", ["{acct} er balance koto", "bill koto {acct}", "{bn_acct} er balance koto",
                                  "{bn_acct} এর ব্যালেন্স কত", "meter {meter} er recharge"])
async def test_a_customer_asked_about_in_bengali_is_looked_up_never_recorded(chat: ChatHarness, ccb: str,
                                                                              text: str) -> None:
    ops = await operator(chat)
    said = await ops.say(text.format(acct=account_id(5), bn_acct=bengali_digits(account_id(5)), meter=meter_no(5)))
    assert said.card.title == f"Customer {account_id(5)}"
    assert "Save" not in [a.label for a in said.card.actions]
    assert await chat.entry_count() == 0


async def test_a_member_asking_a_balance_by_id_gets_no_expense_preview(chat: ChatHarness, ccb: str) -> None:
    said = await chat.user("rahim").say(f"{account_id(5)} er balance koto")
    assert "৳3,00,00,005" not in said.text
    assert all(a.label != "Save" for r in said.replies for a in getattr(r, "actions", []))
    assert await chat.entry_count() == 0


@pytest.mark.parametrize(("text", "title", "category"), [
    ("500 taka dilam rickshaw e", "Expense · ৳500.00", "transport"),
    ("aaj bazar korlam 1200 tk", "Expense · ৳1,200.00", "groceries"),
    ("৭৫০ টাকা দিলাম রিকশা", "Expense · ৳750.00", "transport"),
])
async def test_bengali_english_spending_is_previewed_then_saved(chat: ChatHarness, text: str, title: str,
                                                                category: str) -> None:
    alice = chat.user("alice")
    preview = await alice.say(text)
    assert preview.card.title == title
    assert preview.fact("Category") == category
    assert await chat.entry_count() == 0
    await alice.press(preview, "Save")
    assert await chat.entry_count() == 1


async def test_spending_asked_in_bengali_english_is_summarised(chat: ChatHarness) -> None:
    alice = chat.user("alice")
    await alice.press(await alice.say("aaj biryani 450 tk"), "Save")
    summary = await alice.say("food e koto khoroch holo ei mashe")
    assert summary.card.title.startswith("Spending")
    assert "৳450.00" in summary.text
    assert await chat.entry_count() == 1


async def test_karim_owes_me_is_recorded_as_his_debt(chat: ChatHarness) -> None:
    alice = chat.user("alice")
    preview = await alice.say("karim er kache 300 pai", chat="mess")
    assert preview.card.title.endswith("৳300.00")
    await alice.press(preview, "Save", chat="mess")
    balances = await alice.say("balances", chat="mess")
    assert "karim owes alice ৳300.00" in balances.text



@pytest.mark.parametrize(("text", "title"), [("abbu amake 2 hajar 500 diye dise", "Income · ৳2,500.00"),
                                             ("মা ২০০০ টাকা পাঠালো", "Income · ৳2,000.00")])
async def test_money_from_family_is_previewed_and_saved_as_income(chat: ChatHarness, text: str, title: str) -> None:
    alice = chat.user("alice")
    preview = await alice.say(text)
    assert preview.card.title == title
    await alice.press(preview, "Save")
    assert await chat.entry_count() == 1
    assert "Income" in (await alice.say("my income this month")).text


async def test_a_plan_in_bengali_script_offers_nothing_to_save(chat: ChatHarness) -> None:
    said = await chat.user("alice").say("কাল রহিমকে ৫০০ টাকা দিবো")
    assert all(a.label != "Save" for r in said.replies for a in getattr(r, "actions", []))
    assert "once it has been paid" in said.text
    assert await chat.entry_count() == 0
