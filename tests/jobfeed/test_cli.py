"""`jobfeed` as a new user runs it: crawl --url against a local page, demo, sources check."""

from __future__ import annotations

import json
import socket

from conftest import FIXTURES
from jobfeed.localserver import LocalSite
from jobfeed.model import RECORD_KEYS

FAST = ("-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=0")


def test_crawl_url_writes_three_feeds_with_contract_records(jobfeed_cli, tmp_path):
    page = (FIXTURES / "calcities" / "000" / "body.html").read_bytes()
    with LocalSite({"/careers": (page, "text/html; charset=utf-8")}) as site:
        result = jobfeed_cli("crawl", "--url", site.url("/careers"), "--db", "db/jobs.db",
                             "--out", "out", *FAST)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok — fetched 1 pages, 3 jobs, 3 new" in result.stdout
    out = tmp_path / "out"
    assert {p.name for p in out.iterdir() if p.is_file()} == {"jobs.rss", "jobs.atom",
                                                               "jobs.json", "feeds.opml",
                                                               "index.html", "status.rss",
                                                               "status.atom", "status.json"}
    items = json.loads((out / "jobs.json").read_text())["items"]
    records = [item["_job"] for item in items]
    assert all(list(record) == list(RECORD_KEYS) for record in records)
    assert [r["title"] for r in records] == [
        "Senior ILG Program Manager - Workforce Development", "Member Services Specialist",
        "Regional Public Affairs Manager, Orange County Division"]
    assert all(r["organization"] == "League of California Cities" for r in records[1:])
    assert records[0]["documents"][0]["url"].startswith(site.url("/docs/default-source/"))
    assert not list(out.glob("**/*.tmp"))  # atomic writes leave no temporary files


def test_unreachable_source_is_a_clear_error_and_feeds_stay(jobfeed_cli, tmp_path):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "jobs.rss").write_text("earlier feed")
    with socket.socket() as free:  # a port nobody listens on
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    result = jobfeed_cli("crawl", "--url", f"http://127.0.0.1:{port}/jobs", "--db", "jobs.db",
                         "--out", "out", "-s", "RETRY_TIMES=0", *FAST)
    assert result.returncode == 1
    assert "failed — fetched 0 pages" in result.stdout
    assert f"error: http://127.0.0.1:{port}/jobs: connection refused" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert (tmp_path / "out" / "jobs.rss").read_text() == "earlier feed"


def test_demo_serves_the_bundled_snapshot_and_writes_the_feeds(jobfeed_cli, tmp_path):
    result = jobfeed_cli("demo", "--dir", "demo")
    assert result.returncode == 0, result.stdout + result.stderr
    out = tmp_path / "demo" / "public"
    assert f"{out}" in result.stdout
    titles = [item["title"] for item in json.loads((out / "jobs.json").read_text())["items"]]
    assert titles == ["Director, Strategic Communications and Marketing",
                      "Manager, Governance and Leadership Support", "Event Program Manager"]
    assert "Event Program Manager" in (out / "jobs.rss").read_text()
    assert "Event Program Manager" in (out / "jobs.atom").read_text()


def test_sources_check_names_file_entry_and_field(jobfeed_cli, tmp_path):
    good = tmp_path / "good.yaml"
    good.write_text("sources:\n  - name: alder\n    start_urls: [https://alder.example/jobs]\n")
    result = jobfeed_cli("sources", "check", str(good))
    assert result.returncode == 0 and "1 sources, all valid" in result.stdout

    bad = tmp_path / "bad.yaml"
    bad.write_text("sources:\n  - name: alder\n    start_urls: [https://alder.example/jobs]\n"
                   "  - name: birch\n    start_urls: [ftp://birch.example/jobs]\n")
    result = jobfeed_cli("sources", "check", str(bad))
    assert result.returncode == 2
    assert f"{bad}:4: source #2 (birch): field 'start_urls'" in result.stderr
    assert "not an http(s) URL" in result.stderr


def test_bad_sources_file_crawls_nothing(jobfeed_cli, tmp_path):
    bad = tmp_path / "sources.yaml"
    bad.write_text("sources:\n  - name: alder\n    start_url: https://alder.example/jobs\n")
    result = jobfeed_cli("crawl", "--sources", str(bad), "--db", "jobs.db")
    assert result.returncode == 2
    assert "unknown field 'start_url'" in result.stderr
    assert not (tmp_path / "jobs.db").exists()


def test_scrapy_list_from_the_repo_root():
    import subprocess
    import sys
    from conftest import ROOT

    result = subprocess.run([sys.executable, "-m", "scrapy", "list"], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert set(result.stdout.split()) >= {"calcities", "careers"}
