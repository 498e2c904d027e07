"""Pipelines one by one, with Scrapy's test crawler for stats."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler

from jobfeed.model import Job, PageJobs
from jobfeed.normalise import normalise_job
from jobfeed.run import Run
from pipelines.dedupe import DedupePipeline
from pipelines.normalise import NormalisePipeline
from pipelines.validate import ValidatePipeline

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=timezone.utc)


@pytest.fixture
def crawler():
    crawler = get_crawler()
    crawler.stats.open_spider()
    crawler.spider = type("Spider", (), {"run": Run(started_at=NOW)})()
    return crawler


def test_normalise_cleans_text_parses_fields_and_sets_the_id(crawler):
    job = Job(title="  Senior ILG Program Manager \u2013 Workforce\u00a0Development ",
              source="calcities", url="https://x.example/a.pdf",
              raw={"posted": "Posted 3 days ago", "closes": "Closes: Dec 5, 2026 at 5:00 PM",
                   "salary": "$7,500 - $9,100 monthly", "employment_type": "Full Time"})
    NormalisePipeline.from_crawler(crawler).process_item(job)
    assert job.title == "Senior ILG Program Manager - Workforce Development"
    assert (job.posted, job.closes) == ("2026-11-17", "2026-12-05")
    assert job.salary == {"min": 7500, "max": 9100, "currency": "USD", "period": "month"}
    assert job.employment_type == "full-time"
    assert job.id.startswith("calcities-")


def test_validate_drops_a_job_without_url_and_counts_why(crawler):
    pipeline = ValidatePipeline.from_crawler(crawler)
    with pytest.raises(DropItem, match="without url"):
        pipeline.process_item(Job(title="Clerk", id="x-1"))
    with pytest.raises(DropItem, match="without title"):
        pipeline.process_item(Job(title="", url="https://x.example/", id="x-2"))
    assert crawler.stats.get_value("jobfeed/dropped/missing_url") == 1
    assert crawler.stats.get_value("jobfeed/dropped/missing_title") == 1
    good = Job(title="Clerk", url="https://x.example/", id="x-3")
    assert pipeline.process_item(good) is good


def test_dedupe_lets_an_id_through_once_per_run(crawler):
    pipeline = DedupePipeline.from_crawler(crawler)
    job = Job(title="Clerk", url="https://x.example/", id="x-1")
    pipeline.process_item(job)
    with pytest.raises(DropItem, match="duplicate"):
        pipeline.process_item(Job(title="Clerk", url="https://x.example/", id="x-1"))
    assert crawler.stats.get_value("jobfeed/dropped/duplicate") == 1


def _page(*jobs: Job) -> PageJobs:
    return PageJobs("x", "https://x.example/jobs", list(jobs))


def test_a_page_of_jobs_loses_only_its_invalid_and_duplicate_jobs(crawler, caplog):
    validate, dedupe = ValidatePipeline.from_crawler(crawler), DedupePipeline.from_crawler(crawler)
    clerk = Job(title="Clerk", url="https://x.example/", id="x-1")
    page = _page(clerk, Job(title="Planner", id="x-2"),  # no url
                 Job(title="Clerk", url="https://x.example/", id="x-1"))  # listed twice
    assert dedupe.process_item(validate.process_item(page)) is page
    assert page.jobs == [clerk]
    assert crawler.stats.get_value("jobfeed/dropped/missing_url") == 1
    assert crawler.stats.get_value("jobfeed/dropped/duplicate") == 1
    assert "job without url: 'Planner'" in caplog.text
    with pytest.raises(DropItem, match="no job of https://x.example/jobs left"):
        dedupe.process_item(_page(Job(title="Clerk", url="https://x.example/", id="x-1")))


def test_a_job_that_fails_to_normalise_marks_its_source_partial_not_its_page_lost(
        crawler, monkeypatch):
    import pipelines.normalise as normalise_module

    def fragile(job, now):
        if job.title == "Bad":
            raise ValueError("cannot parse")
        return normalise_job(job, now)

    monkeypatch.setattr(normalise_module, "normalise_job", fragile)
    good = Job(title=" Clerk ", source="x", url="https://x.example/a")
    page = _page(good, Job(title="Bad", source="x", url="https://x.example/b"))
    NormalisePipeline.from_crawler(crawler).process_item(page)
    assert page.jobs == [good] and good.title == "Clerk" and good.id
    report = crawler.spider.run.report("x")
    assert report.job_errors == ["'Bad' on https://x.example/jobs: could not be stored "
                                 "(ValueError: cannot parse)"]
