"""subscriptions: which conversation receives which topic

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from core.models import UtcDateTime

revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'subscriptions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('channel', sa.String(length=16), nullable=False),
        sa.Column('target', sa.String(length=256), nullable=False),
        sa.Column('topic', sa.String(length=64), nullable=False),
        sa.Column('created_by', sa.String(length=128), nullable=False),
        sa.Column('created_at', UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('channel', 'target', 'topic', name='uq_subscription'),
    )
    op.create_index('ix_subscriptions_topic', 'subscriptions', ['topic'])


def downgrade() -> None:
    op.drop_index('ix_subscriptions_topic', table_name='subscriptions')
    op.drop_table('subscriptions')
