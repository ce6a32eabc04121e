"""idempotency keys on candidate messages

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29 06:01:45.733602
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("message", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("client_key", sqlmodel.sql.sqltypes.AutoString(), nullable=True)
        )
        batch_op.create_unique_constraint("uq_message_client_key", ["interview_id", "client_key"])


def downgrade() -> None:
    with op.batch_alter_table("message", schema=None) as batch_op:
        batch_op.drop_constraint("uq_message_client_key", type_="unique")
        batch_op.drop_column("client_key")
