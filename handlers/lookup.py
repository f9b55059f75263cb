"""Customer lookup in chat: a card with the key facts and buttons that switch views without new queries."""
from __future__ import annotations

import math
import secrets
from datetime import date
from decimal import Decimal

from core.context import Context
from core.errors import NotAllowed, UserError
from core.nlu.dates import local_today
from core.ratelimit import RateLimiter
from core.replies import Action, Card, Reply, Section, Text
from core.router import Router
from core.services.customers import Lookup, LookupService

router = Router("lookup")
VIEWS = (("lookup.info", "Info"), ("lookup.balance", "Balance"), ("lookup.billing", "Monthly billing"),
         ("lookup.recharge", "Recharge history"), ("lookup.another", "Search another"))
VIEW_OF_INTENT = {"summary": "lookup.info", "balance": "lookup.balance", "billing": "lookup.billing",
                  "recharge": "lookup.recharge"}


def _service(ctx: Context) -> LookupService:
    service = ctx.services.lookups
    if service is None:
        raise UserError("Customer lookups are not set up on this deployment.")
    return service


def _allowed(ctx: Context) -> None:
    """Only operators and admins look customers up; everyone else is refused (and the attempt audited)."""
    actor = ctx.require_actor()
    if not actor.has_role("operator", "admin"):
        raise NotAllowed("Sorry, customer lookups are for operators. Ask an admin if you need access.")


def _masked(ctx: Context) -> bool:
    return ctx.turn.address.is_group and ctx.turn.address.key not in ctx.settings.lookup_unmasked_chats


def mask(value: str, keep: int = 1) -> str:
    return " ".join(word[:keep] + "*" * max(2, len(word) - keep) for word in value.split()) if value else ""


def balance_text(ctx: Context, amount: Decimal) -> str:
    """CC&B keeps the payoff balance debit-positive: positive is owed by the customer, negative is credit."""
    currency = ctx.settings.ccb_currency
    if amount > 0:
        return f"Due {ctx.money(amount, currency)}"
    if amount < 0:
        return f"Credit {ctx.money(-amount, currency)}"
    return f"Settled ({ctx.money(Decimal(0), currency)})"


def _personal(ctx: Context, lookup: Lookup) -> tuple[str, str, str]:
    if _masked(ctx):
        phone = lookup.phone[:3] + "*" * max(0, len(lookup.phone) - 5) + lookup.phone[-2:] if lookup.phone else ""
        return mask(lookup.name), phone, "hidden in group chats"
    return lookup.name, lookup.phone, lookup.address


def card(ctx: Context, lookup: Lookup, view: str) -> Card:
    name, phone, address = _personal(ctx, lookup)
    currency = ctx.settings.ccb_currency
    title = f"Customer {lookup.acct_id}"
    facts: list[tuple[str, str]]
    sections: list[Section] = []
    if view == "lookup.balance":
        facts = [("Name", name), ("Balance", balance_text(ctx, lookup.balance_amount))]
        if lookup.recharges:
            last = lookup.recharges[0]
            facts.append(("Last recharge", f"{ctx.money(Decimal(last[1]), currency)} on {last[0]} ({last[2]})"))
    elif view == "lookup.billing":
        facts = [("Name", name), ("Meter", lookup.meter_no)]
        sections = [Section(month, [("Consumption", f"{Decimal(kwh):,.1f} kWh"),
                                    ("Charges", ctx.money(Decimal(charges), currency)), ("Billing days", days)])
                    for month, kwh, charges, days in lookup.months]
        if not sections:
            facts.append(("Billing", "no bills in the period"))
    elif view == "lookup.recharge":
        facts = [(f"{day} · {channel}", ctx.money(Decimal(amount), currency)) for day, amount, channel in
                 lookup.recharges] or [("Recharges", "none recorded")]
        total = sum((Decimal(r[1]) for r in lookup.recharges), Decimal(0))
        facts.append((f"Total of {len(lookup.recharges)}", ctx.money(total, currency)))
    else:
        facts = [("Name", name), ("Phone", phone), ("Address", address), ("NOCS", lookup.nocs),
                 ("Meter", lookup.meter_no), ("Status", lookup.status), ("Customer since", lookup.setup_dt),
                 ("Balance", balance_text(ctx, lookup.balance_amount))]
    # every button names its card's result and customer, never the chat's latest lookup
    actions = [Action(action_id, label, {"lookup": lookup.key, "customer": lookup.acct_id})
               for action_id, label in VIEWS if action_id != view]
    return Card(title=title, facts=[(k, v) for k, v in facts if v], sections=sections, actions=actions)


async def _rate_limited(ctx: Context) -> None:
    actor = ctx.require_actor()
    limit = ctx.settings.lookup_rate_per_minute
    allowed = await RateLimiter(ctx.services.store).hit(f"lookups:{actor.id}", limit, 60)
    if not allowed.ok:
        ctx.outcome = "rate_limited"
        wait = max(1, math.ceil(allowed.retry_after))
        raise UserError(f"You have reached {limit} customer lookups a minute. "
                        f"Please try again in {wait} second{'s' if wait > 1 else ''}.")


def _today(ctx: Context) -> date:
    return local_today(ctx.turn.received_at, ctx.settings.timezone)


@router.intent("customer_lookup")
async def lookup(ctx: Context) -> Reply:
    query, by = str(ctx.entities.get("query", "")), str(ctx.entities.get("by", "auto"))
    ctx.detail.update(customer=query, by=by)
    _allowed(ctx)
    await _rate_limited(ctx)
    key = secrets.token_urlsafe(12)  # this card's own: its buttons find its result by it
    found = await _service(ctx).search(key, query, by, user=ctx.require_actor().name, today=_today(ctx))
    ctx.detail["acct_id"] = found.acct_id
    return card(ctx, found, VIEW_OF_INTENT.get(str(ctx.entities.get("view", "summary")), "lookup.info"))


@router.action("lookup.info", "lookup.balance", "lookup.billing", "lookup.recharge")
async def switch_view(ctx: Context) -> Reply:
    """The pressed card's customer in another view: from the card's kept result, or, once that expired, asked
    of CC&B again (a rate-limited lookup), because whoever presses Balance on a card wants that customer's."""
    assert ctx.action is not None
    _allowed(ctx)
    key, acct_id = str(ctx.action.payload.get("lookup", "")), str(ctx.action.payload.get("customer", ""))
    if not key or not acct_id:  # a card issued before results were kept per card
        raise UserError("That lookup has expired. Send the customer id or meter number again.")
    service = _service(ctx)
    found = await service.cached(key)
    if found is None:
        await _rate_limited(ctx)
        found = await service.search(key, acct_id, "customer", user=ctx.require_actor().name, today=_today(ctx))
        ctx.detail["looked_up_again"] = True
    ctx.detail.update(customer=found.searched, acct_id=found.acct_id, view=ctx.action.id)
    view = card(ctx, found, ctx.action.id)
    view.replace = True
    return view


@router.action("lookup.another")
async def search_another(ctx: Context) -> Reply:
    assert ctx.action is not None
    if key := str(ctx.action.payload.get("lookup", "")):
        await _service(ctx).forget(key)
    return Text("Send a customer id or meter number to look up.", replace=True)
