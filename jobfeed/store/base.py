"""The store interface under pipelines and feeds; SQLite implements it, PostgreSQL can."""

from __future__ import annotations

import abc
import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Iterable

from jobfeed.model import READER_FIELDS, Job


@dataclass(frozen=True)
class SaveResult:
    job_id: str
    change: str  # "new", "updated" (a reader-visible field changed), "reopened", "seen"


def reader_hash(job: Job) -> str:
    """Hash of the fields a feed reader cares about; `updated` moves only when it does."""
    visible = {name: getattr(job, name) for name in READER_FIELDS}
    return hashlib.sha256(json.dumps(visible, sort_keys=True, default=str).encode()).hexdigest()


def utc_iso(moment: datetime) -> str:
    """RFC 3339 UTC with a Z, to the second; naive datetimes are a bug, not UTC."""
    if moment.tzinfo is None:
        raise ValueError(f"naive datetime {moment!r}: times must be timezone-aware")
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class Store(abc.ABC):
    """Keeps every job with its history: first_seen, last_seen, status, closed_at."""

    @abc.abstractmethod
    def save(self, jobs: Iterable[Job], seen_at: datetime) -> list[SaveResult]:
        """Insert or refresh jobs seen at `seen_at`, in one transaction."""

    @abc.abstractmethod
    def close_missing(self, source: str, seen_ids: set[str], closed_at: datetime) -> list[str]:
        """Close the source's open jobs not in `seen_ids`; return their ids."""

    @abc.abstractmethod
    def source_names(self) -> list[str]:
        """Every source that has a job in the store, open or closed, sorted."""

    @abc.abstractmethod
    def open_count(self, source: str) -> int:
        """How many of the source's jobs are open now."""

    @abc.abstractmethod
    def jobs(self, *, status: str | None = "open", source: str | None = None,
             limit: int | None = None) -> list[dict]:
        """Records (the contract's keys plus `updated`), newest first."""

    @abc.abstractmethod
    def get(self, job_id: str) -> dict | None:
        """One record by id, or None."""

    def records(self, ids: Iterable[str]) -> dict[str, dict]:
        """The records of those ids that are stored, by id (backends may batch this)."""
        return {job_id: record for job_id in ids if (record := self.get(job_id)) is not None}

    @abc.abstractmethod
    def close(self) -> None:
        """Release the connection."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
