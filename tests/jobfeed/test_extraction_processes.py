"""Extraction in worker processes: the same jobs as in the crawl's own process, workers
that die are replaced, and none outlive the crawl."""

from __future__ import annotations

import asyncio
import json
import os
from datetime import datetime, timezone

import pytest

from conftest import FIXTURES
from jobfeed.extract import extract_page
from jobfeed.extraction_processes import (AUTO_MIN_SOURCES, ExtractionCrashed,
                                          ExtractionProcesses, process_count)
from jobfeed.localserver import LocalSite

NOW = datetime(2026, 11, 22, 15, tzinfo=timezone.utc)


def test_auto_uses_a_spare_core_only_for_crawls_of_many_sources():
    assert process_count("auto", AUTO_MIN_SOURCES, cpus=2) == 1
    assert process_count("auto", AUTO_MIN_SOURCES - 1, cpus=8) == 0
    assert process_count("auto", 500, cpus=1) == 0
    assert process_count("auto", 500, cpus=16) == 2
    assert process_count(None, 500, cpus=4) == 2
    assert process_count("3", 1) == 3 and process_count(0, 500) == 0


@pytest.mark.parametrize("bad", ["many", "-1", "1.5"])
def test_a_wrong_process_count_names_the_setting(bad):
    with pytest.raises(ValueError, match="JOBFEED_EXTRACT_PROCESSES"):
        process_count(bad, 100)


def _die() -> None:
    os._exit(3)  # what a segfault in a C library looks like from the pool


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a worker that exited but is not reaped yet is a zombie: not alive
    with open(f"/proc/{pid}/stat") as stat:
        return stat.read().split(")")[-1].split()[0] != "Z"


def test_a_worker_gives_what_extraction_in_process_gives_and_survives_a_crash():
    body = (FIXTURES / "pages" / "listing-detail" / "body.html").read_bytes()
    url = json.loads((FIXTURES / "pages" / "listing-detail" / "meta.json").read_text())["url"]
    workers = ExtractionProcesses(1)

    async def scenario():
        workers.start()
        in_worker = await workers.call(extract_page, url, body, NOW)
        with pytest.raises(ExtractionCrashed, match="died twice"):
            await workers.call(_die)
        again = await workers.call(extract_page, url, body, NOW)  # a new worker took over
        return in_worker, again, workers.pids

    in_worker, again, pids = asyncio.run(scenario())
    here = extract_page(url, body, NOW)
    assert here.jobs and in_worker.jobs == here.jobs and again.jobs == here.jobs
    assert in_worker.next_pages == here.next_pages
    assert workers.restarts == 2 and pids
    workers.stop()
    assert not any(_alive(pid) for pid in pids)


def test_without_workers_calls_run_in_this_process():
    workers = ExtractionProcesses(0)
    workers.start()
    assert asyncio.run(workers.call(os.getpid)) == os.getpid()
    assert workers.pids == []


FAST = ("-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=0")


def test_a_crawl_with_an_extraction_process_stores_the_same_jobs(jobfeed_cli, tmp_path):
    from tests.spiders.test_careers_crawl import serve_case

    def records(out: str) -> list[dict]:
        items = json.loads((tmp_path / out / "jobs.json").read_text())["items"]
        return sorted(({k: v for k, v in item["_job"].items()
                        if k not in ("first_seen", "last_seen")} for item in items),
                      key=lambda r: r["id"])

    with LocalSite() as site:
        start, _ = serve_case(site, "listing-detail")
        for processes in (0, 1):
            result = jobfeed_cli("crawl", "--url", start, "--db", f"jobs{processes}.db",
                                 "--out", f"out{processes}", *FAST,
                                 "-s", f"JOBFEED_EXTRACT_PROCESSES={processes}")
            assert result.returncode == 0, result.stdout + result.stderr
    with_worker, without = records("out1"), records("out0")
    assert len(without) == 4 and with_worker == without
