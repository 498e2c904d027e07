"""The published folder: every feed, OPML and index.html, valid, capped and reproducible."""

from __future__ import annotations

import time
from datetime import timedelta

import feedparser
import pytest
import yaml
from lxml import etree

from feedcheck import NOW, check_feed, check_json_feed, check_xml_feed, feed_files, make_job
from feeds.config import parse_feeds
from feeds.jsonfeed import render_json
from feeds.meta import FeedMeta
from feeds.publish import publish
from feeds.xmlfeeds import render_atom, render_rss
from jobfeed.store import SQLiteStore

BASE = "https://jobs.alder.example/"
FEEDS = parse_feeds(yaml.safe_load("""
title: Alder Valley jobs
feeds:
  - name: Parks & Recreation
    keywords: '"park ranger" OR recreation'
  - name: Well paid
    min_salary: 60000
  - name: Birch County, part time
    organization: Birch County
    employment_type: part-time
"""))
NAMED = ["parks-recreation", "well-paid", "birch-county-part-time"]
SOURCES = ["alder", "birch"]


def stamp(rfc3339: str) -> tuple:
    """(year, month, day, hour, minute, second) of a store time, as feedparser gives it."""
    return time.strptime(rfc3339, "%Y-%m-%dT%H:%M:%SZ")[:6]


FEED_NAMES = [f"{slug}.{ext}" for slug in ["jobs", *(f"feeds/{s}" for s in NAMED + SOURCES)]
              for ext in ("rss", "atom", "json")]


def fill(store, now=NOW):
    store.save([
        make_job("Park Ranger", location="Alder Creek Regional Park", employment_type="full-time",
                 raw={"salary": "$25.00 to $31.00 per hour", "closes": "December 5, 2026"}),
        make_job('Planner <II> & "Senior" 🌳 \x0b', raw={"closes": "Open until filled"}),
        make_job("Recreation Leader", employment_type="part-time",
                 raw={"salary": "$18 per hour"}),
    ], now)
    store.save([
        make_job("Librarian", source="birch", organization="Birch County",
                 employment_type="part-time", raw={"salary": "$5,000 per month"}),
        make_job("Road Engineer", source="birch", organization="Birch County",
                 raw={"salary": "$120,000 per year"}),
    ], now + timedelta(hours=1))


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    folder = tmp_path_factory.mktemp("published")
    store = SQLiteStore(folder / "jobs.db")
    fill(store)
    out = folder / "public"
    publish(store, out, NOW + timedelta(days=1), base_url=BASE, sources=SOURCES, feeds=FEEDS)
    yield out, store
    store.close()


def test_the_folder_holds_every_feed_opml_and_the_page(published):
    out, _ = published
    files = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert files == {*FEED_NAMES, "feeds.opml", "index.html", ".jobfeed-feeds.json"}


@pytest.mark.parametrize("name", FEED_NAMES)
def test_every_feed_is_valid(published, name):
    check_feed(published[0] / name)


@pytest.mark.parametrize("slug, titles", [
    ("jobs", ["Librarian", "Road Engineer", "Park Ranger", 'Planner <II> & "Senior" 🌳',
              "Recreation Leader"]),
    ("feeds/parks-recreation", ["Park Ranger", "Recreation Leader"]),
    ("feeds/well-paid", ["Librarian", "Road Engineer", "Park Ranger"]),
    ("feeds/birch-county-part-time", ["Librarian"]),
    ("feeds/alder", ["Park Ranger", 'Planner <II> & "Senior" 🌳', "Recreation Leader"]),
    ("feeds/birch", ["Librarian", "Road Engineer"]),
])
def test_each_feed_holds_its_jobs_newest_first_in_every_format(published, slug, titles):
    out, _ = published
    for extension in ("rss", "atom"):
        parsed = check_xml_feed(out / f"{slug}.{extension}")
        assert [entry.title for entry in parsed.entries] == titles
    assert [item["title"] for item in check_json_feed(out / f"{slug}.json")["items"]] == titles


@pytest.mark.parametrize("extension", ["rss", "atom"])
def test_channel_metadata(published, extension):
    out, store = published
    feed = feedparser.parse((out / f"feeds/well-paid.{extension}").read_bytes()).feed
    assert feed.title == "Alder Valley jobs: Well paid"
    assert feed.language == "en"
    assert feed.link == BASE  # home: index.html
    self_links = [link.href for link in feed.links if link.rel == "self"]
    assert self_links == [f"{BASE}feeds/well-paid.{extension}"]
    newest = max(job["updated"] for job in store.jobs())
    assert feed.updated_parsed[:6] == stamp(newest)
    assert "at least 60,000 a year" in (feed.get("subtitle") or feed.get("description"))


def test_json_feed_metadata(published):
    feed = check_json_feed(published[0] / "feeds/well-paid.json")
    assert (feed["title"], feed["language"], feed["home_page_url"], feed["feed_url"]) == (
        "Alder Valley jobs: Well paid", "en", BASE, f"{BASE}feeds/well-paid.json")


@pytest.mark.parametrize("extension", ["rss", "atom"])
def test_entries_are_published_when_first_seen_and_keep_the_job_id(published, extension):
    out, store = published
    jobs = {f"urn:jobfeed:job:{job['id']}": job for job in store.jobs()}
    for entry in feedparser.parse((out / f"jobs.{extension}").read_bytes()).entries:
        job = jobs[entry.id]
        assert entry.published_parsed[:6] == stamp(job["first_seen"])
        if extension == "atom":
            assert entry.updated_parsed[:6] == stamp(job["updated"])


def test_opml_lists_every_feed_once(published):
    out, _ = published
    opml = etree.parse(str(out / "feeds.opml"))
    assert opml.getroot().get("version") == "2.0"
    assert opml.findtext("head/title") == "Alder Valley jobs: job feeds"
    outlines = opml.findall(".//outline[@xmlUrl]")
    urls = [o.get("xmlUrl") for o in outlines]
    assert sorted(urls) == sorted(f"{BASE}{name}" for name in FEED_NAMES if name.endswith(".rss"))
    assert all(o.get("type") == "rss" and o.get("text") and o.get("htmlUrl") == BASE
               for o in outlines)
    groups = [o.get("text") for o in opml.findall("body/outline[@text]")
              if o.get("xmlUrl") is None]
    assert groups == ["Filtered feeds", "By source"]
    assert opml.find(".//outline[@text='Parks & Recreation']") is not None


def test_index_links_every_feed_and_lists_every_open_job(published):
    out, store = published
    page = (out / "index.html").read_text()
    for name in FEED_NAMES:
        assert f'href="{name}"' in page
    assert 'href="feeds.opml"' in page
    for job in store.jobs():
        assert f'id="job-{job["id"]}"' in page
    assert "Planner &lt;II&gt; &amp; &quot;Senior&quot; 🌳</a>" in page


def test_size_cap_keeps_the_newest(tmp_path):
    store = SQLiteStore(tmp_path / "jobs.db")
    for day in range(250):
        store.save([make_job(f"Clerk {day:03d}")], NOW + timedelta(days=day))
    publish(store, tmp_path / "default", NOW, sources=["alder"])
    items = check_json_feed(tmp_path / "default" / "jobs.json")["items"]
    assert len(items) == 200
    assert items[0]["title"] == "Clerk 249" and items[-1]["title"] == "Clerk 050"
    assert len(check_xml_feed(tmp_path / "default" / "feeds/alder.rss").entries) == 200
    # The page is for searching: it lists every open job.
    assert (tmp_path / "default" / "index.html").read_text().count('<li class="job"') == 250

    config = parse_feeds({"limit": 5, "feeds": [{"name": "Clerks", "keywords": "clerk",
                                                  "limit": 3}]})
    publish(store, tmp_path / "small", NOW, sources=["alder"], feeds=config)
    assert [i["title"] for i in check_json_feed(tmp_path / "small" / "jobs.json")["items"]] == [
        f"Clerk {n}" for n in range(249, 244, -1)]
    assert len(check_json_feed(tmp_path / "small" / "feeds/clerks.json")["items"]) == 3
    store.close()


def test_output_is_reproducible_and_unchanged_files_are_not_rewritten(published, tmp_path):
    out, store = published
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    mtimes = {p: p.stat().st_mtime_ns for p in before}
    later = NOW + timedelta(days=9)  # a later run, nothing changed
    assert publish(store, out, later, base_url=BASE, sources=SOURCES, feeds=FEEDS) == []
    assert {p: p.stat().st_mtime_ns for p in before} == mtimes
    publish(store, tmp_path / "again", later, base_url=BASE, sources=SOURCES, feeds=FEEDS)
    for path, data in before.items():
        assert (tmp_path / "again" / path.relative_to(out)).read_bytes() == data


def test_renderers_are_pure_functions_of_jobs_meta_and_now(published):
    _, store = published
    jobs = store.jobs()
    meta = FeedMeta("jobs", "t", "d", BASE)
    for render in (render_rss, render_atom, render_json):
        first = render(jobs, meta, NOW)
        assert render(jobs, meta, NOW + timedelta(days=3)) == first  # `now` dates only []
        if render is not render_json:  # JSON Feed has no feed-level date
            assert render([], meta, NOW) != render([], meta, NOW + timedelta(days=3))


def test_a_feed_taken_out_of_the_feeds_file_is_removed(tmp_path):
    store = SQLiteStore(tmp_path / "jobs.db")
    fill(store)
    out = tmp_path / "public"
    publish(store, out, NOW, sources=SOURCES, feeds=FEEDS)
    assert (out / "feeds/well-paid.rss").exists()
    fewer = parse_feeds({"title": "Alder Valley jobs",
                         "feeds": [{"name": "Parks & Recreation", "keywords": "ranger"}]})
    publish(store, out, NOW, sources=SOURCES, feeds=fewer)
    assert not list(out.glob("feeds/well-paid.*"))
    assert not list(out.glob("feeds/birch-county-part-time.*"))
    assert (out / "feeds/parks-recreation.rss").exists() and (out / "feeds/birch.rss").exists()
    publish(store, out, NOW, sources=SOURCES)
    assert not list(out.glob("feeds/parks-recreation.*"))
    assert not (out / ".jobfeed-feeds.json").exists()
    assert sorted(p.name for p in out.glob("feeds/*")) == [
        "alder.atom", "alder.json", "alder.rss", "birch.atom", "birch.json", "birch.rss"]
    store.close()


def test_per_source_feeds_can_be_turned_off(tmp_path):
    store = SQLiteStore(tmp_path / "jobs.db")
    fill(store)
    publish(store, tmp_path / "out", NOW, sources=SOURCES, feeds=parse_feeds(
        {"per_source": False, "feeds": [{"name": "Alder", "source": "alder"}]}))
    assert sorted(p.name for p in (tmp_path / "out" / "feeds").iterdir()) == [
        "alder.atom", "alder.json", "alder.rss"]  # the named feed, free to take the name
    assert "By source" not in (tmp_path / "out" / "feeds.opml").read_text()
    store.close()


class TestChangeSemantics:
    """Ids never change; updated moves only on a reader-visible change; closed jobs leave
    every feed; a reopened job comes back with its id and first publication date."""

    def publish_json(self, store, out, now, slug="jobs"):
        publish(store, out, now, sources=SOURCES, feeds=FEEDS)
        return {item["title"]: item for item in check_json_feed(out / f"{slug}.json")["items"]}

    def test_salary_change_moves_date_modified_apply_link_does_not(self, tmp_path):
        store = SQLiteStore(tmp_path / "jobs.db")
        fill(store)
        first = self.publish_json(store, tmp_path / "out", NOW)
        later = NOW + timedelta(days=2)
        store.save([make_job("Park Ranger", location="Alder Creek Regional Park",
                             employment_type="full-time",
                             raw={"salary": "$27.00 to $33.00 per hour",
                                  "closes": "December 5, 2026"}),
                    make_job("Recreation Leader", employment_type="part-time",
                             apply_url="https://apply.alder.example/rec",
                             raw={"salary": "$18 per hour"})], later)
        second = self.publish_json(store, tmp_path / "out", later)
        ranger, leader = second["Park Ranger"], second["Recreation Leader"]
        assert ranger["id"] == first["Park Ranger"]["id"]
        assert ranger["date_published"] == first["Park Ranger"]["date_published"]
        assert ranger["date_modified"] == "2026-11-22T15:00:00Z"
        assert "$27 – $33 per hour" in ranger["content_html"]
        assert leader["date_modified"] == first["Recreation Leader"]["date_modified"]
        assert leader["external_url"] == "https://apply.alder.example/rec"
        store.close()

    def test_closed_jobs_leave_every_feed_and_come_back_with_their_id(self, tmp_path):
        store = SQLiteStore(tmp_path / "jobs.db")
        fill(store)
        out = tmp_path / "out"
        first = self.publish_json(store, out, NOW)
        ranger = first["Park Ranger"]
        later = NOW + timedelta(days=3)
        store.close_missing("alder", {store.jobs(source="alder")[1]["id"]}, later)
        self.publish_json(store, out, later)
        for path in feed_files(out):
            text = path.read_text()
            assert ranger["id"] not in text and "Recreation Leader" not in text, path
        assert "Park Ranger" not in (out / "index.html").read_text()

        reopened = NOW + timedelta(days=5)
        store.save([make_job("Park Ranger", location="Alder Creek Regional Park",
                             employment_type="full-time",
                             raw={"salary": "$25.00 to $31.00 per hour",
                                  "closes": "December 5, 2026"})], reopened)
        back = self.publish_json(store, out, reopened)["Park Ranger"]
        assert (back["id"], back["date_published"], back["date_modified"]) == (
            ranger["id"], ranger["date_published"], ranger["date_modified"])
        parks = self.publish_json(store, out, reopened, "feeds/parks-recreation")
        assert parks["Park Ranger"]["id"] == ranger["id"]
        store.close()


def test_an_empty_page_says_so_and_every_feed_is_still_valid(tmp_path):
    store = SQLiteStore(tmp_path / "jobs.db")
    publish(store, tmp_path / "out", NOW, sources=["alder"], feeds=FEEDS)
    for path in feed_files(tmp_path / "out"):
        check_feed(path)
    page = (tmp_path / "out" / "index.html").read_text()
    assert "No open jobs right now." in page and "Showing all 0 open jobs" in page
    store.close()


def test_temporary_files_of_a_killed_run_are_swept_once_stale(tmp_path):
    import os

    store = SQLiteStore(tmp_path / "jobs.db")
    out = tmp_path / "out"
    (out / "feeds").mkdir(parents=True)
    old, fresh = out / "feeds" / ".alder.rss.k1.tmp", out / ".jobs.rss.k2.tmp"
    old.write_text("half")
    fresh.write_text("half")
    two_hours_ago = NOW.timestamp() - 7200
    os.utime(old, (two_hours_ago, two_hours_ago))
    os.utime(fresh, (NOW.timestamp(), NOW.timestamp()))
    publish(store, out, NOW, sources=["alder"])
    assert not old.exists() and fresh.exists()  # a running publisher may own the fresh one
    store.close()


def test_source_names_never_make_paths(tmp_path):
    store = SQLiteStore(tmp_path / "jobs.db")
    store.save([make_job("Clerk", source="../../escape"), make_job("Guard", source="CON"),
                make_job("Cook", source="alder")], NOW)
    out = tmp_path / "out"
    publish(store, out, NOW)
    written = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.rss"))
    assert written[0] == "out/feeds/alder.rss" and len(written) == 4
    assert all(p.startswith("out/feeds/") and p.count("/") == 2 for p in written[:3])
    assert not (tmp_path / "escape.rss").exists()
    for path in feed_files(out):
        check_feed(path)
    store.close()


def test_the_page_lists_the_newest_and_says_how_many_are_open(tmp_path):
    store = SQLiteStore(tmp_path / "jobs.db")
    fill(store)
    out = tmp_path / "out"
    config = parse_feeds({"title": "Alder Valley jobs", "page_limit": 2})
    publish(store, out, NOW, sources=SOURCES, feeds=config)
    page = (out / "index.html").read_text()
    assert page.count('<li class="job"') == 2
    assert 'id="job-' + store.jobs()[0]["id"] in page and "Road Engineer" in page
    assert "Park Ranger" not in page  # older: in the feeds, not on the page
    assert "5 open jobs, the newest 2 listed here" in page
    assert "Showing the newest 2 of 5 open jobs" in page and 'data-open="5"' in page
    assert "This page lists the newest 2 of the 5 open jobs" in page
    assert len(check_json_feed(out / "jobs.json")["items"]) == 5  # the feeds are not capped
    organizations = etree.HTML(page.encode()).xpath("//select[@id='org']/option/@value")
    assert organizations == ["", "Birch County"]  # filters offer what is listed
    store.close()


def test_two_processes_write_the_same_folder_as_one(tmp_path):
    store = SQLiteStore(tmp_path / "jobs.db")
    fill(store)
    store.save([make_job(f"Clerk {n}", source=f"s{n % 7}") for n in range(40)],
               NOW + timedelta(hours=2))
    folders = []
    for processes in (1, 2, 3):
        folders.append(tmp_path / f"out{processes}")
        written = publish(store, folders[-1], NOW, base_url=BASE, sources=SOURCES, feeds=FEEDS,
                          processes=processes)
        assert sorted(written) == sorted(p for p in folders[-1].rglob("*") if p.is_file()
                                         and p.name != ".jobfeed-feeds.json")
    first = {p.relative_to(folders[0]): p.read_bytes() for p in folders[0].rglob("*")
             if p.is_file()}
    for folder in folders[1:]:
        assert {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*")
                if p.is_file()} == first
    assert not list(tmp_path.rglob(".*.tmp"))
    store.close()


@pytest.mark.parametrize("processes", [1, 2])
def test_a_mistake_found_on_the_way_changes_nothing(tmp_path, processes):
    from feeds.config import FeedsError

    store = SQLiteStore(tmp_path / "jobs.db")
    fill(store)
    out = tmp_path / "out"
    publish(store, out, NOW, sources=SOURCES, feeds=FEEDS)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    store.save([make_job("Guard", source="well-paid")], NOW + timedelta(days=1))
    with pytest.raises(FeedsError, match="per-source feed of source 'well-paid'"):
        publish(store, out, NOW + timedelta(days=1), feeds=FEEDS, processes=processes)
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    store.close()
