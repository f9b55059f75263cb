"""Statement imports in chat: a file sent becomes a summary card (Import / Review / Cancel), Review pages through
the rows with a category for each, Import writes them all at once, and recurring payments can be marked."""
from __future__ import annotations

from pathlib import PurePath

from core.context import Context
from core.errors import BadInput
from core.replies import Action, Card, Reply, Text
from core.router import Router
from core.services.import_rows import ImportRow, RecurringHint, too_large
from core.services.import_views import ImportView, ReviewPage

router = Router("imports")
READABLE = (".csv", ".xlsx")
DESCRIPTION_CHARS = 48


@router.intent("import_statement")
async def receive(ctx: Context) -> Reply:
    """A file sent: refused before it is downloaded when the platform says it is too large or not a statement."""
    attachment = ctx.turn.attachment
    if attachment is None:
        return Text("Send me your bank statement as a CSV or Excel (.xlsx) file and I'll import it.")
    imports, name = ctx.services.imports, attachment.name or "the file"
    if PurePath(name.lower()).suffix not in READABLE:
        raise BadInput(f"I can't import {name}: send the statement as a CSV or Excel (.xlsx) file, as your bank's "
                       "website exports it.")
    if attachment.size is not None and attachment.size > imports.max_bytes:
        raise too_large(name, attachment.size, imports.max_bytes)
    if attachment.size == 0:
        raise BadInput(f"{name} is empty. Export the statement again and send that file.")
    data = await attachment.fetch(imports.max_bytes)
    if len(data) > imports.max_bytes:
        raise too_large(name, None, imports.max_bytes)
    if not data.strip():
        raise BadInput(f"{name} is empty. Export the statement again and send that file.")
    address = ctx.turn.address
    view = await imports.preview(ctx.require_actor(), ctx.require_chat(), data, name, key=ctx.turn.effect_key,
                                 notify=((address.channel, address.chat_id),))
    ctx.detail["import_id"] = view.id
    return summary_card(ctx, view)


def summary_card(ctx: Context, view: ImportView) -> Card:
    totals = view.totals
    facts = [("Rows", f"{totals.found:,}")]
    if totals.first and totals.last:
        facts.append(("Dates", f"{totals.first:%d %b %Y} – {totals.last:%d %b %Y}"))
    for kind, label in (("expense", "Spent"), ("income", "Received")):
        amounts = [ctx.money(total, currency) for currency, total in totals.of(kind)]
        if amounts:
            facts.append((label, " · ".join(amounts)))
    facts += [("Duplicates skipped", f"{totals.duplicates:,}"), ("Uncategorised", f"{totals.uncategorised:,}")]
    if view.passed_over:
        shown = "; ".join(f"line {line}: {why}" for line, why in view.passed_over)
        facts.append(("Lines passed over", f"{view.skipped:,} ({shown}{'; …' if view.skipped > 3 else ''})"))
    if view.remembered:
        facts.append(("Columns", "as you confirmed them for this bank"))
    facts += [("Recurring", _hint_text(ctx, hint) + " — mark as recurring?") for hint in view.hints]
    payload = {"import": view.id}
    if totals.found == totals.duplicates:
        return Card(title=f"Import · {view.filename}", facts=facts,
                    text="Every row is in the ledger already: there is nothing new to import.",
                    actions=[Action("imports.cancel", "Cancel", payload)])
    actions = [Action("imports.confirm", "Import", payload), Action("imports.review", "Review", payload),
               Action("imports.cancel", "Cancel", payload)]
    return Card(title=f"Import · {view.filename}", facts=facts, actions=actions + _hint_buttons(view),
                text="Nothing is written until you press Import.")


def _hint_text(ctx: Context, hint: RecurringHint) -> str:
    return f"{hint.description} {ctx.money(hint.amount, hint.currency)} every month"


def _hint_buttons(view: ImportView) -> list[Action]:
    return [Action("imports.recurring", f"Mark {_short(hint.description, 24)} recurring",
                   {"import": view.id, "hint": n}) for n, hint in enumerate(view.hints)]


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


@router.action("imports.review", "imports.older", "imports.newer")
async def review(ctx: Context) -> Reply:
    assert ctx.action is not None
    payload = ctx.action.payload
    page = await ctx.services.imports.review_page(payload["import"], ctx.require_actor(), int(payload.get("page", 0)))
    return review_card(ctx, page)


def review_card(ctx: Context, page: ReviewPage, note: str = "") -> Card:
    view, import_id = page.view, page.view.id
    lines = [note] if note else []
    lines += [f"{n}. {_line(ctx, row)}" for n, (_, row) in enumerate(page.rows, 1)]
    actions = [Action("imports.pick", f"Change {n}", {"import": import_id, "row": place})
               for n, (place, _) in enumerate(page.rows, 1)]
    if page.page > 0:
        actions.append(Action("imports.newer", "Newer", {"import": import_id, "page": page.page - 1}))
    if page.page + 1 < page.pages:
        actions.append(Action("imports.older", "Older", {"import": import_id, "page": page.page + 1}))
    actions += [Action("imports.confirm", "Import", {"import": import_id}),
                Action("imports.summary", "Back", {"import": import_id})]
    return Card(title=f"Review · {view.filename} · page {page.page + 1} of {page.pages}", text="\n".join(lines),
                actions=actions, replace=True)


def _line(ctx: Context, row: ImportRow) -> str:
    sign = "+" if row.kind == "income" else ""
    line = (f"{row.occurred_on:%d %b %Y} · {_short(row.description, DESCRIPTION_CHARS)} · "
            f"{sign}{ctx.money(row.amount, row.currency)} · {row.category}")
    return line + " (duplicate, skipped)" if row.duplicate else line


@router.action("imports.summary")
async def back_to_summary(ctx: Context) -> Reply:
    assert ctx.action is not None
    card = summary_card(ctx, await ctx.services.imports.view(ctx.action.payload["import"], ctx.require_actor()))
    card.replace = True
    return card


@router.action("imports.pick")
async def pick_category(ctx: Context) -> Reply:
    assert ctx.action is not None
    import_id, place = ctx.action.payload["import"], int(ctx.action.payload["row"])
    row = await ctx.services.imports.row(import_id, ctx.require_actor(), place)
    categories = [c for c in ctx.services.categories.categories if c != "refund"] + ["other"]
    if row.kind == "income":
        categories = ["income", "salary", "refund", "other"]
    return Card(title=f"Category for {_short(row.description, DESCRIPTION_CHARS)}?", facts=[("Now", row.category)],
                actions=[Action("imports.set_category", c.title(), {"import": import_id, "row": place, "category": c})
                         for c in categories], replace=True)


@router.action("imports.set_category")
async def set_category(ctx: Context) -> Reply:
    assert ctx.action is not None
    payload = ctx.action.payload
    page, changed = await ctx.services.imports.set_category(payload["import"], ctx.require_actor(),
                                                            int(payload["row"]), payload["category"])
    note = f"✓ {payload['category']}" + (f" for {changed} rows of the same payment" if changed > 1 else "")
    return review_card(ctx, page, note)


@router.action("imports.confirm")
async def confirm(ctx: Context) -> list[Reply]:
    assert ctx.action is not None
    address = ctx.turn.address
    done = await ctx.services.imports.confirm(ctx.action.payload["import"], ctx.require_actor(),
                                              notify=((address.channel, address.chat_id),))
    view = done.view
    ctx.detail.update(import_id=view.id, entries=done.written)
    text = (f"✓ Imported {done.written:,} entries from {view.filename} ({view.totals.duplicates:,} duplicates "
            f"skipped). Say \"undo\" to remove the whole import.")
    if done.already:
        return [Text("Already imported — pressing again changes nothing.\n" + text, replace=True)]
    replies: list[Reply] = [Text(text, replace=True)]
    if view.hints:
        replies.append(Card(title="Recurring payments?", facts=[("Every month", _hint_text(ctx, hint))
                                                                for hint in view.hints],
                            text="These come back every month at about the same amount.",
                            actions=_hint_buttons(view)))
    return replies


@router.action("imports.cancel")
async def cancel(ctx: Context) -> Reply:
    assert ctx.action is not None
    view = await ctx.services.imports.cancel(ctx.action.payload["import"], ctx.require_actor())
    return Text(f"✗ Cancelled — nothing from {view.filename} was written.", replace=True)


@router.action("imports.recurring")
async def mark_recurring(ctx: Context) -> Reply:
    assert ctx.action is not None
    hint = await ctx.services.imports.mark_recurring(ctx.action.payload["import"], ctx.require_actor(),
                                                     int(ctx.action.payload["hint"]))
    return Text(f"✓ Marked as recurring: {hint.description} {ctx.money(hint.amount, hint.currency)} every month, "
                f"around day {hint.day}.")
