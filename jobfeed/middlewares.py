"""Downloader middlewares: retries with backoff that honour Retry-After, robots.txt for
every request, and pages whose server declares the wrong charset."""

from __future__ import annotations

import re

from scrapy import Request
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware as ScrapyRobotsTxt
from scrapy.http import HtmlResponse
from scrapy.utils.asyncio import sleep
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred

from jobfeed.faults import describe_exception, retry_after_seconds
from jobfeed.monitor import source_name

SLOW_DOWN = (429, 503)  # the server says it is overloaded: space all requests to it


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's retries (timeouts, resets, RETRY_HTTP_CODES), each after a wait.

    The wait is JOBFEED_RETRY_BACKOFF seconds, doubled for every further retry, or
    what the server's Retry-After asks. A Retry-After above JOBFEED_RETRY_MAX_WAIT
    is not waited for: the page fails now and the report says why. A 429 or 503 also
    slows the whole site down to one request per wait. Every retry is noted in the
    source's report.
    """

    def __init__(self, settings):
        super().__init__(settings)
        self.backoff = settings.getfloat("JOBFEED_RETRY_BACKOFF")
        self.max_wait = settings.getfloat("JOBFEED_RETRY_MAX_WAIT")

    async def process_response(self, request, response):
        if request.meta.get("dont_retry", False) or response.status not in self.retry_http_codes:
            return response
        asked = retry_after_seconds(response.headers.get(b"Retry-After"))
        if asked is not None and asked > self.max_wait:
            return response  # the spider's error names the Retry-After; not worth waiting for
        retry = self._retry(request, f"HTTP {response.status}")
        if retry is None:
            return response
        wait = asked if asked is not None else self.wait(retry)
        if response.status in SLOW_DOWN:
            self.slow_down(request, wait)
        self.note(request, f"HTTP {response.status}", wait, asked is not None)
        await sleep(wait)
        return retry

    async def process_exception(self, request, exception):
        retry = super().process_exception(request, exception)
        if isinstance(retry, Request):
            wait = self.wait(retry)
            self.note(request, describe_exception(exception), wait, False)
            await sleep(wait)
        return retry

    def wait(self, retry: Request) -> float:
        return min(self.max_wait, self.backoff * 2 ** (retry.meta["retry_times"] - 1))

    def slow_down(self, request, wait: float) -> None:
        slot = self.crawler.engine.downloader.slots.get(request.meta.get("download_slot"))
        if slot is not None:
            slot.delay = max(slot.delay, wait)

    def note(self, request, reason: str, wait: float, asked: bool) -> None:
        run, name = getattr(self.crawler.spider, "run", None), source_name(request)
        if run is not None and name is not None:
            how = " as Retry-After asked" if asked else ""
            run.report(name).retries.append(
                f"{request.url}: {reason}; retried after {wait:g} s{how}")


class RobotsTxtMiddleware(ScrapyRobotsTxt):
    """Scrapy's, with every request that waits for a host's robots.txt getting its rules,
    and the host's Crawl-delay for us kept (up to CRAWL_DELAY_CAP seconds).

    In Scrapy 2.19 the requests that arrive while robots.txt is being fetched all await
    the same Deferred; turned into a Future it hands the parser to the first of them
    only, and the others get None: allowed, whatever robots.txt says. Each waiter here
    awaits a Deferred of its own.
    """

    CRAWL_DELAY_CAP = 60.0

    async def _parse_robots(self, response, netloc, request):
        await super()._parse_robots(response, netloc, request)
        parser = self._parsers.get(netloc)
        delay = getattr(parser, "crawl_delay", lambda agent: None)(self._robotstxt_useragent
                                                                   or "jobfeed")
        if delay:
            self.slow_host(urlparse_cached(request).hostname or "",
                           min(float(delay), self.CRAWL_DELAY_CAP))

    def slow_host(self, host: str, delay: float) -> None:
        """A slot of one request at a time, `delay` apart (never less than configured)."""
        downloader = self.crawler.engine.downloader
        settings = downloader.per_slot_settings.setdefault(host, {})
        settings.update(concurrency=1, delay=max(delay, settings.get("delay", 0.0)),
                        jitter=0.0)
        if (slot := downloader.slots.get(host)) is not None:
            slot.concurrency, slot.jitter = 1, 0.0
            slot.delay = max(slot.delay, settings["delay"])

    async def robot_parser(self, request):
        parser = self._parsers.get(urlparse_cached(request).netloc)
        if not isinstance(parser, Deferred):
            return await super().robot_parser(request)
        waiter: Deferred = Deferred()

        def relay(result):
            waiter.callback(result)
            return result  # for the next waiter

        parser.addCallback(relay)
        return await maybe_deferred_to_future(waiter)


_CHARSET = re.compile(rb"charset\s*=\s*[\"']?\s*utf-?8", re.I)


class CharsetMiddleware:
    """A page declared UTF-8 (header or meta) whose bytes are not UTF-8 at all is read
    as windows-1252, as browsers read Latin-1 labels; the source's report notes it.

    Otherwise every accented title would come out with replacement characters, and a
    posting whose identity rests on its title would look like a new one. A page that
    has valid UTF-8 beside a few stray bytes stays UTF-8.
    """

    @classmethod
    def from_crawler(cls, crawler):
        middleware = cls()
        middleware.crawler = crawler
        return middleware

    def process_response(self, request, response):
        if not isinstance(response, HtmlResponse) or response.encoding.replace("-", "") != "utf8":
            return response
        body = response.body
        try:
            body.decode("utf-8")
            return response
        except UnicodeDecodeError:
            pass
        text = body.decode("utf-8", "surrogateescape")
        if any("\x80" <= ch and not "\udc80" <= ch <= "\udcff" for ch in text):
            return response  # real UTF-8 with a few bad bytes: replacement characters
        if not (_CHARSET.search(response.headers.get(b"Content-Type") or b"")
                or _CHARSET.search(body[:4096])):
            return response  # no claim of UTF-8 was made; detection already guessed
        self.note(request, f"{response.url}: declared UTF-8 but is not; read as windows-1252")
        headers = response.headers.copy()
        headers[b"Content-Type"] = b"text/html; charset=windows-1252"
        return response.replace(headers=headers, encoding="cp1252")

    def note(self, request, message: str) -> None:
        run, name = getattr(self.crawler.spider, "run", None), source_name(request)
        if run is not None and name is not None:
            run.report(name).warnings.append(message)
