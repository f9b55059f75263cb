"""alerts know which version their copies show: re-raises are counted at once and shown by the delivery worker,
one edit per copy however many re-raises came in between

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0014'
down_revision: str | None = '0013'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('alerts') as table:
        table.add_column(sa.Column('shown_version', sa.Integer(), server_default='0', nullable=False))
    op.execute("UPDATE alerts SET shown_version = version")
    op.create_index('ix_alerts_unshown', 'alerts', ['id'], postgresql_where=sa.text('version > shown_version'),
                    sqlite_where=sa.text('version > shown_version'))


def downgrade() -> None:
    op.drop_index('ix_alerts_unshown', table_name='alerts')
    with op.batch_alter_table('alerts') as table:
        table.drop_column('shown_version')
