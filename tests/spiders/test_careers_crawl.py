"""The careers spider end to end: `jobfeed crawl --url` on fixture sites served locally,
following detail pages and next pages, keeping a windows-1252 page's accents."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest

from conftest import FIXTURES
from jobfeed.localserver import LocalSite

FAST = ("-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=0")


def serve_case(site: LocalSite, name: str) -> tuple[str, list[dict]]:
    """Put a fixture case on the local site, its origin rewritten to the site's."""
    folder = FIXTURES / "pages" / name
    meta = json.loads((folder / "meta.json").read_text())
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(meta["url"]))
    pages = {meta["url"]: "body.html", **meta.get("pages", {})}
    for url, file_name in pages.items():
        body = (folder / file_name).read_bytes().replace(origin.encode(), site.base_url.encode())
        content_type = "text/html" if name == "windows-1252" else "text/html; charset=utf-8"
        site.pages[urlsplit(url).path] = (body, content_type)
    expected = (folder / "expected.json").read_text().replace(origin, site.base_url)
    return site.url(urlsplit(meta["url"]).path), json.loads(expected)


@pytest.mark.parametrize("case", ["listing-detail", "paginated", "windows-1252"])
def test_crawl_url_finds_every_job_of_the_site(jobfeed_cli, tmp_path, case):
    with LocalSite() as site:
        start, expected = serve_case(site, case)
        result = jobfeed_cli("crawl", "--url", start, "--db", "jobs.db", "--out", "out", *FAST)
        requested = list(site.requests)
    # paginated links one detail page the case lacks: a 404 there makes the source partial
    assert (result.returncode, ": partial" in result.stdout) in ((0, False), (1, True)), \
        result.stdout + result.stderr
    items = json.loads((tmp_path / "out" / "jobs.json").read_text())["items"]
    records = {item["_job"]["title"]: item["_job"] for item in items}
    assert set(records) == {e["title"] for e in expected}
    for want in expected:
        got = records[want["title"]]
        for key in ("department", "location", "salary", "closes", "url", "employment_type"):
            if key in want:
                assert got[key] == want[key], (want["title"], key)
    if case == "listing-detail":  # the detail pages were fetched for their fields
        assert sum("/jobs/" in path for path in requested) == 4
    if case == "paginated":
        assert {"/careers/page/2/", "/careers/page/3/"} <= set(requested)


def test_a_failed_detail_page_keeps_the_job_and_marks_the_source_partial(jobfeed_cli,
                                                                        tmp_path):
    with LocalSite() as site:
        start, expected = serve_case(site, "listing-detail")
        del site.pages["/jobs/senior-planner"]
        result = jobfeed_cli("crawl", "--url", start, "--db", "jobs.db", "--out", "out", *FAST)
    assert "partial" in result.stdout and "/jobs/senior-planner: HTTP 404" in result.stdout
    items = json.loads((tmp_path / "out" / "jobs.json").read_text())["items"]
    assert {item["title"] for item in items} == {e["title"] for e in expected}


def test_a_detail_page_failing_later_keeps_what_it_gave_before(jobfeed_cli, tmp_path):
    with LocalSite() as site:
        start, expected = serve_case(site, "listing-detail")
        first = jobfeed_cli("crawl", "--url", start, "--db", "jobs.db", "--out", "out", *FAST)
        assert first.returncode == 0, first.stdout + first.stderr
        body, content_type = site.pages["/jobs"]
        site.pages["/jobs"] = (body + b"\n<!-- changed -->", content_type)  # re-check details
        del site.pages["/jobs/senior-planner"]
        second = jobfeed_cli("crawl", "--url", start, "--db", "jobs.db", "--out", "out", *FAST)
    assert "partial" in second.stdout and "/jobs/senior-planner: HTTP 404" in second.stdout
    items = json.loads((tmp_path / "out" / "jobs.json").read_text())["items"]
    planner = next(i["_job"] for i in items if i["title"] == "Senior Planner")
    want = next(e for e in expected if e["title"] == "Senior Planner")
    assert planner["salary"] == want["salary"] and planner["closes"] == want["closes"]
