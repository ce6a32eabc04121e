"""tenant scenarios: a row per version; interviews record the version they run on

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-05 05:55:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "tenant_scenario",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tenant", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("scenario_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("body", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("deleted_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("tenant", "scenario_id", "version", name="uq_tenant_scenario_version"),
    )
    with op.batch_alter_table("tenant_scenario", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_tenant_scenario_tenant"), ["tenant"], unique=False)

    with op.batch_alter_table("interview", schema=None) as batch_op:
        batch_op.add_column(sa.Column("scenario_version", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("interview", schema=None) as batch_op:
        batch_op.drop_column("scenario_version")

    with op.batch_alter_table("tenant_scenario", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_tenant_scenario_tenant"))

    op.drop_table("tenant_scenario")
