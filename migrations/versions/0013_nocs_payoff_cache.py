"""NOCS payoff cache: every customer of every NOCS area with their payoff balance, copied by the hourly refresh;
the balance cache names the copy in force

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from core.models import UtcDateTime

revision: str = '0013'
down_revision: str | None = '0012'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'nocs_payoff_cache',
        sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
        sa.Column('generation', sa.BigInteger(), nullable=False),
        sa.Column('nocs', sa.String(length=64), nullable=False),
        sa.Column('acct_id', sa.String(length=32), nullable=False),
        sa.Column('customer_name', sa.String(length=256), nullable=False),
        sa.Column('address', sa.String(length=512), nullable=False),
        sa.Column('city', sa.String(length=128), nullable=False),
        sa.Column('payoff_minor', sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_nocs_payoff_page', 'nocs_payoff_cache',
                    ['generation', 'nocs', sa.text('payoff_minor DESC'), 'acct_id'])
    with op.batch_alter_table('nocs_balance_cache') as table:
        table.add_column(sa.Column('payoff_generation', sa.BigInteger(), nullable=True))
        table.add_column(sa.Column('payoff_copied_at', UtcDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('nocs_balance_cache') as table:
        table.drop_column('payoff_copied_at')
        table.drop_column('payoff_generation')
    op.drop_index('ix_nocs_payoff_page', table_name='nocs_payoff_cache')
    op.drop_table('nocs_payoff_cache')
