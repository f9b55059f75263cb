"""A summary in Teams: the Adaptive Card, then the chart as an inline image attachment (a base64 data URI)."""
from __future__ import annotations

import base64
import io

from PIL import Image

from tests.bots.teams.conftest import ALICE, TeamsHarness, conversation


async def test_summary_sends_the_card_and_an_inline_image(teams: TeamsHarness) -> None:
    preview = await teams.say(ALICE, "lunch 250")
    assert preview.status in (200, 201)
    await teams.execute(ALICE, teams.buttons(teams.last_card("a:personal-alice"))["Save"])
    await teams.say(ALICE, "summary", conversation())
    sent = teams.connector.sent_to("a:personal-alice")
    images = [a for activity in sent for a in activity.get("attachments") or [] if a["contentType"] == "image/png"]
    assert len(images) == 1
    image = images[0]
    assert image["name"].endswith(".png") and image["contentUrl"].startswith("data:image/png;base64,")
    png = base64.b64decode(image["contentUrl"].removeprefix("data:image/png;base64,"))
    assert Image.open(io.BytesIO(png)).size == (800, 700)
    card = teams.last_card("a:personal-alice")
    assert "Spending" in str(card) and "৳250.00" in str(card)
    kinds = [(a.get("attachments") or [{}])[0].get("contentType") for a in sent[-2:]]
    assert kinds == ["application/vnd.microsoft.card.adaptive", "image/png"], "the card first, then the chart"
