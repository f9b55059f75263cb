"""Operations monitoring in chat: batch status, NOCS balance and the RC/DC dashboard, for operators and admins."""
from __future__ import annotations

from core.context import Context
from core.errors import NotAllowed, UserError
from core.intents import BUILT_IN_TOPICS
from core.replies import Reply, Text
from core.router import Router
from core.services.monitoring import Monitoring
from core.services.monitoring_cards import card_style, nocs_card, rcdc_card, report_card

router = Router("monitoring")
MONITORING_TOPICS = tuple(t for t in BUILT_IN_TOPICS if t not in ("budget",))


def _monitoring(ctx: Context) -> Monitoring:
    """The deployment's monitoring, or a plain "not enabled" (before anything else: there is nothing to refuse)."""
    monitoring = ctx.services.monitoring
    if monitoring is None:
        raise UserError("Operations monitoring is not enabled on this deployment.")
    return monitoring


def _allowed(ctx: Context) -> None:
    if not ctx.require_actor().has_role("operator", "admin"):
        raise NotAllowed("Sorry, operations monitoring is for operators and admins. Ask an admin if you need access.")


@router.intent("batch_status")
async def batch_status(ctx: Context) -> Reply:
    """The latest check, or a new one when the latest is older than the batch job's schedule."""
    monitoring = _monitoring(ctx)
    _allowed(ctx)
    result = await monitoring.batch_status(ctx.turn.received_at)
    ctx.detail.update(cycle=result.cycle_id, batches=len(result.batches), failed=result.failed)
    return report_card(result, card_style(ctx.settings))


@router.intent("nocs_balance")
async def nocs_balance(ctx: Context) -> Reply:
    """From the hourly cache, saying how old it is; for one NOCS area when the message names one."""
    monitoring = _monitoring(ctx)
    _allowed(ctx)
    snapshot = await monitoring.nocs.snapshot()
    if snapshot is None:
        return Text("The NOCS balance has not been computed yet: it is refreshed every hour from the billing "
                    "system. Please ask again after the next refresh.")
    name = str(ctx.entities.get("nocs") or "").strip()
    ctx.detail["nocs"] = name or "all"
    style, now = card_style(ctx.settings), ctx.turn.received_at
    if not name:
        return nocs_card(snapshot, style, now=now)
    area = snapshot.find(name)
    if area is None:
        known = ", ".join(a.nocs for a in snapshot.areas)
        raise UserError(f"I don't know a NOCS area called \"{name}\". The areas are: {known}.")
    return nocs_card(snapshot, style, now=now, area=area)


@router.intent("rcdc_dashboard")
async def rcdc_dashboard(ctx: Context) -> Reply:
    monitoring = _monitoring(ctx)
    _allowed(ctx)
    summary = await monitoring.rcdc_dashboard(ctx.turn.received_at)
    return rcdc_card(summary, card_style(ctx.settings))


@router.intent("subscribe_alerts")
async def subscribe(ctx: Context) -> Reply:
    """This conversation receives a topic's reports and alerts (all monitoring topics when none is named)."""
    _allowed(ctx)
    address, actor = ctx.turn.address, ctx.require_actor()
    topics = _topics(ctx)
    added = [topic for topic in topics if (await ctx.services.subscriptions.add(
        address.channel, address.chat_id, topic, by=f"{address.channel}:{actor.name}"))[1]]
    ctx.detail.update(topics=topics)
    now = await ctx.services.subscriptions.of(address.channel, address.chat_id)
    if not added:
        return Text(f"This chat already receives {_listed(topics)} alerts. It receives: {_listed(now)}.")
    return Text(f"✓ This chat will now receive {_listed(added)} reports and alerts. It receives: {_listed(now)}. "
                "Say \"unsubscribe\" or \"mute batch alerts\" to stop.")


@router.intent("unsubscribe_alerts")
async def unsubscribe(ctx: Context) -> Reply:
    _allowed(ctx)
    address = ctx.turn.address
    topic = str(ctx.entities.get("topic") or "all")
    removed = await ctx.services.subscriptions.remove(address.channel, address.chat_id,
                                                      None if topic == "all" else topic)
    ctx.detail.update(topics=removed)
    if not removed:
        return Text("This chat was not receiving " + ("any alerts." if topic == "all" else f"{topic} alerts."))
    left = await ctx.services.subscriptions.of(address.channel, address.chat_id)
    return Text(f"✓ No more {_listed(removed)} alerts here." + (f" Still receiving: {_listed(left)}." if left else ""))


def _topics(ctx: Context) -> list[str]:
    topic = str(ctx.entities.get("topic") or "all")
    return list(MONITORING_TOPICS) if topic == "all" else [topic]


def _listed(topics: list[str]) -> str:
    return ", ".join(topics) if topics else "nothing"
