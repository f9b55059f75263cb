"""monitoring: batch-monitoring cycles, batch checks, the alerts they raised, and the NOCS balance cache

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-09
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from core.models import UtcDateTime

revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')


def upgrade() -> None:
    op.create_table(
        'monitor_cycles',
        sa.Column('id', ID, nullable=False),
        sa.Column('checked_at', UtcDateTime(), nullable=False),
        sa.Column('outcome', sa.String(length=16), nullable=False),
        sa.Column('pending_imd', sa.BigInteger(), nullable=True),
        sa.Column('error', sa.String(length=500), nullable=True),
        sa.Column('duration_ms', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_monitor_cycles_at', 'monitor_cycles', ['checked_at'])
    op.create_table(
        'batch_checks',
        sa.Column('id', ID, nullable=False),
        sa.Column('cycle_id', ID, nullable=False),
        sa.Column('checked_at', UtcDateTime(), nullable=False),
        sa.Column('batch_cd', sa.String(length=30), nullable=False),
        sa.Column('batch_nbr', sa.BigInteger(), nullable=False),
        sa.Column('started_at', UtcDateTime(), nullable=True),
        sa.Column('duration_s', sa.Integer(), nullable=True),
        sa.Column('records', sa.BigInteger(), nullable=True),
        sa.Column('rps', sa.Float(), nullable=True),
        sa.Column('interval_rps', sa.Float(), nullable=True),
        sa.Column('records_since', UtcDateTime(), nullable=True),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('reason', sa.String(length=500), nullable=False),
        sa.ForeignKeyConstraint(['cycle_id'], ['monitor_cycles.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_batch_checks_run', 'batch_checks', ['batch_cd', 'batch_nbr', 'checked_at'])
    op.create_index('ix_batch_checks_at', 'batch_checks', ['checked_at'])
    op.create_index('ix_batch_checks_cycle_id', 'batch_checks', ['cycle_id'])
    op.create_table(
        'batch_alerts',
        sa.Column('id', ID, nullable=False),
        sa.Column('cycle_id', ID, nullable=False),
        sa.Column('raised_at', UtcDateTime(), nullable=False),
        sa.Column('kind', sa.String(length=16), nullable=False),
        sa.Column('batch_cd', sa.String(length=30), nullable=False),
        sa.Column('batch_nbr', sa.BigInteger(), nullable=False),
        sa.Column('reason', sa.String(length=500), nullable=False),
        sa.Column('figures', sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(['cycle_id'], ['monitor_cycles.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_batch_alerts_run', 'batch_alerts', ['batch_cd', 'batch_nbr', 'raised_at'])
    op.create_index('ix_batch_alerts_cycle_id', 'batch_alerts', ['cycle_id'])
    op.create_table(
        'nocs_balance_cache',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('nocs', sa.String(length=64), nullable=False),
        sa.Column('customers', sa.Integer(), nullable=False),
        sa.Column('credit_count', sa.Integer(), nullable=False),
        sa.Column('credit_minor', sa.BigInteger(), nullable=False),
        sa.Column('due_count', sa.Integer(), nullable=False),
        sa.Column('due_minor', sa.BigInteger(), nullable=False),
        sa.Column('net_minor', sa.BigInteger(), nullable=False),
        sa.Column('currency', sa.String(length=3), nullable=False),
        sa.Column('refreshed_at', UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )


def downgrade() -> None:
    op.drop_table('nocs_balance_cache')
    op.drop_index('ix_batch_alerts_cycle_id', table_name='batch_alerts')
    op.drop_index('ix_batch_alerts_run', table_name='batch_alerts')
    op.drop_table('batch_alerts')
    op.drop_index('ix_batch_checks_cycle_id', table_name='batch_checks')
    op.drop_index('ix_batch_checks_at', table_name='batch_checks')
    op.drop_index('ix_batch_checks_run', table_name='batch_checks')
    op.drop_table('batch_checks')
    op.drop_index('ix_monitor_cycles_at', table_name='monitor_cycles')
    op.drop_table('monitor_cycles')
