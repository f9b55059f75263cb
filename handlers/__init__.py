"""Chat features: one module and one Router per feature."""
from __future__ import annotations

from core.router import Router


def all_routers() -> list[Router]:
    from handlers import account, alerts, help, jobs, ledger, ledger_reports, lookup, monitoring

    return [ledger.router, ledger_reports.router, lookup.router, monitoring.router, alerts.router, jobs.router,
            account.router, help.router]
