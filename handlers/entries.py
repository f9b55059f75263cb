"""Entry lists in chat: the entries recorded here, searched and filtered, a page at a time with Older / Newer."""
from __future__ import annotations

from decimal import Decimal
from typing import Any

from core.context import Context
from core.replies import Action, Card, Reply, Text
from core.router import Router
from core.services.entry_lists import EntryFilter, EntryPage, ListedEntry, checked_limit, filter_from

router = Router("entries")
DESCRIPTION_CHARS = 60
NOUNS = {"expense": "Expenses", "income": "Income", "settlement": "Settlements"}
TOTAL_LABELS = {"expense": "Total spent", "income": "Total received", "settlement": "Total settled"}


@router.intent("list_entries")
async def list_entries(ctx: Context) -> Reply:
    chat, actor = ctx.require_chat(), ctx.require_actor()
    people = await ctx.services.reports.people(chat, ctx.entities.get("mentions") or [], ctx.turn.mentions)
    wanted = filter_from(ctx.entities, [(person.user_id, person.name) for person in people])
    limit = checked_limit(ctx.entities.get("limit"))
    page = await ctx.services.entry_lists.page(chat, actor, wanted, limit=limit)
    return _reply(ctx, wanted, page)


@router.action("entries.page")
async def turn_page(ctx: Context) -> Reply:
    """Older / Newer: anyone who may read this chat's ledger may page through it, so the buttons are shared."""
    assert ctx.action is not None
    payload = ctx.action.payload
    wanted = EntryFilter.from_payload(payload.get("filter", {}))
    limit, offset = checked_limit(payload.get("limit")), int(payload.get("offset", 0))
    page = await ctx.services.entry_lists.page(ctx.require_chat(), ctx.require_actor(), wanted, limit=limit,
                                               offset=offset)
    reply = _reply(ctx, wanted, page)
    reply.replace = True
    return reply


def _reply(ctx: Context, wanted: EntryFilter, page: EntryPage) -> Card | Text:
    parts = _described(ctx, wanted)
    if not page.entries:
        if wanted.is_empty:
            return Text("Nothing is recorded in this chat yet. Record something with e.g. \"lunch 250\".")
        asked = parts or [NOUNS.get(wanted.direction or "", "entries").lower()]
        return Text(f"No entries match {' · '.join(asked)}. Try fewer filters, e.g. without the date or person.")
    actor = ctx.require_actor()
    first, last = page.offset + 1, page.offset + len(page.entries)
    facts = [("Showing", f"{first}–{last} of {page.count}")]
    for kind in dict.fromkeys(t.kind for t in page.totals):
        amounts = [ctx.money(t.amount, t.currency) for t in page.totals if t.kind == kind]
        facts.append((TOTAL_LABELS.get(kind, f"Total {kind}"), " · ".join(amounts)))
    buttons = []
    if page.has_newer:
        buttons.append(_page_button("Newer", wanted, page, max(0, page.offset - page.limit)))
    if page.has_older:
        buttons.append(_page_button("Older", wanted, page, page.offset + page.limit))
    title = " · ".join([NOUNS.get(wanted.direction or "", "Entries"), *parts])
    lines = [_line(ctx, entry, mine=entry.payer_id == actor.id) for entry in page.entries]
    return Card(title=title, text="\n".join(lines), facts=facts, actions=buttons)


def _page_button(label: str, wanted: EntryFilter, page: EntryPage, offset: int) -> Action:
    payload: dict[str, Any] = {"filter": wanted.as_payload(), "limit": page.limit, "offset": offset}
    return Action("entries.page", label, payload, shared=True)


def _line(ctx: Context, entry: ListedEntry, *, mine: bool) -> str:
    what = entry.description.strip() or entry.category
    if len(what) > DESCRIPTION_CHARS:
        what = what[:DESCRIPTION_CHARS - 1].rstrip() + "…"
    if entry.kind != "settlement":
        what += f" ({entry.category})"
    line = f"{entry.occurred_on:%d %b %Y} · {what} · {ctx.money(entry.amount, entry.currency)}"
    if entry.kind == "income" and not mine:
        return line + f" · received by {entry.payer}"
    return line if mine or entry.kind == "settlement" else line + f" · paid by {entry.payer}"


def _described(ctx: Context, wanted: EntryFilter) -> list[str]:
    """The filters in words, for the title and the "nothing matches" answer."""
    parts = []
    low, high = wanted.min_amount, wanted.max_amount
    if low is not None or high is not None:
        def amount(value: Decimal) -> str:
            return ctx.money(value, wanted.currency) if wanted.currency else format(value.normalize(), "f")
        if low is not None and low == high:  # "whats this 12.99 charge": that amount exactly
            parts.append(f"amount {amount(low)}")
        elif low is not None and high is not None:
            parts.append(f"{amount(low)}–{amount(high)}")
        elif low is not None:
            parts.append(f"{amount(low)} or more")
        elif high is not None:
            parts.append(f"up to {amount(high)}")
    if wanted.search:
        parts.append(f"“{wanted.search}”")
    if wanted.category:
        parts.append(wanted.category)
    if wanted.names:
        parts.append("with " + " and ".join(wanted.names))
    if wanted.period:
        parts.append(wanted.period.title)
    if wanted.currency and low is None and high is None:
        parts.append(f"in {wanted.currency}")
    if wanted.largest:
        parts.append("largest first")
    return parts
