"""RSS 2.0 and Atom 1.0 with feedgen, byte-for-byte reproducible for the same input."""

from __future__ import annotations

from datetime import datetime

from feedgen.feed import FeedGenerator

import jobfeed
from feeds.meta import (FeedMeta, clean, entry_html, entry_id, entry_link, feed_updated,
                        parse_time, summary_line)
from jobfeed.html import strip_forbidden

GENERATOR_URI = "https://github.com/jobfeed/jobfeed"


def render_rss(jobs: list[dict], meta: FeedMeta, now: datetime) -> bytes:
    return _generator(jobs, meta, now, "rss").rss_str(pretty=True)


def render_atom(jobs: list[dict], meta: FeedMeta, now: datetime) -> bytes:
    return _generator(jobs, meta, now, "atom").atom_str(pretty=True)


def _generator(jobs, meta: FeedMeta, now: datetime, kind: str) -> FeedGenerator:
    fg = FeedGenerator()
    fg.id(meta.feed_id)
    fg.title(strip_forbidden(meta.title))
    fg.subtitle(strip_forbidden(meta.description))
    fg.description(strip_forbidden(meta.description))
    fg.language(meta.language)
    fg.link(href=meta.url("atom" if kind == "atom" else "rss"), rel="self")
    fg.link(href=meta.home_url, rel="alternate")  # last: feedgen's RSS <link> is the last one
    fg.generator("jobfeed", version=jobfeed.__version__, uri=GENERATOR_URI)
    updated = feed_updated(jobs, now)
    fg.updated(updated)
    if kind == "rss":
        fg.lastBuildDate(updated)
    # feedgen prepends entries by default; order="append" keeps newest-first as given.
    for job in jobs:
        job = clean(job)
        fe = fg.add_entry(order="append")
        fe.id(entry_id(job))
        fe.guid(entry_id(job), permalink=False)
        fe.title(job["title"])
        link = entry_link(job)
        if link:
            fe.link(href=link, rel="alternate")
        fe.published(parse_time(job["first_seen"]))
        fe.updated(parse_time(job.get("updated") or job["first_seen"]))
        if job.get("organization"):
            fe.author(name=job["organization"])
        body = entry_html(job)
        if kind == "atom":
            fe.content(body, type="html")
            fe.summary(summary_line(job) or None)
        else:
            fe.description(body)
        for term in (job.get("organization"), job.get("employment_type")):
            if term:
                fe.category(term=term)
    return fg
