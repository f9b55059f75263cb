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
• "summary this month", "how much on food this month", "budget food 5000 per month", "budgets",
  "export last month as excel"
• "show my last 5 transactions", "what did I spend at Shwapno"; fix a slip with "actually 550"
• Settings: "autosave on|off", "currency USD"; link accounts with "/link CODE"
Nothing is saved until you press Save on the preview."""
OPERATIONS = """Operators and admins can also ask:
• Customers: "customer 30000005", "meter 600000035", "balance of 30000005", or just the number
• Batches: "batch status", "any batch stuck?" (the latest check, with alerts for stuck or slow runs)
• Operations: "NOCS balance", "nocs balance for Mirpur", "RC/DC dashboard\""""
FOR_MEMBERS = ("Operators and admins can also look customers up and ask about batch runs, NOCS balances and "
               "the RC/DC dashboard; ask an admin if you need that.")


def help_text(ctx: Context) -> str:
    """What everyone can do, and what operators and admins can ask besides (members are told it exists)."""
    if ctx.actor is not None and ctx.actor.has_role("operator", "admin"):
        return f"{HELP}\n\n{OPERATIONS}"
    return f"{HELP}\n\n{FOR_MEMBERS}"


@router.intent("help")
async def show_help(ctx: Context) -> Reply:
    return Text(help_text(ctx))


@router.intent("smalltalk")
async def smalltalk(ctx: Context) -> Reply:
    name = ctx.actor.display_name if ctx.actor else "there"
    return Text(f"Hi {name}! Tell me what you spent, e.g. \"lunch 250 tk\", or say \"help\".")


@router.intent("unknown")
async def unknown(ctx: Context) -> Reply:
    if ctx.entities.get("outside") == "bank":
        return Text("That one is for your bank: I keep your own ledger and cannot see your cards or bank accounts. "
                    + HELP)
    if ctx.entities.get("outside") == "price":
        return Text("I can't look prices up: I keep your own ledger. To record what you paid, say it with the "
                    "amount, e.g. \"mach 800 taka\". " + HELP)
    if ctx.entities.get("outside") == "sum":
        return Text("I don't work sums out: I keep your own ledger. To record what you paid, say it with the amount, "
                    "e.g. \"lunch 250\". " + HELP)
    if ctx.entities.get("plan"):
        return Text("I record money once it has been paid or received, so nothing is saved yet. Tell me when it is, "
                    "e.g. \"paid rent 2000\" or \"rahim ke 500 dilam\".")
    if ctx.entities.get("unnamed_payer") == "paid back":
        return Text("Who paid you back? Say it again with their name, e.g. \"karim baki 3400 shodh korse\" or "
                    "\"@karim paid me back 3400\": I'll record it as a settlement.")
    if ctx.entities.get("unnamed_payer"):
        return Text("Who paid it? Say it again with their name, e.g. \"@rafi paid 500 for me\" or \"rafi amar jonno "
                    "500 dise\": I'll record that they paid and that you owe them.")
    if ctx.entities.get("payer_fix"):
        return Text("I can't change who paid on an entry. Press Cancel on the preview (or say \"undo\" if you saved "
                    "it), then send it again with who paid, e.g. \"@rafi paid 500 for dinner\".")
    if vague := ctx.entities.get("vague_amount"):
        return Text(f"How much exactly? I record exact amounts, and {vague} was given as a bound (more than, under…). "
                    "Say it again with the amount, e.g. \"groceries 520\".")
    return Text("Sorry, I didn't understand that. " + HELP)
