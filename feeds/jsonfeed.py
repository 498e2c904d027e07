"""JSON Feed 1.1, each item carrying the full job record under `_job`.

The record includes `last_seen`, which moves on every successful crawl, so a JSON feed's
bytes (and ETag) change once per crawl even when nothing a reader shows did; RSS and
Atom change only when an entry does.
"""

from __future__ import annotations

import json
from datetime import datetime

from feeds.meta import (FeedMeta, clean, entry_html, entry_id, entry_link, safe_url,
                        summary_line)
from jobfeed.html import sanitize_html
from jobfeed.model import RECORD_KEYS


def render_json(jobs: list[dict], meta: FeedMeta, now: datetime) -> bytes:
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": meta.title,
        "home_page_url": meta.home_url,
        "feed_url": meta.url("json"),
        "description": meta.description,
        "language": meta.language,
        "items": [_item(clean(job)) for job in jobs],
    }
    feed.update(clean({key: feed[key] for key in ("title", "description")}))  # items: done
    # Compact: with `indent` the json module falls back from its C encoder to Python,
    # several times slower on a feed of thousands of records.
    return json.dumps(feed, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"


def _item(job: dict) -> dict:
    item = {"id": entry_id(job)}
    link = entry_link(job)
    if link:
        item["url"] = link
    apply_url = safe_url(job.get("apply_url"))
    if apply_url and apply_url.startswith("http"):
        item["external_url"] = apply_url
    item.update({
        "title": job["title"],
        "content_html": entry_html(job),
        "summary": summary_line(job),
        "date_published": job["first_seen"],
        "date_modified": job.get("updated") or job["first_seen"],
        "tags": [t for t in (job.get("organization"), job.get("employment_type")) if t],
        "_job": _record(job),
    })
    if job.get("organization"):
        item["authors"] = [{"name": job["organization"]}]
    return item


def _record(job: dict) -> dict:
    """The job record, with the same guarantees as the entry: links are http(s) or
    mailto (else null, or the document left out) and the HTML is sanitised."""
    record = {key: job.get(key) for key in RECORD_KEYS}
    record["url"] = safe_url(record["url"])
    record["apply_url"] = safe_url(record["apply_url"])
    record["source_url"] = safe_url(record["source_url"])
    record["documents"] = [{**doc, "url": safe_url(doc.get("url"))}
                           for doc in record["documents"] or []
                           if isinstance(doc, dict) and safe_url(doc.get("url"))]
    if record["description_html"]:
        record["description_html"] = sanitize_html(record["description_html"])
    return record
