"""RSS 2.0 and Atom 1.0 with feedgen, byte-for-byte reproducible for the same input."""

from __future__ import annotations

from datetime import datetime

from feedgen.feed import FeedGenerator

import jobfeed
from feeds.meta import FeedMeta, entry_html, entry_id, summary_line
from jobfeed.html import strip_forbidden


def render_rss(jobs: list[dict], meta: FeedMeta, now: datetime) -> bytes:
    return _generator(jobs, meta, now, "rss").rss_str(pretty=True)


def render_atom(jobs: list[dict], meta: FeedMeta, now: datetime) -> bytes:
    return _generator(jobs, meta, now, "atom").atom_str(pretty=True)


def feed_updated(jobs: list[dict], now: datetime) -> datetime:
    """The newest entry change; `now` only for an empty feed."""
    stamps = [j["updated"] for j in jobs if j.get("updated")]
    return _parse(max(stamps)) if stamps else now


def _generator(jobs, meta: FeedMeta, now: datetime, kind: str) -> FeedGenerator:
    fg = FeedGenerator()
    fg.id(meta.feed_id)
    fg.title(strip_forbidden(meta.title))
    fg.subtitle(strip_forbidden(meta.description))
    fg.description(strip_forbidden(meta.description))
    fg.language(meta.language)
    fg.link(href=meta.home_url, rel="alternate")
    fg.link(href=meta.url("atom" if kind == "atom" else "rss"), rel="self")
    fg.generator("jobfeed", version=jobfeed.__version__, uri="https://github.com/jobfeed/jobfeed")
    fg.updated(feed_updated(jobs, now))
    if kind == "rss":
        fg.lastBuildDate(feed_updated(jobs, now))
    # feedgen prepends entries by default; order="append" keeps newest-first as given.
    for job in jobs:
        fe = fg.add_entry(order="append")
        fe.id(entry_id(job))
        fe.guid(entry_id(job), permalink=False)
        fe.title(strip_forbidden(job["title"]))
        fe.link(href=job["url"])
        published = _parse(job["first_seen"])
        fe.published(published)
        fe.updated(_parse(job.get("updated") or job["first_seen"]))
        if job.get("organization"):
            fe.author(name=strip_forbidden(job["organization"]))
        body = strip_forbidden(entry_html(job))
        if kind == "atom":
            fe.content(body, type="html")
            fe.summary(strip_forbidden(summary_line(job)) or None)
        else:
            fe.description(body)
        for term in (job.get("organization"), job.get("employment_type")):
            if term:
                fe.category(term=strip_forbidden(term))
    return fg


def _parse(stamp: str) -> datetime:
    return datetime.fromisoformat(stamp.replace("Z", "+00:00"))
