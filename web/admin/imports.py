"""Statement import from the admin page: an admin uploads a file for someone in a chat, sees the same summary the
chat shows, and imports or cancels it (audited)."""
from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from aiohttp import web

from core.errors import UserError
from web.admin.lists import _audited
from web.admin.session import render, services, signed_in


@signed_in("admin", upload=True)
async def upload(request: web.Request) -> web.StreamResponse:
    form = await request.post()
    chat_id, person, file = str(form.get("chat", "")), str(form.get("person", "")), form.get("statement")
    found = services(request)
    if not chat_id.isdigit() or not person.strip() or not isinstance(file, web.FileField):
        return _back("Choose a chat, name the person and pick a statement file.", status=400)
    member = await found.admin_ledger.member(int(chat_id), person)
    if member is None:
        return _back(f"No user called {person!r} or no such chat.", status=400)
    actor, chat = member
    data = file.file.read(found.settings.import_max_bytes + 1)
    try:
        if len(data) > found.settings.import_max_bytes:
            raise UserError(f"{file.filename} is larger than {found.settings.import_max_bytes:,} bytes.")
        view = await found.imports.preview(actor, chat, data, file.filename or "statement")
    except UserError as refused:
        await _audited(request, "admin.import", "refused", {"user": actor.name, "file": file.filename or ""})
        return _back(str(refused), status=400)
    await _audited(request, "admin.import", "previewed", {"user": actor.name, "import": view.id})
    return render(request, "import.html", view=view, person=actor.name, chat=chat_id, money=_money(found))


@signed_in("admin")
async def decide(request: web.Request) -> web.StreamResponse:
    form = await request.post()
    verb, import_id = request.match_info["verb"], request.match_info["import_id"]
    found = services(request)
    member = await found.admin_ledger.member(int(str(form.get("chat", "0")) or 0), str(form.get("person", "")))
    if member is None:
        raise web.HTTPBadRequest(text="unknown chat or person")
    actor, _ = member
    try:
        if verb == "import":
            done = await found.imports.confirm(import_id, actor)
            notice = (f"Imported {done.written} entries from {done.view.filename} for {actor.name}."
                      if not done.already else f"{done.view.filename} was imported before; nothing changed.")
        else:
            cancelled = await found.imports.cancel(import_id, actor)
            notice = f"Cancelled: {cancelled.filename} was not imported."
    except UserError as refused:
        notice = str(refused)
    await _audited(request, f"admin.import.{verb}", "ok", {"user": actor.name, "import": import_id})
    raise web.HTTPSeeOther("/admin/ledger?" + urlencode({"chat": str(form.get("chat", "")), "done": notice}))


def _back(message: str, *, status: int) -> web.Response:
    return web.Response(status=status, text=message + "\n\nGo back to the ledger page and try again.",
                        content_type="text/plain")


def _money(found: Any) -> Any:
    from core.money import format_money

    return lambda amount, currency: format_money(amount, currency, found.settings.locale)
