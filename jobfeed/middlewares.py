"""Downloader middleware: retries with exponential backoff that honour Retry-After."""

from __future__ import annotations

from scrapy import Request
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.utils.asyncio import sleep

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
