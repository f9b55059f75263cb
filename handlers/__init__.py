"""Chat features: one module and one Router per feature."""
from __future__ import annotations

from core.router import Router


def all_routers() -> list[Router]:
    from handlers import (
        account,
        alerts,
        corrections,
        entries,
        help,
        imports,
        jobs,
        ledger,
        ledger_reports,
        lookup,
        monitoring,
    )

    return [ledger.router, corrections.router, ledger_reports.router, entries.router, imports.router, lookup.router,
            monitoring.router, alerts.router, jobs.router, account.router, help.router]
