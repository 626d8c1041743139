"""Pure business rules of Mieruka: entities, fiscal calendar, parsing, achievement, services.

Nothing here imports Qt, SQLAlchemy or any file-format library; user-facing text lives in ui/.
"""
