"""Alembic migrations of the tasktrack schema (shipped as tasktrack._migrations)."""
