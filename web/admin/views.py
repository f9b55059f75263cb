"""The admin pages: sign-in and sign-out, the second factor, the dashboard, alerts and jobs."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import segno
from aiohttp import web

from core.errors import UserError
from core.services.admin_auth import IDLE, SecondFactorNeeded, Throttled
from core.services.alert_cards import state_line
from web.admin.feed import shown
from web.admin.session import (
    COOKIE,
    LOGIN_CSRF_COOKIE,
    address,
    current,
    login_csrf,
    render,
    safe_next,
    same,
    services,
    set_cookie,
    signed_in,
)

STAFF = ("admin", "operator")
VERBS = ("ack", "snooze", "resolve")


async def login_form(request: web.Request, *, error: str = "", status: int = 200, username: str = "",
                     totp_needed: bool = False) -> web.Response:
    token = login_csrf(request)
    response = render(request, "login.html", status=status, login_token=token, error=error, username=username,
                      totp_needed=totp_needed, next=safe_next(request.query.get("next")))
    set_cookie(response, request, LOGIN_CSRF_COOKIE, token, 3600)
    return response


async def login_page(request: web.Request) -> web.Response:
    return await login_form(request)


async def login(request: web.Request) -> web.StreamResponse:
    form = await request.post()
    if not same(form.get("csrf_token"), request.cookies.get(LOGIN_CSRF_COOKIE, "")):
        return render(request, "denied.html", status=403, reason="The sign-in form had expired. Try again.")
    username, password = str(form.get("username", "")).strip(), str(form.get("password", ""))
    totp = str(form.get("totp", ""))
    try:
        token, _ = await services(request).admin.sign_in(username, password, totp, address(request))
    except Throttled as refused:
        response = await login_form(request, error=refused.message, status=429, username=username)
        response.headers["Retry-After"] = str(int(refused.retry_after))
        return response
    except SecondFactorNeeded as needed:
        return await login_form(request, error=needed.message, username=username, totp_needed=True)
    except UserError as failed:
        return await login_form(request, error=failed.message, status=401, username=username,
                                totp_needed=bool(totp))
    response = web.HTTPSeeOther(safe_next(str(form.get("next", ""))))
    set_cookie(response, request, COOKIE, token, int(IDLE.total_seconds()) * 16)  # the server ends it sooner
    response.del_cookie(LOGIN_CSRF_COOKIE, path="/admin")
    raise response


@signed_in(*STAFF, "member")
async def logout(request: web.Request) -> web.StreamResponse:
    await services(request).admin.sign_out(request.cookies.get(COOKIE, ""))
    response = web.HTTPSeeOther("/admin/login")
    response.del_cookie(COOKIE, path="/admin")
    raise response


@signed_in(*STAFF)
async def second_factor(request: web.Request) -> web.Response:
    """Enrol a TOTP authenticator: a new secret as a QR code, in force once a code from it is confirmed."""
    me = current(request)
    if me.totp_enabled:
        return render(request, "totp.html", enrolled=True)
    uri = await services(request).admin.begin_totp(me.user_id)
    qr = segno.make(uri, error="m").svg_data_uri(scale=5)
    return render(request, "totp.html", enrolled=False, qr=qr, secret=uri.split("secret=")[1].split("&")[0])


@signed_in(*STAFF)
async def confirm_second_factor(request: web.Request) -> web.StreamResponse:
    form = await request.post()
    try:
        await services(request).admin.confirm_totp(current(request).user_id, str(form.get("code", "")),
                                                   address(request))
    except UserError as error:
        return render(request, "totp.html", status=400, enrolled=False, error=error.message)
    raise web.HTTPSeeOther("/admin/totp")


@signed_in(*STAFF)
async def dashboard(request: web.Request) -> web.Response:
    found = services(request)
    zone = ZoneInfo(found.settings.timezone)
    midnight = datetime.now(zone).replace(hour=0, minute=0, second=0, microsecond=0).astimezone(UTC)
    # one read after another: gathered on five connections at once, ten admins' dashboards waited for the pool
    turns = await found.activity.turns_since(midnight)
    jobs = await _job_overview(found)
    recent, _ = await found.feed.recent(20)
    outbox = await found.outbox.counts()
    alerts = await found.alerts.live(limit=10)
    return render(request, "dashboard.html", turns=turns, total=sum(t.count for t in turns),
                  outbox=outbox, alerts=alerts, jobs=jobs,
                  zone=zone, state_line=state_line, feed=[shown(item, zone) for item in reversed(recent)])


async def _job_overview(found: Any) -> list[Any]:
    return await found.jobs.overview() if found.jobs is not None else []


@signed_in(*STAFF)
async def alerts_page(request: web.Request) -> web.Response:
    found = services(request)
    return render(request, "alerts.html", alerts=await found.alerts.live(limit=100), zone=found.alerts.zone,
                  state_line=state_line, notice=request.query.get("done", ""))


@signed_in(*STAFF)
async def act_on_alert(request: web.Request) -> web.StreamResponse:
    """Ack / Snooze 1 h / Resolve from the page: the same change as a press in chat, every copy updated."""
    verb = request.match_info["verb"]
    alert_id = request.match_info["alert_id"]
    if verb not in VERBS or not alert_id.isdigit():
        raise web.HTTPNotFound()
    me = current(request)
    try:
        acted = await services(request).alerts.act(int(alert_id), verb, by=me.display_name or me.name,
                                                   snooze=timedelta(hours=1) if verb == "snooze" else None)
    except UserError as error:
        return render(request, "denied.html", status=400, reason=error.message)
    raise web.HTTPSeeOther(f"/admin/alerts?done=%23{acted.alert.id}+{'updated' if acted.changed else 'unchanged'}")


@signed_in(*STAFF)
async def jobs_page(request: web.Request) -> web.Response:
    found = services(request)
    jobs = await found.jobs.overview() if found.jobs is not None else []
    return render(request, "jobs.html", jobs=jobs, zone=ZoneInfo(found.settings.timezone),
                  notice=request.query.get("started", ""))


@signed_in(*STAFF)
async def run_job(request: web.Request) -> web.StreamResponse:
    found = services(request)
    name = request.match_info["name"]
    if found.jobs is None or name not in found.jobs.names():
        raise web.HTTPNotFound()
    me = current(request)
    await found.jobs.start(name, by=f"admin:{me.name}")
    raise web.HTTPSeeOther(f"/admin/jobs?started={name}")
