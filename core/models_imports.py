"""ORM models of statement imports: pending and done imports, remembered column mappings, recurring marks."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from core.models import Base


class StatementImport(Base):
    """A bank statement read, categorised and checked for duplicates: pending until its owner presses Import (then
    its rows are entries carrying its id), cancelled, or undone as a whole."""

    __tablename__ = "imports"
    __table_args__ = (Index("ix_imports_user", "user_id", "created_at"),)
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    chat_id: Mapped[int] = mapped_column(ForeignKey("chats.id"))
    status: Mapped[str] = mapped_column(String(16), default="pending")  # pending, imported, cancelled, undone
    filename: Mapped[str] = mapped_column(String(256))
    bank_key: Mapped[str] = mapped_column(String(128))
    mapping: Mapped[dict[str, Any]]
    rows: Mapped[list[list[Any]]] = mapped_column(JSON)  # `ImportRow.as_list` of every row read
    hints: Mapped[list[list[Any]]] = mapped_column(JSON)  # `RecurringHint.as_list`: what recurs monthly
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    imported_at: Mapped[datetime | None]
    undone_at: Mapped[datetime | None]


class StatementMapping(Base):
    """The columns of one bank's statements as a person last confirmed them (by importing), used for their next
    file from that bank."""

    __tablename__ = "statement_mappings"
    __table_args__ = (UniqueConstraint("user_id", "bank_key", name="uq_statement_mapping"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    bank_key: Mapped[str] = mapped_column(String(128))
    mapping: Mapped[dict[str, Any]]
    updated_at: Mapped[datetime]


class Recurring(Base):
    """A payment someone marked as recurring in a chat: about this amount, around this day, every month."""

    __tablename__ = "recurring"
    __table_args__ = (UniqueConstraint("chat_id", "description", "currency", name="uq_recurring"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    chat_id: Mapped[int] = mapped_column(ForeignKey("chats.id"))
    description: Mapped[str] = mapped_column(String(512))
    amount_minor: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    day_of_month: Mapped[int] = mapped_column(Integer)
    marked_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime]
