"""The two Cal Cities snapshots crawled in sequence through the real CLI and store."""

from __future__ import annotations

import json
import sqlite3

import pytest

from conftest import FIXTURES
from jobfeed.localserver import LocalSite

SNAPSHOT = {name: (FIXTURES / "calcities" / name / "body.html").read_bytes()
            for name in ("000", "001")}


@pytest.fixture
def calcities_site():
    with LocalSite() as site:
        yield site


def crawl(jobfeed_cli, tmp_path, site):
    sources = tmp_path / "sources.yaml"
    sources.write_text(
        "sources:\n  - name: calcities\n    spider: calcities\n"
        "    organization: League of California Cities\n"
        f"    start_urls: ['{site.url('/join-our-team')}']\n")
    return jobfeed_cli("crawl", "--sources", str(sources), "--db", "var/jobs.db",
                       "--out", "public", "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=0")


def jobs_by_status(tmp_path):
    db = sqlite3.connect(tmp_path / "var" / "jobs.db")
    rows = db.execute("SELECT id, status, json_extract(record, '$.title'), first_seen, "
                      "closed_at FROM jobs ORDER BY rowid").fetchall()
    db.close()
    return {status: [(r[0], r[2]) for r in rows if r[1] == status] for status in ("open", "closed")}


def serve(site, snapshot):
    site.pages["/join-our-team"] = (SNAPSHOT[snapshot], "text/html; charset=utf-8")


def test_snapshot_sequence_closes_the_old_opens_the_new_and_survives_failure(
        jobfeed_cli, tmp_path, calcities_site):
    serve(calcities_site, "000")
    first = crawl(jobfeed_cli, tmp_path, calcities_site)
    assert first.returncode == 0, first.stderr
    assert "calcities: ok" in first.stdout and "3 new" in first.stdout
    after_000 = jobs_by_status(tmp_path)
    assert [title for _, title in after_000["open"]] == [
        "Senior ILG Program Manager - Workforce Development", "Member Services Specialist",
        "Regional Public Affairs Manager, Orange County Division"]

    serve(calcities_site, "001")
    second = crawl(jobfeed_cli, tmp_path, calcities_site)
    assert second.returncode == 0, second.stderr
    assert "3 new" in second.stdout and "3 closed" in second.stdout
    after_001 = jobs_by_status(tmp_path)
    assert after_001["closed"] == after_000["open"]  # same ids, now closed
    assert [title for _, title in after_001["open"]] == [
        "Director, Strategic Communications and Marketing",
        "Manager, Governance and Leadership Support", "Event Program Manager"]
    feed = json.loads((tmp_path / "public" / "jobs.json").read_text())
    assert {item["title"] for item in feed["items"]} == {t for _, t in after_001["open"]}
    feed_bytes = xml_feeds(tmp_path)
    modified = [item["date_modified"] for item in feed["items"]]

    third = crawl(jobfeed_cli, tmp_path, calcities_site)  # the same page again
    assert third.returncode == 0
    assert "0 new, 0 updated, 0 closed" in third.stdout
    assert jobs_by_status(tmp_path) == after_001
    assert xml_feeds(tmp_path) == feed_bytes  # nothing a reader sees has changed
    feed = json.loads((tmp_path / "public" / "jobs.json").read_text())
    assert [item["date_modified"] for item in feed["items"]] == modified

    del calcities_site.pages["/join-our-team"]  # the page now fails with a 404
    failed = crawl(jobfeed_cli, tmp_path, calcities_site)
    assert failed.returncode == 1
    assert "calcities: failed" in failed.stdout and "HTTP 404" in failed.stdout
    assert "Traceback" not in failed.stdout + failed.stderr
    assert jobs_by_status(tmp_path) == after_001  # nothing closed
    assert xml_feeds(tmp_path) == feed_bytes


def xml_feeds(tmp_path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in (tmp_path / "public").glob("jobs.*")
            if p.suffix in (".rss", ".atom")}


def test_a_page_that_suddenly_lists_nothing_closes_nothing(jobfeed_cli, tmp_path,
                                                          calcities_site):
    serve(calcities_site, "001")
    assert crawl(jobfeed_cli, tmp_path, calcities_site).returncode == 0
    calcities_site.pages["/join-our-team"] = (b"<html><body><h1>Join Our Team</h1>"
                                              b"<p>Page moved.</p></body></html>", "text/html")
    empty = crawl(jobfeed_cli, tmp_path, calcities_site)
    assert empty.returncode == 1
    assert "calcities: empty" in empty.stdout
    assert len(jobs_by_status(tmp_path)["open"]) == 3
