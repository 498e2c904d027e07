"""A posting's own page: the fields the listing lacked. The detail page wins for salary,
location, dates and description."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlsplit

from jobfeed.extract.blocks import page_blocks
from jobfeed.extract.posting import job_from_group
from jobfeed.extract.page import Page
from jobfeed.extract.structured import structured_jobs
from jobfeed.identity import title_key
from jobfeed.model import Job

DETAIL_WINS = ("salary", "location", "posted", "closes", "open_until_filled")


def needs_detail(job: Job) -> bool:
    """Follow the posting's own page when the listing left fields out and the page is on
    the listing's own site (an applicant-tracking host elsewhere is a script-driven app,
    and one more host to be polite to)."""
    if not job.detail_url or not same_site(job.detail_url, job.source_url or ""):
        return False
    raw = job.raw
    return not (("salary" in raw or job.salary) and ("closes" in raw or job.closes)
                and (job.location or "location" in raw) and len(job.description) > 200)


def same_site(url: str, other: str) -> bool:
    """Same host, or one a subdomain of the other's registrable part (jobs.city.gov)."""
    host, other_host = (urlsplit(u).hostname or "" for u in (url, other))
    host, other_host = host.removeprefix("www."), other_host.removeprefix("www.")
    return host == other_host or host.endswith("." + other_host) \
        or other_host.endswith("." + host)


def merge_detail(job: Job, url: str, body: bytes | str, now: datetime,
                 content_type: str | None = None) -> Job:
    """The listing's job completed with what its detail page says."""
    page = Page.from_body(url, body, content_type)
    detail = _detail_job(page, job)
    if detail is None:
        job.evidence.append(f"detail page {url} had nothing to add")
        return job
    for name in ("salary", "location", "description", "description_html", "department",
                 "employment_type", "apply_url"):
        value = getattr(detail, name)
        if value and (name in ("salary", "location", "description", "description_html")
                      or not getattr(job, name)):
            setattr(job, name, value)
    for doc in detail.documents:
        if all(doc["url"] != d["url"] for d in job.documents):
            job.documents.append(doc)
    job.raw = {**job.raw, **detail.raw}  # detail wins for posted, closes, salary
    job.job_key = job.job_key or detail.job_key
    job.evidence.append(f"details from {url} ({detail.strategy})")
    return job


def _detail_job(page: Page, listed: Job) -> Job | None:
    wanted = title_key(listed.title)
    structured = structured_jobs(page, listed.organization)
    if structured:
        return next((j for j in structured if title_key(j.title) == wanted), structured[0])
    page.release_full_tree()  # only the content tree is read now: made without a copy
    blocks = page_blocks(page.content_tree.body)
    headings = [i for i, b in enumerate(blocks) if b.kind == "heading"]
    if not headings:
        return None
    start = next((i for i in headings if title_key(blocks[i].text) == wanted), None)
    if start is None:
        start = next((i for i in headings if wanted and wanted in title_key(blocks[i].text)),
                     headings[0])
    level = blocks[start].level
    end = next((i for i in headings if i > start and blocks[i].level <= level
                and blocks[i].level <= 2), len(blocks))
    job = job_from_group(page, blocks[start], blocks[start + 1:end], listed.organization,
                         ["detail page"])
    job.strategy = "detail page"
    return job
