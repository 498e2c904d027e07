"""The job record: what extraction produces and what the store and feeds carry."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

# The contract's keys, in the order they appear in JSON Feed `_job` and exports.
RECORD_KEYS = (
    "id", "title", "organization", "department", "location", "employment_type",
    "salary", "posted", "closes", "open_until_filled", "url", "apply_url",
    "documents", "description", "description_html", "source", "source_url",
    "first_seen", "last_seen", "status", "closed_at", "raw",
)

# Fields whose change a feed reader should be told about (moves `updated`).
READER_FIELDS = (
    "title", "salary", "posted", "closes", "open_until_filled", "location",
    "description",
)

EMPLOYMENT_TYPES = (
    "full-time", "part-time", "temporary", "seasonal", "internship", "contract",
    "volunteer",
)
SALARY_PERIODS = ("year", "month", "week", "day", "hour")


@dataclass
class Job:
    """One posting. Extraction fills what the page says; pipelines do the rest.

    Parsed fields keep their raw strings in `raw` (posted, closes, salary,
    employment_type) so a wrong parse can always be traced to its input.
    """

    title: str
    organization: str | None = None
    department: str | None = None
    location: str | None = None
    employment_type: str | None = None
    salary: dict | None = None
    posted: str | None = None  # YYYY-MM-DD
    closes: str | None = None  # YYYY-MM-DD
    open_until_filled: bool = False
    url: str | None = None
    apply_url: str | None = None
    documents: list[dict] = field(default_factory=list)
    description: str = ""
    description_html: str | None = None
    source: str | None = None
    source_url: str | None = None
    raw: dict[str, Any] = field(default_factory=dict)
    id: str | None = None
    # Not part of the record: how the job was found, for `jobfeed extract`.
    job_key: str | None = None  # the platform's own job id, when it has one
    url_is_own_page: bool = False  # url is the posting's own page (not a PDF or fragment)
    strategy: str | None = None
    evidence: list[str] = field(default_factory=list)
    detail_url: str | None = None  # a page to fetch for missing fields
    position: int = 0  # source line of the posting on its page, to keep page order
    detail_failed: bool = False  # its detail page failed this run: keep the stored details

    def to_record(self, history: dict | None = None) -> dict:
        """The contract's record; `history` adds first_seen/last_seen/status/closed_at."""
        history = history or {}
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values.update(
            first_seen=history.get("first_seen"),
            last_seen=history.get("last_seen"),
            status=history.get("status", "open"),
            closed_at=history.get("closed_at"),
        )
        return {key: values[key] for key in RECORD_KEYS}

    @classmethod
    def from_record(cls, record: dict) -> "Job":
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in record.items() if k in names})


@dataclass
class PageJobs:
    """The jobs one page gave, as one item through the pipelines.

    Scrapy's engine costs about as much per item (spider middlewares, the pipeline
    chain, the item_scraped signal) as the pipelines' own work on a job, so a listing's
    ten postings travel together. Each pipeline step still takes one job at a time.
    """

    source: str
    page_url: str
    jobs: list[Job]

    @property
    def title(self) -> str:  # what a log line or an error names the item by
        return f"{len(self.jobs)} jobs of {self.page_url}"
