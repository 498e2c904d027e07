"""Retries wait: the server's Retry-After (seconds or a date), else an exponential
backoff; a page that recovers makes an ok source, with the retry in its report."""

from __future__ import annotations

import time
from email.utils import formatdate

import pytest
from scrapy.exceptions import (DownloadCancelledError, DownloadTimeoutError, IgnoreRequest,
                               ResponseDataLossError)
from scrapy.http import Response

from faultserver import FaultServer
from jobfeed.faults import describe_exception, describe_status, retry_after_seconds
from robustkit import careers_page, crawl, write_sources


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    cwd = tmp_path_factory.mktemp("retries")
    with FaultServer() as site:
        for name in ("busy", "flaky", "dated"):
            site.page(f"/{name}/jobs", careers_page(f"City of {name}", ["Planner I", "Clerk"]))
        site.fault("/busy/jobs", "status", status=503, retry_after="1", times=1)
        site.fault("/flaky/jobs", "status", status=500, times=2)  # twice, then the page
        # Retry-After as an HTTP date two seconds ahead (whole seconds: a 1-2 s wait)
        site.fault("/dated/jobs", "status", status=429, times=1,
                   retry_after=lambda: formatdate(time.time() + 2, usegmt=True))
        # A 503 or 429 slows its whole host down: the backoff is timed on a host of its own
        port = site.server.server_address[1]
        hosts = {"busy": "localhost", "flaky": "127.0.0.1", "dated": "localhost"}
        sources = write_sources(cwd / "sources.yaml", [
            {"name": name, "start_urls": [f"http://{host}:{port}/{name}/jobs"]}
            for name, host in hosts.items()])
        result = crawl(cwd, sources, "-s", "RETRY_TIMES=2", "-s", "JOBFEED_RETRY_BACKOFF=0.3")
        hits = list(site.hits)
    return result, hits


def gaps(hits, path) -> list[float]:
    times = [hit.at for hit in hits if hit.path == path]
    return [b - a for a, b in zip(times, times[1:])]


def test_recovered_pages_make_ok_sources(run):
    result, _ = run
    assert result.returncode == 0, result.stdout + result.stderr
    for name in ("busy", "flaky", "dated"):
        assert f"{name}: ok — fetched 1 pages, 2 jobs" in result.stdout


def test_retry_after_in_seconds_is_honoured(run):
    result, hits = run
    assert len(gaps(hits, "/busy/jobs")) == 1 and gaps(hits, "/busy/jobs")[0] >= 0.95
    assert "busy/jobs: HTTP 503; retried after 1 s as Retry-After asked" in result.stdout


def test_retry_after_as_a_date_is_honoured(run):
    _, hits = run
    assert gaps(hits, "/dated/jobs")[0] >= 0.9  # whole seconds: between one and two


def test_backoff_doubles(run):
    result, hits = run
    first, second = gaps(hits, "/flaky/jobs")
    assert first >= 0.28 and second >= 0.58  # 0.3 s, then 0.6 s
    assert "flaky/jobs: HTTP 500; retried after 0.6 s" in result.stdout


@pytest.mark.parametrize("value, seconds", [
    ("120", 120.0), (" 7 ", 7.0), ("soon", None), (None, None),
    ("Fri, 20 Nov 2026 08:00:30 GMT", 30.0), ("Fri, 20 Nov 2026 07:00:00 GMT", 0.0)])
def test_retry_after_values(value, seconds):
    now = 1795161600.0  # Fri, 20 Nov 2026 08:00:00 GMT
    assert retry_after_seconds(value, now=now) == seconds


@pytest.mark.parametrize("error, words", [
    (DownloadTimeoutError("Getting x took longer than 2 seconds."), "timed out"),
    (ResponseDataLossError(), "truncated"),
    (DownloadCancelledError(), "larger than the download size limit"),
    (IgnoreRequest("Forbidden by robots.txt"), "forbidden by robots.txt"),
    (IgnoreRequest("max redirections reached"), "too many redirects"),
])
def test_faults_are_described_for_people(error, words):
    assert words in describe_exception(error)


def test_statuses_are_described_with_their_retry_after():
    response = Response("http://x/jobs", status=503, headers={"Retry-After": "3600"})
    assert describe_status(response) == "HTTP 503 (Retry-After 3600 s)"
    assert "removed" in describe_status(Response("http://x/jobs", status=404))
