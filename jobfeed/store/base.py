"""The store interface under pipelines and feeds; SQLite implements it, PostgreSQL can."""

from __future__ import annotations

import abc
import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Iterable, Iterator

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

    def ranked_by_source(self, *, status: str | None = "open",
                         between: tuple[str | None, str | None] = (None, None),
                         ) -> Iterator[tuple[int, dict]]:
        """Every record with that status, one at a time: grouped by source (sources in
        name order, each source's newest first), each with its rank, its place in the
        order of `jobs(status=status)` (0 is the newest). A publisher keeps only what it
        needs of each, rather than every job at once. `between`: only the sources from
        the first name (included) to the second (excluded); None leaves that end open.

        This default loads every record once to rank them; backends should stream."""
        ranks = {job["id"]: rank for rank, job in enumerate(self.jobs(status=status))}
        first, stop = between
        for source in self.source_names():
            if (first is None or source >= first) and (stop is None or source < stop):
                for job in self.jobs(status=status, source=source):
                    yield ranks[job["id"]], job

    def count(self, *, status: str | None = "open") -> int:
        """How many jobs have that status (None: every job)."""
        return len(self.jobs(status=status))

    def location(self) -> str | None:
        """Where `open_store` opens this same store in another process, or None when it
        cannot (an in-memory store, a backend without one)."""
        return None

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
