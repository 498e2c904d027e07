"""Extraction in worker processes, beside the crawl rather than in its way.

Scrapy runs spiders, pipelines and the downloader in one thread, and extraction is
pure CPU work: a function of (url, body, crawl time) that knows nothing of Scrapy.
With many sources and more than one core, running it in other processes lets the
crawl fetch and store pages while the next ones are extracted.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from typing import Any, Callable

logger = logging.getLogger(__name__)

# With fewer sources the politeness delays (1 s a request per site) keep the crawl far
# below what one core extracts, and a worker would only cost its start-up and memory.
AUTO_MIN_SOURCES = 20
AUTO_MAX_PROCESSES = 2  # beyond two, Scrapy's own thread is the limit, not extraction


class ExtractionCrashed(RuntimeError):
    """A worker process died while extracting this page (twice): the page is lost, not the run."""


def process_count(setting: str | int | None, sources: int, cpus: int | None = None) -> int:
    """`JOBFEED_EXTRACT_PROCESSES`: a number (0 extracts in the crawl's own process) or
    `auto`: a worker per core beyond the crawl's, up to two, for crawls of at least
    AUTO_MIN_SOURCES sources."""
    text = str(setting if setting is not None else "auto").strip().lower()
    if text != "auto":
        try:
            count = int(text)
        except ValueError:
            raise ValueError(f"JOBFEED_EXTRACT_PROCESSES={setting!r}: give a number of "
                             "processes (0 for none) or 'auto'") from None
        if count < 0:
            raise ValueError(f"JOBFEED_EXTRACT_PROCESSES={setting!r}: cannot be negative")
        return count
    cpus = cpus if cpus is not None else len(os.sched_getaffinity(0)) \
        if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    if sources < AUTO_MIN_SOURCES:
        return 0
    return max(0, min(cpus - 1, AUTO_MAX_PROCESSES))


def _warm_up() -> int:
    """Import extraction in the worker while the crawl is starting, not on its first page."""
    import jobfeed.extract  # noqa: F401
    return os.getpid()


class ExtractionProcesses:
    """Runs pure extraction functions in `processes` worker processes (0: in this one)."""

    def __init__(self, processes: int):
        self.processes = processes
        self.pool: ProcessPoolExecutor | None = None
        self.restarts = 0

    def start(self) -> None:
        if self.processes and self.pool is None:
            # spawn, not fork: the crawl's process has threads (DNS) and open databases.
            self.pool = ProcessPoolExecutor(self.processes,
                                            mp_context=multiprocessing.get_context("spawn"))
            for _ in range(self.processes):
                self.pool.submit(_warm_up)

    async def call(self, function: Callable[..., Any], *args, **kwargs) -> Any:
        """`function(*args, **kwargs)`, in a worker when there are workers; a worker that
        dies (a crash in a C library) is replaced and the call tried once more."""
        if self.pool is None:
            return function(*args, **kwargs)
        job = partial(function, *args, **kwargs)
        for attempt in (1, 2):
            pool = self.pool
            try:
                return await asyncio.get_running_loop().run_in_executor(pool, job)
            except BrokenProcessPool as exc:
                self._replace(pool)
                if attempt == 2:
                    raise ExtractionCrashed(
                        f"the extraction process died twice on this page ({exc})") from None

    def _replace(self, broken: ProcessPoolExecutor) -> None:
        if self.pool is broken:  # other calls in flight saw the same pool break
            self.restarts += 1
            logger.warning("an extraction process died; starting a new one")
            broken.shutdown(wait=False, cancel_futures=True)
            self.pool = None
            self.start()

    def stop(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None

    @property
    def pids(self) -> list[int]:
        """The worker processes' ids (for tests and `ps`)."""
        return sorted(self.pool._processes) if self.pool is not None else []
