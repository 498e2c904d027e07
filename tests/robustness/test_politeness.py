"""Politeness: robots.txt, a user agent with a contact URL set in one place, AutoThrottle
with a small per-domain concurrency and a delay, and a stricter delay per source."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from scrapy import Request
from scrapy.http import Response
from scrapy.utils.test import get_crawler

import jobfeed
from faultserver import FaultServer
from jobfeed.crawl import crawl_settings, setting_problem
from jobfeed.politeness import SourceAutoThrottle, download_slots
from jobfeed.sources import Source
from robustkit import careers_page, crawl, write_sources


def test_the_defaults_are_polite():
    settings = crawl_settings()
    assert settings.getbool("ROBOTSTXT_OBEY")
    assert settings.getbool("AUTOTHROTTLE_ENABLED")
    assert 1 <= settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN") <= 2
    assert settings.getfloat("DOWNLOAD_DELAY") >= 1
    agent = settings.get("USER_AGENT")
    assert agent.startswith("jobfeed/") and f"(+{settings.get('JOBFEED_CONTACT')})" in agent


def test_the_contact_url_is_set_in_one_place():
    settings = crawl_settings({"JOBFEED_CONTACT": "https://jobs.example.org/about-our-bot"})
    assert settings.get("USER_AGENT").endswith("(+https://jobs.example.org/about-our-bot)")
    assert crawl_settings({"USER_AGENT": "custom"}).get("USER_AGENT") == "custom"


@pytest.mark.parametrize("name, value, words", [
    ("DOWNLOAD_DELAYS", "2", "no such setting (did you mean DOWNLOAD_DELAY?)"),
    ("DOWNLOAD_TIMEOUT", "soon", "expected a whole number, like the default 30"),
    ("DOWNLOAD_DELAY", "1,5", "expected a number"),
    ("ROBOTSTXT_OBEY", "maybe", "expected true or false"),
])
def test_a_misspelt_or_mistyped_setting_is_an_error(name, value, words):
    assert words in setting_problem({name: value})


def test_a_strict_source_gets_one_request_at_a_time_with_its_delay():
    strict = Source("strict", ("https://slow.example.gov/jobs", "https://slow.example.gov/more"),
                    download_delay=4)
    plain = Source("plain", ("https://fast.example.org/jobs",))
    assert download_slots([strict, plain]) == {
        "slow.example.gov": {"concurrency": 1, "delay": 4.0, "jitter": 0.0}}


def test_autothrottle_never_speeds_a_strict_site_up():
    crawler = get_crawler(settings_dict={"AUTOTHROTTLE_ENABLED": True, "DOWNLOAD_DELAY": 0.5})
    slot = SimpleNamespace(delay=4.0, transferring=set())
    crawler.engine = SimpleNamespace(downloader=SimpleNamespace(
        slots={"slow.example.gov": slot}, _delay=0.5,
        per_slot_settings={"slow.example.gov": {"concurrency": 1, "delay": 4.0}}))
    throttle = SourceAutoThrottle(crawler)
    throttle._spider_opened(None)
    request = Request("https://slow.example.gov/jobs",
                      meta={"download_slot": "slow.example.gov", "download_latency": 0.05})
    for _ in range(10):  # fast answers pull AutoThrottle's delay down...
        throttle._response_downloaded(Response(request.url, request=request), request, None)
    assert slot.delay == 4.0  # ...but not below the source's own


def test_end_to_end_robots_agent_and_delay(tmp_path):
    with FaultServer() as site:
        site.page("/robots.txt", "User-agent: otherbot\nDisallow: /\n\n"
                                 "User-agent: jobfeed\nDisallow: /private/\n",
                  content_type="text/plain")
        for path in ("/strict/a", "/strict/b", "/strict/c", "/plain/a", "/plain/b",
                     "/private/jobs"):
            site.page(path, careers_page("City of Alder", [f"Planner ({path})"]))
        port = site.server.server_address[1]
        sources = write_sources(tmp_path / "sources.yaml", [
            {"name": "strict", "download_delay": 0.5,
             "start_urls": [f"http://localhost:{port}/strict/{x}" for x in "abc"]},
            {"name": "plain", "start_urls": [site.url("/plain/a"), site.url("/plain/b")]},
            {"name": "private", "start_urls": [site.url("/private/jobs")]}])
        result = crawl(tmp_path, sources)
        hits = list(site.hits)
    assert "strict: ok" in result.stdout and "plain: ok" in result.stdout
    assert "private: failed" in result.stdout and "forbidden by robots.txt" in result.stdout
    assert "/private/jobs" not in [hit.path for hit in hits]
    agents = {hit.headers["user-agent"] for hit in hits}
    assert agents == {f"jobfeed/{jobfeed.__version__} (+https://github.com/jobfeed/jobfeed)"}
    times = sorted(hit.at for hit in hits if hit.path.startswith("/strict/"))
    assert len(times) == 3 and all(b - a >= 0.45 for a, b in zip(times, times[1:]))


def test_crawl_delay_in_robots_txt_is_kept(tmp_path):
    with FaultServer() as site:
        site.page("/robots.txt", "User-agent: *\nCrawl-delay: 5\n\n"
                                 "User-agent: jobfeed\nCrawl-delay: 0.6\n",
                  content_type="text/plain")
        for path in ("/a", "/b", "/c"):
            site.page(path, careers_page("City of Alder", [f"Planner ({path})"]))
        sources = write_sources(tmp_path / "sources.yaml", [
            {"name": "alder", "start_urls": [site.url(p) for p in ("/a", "/b", "/c")]}])
        result = crawl(tmp_path, sources)
        hits = [hit.at for hit in site.hits if hit.path != "/robots.txt"]
    assert "alder: ok" in result.stdout
    assert len(hits) == 3 and all(b - a >= 0.55 for a, b in zip(hits, hits[1:]))
