"""Helpers of the robustness tests: careers pages to serve, crawls in a subprocess, and
looks into the store, the feeds and the run reports afterwards."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import feedparser
from lxml import etree

from conftest import run_jobfeed

# Small timeouts and waits so that a fault costs the test suite seconds, not minutes.
FAST = ("-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=0", "-s", "DOWNLOAD_TIMEOUT=2",
        "-s", "RETRY_TIMES=1", "-s", "JOBFEED_RETRY_BACKOFF=0.1",
        "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=16")


def careers_page(organization: str, titles: list[str], *, closes: bool = True) -> str:
    """A plain careers page: an openings heading over one heading per posting, each with
    its announcement (a PDF: its URL is the job's identity)."""
    key = re.sub(r"[^a-z0-9]+", "-", organization.lower()).strip("-")
    postings = "".join(
        f"<h3>{title}</h3>\n<p>{organization} is hiring a {title}. Salary: $5,000 - $6,500 "
        f"monthly. Full-time.</p>\n"
        + (f"<p>Closing date: December {n + 1}, 2026. " if closes else "<p>")
        + f'<a href="/docs/{key}-{n}.pdf">Job Announcement</a></p>\n'
        for n, title in enumerate(titles))
    return (f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Careers | "
            f"{organization}</title></head><body><main><h1>Careers</h1>"
            f"<h2>Current Openings</h2>\n{postings}</main></body></html>")


def detail_listing(organization: str, base: str, titles: list[str]) -> str:
    """A listing of title links only: the spider fetches each posting's page for the rest."""
    links = "".join(f'<li><a href="{base}/{n}">{title}</a></li>' for n, title in enumerate(titles))
    return (f"<!DOCTYPE html><html><head><title>Jobs | {organization}</title></head><body>"
            f"<main><h1>Jobs</h1><h2>Current Openings</h2><ul>{links}</ul></main></body></html>")


def detail_page(organization: str, title: str) -> str:
    return (f"<!DOCTYPE html><html><head><title>{title} | {organization}</title></head><body>"
            f"<main><h1>{title}</h1><table><tr><th>Department</th><td>Planning</td></tr>"
            "<tr><th>Location</th><td>City Hall</td></tr><tr><th>Salary</th><td>$5,000 - "
            "$6,000 monthly</td></tr><tr><th>Closing date</th><td>December 5, 2026</td></tr>"
            f"</table><p>{organization} is hiring.</p></main></body></html>")


def app_shell(organization: str) -> str:
    """The same site after a redesign into a script-rendered app: no postings in the HTML."""
    return (f"<!DOCTYPE html><html><head><title>Careers | {organization}</title></head>"
            "<body><div id=\"app\">Loading…</div><script src=\"/app.js\"></script></body></html>")


def write_sources(path: Path, entries: list[dict]) -> Path:
    lines = ["sources:"]
    for entry in entries:
        lines.append(f"  - name: {entry['name']}")
        for key, value in entry.items():
            if key != "name":
                lines.append(f"    {key}: {json.dumps(value)}")
    path.write_text("\n".join(lines) + "\n")
    return path


def crawl(cwd: Path, sources: Path, *settings: str, timeout: int = 90):
    return run_jobfeed("crawl", "--sources", str(sources), "--db", "var/jobs.db",
                       "--out", "public", *FAST, *settings, cwd=cwd, timeout=timeout)


def jobs(db: Path) -> dict[str, dict]:
    """Every stored job by id: source, status, title, first_seen, closed_at."""
    con = sqlite3.connect(db)
    con.row_factory = sqlite3.Row
    rows = con.execute("SELECT id, source, status, first_seen, closed_at,"
                       " json_extract(record, '$.title') AS title FROM jobs").fetchall()
    con.close()
    return {row["id"]: dict(row) for row in rows}


def integrity(db: Path) -> str:
    con = sqlite3.connect(db)
    try:
        return con.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        con.close()


def reports(cwd: Path) -> list[dict]:
    """The run reports, oldest first."""
    return [json.loads(p.read_text()) for p in sorted((cwd / "var" / "runs").glob("*.json"))]


def assert_feeds_parse(out: Path, *, temporaries_allowed: bool = False) -> int:
    """Every feed file is whole and parses; returns how many were checked. (A run killed
    while publishing may leave a temporary file; the next run removes it.)"""
    checked = 0
    for path in sorted(out.rglob("*")):
        if path.suffix in (".rss", ".atom"):
            etree.fromstring(path.read_bytes())  # well-formed XML
            parsed = feedparser.parse(path.read_bytes())
            assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        elif path.suffix == ".json" and not path.name.startswith("."):
            assert "items" in json.loads(path.read_text()), path
        else:
            continue
        checked += 1
    assert temporaries_allowed or not list(out.rglob(".*.tmp")), "a temporary file was left"
    return checked


def start_crawl(cwd: Path, sources: Path, *settings: str):
    """`jobfeed crawl` in the background, its output in cwd/crawl.out and crawl.err."""
    import subprocess
    import sys

    return subprocess.Popen(
        [sys.executable, "-m", "jobfeed", "crawl", "--sources", str(sources),
         "--db", "var/jobs.db", "--out", "public", *FAST, *settings],
        cwd=cwd, stdout=open(cwd / "crawl.out", "w"), stderr=open(cwd / "crawl.err", "w"))


def wait_for(condition, timeout: float = 30, every: float = 0.002) -> bool:
    import time

    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(every)
    return False
