"""SIGKILL a crawl at several points: the store stays consistent and keeps every job,
the feeds written before stay whole, and the next run recovers by itself."""

from __future__ import annotations

import json
import os
import shutil
import signal
import threading
import time

import pytest

from faultserver import FaultServer
from robustkit import (assert_feeds_parse, careers_page, crawl, integrity, jobs, reports,
                       start_crawl, wait_for, write_sources)
from jobfeed.status import status_lines

SOURCES = [f"town{n}" for n in range(5)]
JOBS = 60  # per source: enough that storing and publishing take a while


def titles(name: str, count: int) -> list[str]:
    return [f"Position {n} ({name})" for n in range(count)]


@pytest.fixture(scope="module")
def site_and_baseline(tmp_path_factory):
    """One good run on the first version of the pages; then the pages grow (new jobs),
    so the run to be killed has plenty to fetch, store and publish."""
    baseline = tmp_path_factory.mktemp("baseline")
    with FaultServer() as site:
        site.page("/robots.txt", "User-agent: *\nAllow: /\n", content_type="text/plain")
        for name in SOURCES:
            site.page(f"/{name}/jobs", careers_page(f"Town of {name}", titles(name, JOBS)))
        sources = write_sources(baseline / "sources.yaml", [
            {"name": name, "start_urls": [site.url(f"/{name}/jobs")]} for name in SOURCES])
        first = crawl(baseline, sources)
        assert first.returncode == 0, first.stdout + first.stderr
        for name in SOURCES:
            site.page(f"/{name}/jobs", careers_page(f"Town of {name}", titles(name, JOBS + 20)))
        yield site, baseline


def killed_run(site, cwd, point: str):
    """Start a crawl, SIGKILL it at `point`; return the process."""
    gate = threading.Event()
    if point == "fetching":
        site.fault("/town3/jobs", "wait", gate=gate)
    public = cwd / "public"
    before = {p: p.stat().st_mtime_ns for p in public.rglob("*") if p.is_file()}
    site.hits.clear()
    process = start_crawl(cwd, cwd / "sources.yaml", "-s", "JOBFEED_STORE_BATCH=1")
    try:
        if point == "fetching":  # four sources stored, the fifth still waiting for its page
            assert wait_for(lambda: site.requests_to("/town3/jobs"))
            time.sleep(0.5)
        elif point == "storing":  # the first new jobs are in the store, more are coming
            stored = len(jobs(cwd / "var" / "jobs.db"))
            assert wait_for(lambda: len(jobs(cwd / "var" / "jobs.db")) > stored, every=0.01)
        elif point == "publishing":  # the first feed file replaced, or a temporary one made
            assert wait_for(lambda: any(
                p.name.endswith(".tmp") or before.get(p) != p.stat().st_mtime_ns
                for p in public.rglob("*") if p.is_file() and "runs" not in p.parts))
        assert process.poll() is None, "the crawl ended before it could be killed"
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    finally:
        gate.set()
        if process.poll() is None:
            process.kill()
            process.wait()
        site.page("/town3/jobs", careers_page("Town of town3", titles("town3", JOBS + 20)))
    return process


@pytest.mark.parametrize("point", ["fetching", "storing", "publishing"])
def test_sigkill_loses_nothing_and_the_next_run_recovers(site_and_baseline, tmp_path, point):
    site, baseline = site_and_baseline
    cwd = tmp_path / "run"
    shutil.copytree(baseline, cwd)
    db = cwd / "var" / "jobs.db"
    stored = jobs(db)
    assert len(stored) == len(SOURCES) * JOBS

    process = killed_run(site, cwd, point)
    assert process.returncode == -signal.SIGKILL

    # The store: consistent, every job still there and still open, history intact.
    assert integrity(db) == "ok"
    after = jobs(db)
    print(f"killed while {point}: {len(after) - len(stored)} new jobs stored")
    assert set(stored) <= set(after)
    for job_id, job in stored.items():
        assert after[job_id]["status"] == "open", (point, job_id)
        assert after[job_id]["first_seen"] == job["first_seen"]
    # The feeds: each file the old one or the new one, whole.
    assert_feeds_parse(cwd / "public", temporaries_allowed=True)
    killed = reports(cwd)[-1]
    assert killed["state"] == "running"
    status = "\n".join(status_lines(str(db)))
    assert "interrupted" in status and "lock: left by a run that was killed" in status

    # The next run: takes the lock, finishes, stores everything, cleans up.
    again = crawl(cwd, cwd / "sources.yaml")
    assert again.returncode == 0, again.stdout + again.stderr
    assert integrity(db) == "ok"
    final = jobs(db)
    assert len(final) == len(SOURCES) * (JOBS + 20)
    assert all(job["status"] == "open" for job in final.values())
    assert all(final[i]["first_seen"] == job["first_seen"] for i, job in stored.items())
    assert assert_feeds_parse(cwd / "public") > 0
    feed = json.loads((cwd / "public" / "jobs.json").read_text())
    assert {item["_job"]["status"] for item in feed["items"]} == {"open"}
    runs = reports(cwd)
    assert runs[-2]["state"] == "interrupted"
    assert [a["kind"] for a in runs[-1]["alerts"]] == ["interrupted"]
    assert runs[-1]["exit_code"] == 0  # recovered: an interrupted earlier run is news, not an error
