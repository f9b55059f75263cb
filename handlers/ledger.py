"""Ledger chat feature: record with a preview card, Save / Change category / Cancel, settle up, undo."""
from __future__ import annotations

from decimal import Decimal

from core.context import Context
from core.errors import BadInput
from core.money import from_minor
from core.nlu.dates import local_today
from core.replies import Action, Card, Reply, Text
from core.router import Router
from core.services.budget_alerts import tell_crossed
from core.services.drafts import DraftView, Saved
from core.services.identity import Participant
from core.services.ledger_requests import DraftRequest, SettleRequest

router = Router("ledger")


def preview_card(ctx: Context, draft: DraftView) -> Card:
    money = ctx.money(draft.amount, draft.currency)
    if draft.kind == "settlement":
        payee = draft.shares[0]
        return Card(
            title=f"Settle up · {money}",
            facts=[("From", draft.payer_name), ("To", payee.name), ("Date", f"{draft.occurred_on:%d %b %Y}")],
            actions=_buttons(draft, recategorise=False))
    label = "Split" if draft.is_split else draft.kind.title()
    facts = [("What", draft.description), ("Category", draft.category), ("Date", f"{draft.occurred_on:%d %b %Y}")]
    if draft.is_split:
        facts.append(("Paid by", draft.payer_name))
        facts += [(f"{line.name}'s share", ctx.money(draft.share_amount(line), draft.currency))
                  for line in draft.shares]
    return Card(title=f"{label} · {money}", facts=facts, actions=_buttons(draft, recategorise=True),
                text="Nothing is saved until you press Save.")


def _buttons(draft: DraftView, *, recategorise: bool) -> list[Action]:
    payload = {"draft": draft.id}
    buttons = [Action("ledger.save", "Save", payload)]
    if recategorise:
        buttons.append(Action("ledger.recategorise", "Change category", payload))
    return [*buttons, Action("ledger.cancel", "Cancel", payload)]


@router.intent("record_transaction")
async def preview(ctx: Context) -> Reply:
    actor, ledger = ctx.require_actor(), ctx.services.ledger
    request = DraftRequest.from_entities(ctx.entities, mentions=ctx.turn.mentions,
                                         today=local_today(ctx.turn.received_at, ctx.settings.timezone))
    draft = await ledger.preview(actor, ctx.require_chat(), request, key=ctx.turn.effect_key)
    confident = ctx.intent is not None and ctx.intent.confidence >= ctx.settings.autosave_min_confidence
    if actor.auto_save and confident:
        saved = await ledger.confirm(draft.id, actor)
        return Text(await _saved_text(ctx, saved) + "\n(Auto-save is on. Say \"undo\" to remove it.)")
    return preview_card(ctx, draft)


async def _saved_text(ctx: Context, saved: Saved) -> str:
    draft = saved.draft
    money = ctx.money(draft.amount, draft.currency)
    if draft.kind == "settlement":
        text = f"✓ Saved: {draft.payer_name} paid {draft.shares[0].name} {money}."
    else:
        text = f"✓ Saved {draft.kind} {money} — {draft.description} ({draft.category})."
        if draft.is_split:
            owed = [f"{line.name} owes {draft.payer_name} {ctx.money(draft.share_amount(line), draft.currency)}"
                    for line in draft.shares if line.user_id != draft.payer_id]
            text += "\n" + "; ".join(owed) + "."
    if saved.already:
        return "Already saved — pressing again changes nothing.\n" + text
    if draft.kind == "expense" and saved.chat_has_budgets:
        statuses = [status for status in await ctx.services.reports.budget_status(
            ctx.require_chat(), ctx.require_actor(), draft.occurred_on, draft.category)
            if status.currency == draft.currency]
        for status in statuses:
            if status.spent > status.limit:
                text += (f"\n⚠ Over the {status.category} budget: {ctx.money(status.spent, status.currency)} of "
                         f"{ctx.money(status.limit, status.currency)} {status.counted_in}.")
        await tell_crossed(ctx.services.alerts, ctx.turn.address, ctx.require_chat().id, statuses, draft.occurred_on,
                           ctx.money)
    return text


@router.action("ledger.save")
async def save(ctx: Context) -> Reply:
    assert ctx.action is not None
    saved = await ctx.services.ledger.confirm(ctx.action.payload["draft"], ctx.require_actor())
    ctx.detail["entry_id"] = saved.entry_id
    return Text(await _saved_text(ctx, saved), replace=True)


@router.action("ledger.recategorise")
async def choose_category(ctx: Context) -> Reply:
    assert ctx.action is not None
    draft = await ctx.services.ledger.get(ctx.action.payload["draft"], ctx.require_actor())
    categories = [c for c in ctx.services.categories.categories if c not in ("salary", "refund")] + ["other"]
    return Card(title=f"Category for {draft.description}?", facts=[("Now", draft.category)],
                actions=[Action("ledger.set_category", c.title(), {"draft": draft.id, "category": c})
                         for c in categories], replace=True)


@router.action("ledger.set_category")
async def set_category(ctx: Context) -> Reply:
    assert ctx.action is not None
    draft = await ctx.services.ledger.recategorise(ctx.action.payload["draft"], ctx.require_actor(),
                                                   ctx.action.payload["category"])
    card = preview_card(ctx, draft)
    card.replace = True
    return card


@router.action("ledger.cancel")
async def cancel(ctx: Context) -> Reply:
    assert ctx.action is not None
    draft = await ctx.services.ledger.cancel(ctx.action.payload["draft"], ctx.require_actor())
    return Text(f"✗ Cancelled — {draft.description} was not saved.", replace=True)


@router.intent("undo_last")
async def undo(ctx: Context) -> Reply:
    """The person's last entry; when it came from a statement import, the whole import."""
    imported = await ctx.services.imports.undo_latest(ctx.require_actor(), ctx.require_chat(), ctx.turn.effect_key)
    if imported is not None:
        ctx.detail["import_removed"] = imported.removed
        return Text(f"↩ Removed the import of {imported.filename}: {imported.removed:,} entries.")
    entry = await ctx.services.ledger.undo_last(ctx.require_actor(), ctx.require_chat(), ctx.turn.effect_key)
    ctx.detail["entry_id"] = entry.id
    return Text(f"↩ Removed your last entry: {entry.description} "
                f"{ctx.money(from_minor(entry.amount_minor, entry.currency), entry.currency)}.")


@router.intent("settle_up")
async def settle_up(ctx: Context) -> Reply:
    actor, chat, ledger = ctx.require_actor(), ctx.require_chat(), ctx.services.ledger
    request = SettleRequest.from_entities(ctx.entities, mentions=ctx.turn.mentions)
    other = await ledger.counterparty(actor, chat, request)
    if request.amount and request.paid_to_me:  # "got 1500 back from @joy": joy paid the sender
        draft = await ledger.settlement_draft(
            actor, chat, payer=other, payee=Participant(actor.id, actor.name, False),
            amount=ledger.checked_amount(request.amount), currency=ledger.currency_for(chat, request.currency),
            key=ctx.turn.effect_key)
        return preview_card(ctx, draft)
    if request.amount:
        return preview_card(ctx, await ledger.settlement_preview(actor, chat, other, request,
                                                                 key=ctx.turn.effect_key))
    pair, wanted = {actor.name, other.name}, request.currency
    between = [t for t in await ctx.services.reports.balances(chat)
               if {t.debtor, t.creditor} == pair and (not wanted or t.currency == wanted)]
    if not between:
        return Text(f"You and {other.name} are settled up in this chat.")
    if len(between) > 1:
        owed = ", ".join(ctx.money(t.amount, t.currency) for t in between)
        raise BadInput(f"You and {other.name} have balances in several currencies ({owed}). "
                       f"Say e.g. \"settle up with @{other.name} {between[0].currency}\".")
    transfer, me = between[0], Participant(actor.id, actor.name, False)
    payer, payee = (me, other) if transfer.debtor == actor.name else (other, me)
    draft = await ledger.settlement_draft(actor, chat, payer=payer, payee=payee, amount=Decimal(transfer.amount),
                                          currency=transfer.currency, key=ctx.turn.effect_key)
    return preview_card(ctx, draft)
