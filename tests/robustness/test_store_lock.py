"""One run per store: a second `jobfeed crawl` exits at once with a clear message and
exit code 75; a lock left by a killed run blocks nobody."""

from __future__ import annotations

import os
import signal
import threading
import time

import pytest

from conftest import run_jobfeed
from faultserver import FaultServer
from jobfeed.exitcodes import EXIT_LOCKED
from jobfeed.lock import LockedError, StoreLock, holder
from robustkit import careers_page, crawl, jobs, reports, start_crawl, wait_for, write_sources


@pytest.fixture
def held_site(tmp_path):
    """A site whose page is held until the test lets it through: a crawl that runs as
    long as the test needs."""
    gate = threading.Event()
    with FaultServer() as site:
        site.page("/alder/jobs", careers_page("City of Alder", ["Planner I", "Park Ranger"]))
        site.fault("/alder/jobs", "wait", gate=gate)
        write_sources(tmp_path / "sources.yaml",
                      [{"name": "alder", "start_urls": [site.url("/alder/jobs")]}])
        yield site, gate


def test_a_second_run_exits_at_once_while_the_first_holds_the_lock(held_site, tmp_path):
    site, gate = held_site
    first = start_crawl(tmp_path, tmp_path / "sources.yaml", "-s", "DOWNLOAD_TIMEOUT=60")
    try:
        assert wait_for(lambda: site.requests_to("/alder/jobs"))
        started = time.monotonic()
        second = crawl(tmp_path, tmp_path / "sources.yaml")
        assert time.monotonic() - started < 15  # no waiting for the first run
        assert second.returncode == EXIT_LOCKED
        assert second.stdout == ""
        message = second.stderr.strip()
        assert message.startswith("jobfeed: another jobfeed run holds the lock on var/jobs.db")
        assert f"pid {first.pid}" in message and "`jobfeed crawl`" in message
        assert message.endswith("exiting without doing anything (exit code 75)")
        assert len(site.requests_to("/alder/jobs")) == 1  # the second run fetched nothing
        assert [r["state"] for r in reports(tmp_path)] == ["running"]  # and wrote no report

        publish = run_jobfeed("publish", "--db", "var/jobs.db", "--out", "public", cwd=tmp_path)
        assert publish.returncode == EXIT_LOCKED  # the publisher waits its turn too
        status = run_jobfeed("status", "--db", "var/jobs.db", cwd=tmp_path)
        assert f"lock: held by pid {first.pid}" in status.stdout
    finally:
        gate.set()
        first.wait(timeout=60)
    assert first.returncode == 0, (tmp_path / "crawl.out").read_text()
    assert holder(tmp_path / "var" / "jobs.db") is None  # released, and says so
    assert len(jobs(tmp_path / "var" / "jobs.db")) == 2


def test_a_lock_left_by_a_killed_run_does_not_block_the_next(held_site, tmp_path):
    site, gate = held_site
    killed = start_crawl(tmp_path, tmp_path / "sources.yaml")
    assert wait_for(lambda: site.requests_to("/alder/jobs"))
    os.kill(killed.pid, signal.SIGKILL)
    killed.wait(timeout=10)
    left = holder(tmp_path / "var" / "jobs.db")
    assert left["pid"] == killed.pid and left["stale"] is True

    gate.set()
    after = crawl(tmp_path, tmp_path / "sources.yaml")
    assert after.returncode == 0, after.stdout + after.stderr
    assert [r["state"] for r in reports(tmp_path)] == ["interrupted", "finished"]


def test_the_lock_is_exclusive_within_one_host(tmp_path):
    db = tmp_path / "jobs.db"
    with StoreLock(db) as lock:
        assert holder(db)["pid"] == os.getpid()
        with pytest.raises(LockedError, match=f"pid {os.getpid()}"):
            StoreLock(db).acquire()
        assert lock.fd is not None
    with StoreLock(db):  # free again once released
        pass
