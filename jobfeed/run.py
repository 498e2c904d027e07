"""One crawl run: its start time, its store and what happened to each source."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone

from jobfeed.store import Store


@dataclass
class SourceReport:
    name: str
    status: str = "pending"  # ok, failed (errors), empty (zero jobs where there were some)
    pages: int = 0
    jobs: int = 0
    new: int = 0
    updated: int = 0
    reopened: int = 0
    closed: int = 0
    errors: list[str] = field(default_factory=list)

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
