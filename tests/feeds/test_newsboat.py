"""A real feed reader: newsboat loads the feeds from `jobfeed serve`, non-interactively.

newsboat keeps what it read in an SQLite cache; the tests read that cache to see the
titles it found, and which items it counts as unread after a second run.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import threading
from datetime import timedelta
from pathlib import Path

import pytest

from feedcheck import NOW, make_job
from feeds.config import parse_feeds
from feeds.publish import publish
from jobfeed.serve import make_server
from jobfeed.store import SQLiteStore

NEWSBOAT = shutil.which("newsboat")
pytestmark = pytest.mark.skipif(
    NEWSBOAT is None, reason="newsboat is not installed (Debian package `newsboat`; "
                             ".ci/run installs it when run as root)")

SPECIAL = 'Planner <II> & "Senior" 🌳'
FEEDS = parse_feeds({"feeds": [{"name": "Rangers", "keywords": "ranger"}]})


class Newsboat:
    """newsboat with its own urls, config and cache in one folder, no terminal needed."""

    def __init__(self, folder: Path):
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.urls, self.cache = folder / "urls", folder / "cache.db"
        (folder / "config").write_text("")
        self.urls.touch()

    def run(self, *args: str) -> subprocess.CompletedProcess:
        env = {**os.environ, "HOME": str(self.folder), "XDG_CONFIG_HOME": str(self.folder),
               "XDG_DATA_HOME": str(self.folder)}
        result = subprocess.run(
            [NEWSBOAT, "-u", str(self.urls), "-c", str(self.cache),
             "-C", str(self.folder / "config"), *args],
            capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL, env=env)
        assert result.returncode == 0, result.stdout + result.stderr
        return result

    def reload(self, *urls: str) -> None:
        if urls:
            self.urls.write_text("".join(f"{url}\n" for url in urls))
        self.run("-x", "reload")

    def items(self, where: str = "1") -> list[tuple[str, str, str]]:
        with sqlite3.connect(self.cache) as db:
            return db.execute(f"SELECT feedurl, title, guid FROM rss_item WHERE {where} "
                              "ORDER BY pubDate DESC, id").fetchall()

    def feeds(self) -> dict[str, str]:
        with sqlite3.connect(self.cache) as db:
            return dict(db.execute("SELECT rssurl, title FROM rss_feed"))


@pytest.fixture
def served(tmp_path):
    """A store, its published folder and a server for it; yields (store, out, base_url)."""
    store = SQLiteStore(tmp_path / "jobs.db")
    store.save([make_job("Park Ranger", raw={"salary": "$25.00 to $31.00 per hour"}),
                make_job(SPECIAL), make_job("Accountant")], NOW)
    store.save([make_job("Librarian", source="birch", organization="Birch County")],
               NOW + timedelta(hours=1))
    out = tmp_path / "public"
    server = make_server(out, "127.0.0.1", 0, quiet=True)
    base_url = f"http://127.0.0.1:{server.server_address[1]}/"
    publish(store, out, NOW, base_url=base_url, sources=["alder", "birch"], feeds=FEEDS)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield store, out, base_url
    server.shutdown()
    server.server_close()
    store.close()


@pytest.mark.parametrize("name, titles", [
    ("jobs.rss", ["Librarian", "Park Ranger", SPECIAL, "Accountant"]),
    ("jobs.atom", ["Librarian", "Park Ranger", SPECIAL, "Accountant"]),
    ("feeds/alder.rss", ["Park Ranger", SPECIAL, "Accountant"]),
    ("feeds/birch.atom", ["Librarian"]),
    ("feeds/rangers.rss", ["Park Ranger"]),
    ("feeds/rangers.atom", ["Park Ranger"]),
])
def test_newsboat_lists_the_expected_titles(served, tmp_path, name, titles):
    store, _, base_url = served
    reader = Newsboat(tmp_path / "newsboat")
    reader.reload(base_url + name)
    # Same publication time for the alder jobs: newsboat's order among them is its own.
    assert sorted(title for _, title, _ in reader.items()) == sorted(titles)
    if "Librarian" in titles:  # an hour newer than the rest: first
        assert reader.items()[0][1] == "Librarian"
    guids = {f"urn:jobfeed:job:{job['id']}" for job in store.jobs()}
    assert {guid for *_, guid in reader.items()} <= guids
    assert reader.feeds()[base_url + name].startswith("jobfeed: ")


def test_newsboat_imports_the_opml_and_reads_every_feed(served, tmp_path):
    store, out, base_url = served
    reader = Newsboat(tmp_path / "newsboat")
    reader.run("-i", str(out / "feeds.opml"))
    subscribed = [line.split()[0] for line in reader.urls.read_text().splitlines() if line]
    assert sorted(subscribed) == sorted(base_url + name for name in (
        "jobs.rss", "feeds/rangers.rss", "feeds/alder.rss", "feeds/birch.rss"))
    reader.reload()
    assert set(reader.feeds()) == set(subscribed)
    # The same job in several subscribed feeds is one item: newsboat keys items by guid,
    # and every feed gives a job the same guid.
    guids = [guid for *_, guid in reader.items()]
    assert sorted(guids) == sorted(f"urn:jobfeed:job:{job['id']}" for job in store.jobs())


def test_only_a_new_job_is_unread_after_the_next_run(served, tmp_path):
    store, out, base_url = served
    reader = Newsboat(tmp_path / "newsboat")
    reader.reload(base_url + "jobs.rss", base_url + "jobs.atom")
    with sqlite3.connect(reader.cache) as db:
        db.execute("UPDATE rss_item SET unread = 0")  # the subscriber reads everything

    later = NOW + timedelta(days=1)
    store.save([make_job("Park Ranger", raw={"salary": "$27.00 to $33.00 per hour"}),
                make_job("Arborist")], later)  # a changed salary, and one new job
    store.close_missing("alder", {j["id"] for j in store.jobs(source="alder")
                                  if j["title"] != "Accountant"}, later)
    publish(store, out, later, base_url=base_url, sources=["alder", "birch"], feeds=FEEDS)
    reader.reload()
    assert [title for _, title, _ in reader.items("unread = 1")] == ["Arborist"]
    ranger = [item for item in reader.items() if item[1] == "Park Ranger"]
    assert len(ranger) == 1  # updated in place, not a second item
