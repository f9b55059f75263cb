"""Models of the operations half: scheduled job runs, batch monitoring, the NOCS cache, subscriptions, alerts,
push-API keys and admin sessions (part of core.models' metadata; import them from core.models)."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy import text as sql_text
from sqlalchemy.orm import Mapped, mapped_column

from core.models import Base


class JobRun(Base):
    """One firing of a leader job (or a manual `jobs run`): claimed once per (job, scheduled_for), then its
    outcome. `lease_until` is extended while it runs; a run whose lease lapsed died with its process."""

    __tablename__ = "job_runs"
    __table_args__ = (UniqueConstraint("job", "scheduled_for", name="uq_job_runs_firing"),
                      Index("ix_job_runs_token", "fencing_token"))
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    job: Mapped[str] = mapped_column(String(64))
    scheduled_for: Mapped[datetime]
    trigger: Mapped[str] = mapped_column(String(16))
    outcome: Mapped[str] = mapped_column(String(16))
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    lease_until: Mapped[datetime | None]
    summary: Mapped[str | None] = mapped_column(String(500))
    error: Mapped[str | None] = mapped_column(Text)
    leader: Mapped[str] = mapped_column(String(128))
    fencing_token: Mapped[int | None] = mapped_column(BigInteger)


class MonitorCycle(Base):
    """One batch-monitoring cycle against CC&B: its pending IMD count, or why it failed (then it has no checks)."""

    __tablename__ = "monitor_cycles"
    __table_args__ = (Index("ix_monitor_cycles_at", "checked_at"),)
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    checked_at: Mapped[datetime]
    outcome: Mapped[str] = mapped_column(String(16))
    pending_imd: Mapped[int | None] = mapped_column(BigInteger)
    error: Mapped[str | None] = mapped_column(String(500))
    duration_ms: Mapped[int] = mapped_column(Integer, default=0)


class BatchCheck(Base):
    """One running batch run as one cycle saw it; the previous check and 24-hour statistics come from here."""

    __tablename__ = "batch_checks"
    __table_args__ = (Index("ix_batch_checks_run", "batch_cd", "batch_nbr", "checked_at"),
                      Index("ix_batch_checks_at", "checked_at"))
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("monitor_cycles.id", ondelete="CASCADE"), index=True)
    checked_at: Mapped[datetime]
    batch_cd: Mapped[str] = mapped_column(String(30))
    batch_nbr: Mapped[int] = mapped_column(BigInteger)
    started_at: Mapped[datetime | None]
    duration_s: Mapped[int | None] = mapped_column(Integer)
    records: Mapped[int | None] = mapped_column(BigInteger)
    rps: Mapped[float | None] = mapped_column(Float)
    interval_rps: Mapped[float | None] = mapped_column(Float)
    records_since: Mapped[datetime | None]  # when the run's records were first seen at this count
    status: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(String(500), default="")


class BatchAlert(Base):
    """An alert monitoring raised (warning, stuck, recovered, unreachable): what deduplication looks back on."""

    __tablename__ = "batch_alerts"
    __table_args__ = (Index("ix_batch_alerts_run", "batch_cd", "batch_nbr", "raised_at"),)
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("monitor_cycles.id", ondelete="CASCADE"), index=True)
    raised_at: Mapped[datetime]
    kind: Mapped[str] = mapped_column(String(16))
    batch_cd: Mapped[str] = mapped_column(String(30), default="")  # "" for alerts about CC&B itself
    batch_nbr: Mapped[int] = mapped_column(BigInteger, default=0)
    reason: Mapped[str] = mapped_column(String(500))
    figures: Mapped[dict[str, Any]]


class NocsBalanceRow(Base):
    """The hourly NOCS balance aggregation of CC&B, replaced whole in one transaction; amounts in minor units."""

    __tablename__ = "nocs_balance_cache"
    id: Mapped[int] = mapped_column(primary_key=True)
    nocs: Mapped[str] = mapped_column(String(64))
    customers: Mapped[int] = mapped_column(Integer)
    credit_count: Mapped[int] = mapped_column(Integer)
    credit_minor: Mapped[int] = mapped_column(BigInteger)   # the credit customers hold, as a positive amount
    due_count: Mapped[int] = mapped_column(Integer)
    due_minor: Mapped[int] = mapped_column(BigInteger)
    net_minor: Mapped[int] = mapped_column(BigInteger)      # debit-positive, as CC&B's payoff balance
    currency: Mapped[str] = mapped_column(String(3))
    refreshed_at: Mapped[datetime]
    payoff_generation: Mapped[int | None] = mapped_column(BigInteger)  # its customers in nocs_payoff_cache
    payoff_copied_at: Mapped[datetime | None]  # when that copy was taken (an earlier refresh's when this one failed)


class NocsPayoffRow(Base):
    """Every customer of every NOCS area with their payoff balance, copied from CC&B by the hourly refresh. Rows of
    one refresh share a generation; the balance cache names the one in force, so a reader never sees half a copy."""

    __tablename__ = "nocs_payoff_cache"
    __table_args__ = (Index("ix_nocs_payoff_page", "generation", "nocs", sql_text("payoff_minor DESC"), "acct_id"),)
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    generation: Mapped[int] = mapped_column(BigInteger)
    nocs: Mapped[str] = mapped_column(String(64))
    acct_id: Mapped[str] = mapped_column(String(32))
    customer_name: Mapped[str] = mapped_column(String(256))
    address: Mapped[str] = mapped_column(String(512))
    city: Mapped[str] = mapped_column(String(128))
    payoff_minor: Mapped[int] = mapped_column(BigInteger)  # debit-positive, as CC&B's payoff balance


class Subscription(Base):
    """A conversation that receives a topic's reports and alerts (batch, nocs, rcdc, budget, system, pushed)."""

    __tablename__ = "subscriptions"
    __table_args__ = (UniqueConstraint("channel", "target", "topic", name="uq_subscription"),
                      Index("ix_subscriptions_topic", "topic"))
    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    target: Mapped[str] = mapped_column(String(256))
    topic: Mapped[str] = mapped_column(String(64))
    created_by: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[datetime]


class Alert(Base):
    """An alert raised by monitoring, the push API or a budget: open → acknowledged → resolved, or snoozed."""

    __tablename__ = "alerts"
    __table_args__ = (Index("uq_alerts_live_key", "topic", "dedup_key", unique=True,
                            postgresql_where=sql_text("state <> 'resolved'"),
                            sqlite_where=sql_text("state <> 'resolved'")),
                      Index("ix_alerts_state", "state", "severity"),
                      Index("ix_alerts_unshown", "id", postgresql_where=sql_text("version > shown_version"),
                            sqlite_where=sql_text("version > shown_version")))
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    topic: Mapped[str] = mapped_column(String(64))
    dedup_key: Mapped[str | None] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    facts: Mapped[list[list[str]]] = mapped_column(JSON)
    severity: Mapped[str] = mapped_column(String(16))
    state: Mapped[str] = mapped_column(String(16))
    actionable: Mapped[bool] = mapped_column(Boolean)
    source: Mapped[str] = mapped_column(String(128))
    raised_count: Mapped[int] = mapped_column(Integer)
    first_raised_at: Mapped[datetime]
    last_raised_at: Mapped[datetime]
    state_by: Mapped[str | None] = mapped_column(String(128))
    state_at: Mapped[datetime | None]
    snoozed_until: Mapped[datetime | None]
    escalated_at: Mapped[datetime | None]
    version: Mapped[int] = mapped_column(Integer)
    shown_version: Mapped[int] = mapped_column(Integer, server_default="0")  # the version its copies show


class AlertEvent(Base):
    """Who did what to an alert, and when (raised, re-raised, acknowledged, snoozed, resolved, escalated…)."""

    __tablename__ = "alert_events"
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    alert_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("alerts.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime]
    action: Mapped[str] = mapped_column(String(16))
    actor: Mapped[str] = mapped_column(String(128))
    detail: Mapped[str] = mapped_column(String(500))


class ApiKey(Base):
    """A push-API key: only its prefix and a hash of its secret are kept."""

    __tablename__ = "api_keys"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(16), unique=True)
    secret_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]
    last_used_at: Mapped[datetime | None]


class AdminSession(Base):
    """A signed-in admin-page session: the cookie holds a random token, this row only its hash."""

    __tablename__ = "admin_sessions"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    csrf: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    last_seen_at: Mapped[datetime]
    address: Mapped[str] = mapped_column(String(64))
