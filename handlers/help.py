"""Help, small talk and the answer for messages the bot does not understand."""
from __future__ import annotations

from core.context import Context
from core.replies import Reply, Text
from core.router import Router

router = Router("help")

HELP = """Here is what I can do:
• Record: "spent 450 tk on groceries", "received salary 50000", "lunch 250 yesterday"
• Split in a group: "split 900 taxi with @karim @nadia" or exact shares "900 taxi @karim 300 @nadia 200"
• "balances", "settle up with @karim", "undo"
• "summary this month", "budget food 5000 per month", "budgets", "export last month as excel"
• Settings: "autosave on|off", "currency USD"; link accounts with "/link CODE"
Nothing is saved until you press Save on the preview."""


@router.intent("help")
async def show_help(ctx: Context) -> Reply:
    return Text(HELP)


@router.intent("smalltalk")
async def smalltalk(ctx: Context) -> Reply:
    name = ctx.actor.display_name if ctx.actor else "there"
    return Text(f"Hi {name}! Tell me what you spent, e.g. \"lunch 250 tk\", or say \"help\".")


@router.intent("unknown")
async def unknown(ctx: Context) -> Reply:
    return Text("Sorry, I didn't understand that. " + HELP)
