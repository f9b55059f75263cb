"""Teams shows at most 5 buttons: "Change category" is one dropdown and one Execute, doing what each button did."""
from __future__ import annotations

from typing import Any

from sqlalchemy import select

from core.models import Entry
from tests.bots.teams.conftest import ALICE, MALLORY, TeamsHarness, conversation


def facts(card: dict[str, Any]) -> dict[str, str]:
    return {f["title"]: f["value"] for item in card["body"] if item["type"] == "FactSet" for f in item["facts"]}


async def saved_categories(teams: TeamsHarness) -> list[str]:
    async with teams.runtime.database.sessions() as session:
        return list(await session.scalars(select(Entry.category)))


async def test_choose_a_category_from_the_dropdown(teams: TeamsHarness) -> None:
    await teams.say(ALICE, "spent 450 tk on groceries")
    preview = teams.last_card("a:personal-alice")
    answer = await teams.execute(ALICE, teams.buttons(preview)["Change category"])
    categories = answer["value"]
    assert len(teams.choices(categories)) == 11 and "Transport" in teams.choices(categories)
    assert len(teams.actions(categories)) <= 5, "Teams renders no more than its maxActions"

    chosen = await teams.choose(ALICE, categories, "Transport")
    assert chosen["statusCode"] == 200 and facts(chosen["value"])["Category"] == "transport"
    await teams.execute(ALICE, teams.buttons(chosen["value"])["Save"])
    assert await saved_categories(teams) == ["transport"]


async def test_only_the_owner_can_choose_and_forged_values_do_nothing(teams: TeamsHarness) -> None:
    group = conversation("groupChat")
    await teams.say(ALICE, "lunch 250", group)
    preview = teams.last_card(group["id"])
    categories = (await teams.execute(ALICE, teams.buttons(preview)["Change category"], group))["value"]

    foreign = await teams.choose(MALLORY, categories, "Transport", group)
    assert foreign["statusCode"] == 400 and "Only the person who asked" in foreign["value"]["message"]
    forged = await teams.choose(ALICE, categories, "Transport", group, value="forged-key.3")
    assert forged["statusCode"] == 400 and "not valid" in forged["value"]["message"]
    nothing = await teams.choose(ALICE, categories, "Transport", group, value="")
    assert nothing["statusCode"] == 400

    await teams.execute(ALICE, teams.buttons(preview)["Save"], group)
    assert await saved_categories(teams) == ["food"]
