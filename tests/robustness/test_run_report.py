"""The run report, alerts, exit codes, `jobfeed status` and the status feed, over a
sequence of runs of one site: ok, a field lost, down, back."""

from __future__ import annotations

import json
import os
import signal
import threading

from datetime import datetime, timezone

import feedparser
import pytest

from conftest import run_jobfeed
from faultserver import FaultServer
from jobfeed.exitcodes import EXIT_ALERT, EXIT_OK, EXIT_SOURCE_FAILED
from jobfeed.report import RunLog, report_dict
from jobfeed.run import Alert, Run
from jobfeed.status import write_status_feed
from robustkit import (careers_page, crawl, jobs, reports, start_crawl, wait_for,
                       write_sources)

TITLES = ["Planner I", "Park Ranger", "Accountant II", "Librarian"]
KEYS = {"status", "pages", "jobs", "new", "updated", "closed", "errors", "duration",
        "coverage", "requests", "bytes", "unchanged", "retries", "detail_errors"}


@pytest.fixture(scope="module")
def sequence(tmp_path_factory):
    cwd = tmp_path_factory.mktemp("sequence")
    results = []
    with FaultServer() as site:
        sources = write_sources(cwd / "sources.yaml", [
            {"name": "alder", "start_urls": [site.url("/alder/jobs")]},
            {"name": "birch", "start_urls": [site.url("/birch/jobs")]}])
        site.page("/birch/jobs", careers_page("City of Birch", ["Gardener", "Cook"]))
        steps = [
            ("ok", lambda: site.page("/alder/jobs", careers_page("City of Alder", TITLES))),
            ("lost a field", lambda: site.page("/alder/jobs", careers_page(
                "City of Alder", TITLES, closes=False))),
            ("down", lambda: site.fault("/alder/jobs", "status", status=503)),
            ("back", lambda: site.page("/alder/jobs", careers_page("City of Alder", TITLES))),
        ]
        for label, change in steps:
            change()
            extra = ("-s", "JOBFEED_RUNS_KEEP=3") if label == "back" else ()
            results.append((label, crawl(cwd, sources, *extra), reports(cwd)[-1]))
        status = run_jobfeed("status", "--db", "var/jobs.db", cwd=cwd)
        status_json = run_jobfeed("status", "--db", "var/jobs.db", "--json", "-n", "2", cwd=cwd)
    return {"cwd": cwd, "runs": results, "status": status, "status_json": status_json}


def test_exit_codes_follow_the_runs(sequence):
    codes = [(label, result.returncode) for label, result, _ in sequence["runs"]]
    assert codes == [("ok", EXIT_OK), ("lost a field", EXIT_ALERT),
                     ("down", EXIT_SOURCE_FAILED), ("back", EXIT_OK)]
    for _, result, report in sequence["runs"]:
        assert report["exit_code"] == result.returncode
        assert f"exit code {result.returncode}: " in result.stdout


def test_each_run_writes_a_report_with_every_number_per_source(sequence):
    _, _, report = sequence["runs"][0]
    assert report["state"] == "finished" and report["duration"] >= 0
    for name in ("alder", "birch"):
        source = report["sources"][name]
        assert KEYS <= set(source), KEYS - set(source)
        assert source["status"] == "ok" and source["pages"] == 1 and source["requests"] >= 1
    alder = report["sources"]["alder"]
    assert (alder["jobs"], alder["new"], alder["closed"]) == (4, 4, 0)
    assert alder["coverage"]["closes"] == 1.0 and alder["coverage"]["salary"] == 1.0
    assert alder["coverage"]["location"] == 0.0


def test_alerts_for_a_lost_field_a_failure_and_a_recovery(sequence):
    kinds = [[(a["kind"], a["source"], a["level"]) for a in report["alerts"]]
             for _, _, report in sequence["runs"]]
    assert kinds == [[], [("coverage", "alder", "warning")], [("failed", "alder", "error")],
                     [("recovered", "alder", "info")]]
    lost = sequence["runs"][1][2]["alerts"][0]["message"]
    assert lost.startswith("alder: 'closes' missing on 4 of the 4 jobs that had it last run")
    _, back, report = sequence["runs"][3]
    assert "alder is ok again after 1 run(s) failed" in report["alerts"][0]["message"]
    assert "alert (info): alder is ok again" in back.stdout


def test_a_failed_source_closes_nothing_and_the_others_carry_on(sequence):
    _, down, report = sequence["runs"][2]
    assert "alder: failed" in down.stdout and "HTTP 503 (2 tries)" in down.stdout
    assert report["sources"]["birch"]["status"] == "ok"
    stored = jobs(sequence["cwd"] / "var" / "jobs.db")
    assert len(stored) == 6 and all(job["status"] == "open" for job in stored.values())


def test_old_reports_are_pruned(sequence):
    assert len(reports(sequence["cwd"])) == 3


def test_status_shows_the_last_runs_and_exits_with_the_latest_code(sequence):
    status = sequence["status"]
    assert status.returncode == EXIT_OK
    lines = status.stdout.splitlines()
    assert lines[0] == "store: var/jobs.db" and lines[1] == "lock: free (no run going on)"
    runs = [line for line in lines if line.startswith("  20")]
    assert len(runs) == 3
    assert "exit 0" in runs[0] and "alder ok, birch ok" in runs[0]
    assert "exit 1" in runs[1] and "alder failed" in runs[1]
    assert "      error: alder failed: " in status.stdout
    assert "  alder  ok" in status.stdout  # per source, as of its latest run
    assert [r["exit_code"] for r in json.loads(sequence["status_json"].stdout)] == [0, 1]


def test_the_status_feed_has_an_entry_per_run_with_alerts(sequence):
    out = sequence["cwd"] / "public"
    for extension in ("atom", "rss"):
        parsed = feedparser.parse((out / f"status.{extension}").read_bytes())
        assert not parsed.bozo
        assert [e.title for e in parsed.entries] == [
            "info: alder recovered", "error: alder failed", "warning: alder coverage"]
    feed = json.loads((out / "status.json").read_text())
    ids = [item["id"] for item in feed["items"]]
    assert ids == [f"urn:jobfeed:run:{report['id']}" for _, _, report in
                   reversed(sequence["runs"][1:])]


def test_a_stopped_crawl_closes_nothing(tmp_path):
    """SIGTERM (systemd stopping the unit, a cron timeout) ends the crawl gracefully; what
    was not fetched is unknown, so no source counts as ok and nothing is closed."""
    gate = threading.Event()
    with FaultServer() as site:
        site.page("/quick/jobs", careers_page("City of Quick", TITLES))
        site.page("/held/jobs", careers_page("City of Held", ["Gardener"]))
        sources = write_sources(tmp_path / "sources.yaml", [
            {"name": "quick", "start_urls": [site.url("/quick/jobs")]},
            {"name": "held", "start_urls": [site.url("/held/jobs")]}])
        assert crawl(tmp_path, sources).returncode == 0
        site.page("/quick/jobs", careers_page("City of Quick", TITLES[:2]))  # two gone
        site.fault("/held/jobs", "wait", gate=gate)
        process = start_crawl(tmp_path, sources, "-s", "DOWNLOAD_TIMEOUT=60")
        assert wait_for(lambda: site.requests_to("/held/jobs") and site.requests_to("/quick"))
        assert wait_for(lambda: len(site.requests_to("/quick/jobs")) == 2)
        os.kill(process.pid, signal.SIGTERM)
        gate.set()
        process.wait(timeout=60)
    assert process.returncode == EXIT_SOURCE_FAILED, (tmp_path / "crawl.out").read_text()
    report = reports(tmp_path)[-1]
    assert {s["status"] for s in report["sources"].values()} == {"interrupted"}
    assert all(job["status"] == "open" for job in jobs(tmp_path / "var" / "jobs.db").values())


def test_reports_and_the_status_feed_carry_any_error_message(tmp_path):
    """An error quoting a server may hold control characters or a lone surrogate: the
    report stays valid JSON and the status feed valid XML."""
    log = RunLog(tmp_path / "runs")
    run = Run(started_at=datetime(2026, 11, 20, 6, 15, tzinfo=timezone.utc))
    run.report("alder").status = "failed"
    message = "alder failed: http://alder.example/jobs: HTTP 500 \x00\x0c\ud800 <b>&amp;"
    run.alerts = [Alert("failed", "error", message, "alder")]
    log.write(log.new_path(run), report_dict(run, state="finished", db="var/jobs.db",
                                             out="public", finished_at=run.started_at))
    assert log.reports()[0]["alerts"][0]["message"] == message
    write_status_feed(log, tmp_path / "public", "https://jobs.example.org/", run.started_at)
    for extension in ("atom", "rss"):
        parsed = feedparser.parse((tmp_path / "public" / f"status.{extension}").read_bytes())
        assert not parsed.bozo and parsed.entries[0].title == "error: alder failed"
