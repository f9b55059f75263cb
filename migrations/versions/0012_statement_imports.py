"""statement imports: pending and done imports, remembered column mappings per bank, recurring marks; entries
know the import that wrote them

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-10
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from core.models import UtcDateTime

revision: str = '0012'
down_revision: str | None = '0011'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'imports',
        sa.Column('id', sa.String(length=32), nullable=False),
        sa.Column('user_id', sa.Integer(), sa.ForeignKey('users.id'), nullable=False),
        sa.Column('chat_id', sa.Integer(), sa.ForeignKey('chats.id'), nullable=False),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('filename', sa.String(length=256), nullable=False),
        sa.Column('bank_key', sa.String(length=128), nullable=False),
        sa.Column('mapping', sa.JSON(), nullable=False),
        sa.Column('rows', sa.JSON(), nullable=False),
        sa.Column('hints', sa.JSON(), nullable=False),
        sa.Column('created_at', UtcDateTime(), nullable=False),
        sa.Column('expires_at', UtcDateTime(), nullable=False),
        sa.Column('imported_at', UtcDateTime(), nullable=True),
        sa.Column('undone_at', UtcDateTime(), nullable=True),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_imports_user', 'imports', ['user_id', 'created_at'])
    op.create_table(
        'statement_mappings',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), sa.ForeignKey('users.id', ondelete='CASCADE'), nullable=False),
        sa.Column('bank_key', sa.String(length=128), nullable=False),
        sa.Column('mapping', sa.JSON(), nullable=False),
        sa.Column('updated_at', UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('user_id', 'bank_key', name='uq_statement_mapping'),
    )
    op.create_table(
        'recurring',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('chat_id', sa.Integer(), sa.ForeignKey('chats.id'), nullable=False),
        sa.Column('description', sa.String(length=512), nullable=False),
        sa.Column('amount_minor', sa.BigInteger(), nullable=False),
        sa.Column('currency', sa.String(length=3), nullable=False),
        sa.Column('day_of_month', sa.Integer(), nullable=False),
        sa.Column('marked_by', sa.Integer(), sa.ForeignKey('users.id'), nullable=False),
        sa.Column('created_at', UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('chat_id', 'description', 'currency', name='uq_recurring'),
    )
    with op.batch_alter_table('entries') as batch:
        batch.add_column(sa.Column('import_id', sa.String(length=32), nullable=True))
        batch.create_foreign_key('fk_entries_import_id', 'imports', ['import_id'], ['id'])
        batch.create_index('ix_entries_import_id', ['import_id'])


def downgrade() -> None:
    with op.batch_alter_table('entries') as batch:
        batch.drop_index('ix_entries_import_id')
        batch.drop_constraint('fk_entries_import_id', type_='foreignkey')
        batch.drop_column('import_id')
    op.drop_table('recurring')
    op.drop_table('statement_mappings')
    op.drop_index('ix_imports_user', table_name='imports')
    op.drop_table('imports')
