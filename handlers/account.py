"""Account features: link a chat identity to a user, and per-user / per-chat settings."""
from __future__ import annotations

from core.context import Context
from core.errors import BadInput
from core.money import UnknownCurrency, validate_currency
from core.replies import Reply, Text
from core.router import Router

router = Router("account")


@router.intent("link_account")
async def link(ctx: Context) -> Reply:
    code = ctx.entities.get("code")
    if not code:
        raise BadInput("Send the code you got from an admin: \"/link CODE\".")
    actor = await ctx.services.identity.redeem(code, ctx.turn.address, ctx.turn.sender)
    ctx.actor = actor
    return Text(f"✓ Linked. This {ctx.turn.address.channel} account now belongs to {actor.display_name}.")


@router.intent("settings")
async def settings(ctx: Context) -> Reply:
    setting, value = ctx.entities.get("setting"), str(ctx.entities.get("value", ""))
    if setting == "autosave":
        enabled = value == "on"
        await ctx.services.identity.set_auto_save(ctx.require_actor().id, enabled)
        return Text("Auto-save is on: confident entries are saved without a preview. Say \"undo\" to remove one."
                    if enabled else "Auto-save is off: every entry waits for your Save.")
    try:
        currency = validate_currency(value)
    except UnknownCurrency:
        raise BadInput(f"I don't know the currency {value!r}. Use an ISO code such as BDT, USD or EUR.") from None
    await ctx.services.identity.set_chat_currency(ctx.require_chat().id, currency)
    return Text(f"✓ This chat's default currency is now {currency}.")
