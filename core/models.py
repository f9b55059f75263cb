"""SQLAlchemy 2 ORM models: users and identities, chats, drafts and ledger entries, budgets, outbox, audit."""
from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator


class UtcDateTime(TypeDecorator[datetime]):
    """Timezone-aware datetimes on every backend (SQLite stores naive values: we read them back as UTC)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetime given to a UtcDateTime column")
        return value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        from datetime import UTC

        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UtcDateTime(), dict[str, Any]: JSON(), date: Date()}


class User(Base):
    """A platform user; may have several chat identities. `provisional` users were only @mentioned so far."""

    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(128))
    role: Mapped[str] = mapped_column(String(16), default="member")
    provisional: Mapped[bool] = mapped_column(Boolean, default=False)
    auto_save: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime]
    password_hash: Mapped[str | None] = mapped_column(String(255))  # admin-page sign-in (Argon2id)
    totp_secret: Mapped[str | None] = mapped_column(String(64))  # set once enrolled (or enrolling)
    totp_enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    identities: Mapped[list[Identity]] = relationship(back_populates="user")


class Identity(Base):
    """One user's account on one channel. `external_id` is null until a mentioned person first talks."""

    __tablename__ = "identities"
    __table_args__ = (
        UniqueConstraint("channel", "external_id", name="uq_identity_external"),
        Index("ix_identity_username", "channel", "username"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    channel: Mapped[str] = mapped_column(String(16))
    external_id: Mapped[str | None] = mapped_column(String(128))
    username: Mapped[str | None] = mapped_column(String(128))
    display_name: Mapped[str] = mapped_column(String(128))
    private_chat: Mapped[str | None] = mapped_column(String(128))
    created_at: Mapped[datetime]
    user: Mapped[User] = relationship(back_populates="identities")


class Chat(Base):
    """A conversation on one channel: private, group or channel. A group chat is one shared ledger."""

    __tablename__ = "chats"
    __table_args__ = (UniqueConstraint("channel", "external_id", name="uq_chat_external"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    external_id: Mapped[str] = mapped_column(String(128))
    kind: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(256), default="")
    default_currency: Mapped[str | None] = mapped_column(String(3))
    created_at: Mapped[datetime]


class Draft(Base):
    """A parsed transaction waiting for its owner's Save; saving it is what writes an entry."""

    __tablename__ = "drafts"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    chat_id: Mapped[int] = mapped_column(ForeignKey("chats.id"))
    status: Mapped[str] = mapped_column(String(16), default="pending")
    payload: Mapped[dict[str, Any]]
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]


class Entry(Base):
    """A confirmed ledger line: expense, income or settlement, in minor units of its currency."""

    __tablename__ = "entries"
    __table_args__ = (Index("ix_entries_chat_date", "chat_id", "occurred_on"),
                      Index("ix_entries_recorder", "chat_id", "recorded_by", "id"),
                      Index("ix_entries_date", "occurred_on", "id"))  # the admin ledger, newest first
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    chat_id: Mapped[int] = mapped_column(ForeignKey("chats.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)  # who paid
    recorded_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    draft_id: Mapped[str | None] = mapped_column(String(32), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    amount_minor: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    description: Mapped[str] = mapped_column(String(512))
    category: Mapped[str] = mapped_column(String(64))
    occurred_on: Mapped[date]
    created_at: Mapped[datetime]
    voided_at: Mapped[datetime | None]
    voided_by: Mapped[str | None] = mapped_column(String(160), index=True)  # the update that undid it
    import_id: Mapped[str | None] = mapped_column(String(32), ForeignKey("imports.id"), index=True)  # its statement


class Share(Base):
    """What one participant owes of an entry; the payer's own share is a row too."""

    __tablename__ = "shares"
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("entries.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    amount_minor: Mapped[int] = mapped_column(BigInteger)


class Budget(Base):
    __tablename__ = "budgets"
    __table_args__ = (UniqueConstraint("chat_id", "category", "period", "currency", name="uq_budget"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    chat_id: Mapped[int] = mapped_column(ForeignKey("chats.id"))
    category: Mapped[str] = mapped_column(String(64))
    period: Mapped[str] = mapped_column(String(8))
    amount_minor: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime]


class OutboxMessage(Base):
    """A durable proactive message: claimed, sent and retried by the delivery worker."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_due", "status", "next_attempt_at"),)
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    target: Mapped[str] = mapped_column(String(256))
    kind: Mapped[str] = mapped_column(String(32))
    payload: Mapped[dict[str, Any]]
    dedup_key: Mapped[str | None] = mapped_column(String(128), unique=True)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime]
    claimed_until: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]
    ref: Mapped[str | None] = mapped_column(String(64), index=True)  # what the message shows, e.g. "alert:12"
    receipt: Mapped[str | None] = mapped_column(String(256))  # the platform's id of the delivered message
    edit_of: Mapped[int | None] = mapped_column(BigInteger, index=True)  # the copy this row edits in place


class DeadTarget(Base):
    """A chat we may no longer write to (bot blocked, kicked, uninstalled)."""

    __tablename__ = "dead_targets"
    __table_args__ = (UniqueConstraint("channel", "target", name="uq_dead_target"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    target: Mapped[str] = mapped_column(String(256))
    reason: Mapped[str] = mapped_column(String(256))
    created_at: Mapped[datetime]


class HandledTurn(Base):
    """An inbound update (webhook delivery) whose effects and replies are committed: redeliveries skip it."""

    __tablename__ = "handled_turns"
    __table_args__ = (Index("ix_handled_turns_at", "handled_at"),)
    channel: Mapped[str] = mapped_column(String(16), primary_key=True)
    inbound_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    turn_id: Mapped[str] = mapped_column(String(32))
    handled_at: Mapped[datetime]


class AuditRecord(Base):
    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_at", "at"),)
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    at: Mapped[datetime]
    turn_id: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[int | None] = mapped_column(Integer)
    channel: Mapped[str] = mapped_column(String(16))
    chat: Mapped[str] = mapped_column(String(128))
    intent: Mapped[str] = mapped_column(String(64))
    outcome: Mapped[str] = mapped_column(String(32))
    detail: Mapped[dict[str, Any]]


class LinkCode(Base):
    """A one-time code that joins a chat identity to an existing user; only its hash is kept."""

    __tablename__ = "link_codes"
    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]


class LlmCall(Base):
    """One request to the LLM: tokens, estimated cost (millionths of a US dollar), latency and outcome."""

    __tablename__ = "llm_calls"
    __table_args__ = (Index("ix_llm_calls_at", "at"),)
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    at: Mapped[datetime]
    user_key: Mapped[str] = mapped_column(String(64))
    model: Mapped[str] = mapped_column(String(64))
    prompt_tokens: Mapped[int] = mapped_column(Integer, default=0)
    completion_tokens: Mapped[int] = mapped_column(Integer, default=0)
    cost_micro_usd: Mapped[int] = mapped_column(BigInteger, default=0)
    latency_ms: Mapped[int] = mapped_column(Integer)
    outcome: Mapped[str] = mapped_column(String(32))
    error: Mapped[str | None] = mapped_column(String(500))


class ConversationRef(Base):
    """Where a proactive message can reach a conversation (Teams): the latest serviceUrl and the reference."""

    __tablename__ = "conversation_refs"
    __table_args__ = (UniqueConstraint("channel", "conversation_id", name="uq_conversation_ref"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    conversation_id: Mapped[str] = mapped_column(String(256))
    service_url: Mapped[str] = mapped_column(String(512))
    tenant_id: Mapped[str | None] = mapped_column(String(64))
    reference: Mapped[dict[str, Any]]
    updated_at: Mapped[datetime]


from core import models_imports  # noqa: E402,F401  (its tables belong to this metadata: entries refer to imports)
from core.models_operations import (  # noqa: E402,F401  (the operations half of this metadata)
    AdminSession,
    Alert,
    AlertEvent,
    ApiKey,
    BatchAlert,
    BatchCheck,
    JobRun,
    MonitorCycle,
    NocsBalanceRow,
    NocsPayoffRow,
    Subscription,
)
