"""Published feeds parse cleanly, validate against the shared schemas, and keep ids."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import feedparser
import pytest

from conftest import SHARED
from feedcheck import ATOM_RNG, JSON_FEED_SCHEMA
from feeds.publish import publish
from jobfeed.model import RECORD_KEYS, Job
from jobfeed.normalise import normalise_job
from jobfeed.store import SQLiteStore

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=timezone.utc)


def make_job(title: str, **fields) -> Job:
    job = Job(title=title, organization="City of Alder Creek", source="alder",
              source_url="https://www.aldercreek.example/jobs",
              url=fields.pop("url", f"https://www.aldercreek.example/jobs#{len(title)}"),
              description=fields.pop("description", "Maintains parks."),
              description_html=fields.pop("description_html", "<p>Maintains parks.</p>"),
              **fields)
    return normalise_job(job, NOW)


@pytest.fixture
def store(tmp_path):
    store = SQLiteStore(tmp_path / "jobs.db")
    store.save([make_job("Park Ranger", raw={"salary": "$25.00 to $31.00 per hour",
                                             "closes": "December 5, 2026"}),
                make_job("Planner <II> & \"Senior\" 🌳 \x0b", raw={"closes": "Open until filled"}),
                make_job("Accountant", apply_url="mailto:hr@aldercreek.example")], NOW)
    yield store
    store.close()


@pytest.fixture
def published(store, tmp_path):
    out = tmp_path / "public"
    publish(store, out, NOW, sources=["alder"])
    return out


# feedparser 6.0 (the newest release) reads RSS and Atom only; JSON Feed is checked
# against its schema below.
@pytest.mark.parametrize("name", ["jobs.rss", "jobs.atom", "feeds/alder.rss", "feeds/alder.atom"])
def test_feed_parses_without_bozo(published, name):
    parsed = feedparser.parse((published / name).read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert [e.title for e in parsed.entries] == [
        "Park Ranger", "Planner <II> & \"Senior\" 🌳", "Accountant"]


def test_rss_guids_are_not_permalinks_and_come_from_the_job_id(published, store):
    rss = (published / "jobs.rss").read_text()
    for job in store.jobs():
        assert f'<guid isPermaLink="false">urn:jobfeed:job:{job["id"]}</guid>' in rss


def test_atom_content_is_typed_html_and_sanitised(published):
    parsed = feedparser.parse((published / "jobs.atom").read_bytes())
    content = parsed.entries[0].content[0]
    assert content.type == "text/html"
    assert "$25 – $31 per hour" in content.value and "closes 2026-12-05" in content.value


@pytest.mark.parametrize("where", ["tests", "shared"])
def test_atom_validates_against_rfc4287_relax_ng(published, where):
    from lxml import etree

    schema_path = ATOM_RNG if where == "tests" else SHARED / "schemas" / "atom.rng"
    if not schema_path.exists():
        pytest.skip(f"{schema_path} is absent (the shared schemas sit beside the repo)")
    schema = etree.RelaxNG(etree.parse(str(schema_path)))
    for path in (published / "jobs.atom", published / "feeds" / "alder.atom"):
        document = etree.parse(str(path))
        assert schema.validate(document), schema.error_log


def test_json_feed_has_required_fields_and_a_job_record_per_item(published, store):
    feed = json.loads((published / "jobs.json").read_text())
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["title"] and feed["feed_url"].endswith("/jobs.json")
    assert len(feed["items"]) == 3
    for item, job in zip(feed["items"], store.jobs()):
        assert item["id"] == f"urn:jobfeed:job:{job['id']}"
        assert list(item["_job"]) == list(RECORD_KEYS)
        assert item["_job"]["status"] == "open" and item["_job"]["first_seen"]
    ranger = feed["items"][0]["_job"]
    assert ranger["salary"] == {"min": 25, "max": 31, "currency": "USD", "period": "hour"}
    assert ranger["raw"]["salary"] == "$25.00 to $31.00 per hour"
    assert feed["items"][1]["_job"]["open_until_filled"] is True


@pytest.mark.parametrize("where", ["tests", "shared"])
def test_json_feed_validates_against_the_json_feed_schema(published, where):
    import jsonschema

    schema_path = SHARED / "schemas" / "jsonfeed-1.1.schema.json"
    if where == "tests":
        schema = JSON_FEED_SCHEMA
    elif not schema_path.exists():
        pytest.skip(f"{schema_path} is absent (the shared schemas sit beside the repo)")
    else:
        schema = json.loads(schema_path.read_text())
    for path in (published / "jobs.json", published / "feeds" / "alder.json"):
        jsonschema.validate(json.loads(path.read_text()), schema,
                            format_checker=jsonschema.FormatChecker())


def test_newest_first_and_a_closed_job_leaves_the_feed(store, tmp_path):
    later = NOW + timedelta(days=1)
    store.save([make_job("Librarian")], later)
    store.close_missing("alder", {make_job("Librarian").id}, later)
    publish(store, tmp_path / "out", later)
    feed = json.loads((tmp_path / "out" / "jobs.json").read_text())
    assert [item["title"] for item in feed["items"]] == ["Librarian"]


def test_entry_updated_moves_only_when_a_reader_field_changes(store, tmp_path):
    later = NOW + timedelta(days=1)
    store.save([make_job("Accountant", apply_url="mailto:jobs@aldercreek.example")], later)
    store.save([make_job("Park Ranger", raw={"salary": "$26.00 to $32.00 per hour",
                                             "closes": "December 5, 2026"})], later)
    by_title = {job["title"]: job for job in store.jobs()}
    assert by_title["Accountant"]["updated"] == "2026-11-20T15:00:00Z"  # apply link only
    assert by_title["Park Ranger"]["updated"] == "2026-11-21T15:00:00Z"  # salary changed
    assert by_title["Park Ranger"]["first_seen"] == "2026-11-20T15:00:00Z"
