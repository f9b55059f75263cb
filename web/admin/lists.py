"""Admin pages that list and steer: people (roles), subscriptions, the audit log, the outbox."""
from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from aiohttp import web

from core.errors import UserError
from core.intents import BUILT_IN_TOPICS
from core.services.admin_views import AuditFilter
from web.admin.session import current, render, services, signed_in

STAFF = ("admin", "operator")
ROLES = ("admin", "operator", "member")


@signed_in(*STAFF)
async def people(request: web.Request) -> web.Response:
    return await _people(request, notice=request.query.get("done", ""), error=request.query.get("error", ""))


@signed_in("admin")
async def set_role(request: web.Request) -> web.StreamResponse:
    form = await request.post()
    name, role = str(form.get("name", "")), str(form.get("role", ""))
    if name == current(request).name and role != "admin":
        raise web.HTTPSeeOther("/admin/users?error=You+cannot+take+away+your+own+admin+role.")
    try:
        await services(request).identity.grant(name, role)
    except UserError as error:
        raise web.HTTPSeeOther(f"/admin/users?error={_q(error.message)}") from None
    await _audited(request, "admin.grant", "ok", {"user": name, "role": role})
    raise web.HTTPSeeOther(f"/admin/users?done={_q(f'{name} is now {role}')}")


@signed_in(*STAFF)
async def subscriptions(request: web.Request) -> web.Response:
    rows = await services(request).subscriptions.all()
    return render(request, "subscriptions.html", rows=rows, topics=BUILT_IN_TOPICS,
                  error=request.query.get("error", ""))


@signed_in(*STAFF)
async def add_subscription(request: web.Request) -> web.StreamResponse:
    form = await request.post()
    channel, target, topic = (str(form.get(k, "")).strip() for k in ("channel", "target", "topic"))
    if channel not in ("telegram", "teams", "teams_webhook", "console") or not target:
        raise web.HTTPSeeOther("/admin/subscriptions?error=Choose+a+channel+and+give+a+chat+or+conversation+id.")
    try:
        await services(request).subscriptions.add(channel, target[:256], topic, by=f"admin:{current(request).name}")
    except UserError as error:
        raise web.HTTPSeeOther(f"/admin/subscriptions?error={_q(error.message)}") from None
    raise web.HTTPSeeOther("/admin/subscriptions")


@signed_in(*STAFF)
async def remove_subscription(request: web.Request) -> web.StreamResponse:
    subscription = request.match_info["subscription_id"]
    if subscription.isdigit():
        await services(request).subscriptions.remove_id(int(subscription))
    raise web.HTTPSeeOther("/admin/subscriptions")


@signed_in(*STAFF)
async def audit(request: web.Request) -> web.Response:
    query = request.query
    error, day = "", None
    if query.get("day"):
        try:
            day = date.fromisoformat(query["day"])
        except ValueError:
            error = "The date must look like 2026-12-03."
    wanted = AuditFilter(query.get("user", "").strip(), query.get("intent", "").strip(),
                         query.get("outcome", "").strip(), day)
    page = int(query["page"]) if query.get("page", "").isdigit() and int(query["page"]) > 0 else 1
    zone = ZoneInfo(services(request).settings.timezone)
    rows, more = await services(request).admin_views.audit(wanted, page, zone)
    return render(request, "audit.html", rows=rows, wanted=wanted, page=page, more=more, zone=zone, error=error,
                  day=query.get("day", ""))


@signed_in(*STAFF)
async def outbox(request: web.Request) -> web.Response:
    views = services(request).admin_views
    return render(request, "outbox.html", counts=await views.outbox_counts(), rows=await views.troubled_outbox(),
                  zone=ZoneInfo(services(request).settings.timezone), notice=request.query.get("done", ""))


@signed_in(*STAFF)
async def retry(request: web.Request) -> web.StreamResponse:
    row = request.match_info["row_id"]
    done = row.isdigit() and await services(request).admin_views.retry_outbox(int(row))
    raise web.HTTPSeeOther(f"/admin/outbox?done={'queued+again' if done else 'nothing+to+retry'}")


def _q(text: str) -> str:
    from urllib.parse import quote_plus

    return quote_plus(text)


@signed_in("admin")
async def link_code(request: web.Request) -> web.Response:
    """A one-time code that joins a chat account to the user ("/link CODE"), shown once."""
    form = await request.post()
    name = str(form.get("name", ""))
    try:
        code = await services(request).identity.link_code(name)
    except UserError as error:
        return await _people(request, error=error.message)
    minutes = services(request).settings.link_code_ttl_seconds // 60
    return await _people(request, shown=f"Link code for {name}: {code} — send \"/link {code}\" to the bot from the "
                                        f"chat account to link, within {minutes} minutes. It is shown only now.")


@signed_in("admin")
async def create_api_key(request: web.Request) -> web.Response:
    form = await request.post()
    name = str(form.get("key_name", "")).strip()
    try:
        key = await services(request).api_keys.create(name)
    except UserError as error:
        return await _people(request, error=error.message)
    await _audited(request, "admin.apikey_create", "ok", {"key": name})
    return await _people(request, shown=f"API key {name}: {key} — copy it now; only its hash is kept.")


@signed_in("admin")
async def revoke_api_key(request: web.Request) -> web.StreamResponse:
    form = await request.post()
    name = str(form.get("key_name", ""))
    revoked = await services(request).api_keys.revoke(name)
    await _audited(request, "admin.apikey_revoke", "ok" if revoked else "not_found", {"key": name})
    raise web.HTTPSeeOther(f"/admin/users?done={_q(f'{name} revoked' if revoked else f'no live key {name}')}")


async def _people(request: web.Request, *, shown: str = "", notice: str = "", error: str = "") -> web.Response:
    return render(request, "people.html", people=await services(request).admin_views.people(), roles=ROLES,
                  keys=await services(request).api_keys.all(), notice=notice, shown=shown, error=error,
                  zone=ZoneInfo(services(request).settings.timezone))


async def _audited(request: web.Request, intent: str, outcome: str, detail: dict[str, str]) -> None:
    """An admin's change in the audit log, beside the turns and sign-ins."""
    await services(request).audit.record(turn_id="admin", user_id=current(request).user_id, channel="admin",
                                         chat=request.remote or "", intent=intent, outcome=outcome, detail=detail)
