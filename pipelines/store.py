"""Store: save jobs in batches; when a source's crawl went well, close what it no longer lists."""

from __future__ import annotations

from jobfeed.store import open_store


class StorePipeline:
    @classmethod
    def from_crawler(cls, crawler):
        pipeline = cls()
        pipeline.crawler = crawler
        pipeline.batch_size = crawler.settings.getint("JOBFEED_STORE_BATCH")
        pipeline.db_location = crawler.settings.get("JOBFEED_DB")
        return pipeline

    def open_spider(self, spider=None):
        self.run = self.crawler.spider.run
        self.owns_store = self.run.store is None
        if self.owns_store:  # a plain `scrapy crawl`: the CLI did not inject one
            self.run.store = open_store(self.db_location)
        self.pending = []
        self.seen: dict[str, set[str]] = {}

    def process_item(self, item):
        self.pending.append(item)
        self.seen.setdefault(item.source, set()).add(item.id)
        if len(self.pending) >= self.batch_size:
            self.flush()
        return item

    def flush(self):
        if not self.pending:
            return
        jobs, self.pending = self.pending, []
        for job, result in zip(jobs, self.run.store.save(jobs, self.run.started_at)):
            report = self.run.report(job.source)
            report.jobs += 1
            if result.change in ("new", "updated", "reopened"):
                setattr(report, result.change, getattr(report, result.change) + 1)
        self.crawler.stats.inc_value("jobfeed/stored", len(jobs))

    def close_spider(self, spider=None):
        self.flush()
        store = self.run.store
        for source in self.crawler.spider.sources:
            report = self.run.report(source.name)
            seen = self.seen.get(source.name, set())
            if report.errors or report.pages == 0:
                report.status = "failed"  # nothing closes on a failed fetch
            elif not seen and store.open_count(source.name) > 0:
                report.status = "empty"  # likely a layout change, not every job closing
                report.errors.append("no jobs found where the last run had some; "
                                     "nothing was closed (has the page changed?)")
            else:
                report.status = "ok"
                report.closed = len(store.close_missing(source.name, seen, self.run.started_at))
        if self.owns_store:
            store.close()
            self.run.store = None
