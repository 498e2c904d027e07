"""Job stores. `open_store` picks the backend from the location given."""

from __future__ import annotations

from pathlib import Path

from jobfeed.store.base import SaveResult, Store
from jobfeed.store.sqlite import SQLiteStore, StoreError

__all__ = ["SaveResult", "Store", "SQLiteStore", "StoreError", "open_store"]


def open_store(location: str | Path) -> Store:
    """A store for a file path (SQLite); `postgresql://` URLs are for a later backend."""
    text = str(location)
    if text.startswith(("postgres://", "postgresql://")):
        raise StoreError(f"{text}: the PostgreSQL backend is not available yet; use a file path")
    return SQLiteStore(text)
