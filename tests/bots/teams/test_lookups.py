"""Customer lookups in Teams: Execute on the card's buttons answers with the same card in its new view."""
from __future__ import annotations

from typing import Any

from integrations.ccb.seed import account_id, meter_no
from tests.bots.teams.conftest import ALICE, BOB, TeamsHarness, conversation


def words(card: dict[str, Any]) -> list[str]:
    """Every text a person sees on a card, in order: text blocks, and the titles and values of facts."""
    found: list[str] = []

    def walk(item: Any) -> None:
        if isinstance(item, dict):
            found.extend(str(item[k]) for k in ("text", "title", "value") if isinstance(item.get(k), str))
            for value in item.values():
                if isinstance(value, list | dict):
                    walk(value)
        elif isinstance(item, list):
            for child in item:
                walk(child)

    walk(card["body"])
    return found


def fact(card: dict[str, Any], title: str) -> str:
    for item in card["body"]:
        if item["type"] == "FactSet":
            for entry in item["facts"]:
                if entry["title"] == title:
                    return str(entry["value"])
    raise AssertionError(f"no fact {title!r}")


async def test_lookup_card_buttons_update_the_card(teams: TeamsHarness, ccb: str) -> None:
    await teams.say(ALICE, "hi")
    await teams.runtime.services.identity.grant(ALICE["name"], "operator")
    await teams.say(ALICE, f"customer {account_id(3)}")
    card = teams.last_card("a:personal-alice")
    assert card["body"][0]["text"] == f"Customer {account_id(3)}"
    assert fact(card, "Meter") == meter_no(3)
    buttons = teams.buttons(card)
    assert list(buttons) == ["Balance", "Monthly billing", "Recharge history", "Search another"]
    sent = len(teams.connector.sent_to("a:personal-alice"))

    billing = await teams.execute(ALICE, buttons["Monthly billing"])
    assert billing["statusCode"] == 200 and billing["type"] == "application/vnd.microsoft.card.adaptive"
    seen = words(billing["value"])
    assert "Consumption" in seen and seen[seen.index("Consumption") + 1].endswith(" kWh")
    recharges = await teams.execute(ALICE, teams.buttons(billing["value"])["Recharge history"])
    assert any(text.startswith("Total of ") for text in words(recharges["value"]))
    assert len(teams.connector.sent_to("a:personal-alice")) == sent, "the card changed in place: no new message"


async def test_in_a_group_the_card_is_masked_and_only_its_owner_can_switch_it(teams: TeamsHarness,
                                                                                ccb: str) -> None:
    group = conversation("groupChat")
    await teams.say(ALICE, "hi", group)
    await teams.runtime.services.identity.grant(ALICE["name"], "operator")
    await teams.say(ALICE, f"customer {account_id(5)}", group)
    card = teams.last_card(group["id"])
    assert "*" in fact(card, "Name") and fact(card, "Address") == "hidden in group chats"
    answer = await teams.execute(BOB, teams.buttons(card)["Balance"], group)
    assert answer["statusCode"] == 400 and "Only the person who asked" in answer["value"]["message"]
