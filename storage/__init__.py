"""Adapters to disk: SQLAlchemy engine, ORM, repositories and unit of work, migrations, backups.

Never imports Qt or ui/.
"""
