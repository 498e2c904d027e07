"""Turn an extracted job's raw strings into the record's clean, typed fields."""

from __future__ import annotations

from datetime import datetime

from jobfeed.dates import is_open_until_filled, parse_date
from jobfeed.fields import normalise_text, parse_employment_type, parse_salary
from jobfeed.html import strip_forbidden
from jobfeed.identity import job_id
from jobfeed.model import Job

_SINGLE_LINE = ("title", "organization", "department", "location")


def normalise_job(job: Job, now: datetime) -> Job:
    """Clean text, parse dates/salary/type against the crawl time `now`, and set the id.

    Raw strings stay in `job.raw`; values already typed (from JSON-LD) are kept.
    """
    for name in _SINGLE_LINE:
        value = getattr(job, name)
        if value is not None:
            setattr(job, name, normalise_text(value) or None)
    job.title = job.title or ""
    job.description = "\n".join(
        normalise_text(line) for line in strip_forbidden(job.description or "").splitlines()
        if line.strip())
    for doc in job.documents:
        doc["label"] = normalise_text(doc["label"])

    raw = job.raw
    if job.salary is None and raw.get("salary"):
        job.salary = parse_salary(raw["salary"])
    if raw.get("employment_type") or job.employment_type:
        job.employment_type = parse_employment_type(job.employment_type or raw["employment_type"])
    if job.posted is None and raw.get("posted"):
        job.posted = _iso(parse_date(raw["posted"], now, prefer="past"))
    if raw.get("closes"):
        if is_open_until_filled(raw["closes"]):
            job.open_until_filled = True
        if job.closes is None:
            job.closes = _iso(parse_date(raw["closes"], now, prefer="future"))
    if job.title and job.source:
        job.id = job_id(job.source, job_key=job.job_key,
                        own_url=job.url if job.url_is_own_page else None,
                        title=job.title, department=job.department)
    return job


def _iso(value) -> str | None:
    return value.isoformat() if value else None
