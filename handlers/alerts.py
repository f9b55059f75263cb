"""Acting on alerts in chat: Ack / Snooze / Resolve buttons on every copy, "ack" / "resolve" / "snooze 30m" said in
reply to an alert, and "open alerts"."""
from __future__ import annotations

from datetime import datetime, timedelta

from core.context import Context
from core.errors import BadInput, NotAllowed, NotFound, UserError
from core.replies import Card, Reply, Text
from core.router import Router
from core.services.alert_cards import alert_card, alert_message
from core.services.alert_times import snooze_end
from core.services.alerts import Acted

router = Router("alerts")
LISTED = 5  # cards in one "open alerts" answer; the rest are counted
MAX_SNOOZE = timedelta(days=7)
UNITS = ((1440, "day"), (60, "hour"), (1, "minute"))  # a snooze's length said in the largest whole one
AT_ONCE = 50  # "mute all alerts", "resolve all batch alerts": the alerts one message acts on
# what "ack all" / "resolve all" / "mute all" act on: the live alerts the action changes ("mute all" leaves the
# acknowledged and the already snoozed as they are)
ACTED_ON = {"ack": ("open",), "snooze": ("open",), "resolve": ("open", "acknowledged", "snoozed")}
DONE = {"ack": "Acknowledged", "snooze": "Snoozed", "resolve": "Resolved"}


def _operator(ctx: Context) -> str:
    """Who acts, as shown on every copy; only operators and admins may."""
    actor = ctx.require_actor()
    if not actor.has_role("operator", "admin"):
        raise NotAllowed("Only operators and admins can acknowledge, snooze or resolve alerts.")
    return actor.display_name or actor.name


@router.action("alert_ack", "alert_snooze", "alert_resolve", open=True)
async def press(ctx: Context) -> list[Reply]:
    """A button on an alert: on a delivered copy (an open key, valid where a copy was delivered) or on an
    "open alerts" answer (this chat's own key). The pressed message shows the outcome; the other copies follow."""
    assert ctx.action is not None
    by = _operator(ctx)
    alert_id = _alert_id(str(ctx.action.payload.get("arg", "")))
    verb = ctx.action.id.removeprefix("alert_")
    address = ctx.turn.address
    acted = await ctx.services.alerts.act(alert_id, verb, by=by,
                                          where=(address.channel, address.chat_id) if ctx.action.open else None)
    return _answer(ctx, acted, verb, copy=ctx.action.open)


@router.intent("alert_update")
async def update(ctx: Context) -> list[Reply]:
    """"ack", "resolve", "snooze 30m" in reply to an alert's message (or naming it: "ack 12")."""
    verb = str(ctx.entities.get("verb", ""))
    by = _operator(ctx)
    if ctx.entities.get("all"):
        return await _act_on_all(ctx, by, verb)
    if several := ctx.entities.get("alerts"):
        return await _act_on_several(ctx, by, verb, [int(n) for n in several])
    address = ctx.turn.address
    alert_id = ctx.entities.get("alert")
    if alert_id is None and ctx.turn.reply_to is not None:
        alert_id = await ctx.services.alerts.copy_at(address.channel, address.chat_id, ctx.turn.reply_to)
    if alert_id is None:
        raise UserError(f"Which alert? Reply \"{verb}\" to the alert's message, or say \"{verb} 12\" with its "
                        "number. \"open alerts\" lists them.")
    acted = await ctx.services.alerts.act(int(alert_id), verb, by=by, snooze=_snooze_of(ctx)[0])
    return _answer(ctx, acted, verb, copy=False)


def _snooze_of(ctx: Context) -> tuple[timedelta | None, datetime | None]:
    """The snooze's length, said ("for 2 hours") or up to a time said ("till 9", "till morning"), and that time."""
    minutes, until = ctx.entities.get("minutes"), ctx.entities.get("until")
    snooze, ends = (timedelta(minutes=int(minutes)) if minutes else None), None
    if snooze is None and until:
        now = ctx.services.alerts.now()
        if (ends := snooze_end(str(until), now)) is None:
            raise UserError(f"Till when is \"{until}\"? Say a time or how long, e.g. \"till 9 am\" or \"for 2 "
                            "hours\".")
        snooze = max(ends - now, timedelta(minutes=1))
    if snooze is not None and not timedelta(minutes=1) <= snooze <= MAX_SNOOZE:
        raise BadInput("Snooze for 1 minute to 7 days, e.g. \"snooze 30m\" or \"snooze 2h\".")
    return snooze, ends


async def _act_on_several(ctx: Context, by: str, verb: str, numbers: list[int]) -> list[Reply]:
    """"ack 19 and 20", "resolve 19, 20": each alert named, in turn, one line each; one that is not there or is for
    information says so and the others are still acted on."""
    snooze = _snooze_of(ctx)[0]
    lines, acted_on = [], []
    for number in dict.fromkeys(numbers):  # each once, in the order named
        try:
            acted = await ctx.services.alerts.act(number, verb, by=by, snooze=snooze)
        except (NotFound, NotAllowed) as refused:
            lines.append(f"Alert #{number}: {refused}")
            continue
        if acted.changed:
            acted_on.append(number)
        lines.append(f"{'✓ ' if acted.changed else ''}Alert #{number}: {acted.note}")
    ctx.detail.update(alerts=acted_on, action=verb)
    if not acted_on:
        ctx.outcome = "unchanged"
    return [Text("\n".join(lines))]


async def _act_on_all(ctx: Context, by: str, verb: str) -> list[Reply]:
    """"mute all alerts for 2 days", "snooze everything till morning", "resolve all batch alerts", "ack all": every
    live alert the action changes (of the topic named, in any chat), up to AT_ONCE; new ones still arrive."""
    if ctx.entities.get("recovered"):  # "resolve all the recovered ones": monitoring already did
        return [Text("A batch's alert is resolved by monitoring itself when its run recovers, so the alerts still "
                     "open have not recovered. \"open alerts\" lists them.")]
    snooze, ends = _snooze_of(ctx) if verb == "snooze" else (None, None)
    if verb not in ACTED_ON or (verb == "snooze" and snooze is None):
        raise UserError("Say how long, e.g. \"mute all alerts for 2 hours\"; \"unsubscribe\" stops them for good.")
    topic, severity, matching = (ctx.entities.get(name) for name in ("topic", "severity", "matching"))
    live = [alert for alert in await ctx.services.alerts.live(
        limit=AT_ONCE + 1, topic=str(topic) if topic else None, states=ACTED_ON[verb],
        severity=str(severity) if severity else None, matching=tuple(str(matching or "").split())) if alert.actionable]
    named = "".join(f"{word} " for word in (severity, topic, matching) if word)
    if not live:
        kind = "open" if verb != "resolve" else "live"
        return [Text(f"No {kind} {named}alerts to {'acknowledge' if verb == 'ack' else verb}. ✓")]
    acted_on = [acted.alert.id for alert in live[:AT_ONCE]
                if (acted := await ctx.services.alerts.act(alert.id, verb, by=by, snooze=snooze)).changed]
    ctx.detail.update(alerts=acted_on, action=verb)
    if not acted_on:
        return [Text(f"Those {named}alerts were acted on meanwhile; \"open alerts\" shows where they stand.")]
    listed = ", ".join(f"#{n}" for n in acted_on)
    more = f" More than {AT_ONCE} were live: say it again for the rest." if len(live) > AT_ONCE else ""
    which = f"{named}alert{'s' if len(acted_on) != 1 else ''} ({listed})"
    if snooze is None:
        return [Text(f"✓ {DONE[verb]} {len(acted_on)} {which}, in every chat they were sent to.{more}")]
    length = f"till {ends:%H:%M}" if ends is not None else f"for {_duration(snooze)}"
    return [Text(f"✓ Snoozed {len(acted_on)} open {which} {length}, in every chat they were sent to. New alerts "
                 f"still arrive; \"mute {topic or 'batch'} alerts\" stops a topic here.{more}")]


def _duration(span: timedelta) -> str:
    """"2 days", "1 hour", "90 minutes": the largest whole unit."""
    minutes = int(span.total_seconds() // 60)
    size, unit = next((size, unit) for size, unit in UNITS if minutes % size == 0)
    return f"{minutes // size} {unit}{'s' if minutes != size else ''}"


@router.intent("alerts_list")
async def listing(ctx: Context) -> list[Reply]:
    _operator(ctx)
    alerts = await ctx.services.alerts.live(limit=LISTED + 1)
    if not alerts:
        return [Text("No open alerts. ✓")]
    zone = ctx.services.alerts.zone
    replies: list[Reply] = [alert_card(alert, zone) for alert in alerts[:LISTED]]
    more = " (showing the first 5)" if len(alerts) > LISTED else ""
    return [Text(f"Open alerts{more}:"), *replies]


def _answer(ctx: Context, acted: Acted, verb: str, *, copy: bool) -> list[Reply]:
    ctx.detail.update(alert=acted.alert.id, action=verb, changed=acted.changed)
    if not acted.changed:
        ctx.outcome = "unchanged"
    zone = ctx.services.alerts.zone
    card: Card = alert_message(acted.alert, zone).as_card() if copy else alert_card(acted.alert, zone)
    card.replace = ctx.turn.is_press
    if acted.changed:
        return [card] if ctx.turn.is_press else [Text(f"✓ Alert #{acted.alert.id}: {acted.note}")]
    # pressed on a copy that was out of date: say so, and show where the alert stands now
    return [Text(f"Alert #{acted.alert.id}: {acted.note}", alert=True), card]


def _alert_id(text: str) -> int:
    if not text.isdigit():
        raise UserError("That button is not valid any more.")
    return int(text)
