"""alerts, their history and push-API keys; outbox rows remember what they delivered and which copy they edit

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from core.models import UtcDateTime

revision: str = '0009'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        'alerts',
        sa.Column('id', BIG_ID, nullable=False),
        sa.Column('topic', sa.String(length=64), nullable=False),
        sa.Column('dedup_key', sa.String(length=200), nullable=True),
        sa.Column('title', sa.String(length=200), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('facts', sa.JSON(), nullable=False),
        sa.Column('severity', sa.String(length=16), nullable=False),
        sa.Column('state', sa.String(length=16), nullable=False),
        sa.Column('actionable', sa.Boolean(), nullable=False),
        sa.Column('source', sa.String(length=128), nullable=False),
        sa.Column('raised_count', sa.Integer(), nullable=False),
        sa.Column('first_raised_at', UtcDateTime(), nullable=False),
        sa.Column('last_raised_at', UtcDateTime(), nullable=False),
        sa.Column('state_by', sa.String(length=128), nullable=True),
        sa.Column('state_at', UtcDateTime(), nullable=True),
        sa.Column('snoozed_until', UtcDateTime(), nullable=True),
        sa.Column('escalated_at', UtcDateTime(), nullable=True),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    # at most one live alert per key and topic: a concurrent raise of the same key updates it instead
    op.create_index('uq_alerts_live_key', 'alerts', ['topic', 'dedup_key'], unique=True,
                    postgresql_where=sa.text("state <> 'resolved'"), sqlite_where=sa.text("state <> 'resolved'"))
    op.create_index('ix_alerts_state', 'alerts', ['state', 'severity'])
    op.create_table(
        'alert_events',
        sa.Column('id', BIG_ID, nullable=False),
        sa.Column('alert_id', sa.BigInteger(), sa.ForeignKey('alerts.id', ondelete='CASCADE'), nullable=False),
        sa.Column('at', UtcDateTime(), nullable=False),
        sa.Column('action', sa.String(length=16), nullable=False),
        sa.Column('actor', sa.String(length=128), nullable=False),
        sa.Column('detail', sa.String(length=500), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_alert_events_alert', 'alert_events', ['alert_id'])
    op.create_table(
        'api_keys',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=64), nullable=False),
        sa.Column('prefix', sa.String(length=16), nullable=False),
        sa.Column('secret_hash', sa.String(length=64), nullable=False),
        sa.Column('created_at', UtcDateTime(), nullable=False),
        sa.Column('revoked_at', UtcDateTime(), nullable=True),
        sa.Column('last_used_at', UtcDateTime(), nullable=True),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('name', name='uq_api_key_name'),
        sa.UniqueConstraint('prefix', name='uq_api_key_prefix'),
    )
    with op.batch_alter_table('outbox') as batch:
        batch.add_column(sa.Column('ref', sa.String(length=64), nullable=True))
        batch.add_column(sa.Column('receipt', sa.String(length=256), nullable=True))
        batch.add_column(sa.Column('edit_of', sa.BigInteger(), nullable=True))
    op.create_index('ix_outbox_ref', 'outbox', ['ref'])
    op.create_index('ix_outbox_edit_of', 'outbox', ['edit_of'])


def downgrade() -> None:
    op.drop_index('ix_outbox_edit_of', table_name='outbox')
    op.drop_index('ix_outbox_ref', table_name='outbox')
    with op.batch_alter_table('outbox') as batch:
        batch.drop_column('edit_of')
        batch.drop_column('receipt')
        batch.drop_column('ref')
    op.drop_table('api_keys')
    op.drop_index('ix_alert_events_alert', table_name='alert_events')
    op.drop_table('alert_events')
    op.drop_index('ix_alerts_state', table_name='alerts')
    op.drop_index('uq_alerts_live_key', table_name='alerts')
    op.drop_table('alerts')
