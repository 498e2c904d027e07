"""Helpers for the feed tests: jobs to publish, and the checks every written feed must pass
(feedparser without bozo, the RFC 4287 RELAX NG schema, a JSON Feed 1.1 schema)."""

from __future__ import annotations

import functools
import json
import re
from datetime import datetime, timezone
from pathlib import Path

import feedparser
import jsonschema
import pytest
from lxml import etree

from jobfeed.identity import slug
from jobfeed.model import Job
from jobfeed.normalise import normalise_job

HERE = Path(__file__).resolve().parent
ATOM_RNG = HERE / "schemas" / "atom.rng"
NOW = datetime(2026, 11, 20, 15, 0, tzinfo=timezone.utc)

# Characters XML 1.0 cannot carry, and the ones HTML must never let through.
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
DANGEROUS = re.compile(r"<script|<style|<iframe|<form|<object|<embed|\bon[a-z]+\s*=|"
                       r"javascript:|vbscript:|data:text", re.I)

_RFC3339 = (r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
_URL = r"^(https?://[^\s]+|mailto:[^\s]+)$"
_AUTHOR = {
    "type": "object",
    "properties": {"name": {"type": "string"}, "url": {"type": "string", "pattern": _URL},
                   "avatar": {"type": "string", "pattern": _URL}},
    "anyOf": [{"required": ["name"]}, {"required": ["url"]}, {"required": ["avatar"]}],
    "patternProperties": {"^_": {}},
    "additionalProperties": False,
}
# JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/), written out for these tests.
JSON_FEED_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "JSON Feed 1.1",
    "type": "object",
    "required": ["version", "title", "items"],
    "properties": {
        "version": {"const": "https://jsonfeed.org/version/1.1"},
        "title": {"type": "string"},
        "home_page_url": {"type": "string", "pattern": _URL},
        "feed_url": {"type": "string", "pattern": _URL},
        "description": {"type": "string"},
        "user_comment": {"type": "string"},
        "next_url": {"type": "string", "pattern": _URL},
        "icon": {"type": "string", "pattern": _URL},
        "favicon": {"type": "string", "pattern": _URL},
        "authors": {"type": "array", "items": _AUTHOR},
        "language": {"type": "string", "pattern": r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$"},
        "expired": {"type": "boolean"},
        "hubs": {"type": "array", "items": {
            "type": "object", "required": ["type", "url"],
            "properties": {"type": {"type": "string"}, "url": {"type": "string"}}}},
        "items": {"type": "array", "items": {
            "type": "object",
            "required": ["id"],
            "anyOf": [{"required": ["content_html"]}, {"required": ["content_text"]}],
            "properties": {
                "id": {"type": "string", "minLength": 1},
                "url": {"type": "string", "pattern": _URL},
                "external_url": {"type": "string", "pattern": _URL},
                "title": {"type": "string"},
                "content_html": {"type": "string"},
                "content_text": {"type": "string"},
                "summary": {"type": "string"},
                "image": {"type": "string", "pattern": _URL},
                "banner_image": {"type": "string", "pattern": _URL},
                "date_published": {"type": "string", "pattern": _RFC3339},
                "date_modified": {"type": "string", "pattern": _RFC3339},
                "authors": {"type": "array", "items": _AUTHOR},
                "tags": {"type": "array", "items": {"type": "string"}},
                "language": {"type": "string"},
                "attachments": {"type": "array", "items": {
                    "type": "object", "required": ["url", "mime_type"],
                    "properties": {"url": {"type": "string"}, "mime_type": {"type": "string"},
                                   "title": {"type": "string"},
                                   "size_in_bytes": {"type": "number"},
                                   "duration_in_seconds": {"type": "number"}}}},
            },
            "patternProperties": {"^_": {}},  # extensions: _job
            "additionalProperties": False,
        }},
    },
    "patternProperties": {"^_": {}},
    "additionalProperties": False,
}


def make_job(title: str, now: datetime = NOW, **fields) -> Job:
    """A normalised job of City of Alder Creek (source `alder`) unless told otherwise."""
    fields.setdefault("organization", "City of Alder Creek")
    fields.setdefault("source", "alder")
    fields.setdefault("source_url", "https://www.aldercreek.example/jobs")
    fields.setdefault("url", f"https://www.aldercreek.example/jobs/{slug(title)}")
    fields.setdefault("url_is_own_page", True)
    fields.setdefault("description", "Maintains parks.")
    fields.setdefault("description_html", "<p>Maintains parks.</p>")
    return normalise_job(Job(title=title, **fields), now)


@functools.cache
def atom_schema() -> etree.RelaxNG:
    if not ATOM_RNG.exists():
        pytest.skip(f"{ATOM_RNG} is absent: the RFC 4287 RELAX NG schema the Atom check needs")
    return etree.RelaxNG(etree.parse(str(ATOM_RNG)))


def check_xml_feed(path: Path) -> feedparser.FeedParserDict:
    """RSS or Atom: parses without bozo; Atom also validates against RFC 4287."""
    data = path.read_bytes()
    parsed = feedparser.parse(data)
    assert not parsed.bozo, f"{path}: {parsed.get('bozo_exception')!r}"
    assert not XML_FORBIDDEN.search(data.decode("utf-8")), f"{path}: XML-forbidden character"
    if path.suffix == ".atom":
        schema = atom_schema()
        assert schema.validate(etree.fromstring(data)), f"{path}: {schema.error_log}"
    return parsed


def check_json_feed(path: Path) -> dict:
    feed = json.loads(path.read_bytes().decode("utf-8"))
    jsonschema.validate(feed, JSON_FEED_SCHEMA)
    ids = [item["id"] for item in feed["items"]]
    assert len(ids) == len(set(ids)), f"{path}: an item twice"
    return feed


def check_feed(path: Path):
    return check_json_feed(path) if path.suffix == ".json" else check_xml_feed(path)


def feed_files(out: Path) -> list[Path]:
    return sorted(p for p in out.rglob("*") if p.suffix in (".rss", ".atom", ".json")
                  and not p.name.startswith("."))


def check_clean_html(fragment: str, where: str = "") -> None:
    """No script, style, iframe, form, event handler or javascript:/data: link."""
    match = DANGEROUS.search(fragment)
    assert match is None, f"{where}: {match.group(0)!r} in {fragment[:300]!r}"
