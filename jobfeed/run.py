"""One crawl run: its start time, its store and what happened to each source."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone

from jobfeed.exitcodes import EXIT_ALERT, EXIT_OK, EXIT_SOURCE_FAILED
from jobfeed.store import Store

# What a source's status means; only "ok" may close the source's jobs.
STATUSES = {
    "ok": "crawled completely; jobs it no longer lists were closed",
    "failed": "a listing page could not be fetched or read; nothing was closed",
    "empty": "no jobs where the last run had some (a layout change?); nothing was closed",
    "partial": "listings fine, but some detail pages or jobs failed; nothing was closed",
    "interrupted": "the run was stopped before this source finished; nothing was closed",
}


@dataclass
class SourceReport:
    name: str
    status: str = "pending"  # one of STATUSES once the crawl has ended
    pages: int = 0  # pages read: listings, their next pages and detail pages
    jobs: int = 0
    new: int = 0
    updated: int = 0
    reopened: int = 0
    closed: int = 0
    errors: list[str] = field(default_factory=list)  # listing pages: the crawl failed
    detail_errors: list[str] = field(default_factory=list)  # detail pages: it is partial
    job_errors: list[str] = field(default_factory=list)  # jobs that could not be processed
    retries: list[str] = field(default_factory=list)  # "url: reason, retried after N s"
    warnings: list[str] = field(default_factory=list)  # oddities that were coped with
    requests: int = 0  # requests that went over the network (not answered by the cache)
    bytes: int = 0  # body bytes received over the network
    unchanged: int = 0  # pages the server said were unchanged (304), served from the cache
    duration: float = 0.0  # seconds from the source's first request to its last response
    coverage: dict[str, float] = field(default_factory=dict)  # field -> share of jobs with it
    # field -> [jobs that lost it, jobs that had it last run]: the same jobs compared, so
    # postings coming and going do not look like extraction losing a field
    fields_lost: dict[str, list[int]] = field(default_factory=dict)
    # Set by a spider when the page itself says there are no openings: zero jobs is then
    # the truth, not a layout change, and the source's jobs may close.
    no_openings: bool = False

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class Alert:
    """Something a maintainer should look at; `level` error or warning sets the exit code."""

    kind: str  # failed, empty, partial, coverage, interrupted, recovered
    level: str  # error, warning, info
    message: str
    source: str | None = None

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class Run:
    """Shared by the spider (pages, errors) and the store pipeline (jobs, closures)."""

    started_at: datetime
    store: Store | None = None  # injected by the CLI; else the store pipeline opens one
    sources: dict[str, SourceReport] = field(default_factory=dict)
    out: str | None = None  # the feeds folder
    published: list | None = None  # files the publisher changed; None when it did not run
    alerts: list[Alert] = field(default_factory=list)
    requests: int = 0  # every request over the network, robots.txt included
    bytes: int = 0
    report_path: str | None = None  # var/runs/<time>.json

    @classmethod
    def starting_now(cls, store: Store | None = None) -> "Run":
        # The one place a crawl reads the clock: everything downstream gets this time.
        return cls(started_at=datetime.now(timezone.utc).replace(microsecond=0), store=store)

    def report(self, source: str) -> SourceReport:
        if source not in self.sources:
            self.sources[source] = SourceReport(source)
        return self.sources[source]

    @property
    def failed(self) -> list[SourceReport]:
        return [r for r in self.sources.values() if r.status != "ok"]

    @property
    def exit_code(self) -> int:
        if self.failed:
            return EXIT_SOURCE_FAILED
        if any(alert.level in ("error", "warning") for alert in self.alerts):
            return EXIT_ALERT
        return EXIT_OK
