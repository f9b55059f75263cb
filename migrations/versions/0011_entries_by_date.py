"""entries by date across chats, for the admin page's ledger (newest first, paged)

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03
"""
from collections.abc import Sequence

from alembic import op

revision: str = '0011'
down_revision: str | None = '0010'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index('ix_entries_date', 'entries', ['occurred_on', 'id'])


def downgrade() -> None:
    op.drop_index('ix_entries_date', table_name='entries')
