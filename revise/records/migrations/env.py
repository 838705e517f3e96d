"""Alembic's environment for the records database: run on the connection `revise.records.db` passes."""

from __future__ import annotations

from alembic import context

from revise.records.tables import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
