"""Composition root: settings → engine, store, services, dispatcher and notifiers of one process."""
from __future__ import annotations

import asyncio
import gc
import logging
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy.ext.asyncio import AsyncEngine

from app.parsing import make_parser
from core import db
from core.buttons import ButtonRegistry
from core.config import Settings
from core.context import CcbResources, Services
from core.dispatcher import Dispatcher
from core.group_commit import GroupInserter
from core.nlu.categories import Categoriser
from core.services.activity import Activity, Feed
from core.services.admin_auth import AdminAuth
from core.services.admin_ledger import AdminLedger
from core.services.admin_views import AdminViews
from core.services.alerts import Alerts
from core.services.api_keys import ApiKeys
from core.services.audit import AuditLog
from core.services.conversations import ConversationRefs
from core.services.corrections import CorrectionService
from core.services.entry_lists import EntryListService
from core.services.identity import IdentityService
from core.services.imports import ImportService
from core.services.ledger import LedgerService
from core.services.outbox import Notifier, Outbox
from core.services.progress import Progress
from core.services.reports import ReportService
from core.services.subscriptions import Subscriptions
from core.services.turns import TurnJournal
from core.store import Store, make_store
from handlers import all_routers

if TYPE_CHECKING:
    from scheduler.control import ChatJobControl
    from scheduler.jobs import JobRegistry

log = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass
class Runtime:
    settings: Settings
    database: db.Database
    store: Store
    services: Services
    dispatcher: Dispatcher
    notifiers: dict[str, Notifier] = field(default_factory=dict)

    @property
    def engine(self) -> AsyncEngine:
        return self.database.engine

    async def close(self) -> None:
        await self.store.close()
        await self.database.dispose()
        if self.services.ccb is not None:
            await self.services.ccb.dispose()
            self.services.ccb = None
        if self.services.monitoring is not None:
            await self.services.monitoring.close()
            self.services.monitoring = None


def run(main: Coroutine[Any, Any, T]) -> T:
    """`asyncio.run`, on uvloop where it is installed (Linux, macOS): its event loop and socket transports
    cost less CPU per round trip, and a turn is mostly round trips (webhook, Redis, database, Bot API)."""
    try:
        import uvloop
    except ImportError:
        return asyncio.run(main)
    return uvloop.run(main)


def freeze_heap() -> None:
    """Call once start-up is done: moves everything loaded so far out of the garbage collector's sight.
    Modules, settings, compiled statements and caches live for the whole process; without this every full
    collection walks them again, which under load costs more CPU (and tail latency) than the work itself."""
    gc.collect()
    gc.freeze()


def build_services(settings: Settings, engine: AsyncEngine, store: Store,
                   clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> Services:
    sessions = db.sessions(engine)
    outbox = Outbox(sessions, max_attempts=settings.outbox_max_attempts, batch_size=settings.outbox_batch_size)
    categories = Categoriser(settings.category_keywords)
    writer = GroupInserter(sessions)
    subscriptions = Subscriptions(sessions, outbox)
    audit = AuditLog(writer)
    ledger = LedgerService(sessions, outbox, writer, default_currency=settings.default_currency,
                           max_amount=Decimal(settings.max_amount), draft_ttl=settings.draft_ttl_seconds,
                           undo_window=settings.undo_window_seconds, clock=clock)
    progress = Progress(sessions, outbox, subscriptions)
    imports = ImportService(sessions, ledger, categories, progress, max_bytes=settings.import_max_bytes,
                            ttl=settings.draft_ttl_seconds, undo_window=settings.undo_window_seconds, clock=clock)
    return Services(
        settings=settings, store=store,
        parser=make_parser(settings, store, sessions, categories),
        identity=IdentityService(sessions, settings.link_code_ttl_seconds, settings.identity_cache_seconds),
        ledger=ledger,
        corrections=CorrectionService(sessions, ledger, draft_ttl=settings.draft_ttl_seconds, clock=clock),
        reports=ReportService(sessions), categories=categories, outbox=outbox, audit=audit,
        entry_lists=EntryListService(sessions),
        buttons=ButtonRegistry(store, settings.draft_ttl_seconds),
        turns=TurnJournal(sessions, store, lease_seconds=settings.inbound_lease_seconds,
                          remember_seconds=settings.dedup_ttl_seconds),
        subscriptions=subscriptions, conversations=ConversationRefs(sessions, outbox, clock),
        alerts=Alerts(sessions, outbox, subscriptions, timezone=settings.timezone,
                      escalate_after=timedelta(minutes=settings.alert_escalate_after_minutes),
                      escalation_topic=settings.alert_escalation_topic, clock=clock),
        api_keys=ApiKeys(sessions, clock), progress=progress, imports=imports,
        admin=AdminAuth(sessions, store, audit, clock), activity=Activity(sessions), feed=Feed(sessions),
        admin_views=AdminViews(sessions), admin_ledger=AdminLedger(sessions))


def attach_lookups(services: Services, settings: Settings) -> None:
    """Customer lookups on CC&B (or its demo database); the SQL files are checked read-only here, at start-up."""
    from pathlib import Path

    from core.services.customers import LookupService
    from integrations.ccb.directory import CcbDirectory
    from integrations.ccb.payoff import CcbPayoffReport
    from integrations.ccb.queries import CcbQueries, make_engine

    engine = make_engine(settings.ccb_database_url, settings.ccb_pool_size)
    queries = CcbQueries(engine, sql_dir=Path(settings.ccb_sql_dir) if settings.ccb_sql_dir else None,
                         timeout=settings.ccb_query_timeout_seconds)
    services.ccb = CcbResources(engine)
    services.lookups = LookupService(CcbDirectory(queries), services.store, months=settings.lookup_months)
    # the admin page's reports share the lookups' pool: a few admins, and the pool's size bounds CC&B's load
    services.payoff = CcbPayoffReport(engine, sql_dir=Path(settings.ccb_sql_dir) if settings.ccb_sql_dir else None)


def attach_jobs(services: Services, database: db.Database, jobs: JobRegistry | None = None) -> ChatJobControl:
    """Scheduled jobs as chat may start them ("run batch-monitor"), through the same runner as `jobs run`."""
    from scheduler.control import ChatJobControl
    from scheduler.cron import make_runner

    control = ChatJobControl(make_runner(services, database, jobs))
    services.jobs = control
    return control


async def build(settings: Settings, *, migrate: bool = True, monitoring: bool = True) -> Runtime:
    database = db.Database.on(db.create_engine(settings.database_url, settings.db_pool_size))
    if migrate:
        await db.upgrade(database.engine)
    store = make_store(settings.redis_url)
    services = build_services(settings, database.engine, store)
    attach_lookups(services, settings)
    if monitoring:
        from app.monitor_cli import attach_monitoring, register_jobs

        register_jobs(attach_monitoring(services, database, settings), services, settings, replace=False)
    attach_jobs(services, database)
    return Runtime(settings, database, store, services, Dispatcher(services, all_routers()))
