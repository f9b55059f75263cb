"""Corrections chat feature: "actually 550" changes the open preview; otherwise Save / Cancel a corrected entry."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Protocol

from core.context import Context
from core.money import from_minor
from core.nlu.dates import local_today
from core.replies import Action, Card, Reply, Text
from core.router import Router
from core.services.corrections import Corrected, CorrectionView, Revised
from core.services.ledger_requests import CorrectionRequest
from handlers.ledger import preview_card

router = Router("corrections")


class _Values(Protocol):
    @property
    def kind(self) -> str: ...
    @property
    def amount(self) -> Decimal: ...
    @property
    def currency(self) -> str: ...
    @property
    def description(self) -> str: ...
    @property
    def category(self) -> str: ...
    @property
    def occurred_on(self) -> date: ...


FIELD_NAMES = {"direction": "type"}  # an entry's direction reads as its type: expense or income


def _field_name(field: str) -> str:
    return FIELD_NAMES.get(field, field)


def _shown(ctx: Context, field: str, values: _Values) -> str:
    """One field of a preview or an entry as the person reads it."""
    if field == "direction":
        return values.kind
    if field in ("amount", "currency"):
        return ctx.money(values.amount, values.currency)
    if field == "date":
        return f"{values.occurred_on:%d %b %Y}"
    return values.category if field == "category" else values.description


def _change(ctx: Context, field: str, old: _Values, new: _Values) -> str:
    return f"{_shown(ctx, field, old)} → {_shown(ctx, field, new)}"


@router.intent("correct_entry")
async def correct(ctx: Context) -> Reply:
    request = CorrectionRequest.from_entities(ctx.entities,
                                              today=local_today(ctx.turn.received_at, ctx.settings.timezone))
    result = await ctx.services.corrections.correct(ctx.require_actor(), ctx.require_chat(), request,
                                                    key=ctx.turn.effect_key)
    if isinstance(result, Revised):
        card = preview_card(ctx, result.draft)
        changed = _change(ctx, result.field, result.before, result.draft)
        card.text = f"Changed the {_field_name(result.field)}: {changed}.\n{card.text}"
        return card
    return _correction_card(ctx, result)


def _correction_card(ctx: Context, view: CorrectionView) -> Card:
    old, new = view.old, view.new
    facts = [("Entry", f"{old.description} · {ctx.money(old.amount, old.currency)} · {old.occurred_on:%d %b %Y}"),
             (_field_name(view.field).title(), _change(ctx, view.field, old, new))]
    if view.field in ("amount", "currency") and any(s.user_id != view.payer_id for s in view.shares):
        facts += [(f"{s.name}'s share", f"{ctx.money(from_minor(s.old_minor, old.currency), old.currency)} → "
                                        f"{ctx.money(from_minor(s.new_minor, new.currency), new.currency)}")
                  for s in view.shares]
    payload = {"draft": view.id}
    return Card(title=f"Correct · {old.description}", facts=facts, text="Nothing changes until you press Save.",
                actions=[Action("corrections.save", "Save", payload), Action("corrections.cancel", "Cancel", payload)])


def _saved_text(ctx: Context, corrected: Corrected) -> str:
    view = corrected.correction
    new = view.new
    text = (f"✓ Corrected {view.old.description}: {_field_name(view.field)} "
            f"{_change(ctx, view.field, view.old, new)}.")
    owed = [f"{s.name} owes {view.payer_name} {ctx.money(from_minor(s.new_minor, new.currency), new.currency)}"
            for s in view.shares if s.user_id != view.payer_id and (s.old_minor != s.new_minor
                                                                    or view.old.currency != new.currency)]
    if owed:
        text += "\n" + "; ".join(owed) + "."
    if corrected.already:
        return "Already saved — pressing again changes nothing.\n" + text
    return text


@router.action("corrections.save")
async def save(ctx: Context) -> Reply:
    assert ctx.action is not None
    corrected = await ctx.services.corrections.confirm(ctx.action.payload["draft"], ctx.require_actor())
    ctx.detail["entry_id"] = corrected.entry_id
    ctx.detail["replaces"] = corrected.correction.entry_id
    return Text(_saved_text(ctx, corrected), replace=True)


@router.action("corrections.cancel")
async def cancel(ctx: Context) -> Reply:
    assert ctx.action is not None
    view = await ctx.services.corrections.cancel(ctx.action.payload["draft"], ctx.require_actor())
    return Text(f"✗ Cancelled — {view.old.description} was not changed.", replace=True)
