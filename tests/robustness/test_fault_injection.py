"""The real web, misbehaving: one source per fault on a fault-injection server.

A first run crawls every source while the server behaves; a second run crawls them
again with each source's fault armed. For every fault: the run finishes, its report
says what happened, no job that was open is closed, and the feeds still parse.
"""

from __future__ import annotations

import json

import pytest

from faultserver import FaultServer
from robustkit import (app_shell, assert_feeds_parse, careers_page, crawl, detail_listing,
                       detail_page, jobs, reports, write_sources)

# source: (its fault, the status it must get, words its report must show)
FAULTS = {
    "hang": (dict(kind="hang"), "failed", "timed out (2 tries)"),
    "reset": (dict(kind="reset"), "failed", "connection reset by the server"),
    "error500": (dict(kind="status", status=500), "failed", "HTTP 500 (2 tries)"),
    "ratelimited": (dict(kind="status", status=429, retry_after="3600"), "failed",
                    "HTTP 429 (Retry-After 3600 s)"),
    "truncated": (dict(kind="truncate"), "failed", "truncated"),
    "loop": (dict(kind="redirect_loop"), "failed", "too many redirects"),
    "removed": (dict(kind="status", status=404), "failed", "HTTP 404"),
    "robots": (None, "failed", "forbidden by robots.txt"),
    "huge": (dict(kind="huge", size=20 * 1024 * 1024), "failed",
             "larger than the download size limit"),
    "malformed": (None, "ok", ""),
    "charset": (None, "ok", "declared UTF-8 but is not; read as windows-1252"),
    "redesign": (None, "empty", "no jobs found where the last run had some"),
    "coverage": (None, "ok", ""),
    "details": (None, "partial", "HTTP 503 (2 tries)"),
}
TITLES = ["Planner I", "Park Ranger", "Accountant II", "Librarian"]


def org(name: str) -> str:
    return f"City of {name.title()}"


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    cwd = tmp_path_factory.mktemp("faults")
    with FaultServer() as site:
        site.page("/robots.txt", "User-agent: *\nDisallow: /private/\n",
                  content_type="text/plain")
        for name in FAULTS:
            titles = [f"{title} ({name})" for title in TITLES]
            if name == "details":
                site.page("/details/jobs", detail_listing(org(name), "/details/jobs", titles))
                for n, title in enumerate(titles):
                    site.page(f"/details/jobs/{n}", detail_page(org(name), title))
            elif name == "charset":
                site.page("/charset/jobs", careers_page("Ciudad de Año", [
                    "Técnico de Café", "Jardinero Señor", "Guía del Museo"]))
            else:
                site.page(f"/{name}/jobs", careers_page(org(name), titles))
        sources = write_sources(cwd / "sources.yaml", [
            {"name": name, "organization": org(name), "start_urls": [site.url(f"/{name}/jobs")]}
            for name in FAULTS])

        first = crawl(cwd, sources)
        before = jobs(cwd / "var" / "jobs.db")
        feeds_before = {p.name for p in (cwd / "public").rglob("*.json")}

        for name, (fault, _, _) in FAULTS.items():
            if fault:
                site.fault(f"/{name}/jobs", **fault)
        site.page("/robots.txt", "User-agent: *\nDisallow: /robots/\n", content_type="text/plain")
        good = careers_page(org("malformed"), [f"{t} (malformed)" for t in TITLES])
        site.page("/malformed/jobs", good.replace("</h3>", "").replace("</p>", "<div>")
                  .replace("<main>", "<main><table><tr><td>") + "\x00\x0c</div></td><p")
        site.page("/charset/jobs", careers_page("Ciudad de Año", [
            "Técnico de Café", "Jardinero Señor", "Guía del Museo"]).encode("cp1252"))
        site.page("/redesign/jobs", app_shell(org("redesign")))
        site.page("/coverage/jobs", careers_page(org("coverage"), [
            f"{t} (coverage)" for t in TITLES], closes=False))
        # A new posting changes the listing, so its detail pages are asked for again.
        details = [f"{t} (details)" for t in TITLES] + ["Arborist (details)"]
        site.page("/details/jobs", detail_listing(org("details"), "/details/jobs", details))
        site.page("/details/jobs/4", detail_page(org("details"), details[4]))
        site.fault("/details/jobs/2", "status", status=503)
        site.hits.clear()

        second = crawl(cwd, sources)
        hits = list(site.hits)
    return {"cwd": cwd, "first": first, "second": second, "before": before,
            "after": jobs(cwd / "var" / "jobs.db"), "report": reports(cwd)[-1],
            "hits": hits, "feeds_before": feeds_before}


def test_the_first_run_stores_every_source(runs):
    assert runs["first"].returncode == 0, runs["first"].stdout + runs["first"].stderr
    report = runs["report"]
    assert set(report["sources"]) == set(FAULTS)
    per_source = {}
    for job in runs["before"].values():
        per_source[job["source"]] = per_source.get(job["source"], 0) + 1
    assert per_source == {name: 3 if name == "charset" else 4 for name in FAULTS}


def test_the_faulty_run_finishes_and_says_a_source_failed(runs):
    second = runs["second"]
    assert second.returncode == 1, second.stdout + second.stderr
    assert "Traceback" not in second.stdout + second.stderr
    assert runs["report"]["state"] == "finished" and runs["report"]["exit_code"] == 1


@pytest.mark.parametrize("name", FAULTS)
def test_the_report_says_what_happened(runs, name):
    _, status, words = FAULTS[name]
    source = runs["report"]["sources"][name]
    assert source["status"] == status, source
    problems = (source["errors"] + source["detail_errors"] + source["retries"]
                + source["warnings"])
    assert any(words in problem for problem in problems) if words else not problems, source
    assert f"{name}: {status} — " in runs["second"].stdout
    alerts = [a for a in runs["report"]["alerts"] if a["source"] == name]
    if status != "ok":
        assert alerts and alerts[0]["kind"] == status


@pytest.mark.parametrize("name", FAULTS)
def test_no_open_job_is_closed_by_a_fault(runs, name):
    before = {i: j for i, j in runs["before"].items() if j["source"] == name}
    after = runs["after"]
    assert before and all(after[i]["status"] == "open" for i in before), name
    assert all(after[i]["first_seen"] == job["first_seen"] for i, job in before.items())
    assert runs["report"]["sources"][name]["closed"] == 0


def test_the_feeds_still_parse_and_list_every_open_job(runs):
    out = runs["cwd"] / "public"
    assert assert_feeds_parse(out) >= 3 * (len(FAULTS) + 2)
    listed = {item["_job"]["id"] for item in json.loads((out / "jobs.json").read_text())["items"]}
    assert listed == {i for i, job in runs["after"].items() if job["status"] == "open"}
    assert listed >= set(runs["before"])  # and the new posting of "details"
    for name in FAULTS:  # a failed source's own feed keeps its jobs
        feed = json.loads((out / "feeds" / f"{name}.json").read_text())
        assert len(feed["items"]) == {"charset": 3, "details": 5}.get(name, 4), name


def test_the_status_feed_names_the_broken_sources(runs):
    status = json.loads((runs["cwd"] / "public" / "status.json").read_text())
    latest = status["items"][0]
    assert latest["id"] == f"urn:jobfeed:run:{runs['report']['id']}"
    for name, (_, expected, _) in FAULTS.items():
        if expected != "ok":
            assert f"{name} {expected}" in latest["title"], name


def test_a_field_that_vanished_raises_a_coverage_alert(runs):
    alerts = [a for a in runs["report"]["alerts"] if a["kind"] == "coverage"]
    assert [a["source"] for a in alerts] == ["coverage"]
    assert "'closes' missing on 4 of the 4 jobs" in alerts[0]["message"]
    assert runs["report"]["sources"]["coverage"]["coverage"]["closes"] == 0.0


def test_a_long_retry_after_is_not_waited_for_and_robots_txt_is_obeyed(runs):
    paths = [hit.path for hit in runs["hits"]]
    assert paths.count("/ratelimited/jobs") == 1  # Retry-After 3600: no retry at all
    assert "/robots/jobs" not in paths  # disallowed: never requested
    assert paths.count("/error500/jobs") == 2  # RETRY_TIMES=1


def test_wrong_charset_and_malformed_pages_still_give_their_jobs(runs):
    after = runs["after"]
    assert sum(job["source"] == "malformed" and job["status"] == "open"
               for job in after.values()) == 4
    assert runs["report"]["sources"]["charset"]["jobs"] == 3
