"""Store: save jobs in batches; when a source's crawl went well, close what it no longer lists."""

from __future__ import annotations

from collections import Counter

from scrapy import signals

from jobfeed.model import PageJobs
from jobfeed.store import open_store

# Fields whose share of a source's jobs the run report tracks. A field that jobs had
# last run and now lack is counted too: when many lose it, extraction has stopped
# finding it (a layout change), and the report raises a coverage alert.
COVERAGE_FIELDS = ("department", "location", "employment_type", "salary", "posted",
                   "closes", "apply_url", "description")

# What a posting's own page adds to a listing's draft.
DETAIL_FIELDS = COVERAGE_FIELDS + ("description_html", "documents")


class StorePipeline:
    @classmethod
    def from_crawler(cls, crawler):
        pipeline = cls()
        pipeline.crawler = crawler
        pipeline.batch_size = crawler.settings.getint("JOBFEED_STORE_BATCH")
        pipeline.db_location = crawler.settings.get("JOBFEED_DB")
        pipeline.finished = False
        # The engine signals idle only when the spider ran out of work; a crawl stopped
        # early (SIGTERM, Ctrl-C, CLOSESPIDER_*) closes without it and must close nothing.
        crawler.signals.connect(pipeline.spider_idle, signal=signals.spider_idle)
        return pipeline

    def spider_idle(self, spider=None):
        self.finished = True

    def open_spider(self, spider=None):
        self.run = self.crawler.spider.run
        self.owns_store = self.run.store is None
        if self.owns_store:  # a plain `scrapy crawl`: the CLI did not inject one
            self.run.store = open_store(self.db_location)
        self.pending = []
        self.seen: dict[str, set[str]] = {}
        self.filled: dict[str, Counter] = {}
        self.had: dict[str, Counter] = {}  # jobs stored before with the field
        self.lost: dict[str, Counter] = {}  # ... that come without it now

    def process_item(self, item):
        for job in item.jobs if isinstance(item, PageJobs) else (item,):
            self.pending.append(job)
            self.seen.setdefault(job.source, set()).add(job.id)
            self.filled.setdefault(job.source, Counter()).update(
                name for name in COVERAGE_FIELDS if getattr(job, name, None))
        if len(self.pending) >= self.batch_size:
            self.flush()
        return item

    def flush(self):
        if not self.pending:
            return
        jobs, self.pending = self.pending, []
        before = self.run.store.records([job.id for job in jobs])
        self.keep_what_a_failed_detail_page_lost(jobs, before)
        self.count_lost_fields(jobs, before)
        for job, result in zip(jobs, self.run.store.save(jobs, self.run.started_at)):
            report = self.run.report(job.source)
            report.jobs += 1
            if result.change in ("new", "updated", "reopened"):
                setattr(report, result.change, getattr(report, result.change) + 1)
        self.crawler.stats.inc_value("jobfeed/stored", len(jobs))

    def keep_what_a_failed_detail_page_lost(self, jobs, before: dict[str, dict]) -> None:
        """A job whose detail page failed this run (the spider sets `detail_failed`)
        keeps the fields the store had from that page, rather than losing them, and
        moving its `updated`, because of a timeout."""
        for job in jobs:
            record = before.get(job.id)
            if record is None or not getattr(job, "detail_failed", False):
                continue
            for name in DETAIL_FIELDS:
                if not getattr(job, name, None) and record.get(name):
                    setattr(job, name, record[name])
            self.crawler.stats.inc_value("jobfeed/kept_after_detail_failure")

    def count_lost_fields(self, jobs, before: dict[str, dict]) -> None:
        for job in jobs:
            record = before.get(job.id)
            if record is None:
                continue
            had = [name for name in COVERAGE_FIELDS if record.get(name)]
            self.had.setdefault(job.source, Counter()).update(had)
            self.lost.setdefault(job.source, Counter()).update(
                name for name in had if not getattr(job, name, None))

    def close_spider(self, spider=None):
        self.flush()
        store = self.run.store
        for source in self.crawler.spider.sources:
            report = self.run.report(source.name)
            seen = self.seen.get(source.name, set())
            if seen:
                filled = self.filled.get(source.name, Counter())
                report.coverage = {name: round(filled[name] / len(seen), 3)
                                   for name in COVERAGE_FIELDS}
            had, lost = self.had.get(source.name, {}), self.lost.get(source.name, {})
            report.fields_lost = {name: [lost[name], had[name]]
                                  for name in COVERAGE_FIELDS if lost.get(name)}
            report.status = self.status(report, seen, store)
            if report.status == "ok":
                report.closed = len(store.close_missing(source.name, seen, self.run.started_at))
        if self.owns_store:
            store.close()
            self.run.store = None

    def status(self, report, seen: set[str], store) -> str:
        """Only "ok" closes jobs; every other status keeps them open."""
        if not self.finished:
            return "interrupted"  # stopped before the end: what was not fetched is unknown
        if report.errors or report.pages == 0:
            return "failed"  # nothing closes on a failed fetch
        if not seen and not report.no_openings and store.open_count(report.name) > 0:
            report.errors.append("no jobs found where the last run had some; "
                                 "nothing was closed (has the page changed?)")
            return "empty"  # likely a layout change, not every job closing
        if report.detail_errors or report.job_errors:
            return "partial"  # some postings may be missing or incomplete: close nothing
        return "ok"
