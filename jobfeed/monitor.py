"""RunMonitor: per-source traffic, timing and the faults no callback sees, into the run report."""

from __future__ import annotations

import time

from scrapy import signals
from scrapy.exceptions import DropItem


def source_name(request) -> str | None:
    """The source a request belongs to: the spiders pass it as `cb_kwargs["source"]`."""
    source = request.cb_kwargs.get("source") or request.meta.get("jobfeed_source")
    return getattr(source, "name", source)


def is_detail(request) -> bool:
    """Detail pages add to jobs found on a listing; their failure makes a source partial."""
    return bool(request.meta.get("jobfeed_detail"))


class RunMonitor:
    """Counts requests, bytes and unchanged pages per source and times each source.

    It also turns two silent losses into report entries: a callback that raised (the
    page's jobs are missing, so the source must not close anything) and a job that a
    pipeline failed on (likewise).
    """

    def __init__(self, crawler):
        self.crawler = crawler
        self.started: dict[str, float] = {}
        for handler, signal in ((self.request_scheduled, signals.request_scheduled),
                                (self.request_reached, signals.request_reached_downloader),
                                (self.bytes_received, signals.bytes_received),
                                (self.response_received, signals.response_received),
                                (self.request_left, signals.request_left_downloader),
                                (self.spider_error, signals.spider_error),
                                (self.item_error, signals.item_error)):
            crawler.signals.connect(handler, signal=signal)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    @property
    def run(self):
        return getattr(self.crawler.spider, "run", None)

    def _report(self, request):
        name = source_name(request)
        if name is None or self.run is None:
            return None
        return self.run.report(name)

    def request_scheduled(self, request, spider=None):
        name = source_name(request)
        if name is not None:
            self.started.setdefault(name, time.monotonic())

    def request_reached(self, request, spider=None):
        if self.run is not None:
            self.run.requests += 1
        if report := self._report(request):
            report.requests += 1

    def bytes_received(self, data, request, spider=None):
        if self.run is not None:
            self.run.bytes += len(data)
        if report := self._report(request):
            report.bytes += len(data)

    def response_received(self, response, request, spider=None):
        report = self._report(request)
        if report and "cached" in response.flags:
            report.unchanged += 1
        self._timed(request)

    def request_left(self, request, spider=None):
        self._timed(request)

    def _timed(self, request):
        name = source_name(request)
        if name in self.started and (report := self._report(request)):
            report.duration = round(time.monotonic() - self.started[name], 3)

    def spider_error(self, failure, response, spider=None):
        report = self._report(response.request) if response.request else None
        if report is None:
            return
        error = failure.value
        message = f"{response.url}: could not read the page ({type(error).__name__}: {error})"
        (report.detail_errors if is_detail(response.request) else report.errors).append(message)

    def item_error(self, item, response, spider=None, failure=None):
        if failure is not None and failure.check(DropItem):
            return
        name = getattr(item, "source", None)
        if name is None or self.run is None:
            return
        error = failure.value if failure is not None else None
        self.run.report(name).job_errors.append(
            f"{getattr(item, 'title', '?')!r} on {getattr(response, 'url', '?')}: could not be "
            f"stored ({type(error).__name__}: {error})")
