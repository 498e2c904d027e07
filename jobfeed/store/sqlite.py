"""SQLite store: the embedded default, one file, safe against a killed run (WAL)."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Iterable, Iterator

import orjson

from jobfeed.model import RECORD_KEYS, Job
from jobfeed.store.base import SaveResult, Store, reader_hash, utc_iso

SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
    id          TEXT PRIMARY KEY,
    source      TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('open', 'closed')),
    first_seen  TEXT NOT NULL,
    last_seen   TEXT NOT NULL,
    closed_at   TEXT,
    updated     TEXT NOT NULL,  -- last change of a field readers care about
    reader_hash TEXT NOT NULL,
    posted      TEXT,
    record      TEXT NOT NULL   -- the job's own fields as JSON
);
CREATE INDEX IF NOT EXISTS jobs_by_source ON jobs (source, status);
CREATE INDEX IF NOT EXISTS jobs_newest ON jobs (status, first_seen DESC, posted DESC);
"""

_HISTORY_KEYS = ("first_seen", "last_seen", "status", "closed_at")
# Newest first; within one run, the posted date, then page order (rowid).
_NEWEST_FIRST = "first_seen DESC, posted IS NULL, posted DESC, rowid"
_CHUNK = 500  # SQLite's default limit on bound variables is far above this


class SQLiteStore(Store):
    def __init__(self, path: str | Path):
        self.path = Path(path)
        if str(path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.db = sqlite3.connect(str(path), timeout=30, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.executescript(SCHEMA)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: cannot open the job store: {exc}") from exc
        self.db.row_factory = sqlite3.Row

    def save(self, jobs: Iterable[Job], seen_at: datetime) -> list[SaveResult]:
        jobs = list(jobs)
        now = utc_iso(seen_at)
        results = []
        with self._transaction():
            known = self._existing([job.id for job in jobs])
            for job in jobs:
                record = job.to_record()
                stored = {k: v for k, v in record.items() if k not in _HISTORY_KEYS}
                data = json.dumps(stored, ensure_ascii=False, sort_keys=True)
                digest = reader_hash(job)
                before = known.get(job.id)
                if before is None:
                    self.db.execute(
                        "INSERT INTO jobs (id, source, status, first_seen, last_seen, updated,"
                        " reader_hash, posted, record) VALUES (?, ?, 'open', ?, ?, ?, ?, ?, ?)",
                        (job.id, job.source, now, now, now, digest, job.posted, data))
                    change = "new"
                else:
                    changed = before["reader_hash"] != digest
                    self.db.execute(
                        "UPDATE jobs SET status='open', closed_at=NULL, last_seen=?,"
                        " updated=CASE WHEN ? THEN ? ELSE updated END,"
                        " reader_hash=?, posted=?, record=? WHERE id=?",
                        (now, changed, now, digest, job.posted, data, job.id))
                    change = ("reopened" if before["status"] == "closed"
                              else "updated" if changed else "seen")
                known[job.id] = {"status": "open", "reader_hash": digest}
                results.append(SaveResult(job.id, change))
        return results

    def close_missing(self, source: str, seen_ids: set[str], closed_at: datetime) -> list[str]:
        when = utc_iso(closed_at)
        with self._transaction():
            open_ids = [row["id"] for row in self.db.execute(
                "SELECT id FROM jobs WHERE source=? AND status='open'", (source,))]
            missing = [job_id for job_id in open_ids if job_id not in seen_ids]
            self.db.executemany(
                "UPDATE jobs SET status='closed', closed_at=? WHERE id=?",
                [(when, job_id) for job_id in missing])
        return missing

    def source_names(self) -> list[str]:
        return [row[0] for row in self.db.execute(
            "SELECT DISTINCT source FROM jobs ORDER BY source")]

    def count(self, *, status: str | None = "open") -> int:
        if status is None:
            return self.db.execute("SELECT count(*) FROM jobs").fetchone()[0]
        return self.db.execute("SELECT count(*) FROM jobs WHERE status=?",
                               (status,)).fetchone()[0]

    def location(self) -> str | None:
        return None if str(self.path) == ":memory:" else str(self.path)

    def open_count(self, source: str) -> int:
        return self.db.execute(
            "SELECT count(*) FROM jobs WHERE source=? AND status='open'", (source,)).fetchone()[0]

    def jobs(self, *, status: str | None = "open", source: str | None = None,
             limit: int | None = None) -> list[dict]:
        where, args = [], []
        if status:
            where.append("status=?")
            args.append(status)
        if source:
            where.append("source=?")
            args.append(source)
        sql = "SELECT * FROM jobs"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += f" ORDER BY {_NEWEST_FIRST}"
        if limit:
            sql += f" LIMIT {int(limit)}"
        return [self._record(row) for row in self.db.execute(sql, args)]

    def ranked_by_source(self, *, status: str | None = "open",
                         between: tuple[str | None, str | None] = (None, None),
                         ) -> Iterator[tuple[int, dict]]:
        # Two queries in one read transaction, so both see the same jobs: the ranks
        # (rowids only, newest first), then the records by source from the
        # (source, status) index, a source's few rows sorted at a time.
        conditions, args = (["status=?"], [status]) if status else ([], [])
        ranked = f"SELECT rowid FROM jobs{' WHERE status=?' if status else ''}"
        for condition, name in zip(("source >= ?", "source < ?"), between):
            if name is not None:
                conditions.append(condition)
                args.append(name)
        where = " WHERE " + " AND ".join(conditions) if conditions else ""
        began = not self.db.in_transaction
        if began:
            self.db.execute("BEGIN")
        try:
            ranks = {rowid: rank for rank, (rowid,) in enumerate(self.db.execute(
                f"{ranked} ORDER BY {_NEWEST_FIRST}", args[:1] if status else []))}
            rows = self.db.cursor()
            rows.row_factory = None  # plain tuples: a third faster than sqlite3.Row here
            rows.execute(f"SELECT rowid, record, {', '.join(_HISTORY_KEYS)}, updated"
                         f" FROM jobs INDEXED BY jobs_by_source{where}"
                         f" ORDER BY source, {_NEWEST_FIRST}", args)
            for rowid, text, *history, updated in rows:
                yield ranks[rowid], _decode(text, history, updated)
        finally:
            if began and self.db.in_transaction:
                self.db.execute("COMMIT")

    def get(self, job_id: str) -> dict | None:
        row = self.db.execute("SELECT * FROM jobs WHERE id=?", (job_id,)).fetchone()
        return self._record(row) if row else None

    def records(self, ids) -> dict[str, dict]:
        ids, found = list(ids), {}
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start:start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            for row in self.db.execute(f"SELECT * FROM jobs WHERE id IN ({marks})", chunk):
                found[row["id"]] = self._record(row)
        return found

    def close(self) -> None:
        self.db.close()

    def _existing(self, ids: list[str]) -> dict[str, dict]:
        found = {}
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start:start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            for row in self.db.execute(
                    f"SELECT id, status, reader_hash FROM jobs WHERE id IN ({marks})", chunk):
                found[row["id"]] = {"status": row["status"], "reader_hash": row["reader_hash"]}
        return found

    def _record(self, row: sqlite3.Row) -> dict:
        return _decode(row["record"], [row[key] for key in _HISTORY_KEYS], row["updated"])

    def _transaction(self):
        return _Transaction(self.db)


def _decode(text: str, history: list, updated: str) -> dict:
    """A record: the stored fields, the history columns (`_HISTORY_KEYS` order), `updated`."""
    try:
        stored = orjson.loads(text)  # a third of json.loads' time: a publish reads every job
    except orjson.JSONDecodeError:  # NaN, which json.dumps writes and orjson refuses
        stored = json.loads(text)
    record = {key: stored.get(key) for key in RECORD_KEYS}
    record.update(zip(_HISTORY_KEYS, history))
    record["updated"] = updated
    return record


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any error so a batch lands whole or not at all."""

    def __init__(self, db: sqlite3.Connection):
        self.db = db

    def __enter__(self):
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type, *_):
        self.db.execute("ROLLBACK" if exc_type else "COMMIT")


class StoreError(RuntimeError):
    """The store cannot be opened or written; the message names the file."""
