"""Extraction: pure functions of (url, body, crawl time) that return job drafts.

Nothing here knows Scrapy; spiders call `extract` and decide what to fetch next.
"""

from __future__ import annotations

from datetime import datetime

from jobfeed.extract.page import Page
from jobfeed.extract.sections import jobs_in_section, openings_sections, page_blocks
from jobfeed.model import Job


def extract(url: str, body: bytes | str, now: datetime, *, content_type: str | None = None,
            organization: str | None = None) -> list[Job]:
    """Every posting found on the page, in page order, duplicates merged."""
    page = Page.from_body(url, body, content_type)
    organization = organization or page.site_name or page.domain
    jobs: list[Job] = []
    blocks = page_blocks(page.content_tree.body if page.content_tree.find("body") is not None
                         else page.content_tree)
    for start, end in openings_sections(blocks):
        heading = blocks[start - 1].text
        jobs.extend(jobs_in_section(page, blocks[start:end], organization,
                                    evidence=f"under heading {heading!r}"))
    return merge_duplicates(jobs)


def merge_duplicates(jobs: list[Job]) -> list[Job]:
    """One record per posting: same title and url (or same title, no url) merge,
    the first keeps its place and gains the fields only the later copy has."""
    kept: dict[tuple, Job] = {}
    for job in jobs:
        key = (" ".join(job.title.lower().split()), job.url if job.url_is_own_page else None)
        first = kept.get(key)
        if first is None:
            kept[key] = job
            continue
        for name in ("department", "location", "employment_type", "salary", "posted",
                     "closes", "apply_url", "description_html"):
            if getattr(first, name) in (None, "") and getattr(job, name):
                setattr(first, name, getattr(job, name))
        if len(job.description) > len(first.description):
            first.description = job.description
        for doc in job.documents:
            if doc not in first.documents:
                first.documents.append(doc)
        first.raw = {**job.raw, **first.raw}
        first.evidence.append("merged a duplicate on the same page")
    return list(kept.values())
