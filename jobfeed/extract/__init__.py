"""Extraction: pure functions of (url, body, crawl time) that return job drafts.

Strategies, tried in order and combined: schema.org JobPosting (JSON-LD, microdata),
per-source hints, tables, and the page outline (headings, accordions, link lists,
cards). Nothing here knows Scrapy; spiders call `extract_page` and decide what to fetch.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from jobfeed.extract.detail import merge_detail, needs_detail
from jobfeed.extract.hints import hinted_jobs
from jobfeed.extract.blocks import page_blocks
from jobfeed.extract.outline import outline_jobs, says_no_openings
from jobfeed.extract.page import Page
from jobfeed.extract.pagination import next_pages
from jobfeed.extract.structured import DIRECT_APPLY, structured_jobs
from jobfeed.extract.tables import table_jobs
from jobfeed.html import folded_text
from jobfeed.identity import title_key
from jobfeed.model import Job

__all__ = ["PageResult", "extract", "extract_page", "merge_detail", "needs_detail"]


@dataclass
class PageResult:
    jobs: list[Job]
    next_pages: list[str] = field(default_factory=list)
    # The page says so ("There are no current openings"): zero jobs is the truth there,
    # not a layout change, so the source's jobs may close.
    no_openings: bool = False


def extract_page(url: str, body: bytes | str, now: datetime, *,
                 content_type: str | None = None, organization: str | None = None,
                 hints: dict | None = None) -> PageResult:
    """Every posting on the page (duplicates merged) and the listing's next pages."""
    page = Page.from_body(url, body, content_type)
    page_organization = organization or page.site_name or page.domain
    structured = structured_jobs(page, organization)
    if organization:  # the sources file names the employer; it beats the page
        for job in structured:
            job.organization = organization
    pages = [] if hints and hints.get("follow_pages") is False else next_pages(page)
    h1 = page.full_tree.find(".//h1")
    h1_text = folded_text(h1) if h1 is not None else None
    page.release_full_tree()  # the rest reads the content tree, made without a copy
    root = page.content_tree.find("body")
    root = root if root is not None else page.content_tree
    no_openings = False
    if hints and hints.get("job"):
        html_jobs = hinted_jobs(page, root, hints, page_organization)
    else:
        html_jobs, used_tables = table_jobs(page, root, page_organization)
        blocks = page_blocks(root, skip=used_tables)
        html_jobs += outline_jobs(page, blocks, page_organization, table_postings=used_tables)
        html_jobs.sort(key=lambda job: job.position)  # tables and outline in page order
        no_openings = not html_jobs and not structured and says_no_openings(blocks)
    jobs = merge_duplicates(structured + html_jobs)
    for job in jobs:  # schema.org directApply: the posting's page is where to apply
        if job.apply_url is None and DIRECT_APPLY in job.evidence:
            job.apply_url = job.url
    if len(jobs) == 1 and not jobs[0].url_is_own_page and _is_page_title(h1_text, jobs[0].title):
        jobs[0].url, jobs[0].url_is_own_page = page.url.split("#")[0], True  # a posting's page
    return PageResult(jobs=jobs, next_pages=pages, no_openings=no_openings)


def extract(url: str, body: bytes | str, now: datetime, **options) -> list[Job]:
    """Only the postings of `extract_page`."""
    return extract_page(url, body, now, **options).jobs


def merge_duplicates(jobs: list[Job]) -> list[Job]:
    """One record per posting: the same title (and own page, when both have one) merge;
    the first keeps its place and gains the fields only the later copy has."""
    kept: dict[str, Job] = {}
    for job in jobs:
        key = title_key(job.title)
        first = kept.get(key)
        if first is None and job.strategy in ("headings", "link list", "table", "text block"):
            # the page's heading often says more than the JSON-LD title of the same posting:
            # "Deputy Sheriff I/II - Lateral or Entry Level" is "Deputy Sheriff I/II"
            first = next((kept[k] for k in kept if kept[k].strategy in STRUCTURED
                          and _same_title(k, key)), None)
        if first is not None and first.url_is_own_page and job.url_is_own_page \
                and first.url != job.url:
            key = f"{key} {job.url}"  # same title, two postings (two departments' pages)
            first = kept.get(key)
        if first is None:
            kept[key] = job
            continue
        for name in ("department", "location", "employment_type", "salary", "posted",
                     "closes", "apply_url", "description_html", "job_key", "detail_url"):
            if getattr(first, name) in (None, "") and getattr(job, name):
                setattr(first, name, getattr(job, name))
        if not first.url_is_own_page and job.url_is_own_page:
            first.url, first.url_is_own_page = job.url, True
        if len(job.description) > len(first.description):
            first.description = job.description
        for doc in job.documents:
            if all(doc["url"] != d["url"] for d in first.documents):
                first.documents.append(doc)
        first.raw = {**job.raw, **first.raw}
        first.evidence.append(f"merged with a copy found by {job.strategy}")
    return list(kept.values())


STRUCTURED = ("json-ld", "schema.org")


def _same_title(one: str, other: str) -> bool:
    """Title keys where one starts the other, with at least two words in common."""
    shorter, longer = sorted((one, other), key=len)
    return len(shorter.split()) >= 2 and longer.startswith(shorter + " ")


def _is_page_title(h1_text: str | None, title: str) -> bool:
    """The page's <h1> is this title: the page is the posting's own page."""
    return h1_text is not None and title_key(h1_text) == title_key(title)
