"""The schema revision this code expects, importable without SQLAlchemy (the light reader checks it).

The newest migration in migrations/versions. A test checks it against Alembic's own view, so that every
command can check the schema with one SELECT instead of loading Alembic.
"""

HEAD = "0014"
