"""The only SQL in the project. `open_db` gives a migrated connection; modules beside it hold queries per table."""

from agendakaart.store.db import open_db, transaction

__all__ = ["open_db", "transaction"]
