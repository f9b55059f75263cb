"""job runs: one row per firing of a leader job, and the leader-term counter on PostgreSQL

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-09
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from core.models import UtcDateTime

revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'job_runs',
        sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
        sa.Column('job', sa.String(length=64), nullable=False),
        sa.Column('scheduled_for', UtcDateTime(), nullable=False),
        sa.Column('trigger', sa.String(length=16), nullable=False),
        sa.Column('outcome', sa.String(length=16), nullable=False),
        sa.Column('started_at', UtcDateTime(), nullable=True),
        sa.Column('finished_at', UtcDateTime(), nullable=True),
        sa.Column('lease_until', UtcDateTime(), nullable=True),
        sa.Column('summary', sa.String(length=500), nullable=True),
        sa.Column('error', sa.Text(), nullable=True),
        sa.Column('leader', sa.String(length=128), nullable=False),
        sa.Column('fencing_token', sa.BigInteger(), nullable=True),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('job', 'scheduled_for', name='uq_job_runs_firing'),
    )
    op.create_index('ix_job_runs_token', 'job_runs', ['fencing_token'])
    if op.get_bind().dialect.name == 'postgresql':
        # fencing tokens of the advisory-lock leader (Redis keeps its own counter; SQLite has one process)
        op.execute('CREATE SEQUENCE job_leader_token')


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        op.execute('DROP SEQUENCE job_leader_token')
    op.drop_index('ix_job_runs_token', table_name='job_runs')
    op.drop_table('job_runs')
