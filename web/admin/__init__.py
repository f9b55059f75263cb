"""The admin web page (server-rendered, works without JavaScript): `add_routes` puts it under /admin/."""
from __future__ import annotations

import jinja2
from aiohttp import web

from web.admin import feed, imports, lists, more, playground, reports, views
from web.admin.session import TEMPLATES


def add_routes(app: web.Application) -> None:
    app[TEMPLATES] = jinja2.Environment(loader=jinja2.PackageLoader("web.admin", "templates"),
                                        autoescape=True)
    app.router.add_get("/admin/login", views.login_page)
    app.router.add_post("/admin/login", views.login)
    app.router.add_post("/admin/logout", views.logout)
    app.router.add_get("/admin/totp", views.second_factor)
    app.router.add_post("/admin/totp", views.confirm_second_factor)
    app.router.add_get("/admin/", views.dashboard)
    feed.add_routes(app)
    app.router.add_get("/admin", _to_dashboard)
    app.router.add_get("/admin/alerts", views.alerts_page)
    app.router.add_post("/admin/alerts/{alert_id}/{verb}", views.act_on_alert)
    app.router.add_get("/admin/jobs", views.jobs_page)
    app.router.add_post("/admin/jobs/{name}/run", views.run_job)
    app.router.add_get("/admin/reports", reports.index)
    app.router.add_get("/admin/reports/nocs", reports.nocs_summary)
    app.router.add_get("/admin/reports/payoff", reports.payoff)
    app.router.add_get("/admin/reports/payoff.xlsx", reports.payoff_export)
    app.router.add_get("/admin/playground", playground.playground)
    app.router.add_post("/admin/playground", playground.playground)
    app.router.add_get("/admin/ledger", more.ledger)
    app.router.add_post("/admin/ledger/import", imports.upload)
    app.router.add_post("/admin/ledger/import/{import_id}/{verb:import|cancel}", imports.decide)
    app.router.add_get("/admin/ledger.{format:csv|xlsx|pdf}", more.ledger_export)
    app.router.add_get("/admin/ai", more.ai_usage)
    app.router.add_get("/admin/settings", more.settings_page)
    app.router.add_get("/admin/users", lists.people)
    app.router.add_post("/admin/users/role", lists.set_role)
    app.router.add_post("/admin/users/link-code", lists.link_code)
    app.router.add_post("/admin/apikeys", lists.create_api_key)
    app.router.add_post("/admin/apikeys/revoke", lists.revoke_api_key)
    app.router.add_get("/admin/subscriptions", lists.subscriptions)
    app.router.add_post("/admin/subscriptions", lists.add_subscription)
    app.router.add_post("/admin/subscriptions/{subscription_id}/remove", lists.remove_subscription)
    app.router.add_get("/admin/audit", lists.audit)
    app.router.add_get("/admin/outbox", lists.outbox)
    app.router.add_post("/admin/outbox/{row_id}/retry", lists.retry)


async def _to_dashboard(request: web.Request) -> web.StreamResponse:
    raise web.HTTPMovedPermanently("/admin/")
