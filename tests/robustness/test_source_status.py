"""The store pipeline's verdict per source, in process: only ok closes jobs."""

from __future__ import annotations

from datetime import datetime, timezone
from types import SimpleNamespace

import pytest
from scrapy.utils.test import get_crawler

from jobfeed.model import Job
from jobfeed.run import Run
from jobfeed.sources import Source
from jobfeed.store import SQLiteStore
from pipelines.store import StorePipeline

THEN = datetime(2026, 11, 19, 15, 0, tzinfo=timezone.utc)
NOW = datetime(2026, 11, 20, 15, 0, tzinfo=timezone.utc)
ALDER = Source("alder", ("https://alder.example/jobs",))


def job(n: int, **fields) -> Job:
    values = {"closes": "2026-12-01",
              "salary": {"min": 1, "max": 2, "currency": "USD", "period": "year"}, **fields}
    return Job(title=f"Planner {n}", url=f"https://alder.example/jobs/{n}", id=f"alder-{n}",
               source="alder", **values)


@pytest.fixture
def store():
    store = SQLiteStore(":memory:")
    store.save([job(n) for n in range(4)], THEN)
    yield store
    store.close()


def crawl(store, found: list[Job], *, finished=True, **report) -> tuple[Run, object]:
    run = Run(started_at=NOW, store=store)
    crawler = get_crawler(settings_dict={"JOBFEED_STORE_BATCH": 2})
    crawler.spider = SimpleNamespace(run=run, sources=[ALDER])
    pipeline = StorePipeline.from_crawler(crawler)
    pipeline.open_spider()
    source = run.report("alder")
    source.pages = 1
    for key, value in report.items():
        setattr(source, key, value)
    for item in found:
        pipeline.process_item(item)
    if finished:
        pipeline.spider_idle()
    pipeline.close_spider()
    return run, source


def open_ids(store) -> set[str]:
    return {record["id"] for record in store.jobs(status="open")}


def test_ok_closes_what_is_no_longer_listed(store):
    _, source = crawl(store, [job(0), job(1)])
    assert (source.status, source.closed) == ("ok", 2)
    assert open_ids(store) == {"alder-0", "alder-1"}


@pytest.mark.parametrize("report, status", [
    ({"errors": ["https://alder.example/jobs: timed out"]}, "failed"),
    ({"pages": 0}, "failed"),
    ({"detail_errors": ["https://alder.example/jobs/1: HTTP 503"]}, "partial"),
    ({"job_errors": ["'Planner 1': could not be stored"]}, "partial"),
])
def test_every_other_verdict_closes_nothing(store, report, status):
    _, source = crawl(store, [job(0)], **report)
    assert (source.status, source.closed) == (status, 0)
    assert len(open_ids(store)) == 4


def test_a_crawl_stopped_early_closes_nothing(store):
    _, source = crawl(store, [job(0)], finished=False)
    assert (source.status, source.closed) == ("interrupted", 0)
    assert len(open_ids(store)) == 4


def test_nothing_found_is_empty_unless_the_page_says_so(store):
    _, source = crawl(store, [])
    assert source.status == "empty" and len(open_ids(store)) == 4
    _, source = crawl(store, [], no_openings=True)  # "There are no openings at this time"
    assert (source.status, source.closed) == ("ok", 4) and open_ids(store) == set()


def test_coverage_and_fields_lost_on_the_same_jobs(store):
    _, source = crawl(store, [job(0), job(1), job(2, closes=None), job(3, closes=None)])
    assert source.coverage["closes"] == 0.5 and source.coverage["salary"] == 1.0
    assert source.fields_lost == {"closes": [2, 4]}


def test_a_failed_detail_page_does_not_wipe_what_the_store_knew(store):
    failed = job(1, closes=None, salary=None)
    failed.detail_failed = True  # set by the spider's errback for the detail page
    _, source = crawl(store, [job(0), failed, job(2), job(3)],
                      detail_errors=["https://alder.example/jobs/1: timed out"])
    assert source.status == "partial" and source.fields_lost == {}
    kept = store.get("alder-1")
    assert kept["closes"] == "2026-12-01" and kept["salary"]["max"] == 2
    assert kept["updated"] == "2026-11-19T15:00:00Z"  # nothing a reader sees changed
