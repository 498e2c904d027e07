"""JSON Feed 1.1, each item carrying the full job record under `_job`.

The record includes `last_seen`, which moves on every successful crawl, so a JSON feed's
bytes (and ETag) change once per crawl even when nothing a reader shows did; RSS and
Atom change only when an entry does.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Iterable

import orjson

from feeds.meta import Entry, FeedMeta, clean
from jobfeed.html import sanitize_html
from jobfeed.model import RECORD_KEYS

# Compact: with `indent` the json module falls back from its C encoder to Python,
# several times slower on a feed of thousands of records.
_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def dumps(value) -> bytes:
    """Compact UTF-8 JSON, the bytes of json.dumps(value, ensure_ascii=False, separators=
    (",", ":")) but for tiny floats (0.00001 for 1e-05) and NaN (null: NaN is no JSON).

    orjson: the json module's encoder took a third of a job's rendering, some 25 µs an
    item of 3 kB, seven times orjson's. The json module for what orjson refuses
    (integers beyond 64 bits, keys that are not text)."""
    try:
        return orjson.dumps(value)
    except TypeError:  # orjson.JSONEncodeError is one
        return _encode(value).encode("utf-8")


def render_json(jobs: list[dict], meta: FeedMeta, now: datetime) -> bytes:
    return json_feed([Entry.of(job) for job in jobs], meta, now)


def json_feed(entries: list[Entry], meta: FeedMeta, now: datetime,
              items: Iterable[str | bytes] | None = None) -> bytes:
    """The feed of these entries; `items`: their `json_item`s when already made. The
    same bytes as json.dumps of the whole feed, items spliced in as they were encoded."""
    head = dumps(clean({
        "version": "https://jsonfeed.org/version/1.1",
        "title": meta.title,
        "home_page_url": meta.home_url,
        "feed_url": meta.url("json"),
        "description": meta.description,
        "language": meta.language,
    }))
    parts = [head[:-1], b',"items":[']
    for number, item in enumerate(items if items is not None else map(json_item, entries)):
        if number:
            parts.append(b",")
        parts.append(item if isinstance(item, bytes) else item.encode("utf-8"))
    parts.append(b"]}\n")
    return b"".join(parts)


def json_item(entry: Entry) -> bytes:
    """One item, encoded."""
    return dumps(_item(entry))


def _item(entry: Entry) -> dict:
    job = entry.job
    item = {"id": entry.id}
    link = entry.link
    if link:
        item["url"] = link
    if entry.apply_url and entry.apply_url.startswith("http"):
        item["external_url"] = entry.apply_url
    item.update({
        "title": job["title"],
        "content_html": entry.html,
        "summary": entry.summary,
        "date_published": entry.first_seen,
        "date_modified": entry.updated,
        "tags": [t for t in (job.get("organization"), job.get("employment_type")) if t],
        "_job": _record(entry),
    })
    if job.get("organization"):
        item["authors"] = [{"name": job["organization"]}]
    return item


def _record(entry: Entry) -> dict:
    """The job record, with the same guarantees as the entry: links are http(s) or
    mailto (else null, or the document left out) and the HTML is sanitised."""
    job = entry.job
    record = {key: job.get(key) for key in RECORD_KEYS}
    record["url"] = entry.url
    record["apply_url"] = entry.apply_url
    record["source_url"] = entry.source_url
    record["documents"] = entry.documents
    if record["description_html"]:
        record["description_html"] = entry.sanitized or sanitize_html(record["description_html"])
    return record
