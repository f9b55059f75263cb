"""handled turns: the durable "handled" mark of inbound updates; entries.voided_by

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from core.models import UtcDateTime

revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'handled_turns',
        sa.Column('channel', sa.String(length=16), nullable=False),
        sa.Column('inbound_id', sa.String(length=128), nullable=False),
        sa.Column('turn_id', sa.String(length=32), nullable=False),
        sa.Column('handled_at', UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint('channel', 'inbound_id'),
    )
    op.create_index('ix_handled_turns_at', 'handled_turns', ['handled_at'])
    with op.batch_alter_table('entries', schema=None) as batch_op:
        batch_op.add_column(sa.Column('voided_by', sa.String(length=160), nullable=True))
        batch_op.create_index('ix_entries_voided_by', ['voided_by'])


def downgrade() -> None:
    with op.batch_alter_table('entries', schema=None) as batch_op:
        batch_op.drop_index('ix_entries_voided_by')
        batch_op.drop_column('voided_by')
    op.drop_index('ix_handled_turns_at', table_name='handled_turns')
    op.drop_table('handled_turns')
