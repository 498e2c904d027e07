"""`Store.ranked_by_source`: every job once, a source at a time, each with its place in
the newest-first order; the SQLite store streams it, any other backend gets a default."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest

from jobfeed.model import Job
from jobfeed.store import SQLiteStore, Store

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=timezone.utc)


def job(title: str, source: str, posted: str | None = None) -> Job:
    made = Job(title=title, organization=source.title(), source=source, posted=posted,
               source_url=f"https://{source}.example/jobs", url=f"https://{source}.example/{title}",
               description="Duties.")
    made.id = f"{source}-{title}"
    return made


class Plain(Store):
    """A backend that implements only what the interface requires: the defaults."""

    def __init__(self, inner: SQLiteStore):
        self.inner = inner

    def save(self, jobs, seen_at):
        return self.inner.save(jobs, seen_at)

    def close_missing(self, source, seen_ids, closed_at):
        return self.inner.close_missing(source, seen_ids, closed_at)

    def source_names(self):
        return self.inner.source_names()

    def open_count(self, source):
        return self.inner.open_count(source)

    def jobs(self, **kwargs):
        return self.inner.jobs(**kwargs)

    def get(self, job_id):
        return self.inner.get(job_id)

    def close(self):
        self.inner.close()


@pytest.fixture
def store(tmp_path):
    store = SQLiteStore(tmp_path / "jobs.db")
    store.save([job("a", "birch", "2026-11-01"), job("b", "alder"), job("c", "birch", "2026-11-03"),
                job("d", "cedar")], NOW)
    store.save([job("e", "alder"), job("f", "birch"), job("g", "dogwood")],
               NOW + timedelta(days=1))
    store.close_missing("dogwood", set(), NOW + timedelta(days=2))  # closed: not streamed
    yield store
    store.close()


@pytest.mark.parametrize("backend", ["sqlite", "default"])
def test_every_open_job_once_by_source_newest_first_with_its_rank(store, backend):
    streaming = store if backend == "sqlite" else Plain(store)
    ranked = list(streaming.ranked_by_source(status="open"))
    newest_first = [record["id"] for record in store.jobs(status="open")]
    assert sorted(rank for rank, _ in ranked) == list(range(len(newest_first)))
    for rank, record in ranked:
        assert newest_first[rank] == record["id"]
        assert record == store.get(record["id"])  # the same record as everywhere else
    assert [record["id"] for _, record in ranked] == [
        "alder-e", "alder-b", "birch-f", "birch-c", "birch-a", "cedar-d"]


@pytest.mark.parametrize("backend", ["sqlite", "default"])
def test_a_run_of_source_names_and_every_status(store, backend):
    streaming = store if backend == "sqlite" else Plain(store)
    ids = [r["id"] for _, r in streaming.ranked_by_source(between=("alder-z", "cedar"))]
    assert ids == ["birch-f", "birch-c", "birch-a"]
    assert [r["id"] for _, r in streaming.ranked_by_source(between=(None, "birch"))] == [
        "alder-e", "alder-b"]
    everything = list(streaming.ranked_by_source(status=None))
    assert [r["id"] for _, r in everything][-1] == "dogwood-g"
    assert streaming.count(status=None) == 7 and streaming.count() == 6
    assert streaming.count(status="closed") == 1


def test_the_stream_is_one_snapshot_and_leaves_no_transaction_open(store, tmp_path):
    stream = store.ranked_by_source()
    first = next(stream)
    other = SQLiteStore(tmp_path / "jobs.db")  # another connection writes meanwhile
    other.save([job("h", "alder")], NOW + timedelta(days=3))
    other.close()
    rest = list(stream)
    assert len([first, *rest]) == 6  # the job saved meanwhile is not half in it
    assert not store.db.in_transaction
    assert store.count() == 7
    store.save([job("i", "alder")], NOW + timedelta(days=4))  # writing still works


def test_where_another_process_opens_it(store, tmp_path):
    assert store.location() == str(tmp_path / "jobs.db")
    assert SQLiteStore(":memory:").location() is None
    assert Plain(store).location() is None  # a backend that cannot say: one process


def test_a_record_stored_with_nan_is_still_read(store):
    store.db.execute("UPDATE jobs SET record=? WHERE id='cedar-d'",
                     (json.dumps({**json.loads(store.db.execute(
                         "SELECT record FROM jobs WHERE id='cedar-d'").fetchone()[0]),
                         "salary": {"min": float("nan")}}),))
    records = {r["id"]: r for _, r in store.ranked_by_source()}
    assert records["cedar-d"]["salary"]["min"] != records["cedar-d"]["salary"]["min"]  # NaN
