"""`Context`: what a handler sees (turn, actor, chat, intent or pressed action) and the `Services` it calls."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from core.money import format_money
from core.services.charts import Charts

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncEngine

    from core.buttons import ButtonRegistry, PressedAction
    from core.config import Settings
    from core.intents import Intent, IntentParser
    from core.jobs import JobControl
    from core.nlu.categories import Categoriser
    from core.replies import Reply
    from core.services.activity import Activity, Feed
    from core.services.admin_auth import AdminAuth
    from core.services.admin_ledger import AdminLedger
    from core.services.admin_views import AdminViews
    from core.services.alerts import Alerts
    from core.services.api_keys import ApiKeys
    from core.services.audit import AuditLog
    from core.services.conversations import ConversationRefs
    from core.services.corrections import CorrectionService
    from core.services.customers import LookupService
    from core.services.entry_lists import EntryListService
    from core.services.identity import ChatInfo, IdentityService
    from core.services.imports import ImportService
    from core.services.ledger import LedgerService
    from core.services.monitoring import Monitoring
    from core.services.outbox import Outbox
    from core.services.progress import Progress
    from core.services.report_pages import PayoffReport
    from core.services.reports import ReportService
    from core.services.subscriptions import Subscriptions
    from core.services.turns import Outgoing, Queued, TurnJournal
    from core.store import Store
    from core.turn import Actor, Turn


@dataclass
class CcbResources:
    """What customer lookups hold open on CC&B (its connection pool), so that whoever replaces or stops them
    closes it."""

    engine: AsyncEngine

    async def dispose(self) -> None:
        await self.engine.dispose()


@dataclass
class Services:
    """The domain services of one deployment, built once by the composition root (`app/`)."""

    settings: Settings
    store: Store
    parser: IntentParser
    identity: IdentityService
    ledger: LedgerService
    corrections: CorrectionService
    reports: ReportService
    entry_lists: EntryListService
    categories: Categoriser
    outbox: Outbox
    audit: AuditLog
    buttons: ButtonRegistry
    turns: TurnJournal
    subscriptions: Subscriptions
    conversations: ConversationRefs
    alerts: Alerts
    api_keys: ApiKeys
    admin: AdminAuth
    activity: Activity
    feed: Feed
    admin_views: AdminViews
    admin_ledger: AdminLedger
    progress: Progress
    imports: ImportService
    lookups: LookupService | None = None
    ccb: CcbResources | None = None
    monitoring: Monitoring | None = None
    payoff: PayoffReport | None = None
    jobs: JobControl | None = None
    charts: Charts = field(default_factory=Charts)  # rendered charts, an in-process LRU


@dataclass
class Context:
    turn: Turn
    services: Services
    actor: Actor | None = None
    chat: ChatInfo | None = None
    intent: Intent | None = None
    action: PressedAction | None = None
    outcome: str = "ok"
    detail: dict[str, Any] = field(default_factory=dict)
    # set by a channel that answers through the outbox: renders the replies to queue with the handled mark
    render: Callable[[list[Reply]], list[Outgoing]] | None = None
    queued: list[Queued] = field(default_factory=list)

    @property
    def settings(self) -> Settings:
        return self.services.settings

    def require_actor(self) -> Actor:
        assert self.actor is not None, "identity middleware runs before handlers"
        return self.actor

    def require_chat(self) -> ChatInfo:
        assert self.chat is not None, "identity middleware runs before handlers"
        return self.chat

    def money(self, amount: Decimal, currency: str) -> str:
        return format_money(amount, currency, self.services.settings.locale)

    @property
    def entities(self) -> dict[str, Any]:
        return self.intent.entities if self.intent else {}
