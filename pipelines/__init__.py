"""Item pipelines, one small step per module: normalise, validate, dedupe, store.

An item is a Job or a PageJobs (the jobs of one page); `each_job` applies a step to
every job of either, so one bad job of a page costs that job, not its page.
"""

from __future__ import annotations

import logging
from typing import Callable

from scrapy.exceptions import DropItem

from jobfeed.model import Job, PageJobs

logger = logging.getLogger(__name__)


def each_job(item, step: Callable[[Job], Job],
             on_error: Callable[[Job, Exception], None] | None = None):
    """`step(job)` for the item's jobs. A single Job goes through as Scrapy would take
    it (DropItem and errors propagate). Of a page's jobs, one dropped (DropItem) is
    logged and left out, one that fails is given to `on_error` and left out (without
    an on_error the error fails the whole item); the item is dropped when no job is
    left."""
    if not isinstance(item, PageJobs):
        return step(item)
    kept = []
    for job in item.jobs:
        try:
            kept.append(step(job))
        except DropItem as exc:
            logger.warning("Dropped: %s", exc)
        except Exception as exc:  # noqa: BLE001 - a bug on one job must not lose the page
            if on_error is None:
                raise
            logger.error("%r on %s: %s: %s", job.title, item.page_url, type(exc).__name__, exc)
            on_error(job, exc)
    item.jobs = kept
    if not kept:
        raise DropItem(f"no job of {item.page_url} left")
    return item


def report_job_error(run, page_url: str):
    """An on_error for each_job: the job's source is partial, naming the job and error
    as jobfeed.monitor does for a single item."""
    def on_error(job: Job, error: Exception) -> None:
        run.report(job.source).job_errors.append(
            f"{job.title!r} on {page_url}: could not be stored ({type(error).__name__}: {error})")
    return on_error
