"""The careers spider: crawls the sources' pages and hands them to extraction."""

from __future__ import annotations

import scrapy
from scrapy.exceptions import (CannotResolveHostError, DownloadConnectionRefusedError,
                               DownloadTimeoutError, IgnoreRequest)
from scrapy.http import TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import (ConnectionRefusedError, DNSLookupError, TCPTimedOutError,
                                    TimeoutError)

from jobfeed.extract import extract
from jobfeed.model import Job
from jobfeed.run import Run
from jobfeed.sources import Source, load_sources, source_for_url


class CareersSpider(scrapy.Spider):
    """Any careers page; sources come from the CLI, `-a url=...` or the sources file."""

    name = "careers"

    def __init__(self, sources: list[Source] | None = None, url: str | None = None,
                 run: Run | None = None, **kwargs):
        super().__init__(**kwargs)
        self.sources = sources
        self.url = url
        # The run (start time, store, report) is injected by the CLI; a plain
        # `scrapy crawl` gets its own.
        self.run = run or Run.starting_now()

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        if spider.sources is None:
            spider.sources = spider.default_sources(spider.url, crawler.settings)
        return spider

    def default_sources(self, url: str | None, settings) -> list[Source]:
        """`-a url=...`, else this spider's entries in the sources file."""
        if url:
            return [source_for_url(url)]
        path = settings.get("JOBFEED_SOURCES")
        return [s for s in load_sources(path) if s.spider == self.name]

    async def start(self):
        for source in self.sources:
            self.run.report(source.name)
            for url in source.start_urls:
                yield scrapy.Request(url, callback=self.parse_listing, errback=self.on_error,
                                     cb_kwargs={"source": source})

    def parse_listing(self, response, source: Source):
        report = self.run.report(source.name)
        report.pages += 1
        if not isinstance(response, TextResponse):
            report.errors.append(f"{response.url}: not an HTML page "
                                 f"({response.headers.get('Content-Type', b'?').decode()})")
            return
        content_type = response.headers.get("Content-Type", b"").decode("latin-1") or None
        for job in self.extract_jobs(response.url, response.body, source, content_type):
            job.source = source.name
            yield job

    def extract_jobs(self, url: str, body: bytes, source: Source,
                     content_type: str | None = None) -> list[Job]:
        """The page's postings; site spiders override this one hook."""
        return extract(url, body, self.run.started_at, content_type=content_type,
                       organization=source.organization)

    def on_error(self, failure):
        source: Source = failure.request.cb_kwargs["source"]
        self.run.report(source.name).errors.append(
            f"{failure.request.url}: {describe_failure(failure)}")
        self.crawler.stats.inc_value("jobfeed/fetch_errors")


def describe_failure(failure) -> str:
    """One line a person can act on: 'HTTP 503', 'DNS lookup failed', 'timed out'..."""
    error = failure.value
    if failure.check(HttpError):
        return f"HTTP {error.response.status}"
    if failure.check(CannotResolveHostError, DNSLookupError):
        return "DNS lookup failed (no network, or the host does not exist)"
    if failure.check(DownloadTimeoutError, TimeoutError, TCPTimedOutError):
        return "timed out"
    if failure.check(DownloadConnectionRefusedError, ConnectionRefusedError):
        return "connection refused"
    if failure.check(IgnoreRequest):
        return f"not fetched: {error}" if str(error) else "forbidden by robots.txt"
    return f"{type(error).__name__}: {error}".rstrip(": ")
