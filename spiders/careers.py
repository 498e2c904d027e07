"""The careers spider: crawls the sources' pages and hands them to extraction."""

from __future__ import annotations

import scrapy
from scrapy import signals
from scrapy.http import TextResponse
from scrapy.spidermiddlewares.httperror import HttpError

from jobfeed.extract import PageResult, extract_page, merge_detail, needs_detail
from jobfeed.extraction_processes import ExtractionProcesses, process_count
from jobfeed.faults import describe_exception, describe_status
from jobfeed.model import Job, PageJobs
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
        spider.extraction = ExtractionProcesses(process_count(
            crawler.settings.get("JOBFEED_EXTRACT_PROCESSES"), len(spider.sources)))
        crawler.signals.connect(spider.extraction.start, signal=signals.spider_opened)
        crawler.signals.connect(spider.extraction.stop, signal=signals.spider_closed)
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
                yield self.listing_request(url, source, page_number=1)

    def listing_request(self, url: str, source: Source, page_number: int) -> scrapy.Request:
        return scrapy.Request(url, callback=self.parse_listing, errback=self.on_error,
                              cb_kwargs={"source": source, "page_number": page_number})

    async def parse_listing(self, response, source: Source, page_number: int = 1):
        report = self.run.report(source.name)
        report.pages += 1
        if not isinstance(response, TextResponse):
            errors = report.errors if page_number == 1 else report.detail_errors
            errors.append(f"{response.url}: not an HTML page "
                          f"({response.headers.get('Content-Type', b'?').decode()})")
            return
        result = self.adjust(await self.extraction.call(
            extract_page, response.url, response.body, self.run.started_at,
            **self.extract_options(source, _content_type(response))), source)
        if result.no_openings and page_number == 1:
            report.no_openings = True
        complete = []
        for job in result.jobs:
            job.source = source.name
            if source.follow_details and needs_detail(job):
                # dont_filter: two postings may share a page, and neither may be lost
                yield scrapy.Request(job.detail_url, callback=self.parse_detail,
                                     errback=self.on_detail_error, dont_filter=True,
                                     cb_kwargs={"source": source, "job": job})
            else:
                complete.append(job)
        if complete:  # one item for the page: Scrapy's cost is per item
            yield PageJobs(source.name, response.url, complete)
        if page_number < source.max_pages:
            for url in result.next_pages:  # Scrapy's duplicate filter drops pages seen
                yield self.listing_request(url, source, page_number + 1)

    async def parse_detail(self, response, source: Source, job: Job):
        self.run.report(source.name).pages += 1
        if isinstance(response, TextResponse):
            job = await self.extraction.call(merge_detail, job, response.url, response.body,
                                             self.run.started_at, _content_type(response))
        yield job

    def on_detail_error(self, failure):
        """The listing's job still counts; the source is partial, so nothing closes."""
        job: Job = failure.request.cb_kwargs["job"]
        job.detail_failed = True
        self.run.report(job.source).detail_errors.append(
            f"{failure.request.url}: {describe_failure(failure)}")
        yield job

    def extract_page(self, url: str, body: bytes, source: Source,
                     content_type: str | None = None) -> PageResult:
        """The page's postings and next pages, as the crawl makes them (in this process)."""
        return self.adjust(extract_page(url, body, self.run.started_at,
                                        **self.extract_options(source, content_type)), source)

    @staticmethod
    def extract_options(source: Source, content_type: str | None) -> dict:
        return {"content_type": content_type, "organization": source.organization,
                "hints": source.hints}

    def adjust(self, result: PageResult, source: Source) -> PageResult:
        """A site spider's own rules on what extraction found; the one hook they override.
        (Extraction itself may run in another process: see jobfeed.extraction_processes.)"""
        return result

    def on_error(self, failure):
        source: Source = failure.request.cb_kwargs["source"]
        report = self.run.report(source.name)
        # The first listing page failing fails the source; a later page makes it partial.
        errors = report.errors if failure.request.cb_kwargs.get("page_number", 1) == 1 \
            else report.detail_errors
        errors.append(f"{failure.request.url}: {describe_failure(failure)}")
        self.crawler.stats.inc_value("jobfeed/fetch_errors")


def describe_failure(failure) -> str:
    """One line a person can act on: 'HTTP 503 (Retry-After 3600 s)', 'timed out (3 tries)',
    'connection reset by the server', 'forbidden by robots.txt'..."""
    if failure.check(HttpError):
        text = describe_status(failure.value.response)
    else:
        text = describe_exception(failure.value)
    request = getattr(failure, "request", None)
    tries = (request.meta.get("retry_times", 0) + 1) if request is not None else 1
    return f"{text} ({tries} tries)" if tries > 1 else text


def _content_type(response) -> str | None:
    return response.headers.get("Content-Type", b"").decode("latin-1") or None
