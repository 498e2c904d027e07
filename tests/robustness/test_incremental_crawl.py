"""An unchanged re-run costs next to nothing: every page is asked for conditionally (a
304 carries no body), and the detail pages of an unchanged listing are not asked for."""

from __future__ import annotations

import json

import pytest

from faultserver import FaultServer
from robustkit import crawl, careers_page, detail_listing, detail_page, jobs, reports, write_sources

DETAILS = [f"Position {n}" for n in range(20)]


def traffic(site, since: int) -> tuple[int, int, list]:
    hits = site.hits[since:]
    return len(hits), sum(hit.sent for hit in hits), hits


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    cwd = tmp_path_factory.mktemp("incremental")
    with FaultServer() as site:
        site.page("/robots.txt", "User-agent: *\nAllow: /\n", content_type="text/plain")
        site.page("/plain/jobs", careers_page("City of Plain", [f"Clerk {n}" for n in range(20)]))
        site.page("/details/jobs", detail_listing("City of Details", "/details/jobs", DETAILS))
        for n, title in enumerate(DETAILS):
            site.page(f"/details/jobs/{n}", detail_page("City of Details", title))
        site.page("/bare/jobs", careers_page("City of Bare", ["Gardener", "Cook"]),
                  validators=False)  # a server that sends no ETag or Last-Modified
        sources = write_sources(cwd / "sources.yaml", [
            {"name": name, "start_urls": [site.url(f"/{name}/jobs")]}
            for name in ("plain", "details", "bare")])
        results = {}
        for label in ("first", "unchanged"):
            start = len(site.hits)
            result = crawl(cwd, sources)
            results[label] = (result, *traffic(site, start), reports(cwd)[-1])
        # One new posting: the listing changed, so its detail pages are revalidated.
        site.page("/details/jobs", detail_listing("City of Details", "/details/jobs",
                                                  DETAILS + ["Arborist"]))
        site.page("/details/jobs/20", detail_page("City of Details", "Arborist"))
        start = len(site.hits)
        result = crawl(cwd, sources)
        results["changed"] = (result, *traffic(site, start), reports(cwd)[-1])
    results["cwd"] = cwd
    return results


def test_every_run_succeeds(runs):
    for label in ("first", "unchanged", "changed"):
        result = runs[label][0]
        assert result.returncode == 0, (label, result.stdout, result.stderr)


def test_an_unchanged_rerun_asks_only_for_the_listings_and_gets_304s(runs):
    first_requests, first_bytes, _, _ = runs["first"][1:]
    requests, sent, hits, report = runs["unchanged"][1:]
    assert first_requests == 1 + 1 + 1 + len(DETAILS) + 1  # robots, 3 listings, details
    assert sorted(hit.path for hit in hits) == ["/bare/jobs", "/details/jobs", "/plain/jobs",
                                                "/robots.txt"]
    assert {hit.path: hit.status for hit in hits} == {
        "/robots.txt": 304, "/plain/jobs": 304, "/details/jobs": 304, "/bare/jobs": 200}
    assert sent < first_bytes / 10
    print(f"\nfirst run: {first_requests} requests, {first_bytes} bytes; "
          f"unchanged re-run: {requests} requests, {sent} bytes")
    assert report["requests"] == requests  # the report counts what the server saw
    details = report["sources"]["details"]
    assert details["unchanged"] == 1 + len(DETAILS) and details["requests"] == 1
    assert report["sources"]["bare"]["unchanged"] == 1  # same bytes, no validators


def test_the_store_sees_every_job_with_its_details_on_an_unchanged_rerun(runs):
    report = runs["unchanged"][-1]
    for name, count in (("plain", 20), ("details", 20), ("bare", 2)):
        source = report["sources"][name]
        assert (source["status"], source["jobs"], source["new"], source["updated"],
                source["closed"]) == ("ok", count, 0, 0, 0), name
    stored = jobs(runs["cwd"] / "var" / "jobs.db")
    assert all(job["status"] == "open" for job in stored.values())
    feed = json.loads((runs["cwd"] / "public" / "feeds" / "details.json").read_text())
    assert {item["_job"]["location"] for item in feed["items"]} == {"City Hall"}


def test_a_changed_listing_revalidates_its_detail_pages(runs):
    _, _, hits, report = runs["changed"][1:]
    statuses = {hit.path: hit.status for hit in hits}
    assert statuses["/details/jobs"] == 200 and statuses["/details/jobs/20"] == 200
    assert all(statuses[f"/details/jobs/{n}"] == 304 for n in range(len(DETAILS)))
    assert report["sources"]["details"]["new"] == 1
