"""Admin-page sessions on the request: the cookie, who is signed in, the roles a page needs, the CSRF check."""
from __future__ import annotations

import hmac
import secrets
import time
from collections.abc import Awaitable, Callable
from typing import Any

import jinja2
from aiohttp import web

from core.context import Services
from core.services.admin_auth import AdminSessionInfo
from web.app import SERVICES

COOKIE = "sb_admin"
LOGIN_CSRF_COOKIE = "sb_login_csrf"  # before sign-in there is no session: the login form is double-submitted
TEMPLATES: web.AppKey[jinja2.Environment] = web.AppKey("admin_templates", jinja2.Environment)
SESSION_KEY: web.RequestKey[AdminSessionInfo] = web.RequestKey("admin_session", AdminSessionInfo)
Page = Callable[[web.Request], Awaitable[web.StreamResponse]]
HEADERS = {"Cache-Control": "no-store", "X-Frame-Options": "DENY", "Referrer-Policy": "same-origin",
           "X-Content-Type-Options": "nosniff",
           "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                                      "frame-ancestors 'none'; form-action 'self'"}


def services(request: web.Request) -> Services:
    return request.app[SERVICES]


def address(request: web.Request) -> str:
    return request.remote or "unknown"


def current(request: web.Request) -> AdminSessionInfo:
    return request[SESSION_KEY]  # set by `signed_in`, which wraps every page that calls this


def render(request: web.Request, template: str, status: int = 200, **values: Any) -> web.Response:
    """A page from its template; every value is HTML-escaped (autoescape), so user text never becomes markup."""
    found = request.get(SESSION_KEY)
    html = request.app[TEMPLATES].get_template(template).render(
        me=found, csrf_token=found.csrf if isinstance(found, AdminSessionInfo) else "", path=request.path, **values)
    return web.Response(text=html, content_type="text/html", status=status, headers=HEADERS)


def set_cookie(response: web.StreamResponse, request: web.Request, name: str, value: str, max_age: int) -> None:
    response.set_cookie(name, value, max_age=max_age, path="/admin", httponly=True, samesite="Lax",
                        secure=services(request).settings.admin_secure_cookies)


def login_csrf(request: web.Request) -> str:
    return request.cookies.get(LOGIN_CSRF_COOKIE) or secrets.token_urlsafe(24)


def same(given: object, expected: str) -> bool:
    return isinstance(given, str) and bool(expected) and hmac.compare_digest(given.encode(), expected.encode())


def signed_in(*roles: str, upload: bool = False) -> Callable[[Page], Page]:
    """The page needs a live session of one of `roles`: signed out or expired → the sign-in page, another role →
    403, a POST without this session's CSRF token → 403 with nothing changed. `upload`: the form carries a file
    as large as IMPORT_MAX_BYTES (the app reads other bodies up to 1 MB), read only once signed in."""

    def wrap(page: Page) -> Page:
        async def guarded(request: web.Request) -> web.StreamResponse:
            token = request.cookies.get(COOKIE, "")
            found = await services(request).admin.session(token) if token else None
            if found is None:
                target = request.path_qs if request.method == "GET" else "/admin/"
                raise web.HTTPSeeOther(f"/admin/login?next={_quoted(target)}")
            request[SESSION_KEY] = found
            if found.role not in roles:
                return render(request, "denied.html", status=403)
            if request.method == "POST":
                if upload:
                    request = request.clone(client_max_size=services(request).settings.import_max_bytes + 65_536)
                    request[SESSION_KEY] = found
                form = await request.post()
                if not same(form.get("csrf_token"), found.csrf):
                    return render(request, "denied.html", status=403, reason="The form had expired. Try again.")
            started = time.perf_counter()
            response = await page(request)
            if not response.prepared:  # a stream (the live feed) has sent its headers already
                # the page's own time, which a browser's developer tools show beside the network's
                response.headers["Server-Timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.1f}"
            return response

        return guarded

    return wrap


def _quoted(path: str) -> str:
    from urllib.parse import quote

    return quote(path, safe="/")


def safe_next(target: str | None) -> str:
    """Only a path on this site after sign-in (never another host: an open redirect)."""
    if not target or not target.startswith("/admin") or target.startswith("//") or "\\" in target:
        return "/admin/"
    return target
