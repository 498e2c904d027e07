"""Bad configuration, end to end: a clear error naming the file and the entry, exit code 2,
nothing crawled, nothing lost (store, feeds and run reports as they were)."""

from __future__ import annotations

import hashlib

import pytest

from conftest import run_jobfeed
from faultserver import FaultServer
from robustkit import FAST, careers_page, crawl, jobs, reports, write_sources

GOOD = "  - name: alder\n    start_urls: [{url}]\n"
CASES = {
    "non-http URL": (GOOD + "  - name: birch\n    start_urls: [ftp://birch.example/jobs]\n",
                     "{file}:4: source #2 (birch): field 'start_urls': "
                     "'ftp://birch.example/jobs' is not an http(s) URL"),
    "duplicate name": (GOOD + "  - name: alder\n    start_urls: [https://other.example/]\n",
                       "{file}:4: source #2 (alder): field 'name': duplicate of the entry "
                       "at line 2"),
    "unknown key": (GOOD + "  - name: birch\n    start_url: https://birch.example/jobs\n",
                    "{file}:4: source #2 (birch): unknown field 'start_url'"),
    "bad delay": (GOOD + "  - name: birch\n    start_urls: [https://birch.example/]\n"
                  "    download_delay: soon\n",
                  "{file}:4: source #2 (birch): field 'download_delay': expected seconds"),
    "not YAML": (GOOD + "  - name: [birch\n", "{file}: not valid YAML"),
    "unknown spider": (GOOD + "  - name: birch\n    spider: birchy\n"
                       "    start_urls: [https://birch.example/]\n",
                       "source 'birch': no spider named 'birchy'"),
}


def fingerprint(cwd):
    """Everything a failed start must leave alone: store, feeds, reports."""
    files = [*sorted((cwd / "var").rglob("*")), *sorted((cwd / "public").rglob("*"))]
    return {str(p.relative_to(cwd)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in files if p.is_file() and not p.name.endswith((".db-wal", ".db-shm"))}


@pytest.fixture(scope="module")
def site_and_store(tmp_path_factory):
    cwd = tmp_path_factory.mktemp("config")
    with FaultServer() as site:
        site.page("/alder/jobs", careers_page("City of Alder", ["Planner I", "Clerk"]))
        good = write_sources(cwd / "sources.yaml",
                             [{"name": "alder", "start_urls": [site.url("/alder/jobs")]}])
        first = crawl(cwd, good)
        assert first.returncode == 0, first.stdout + first.stderr
        yield site, cwd


@pytest.mark.parametrize("case", CASES)
def test_bad_sources_file_is_named_and_nothing_is_crawled(site_and_store, case):
    site, cwd = site_and_store
    text, message = CASES[case]
    path = cwd / f"{case.replace(' ', '-')}.yaml"
    path.write_text("sources:\n" + text.format(url=site.url("/alder/jobs")))
    before, stored, hits = fingerprint(cwd), jobs(cwd / "var" / "jobs.db"), len(site.hits)
    result = crawl(cwd, path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("jobfeed: error: ")
    assert message.format(file=path) in result.stderr
    assert "Traceback" not in result.stderr
    assert len(site.hits) == hits  # nothing crawled
    assert fingerprint(cwd) == before and jobs(cwd / "var" / "jobs.db") == stored


def test_a_missing_sources_file(site_and_store):
    _, cwd = site_and_store
    result = crawl(cwd, cwd / "nowhere.yaml")
    assert result.returncode == 2
    assert f"{cwd / 'nowhere.yaml'}: cannot read the sources file: No such file or directory" \
        in result.stderr


@pytest.mark.parametrize("setting, words", [
    ("DOWNLOAD_DELAYS=0", "-s DOWNLOAD_DELAYS=0: no such setting (did you mean DOWNLOAD_DELAY?)"),
    ("RETRY_TIMES=often", "-s RETRY_TIMES=often: expected a whole number"),
    ("JOBFEED_EXTRACT_PROCESSES=many",
     "-s JOBFEED_EXTRACT_PROCESSES='many': give a number of processes (0 for none) or 'auto'"),
    ("NOEQUALS", "-s 'NOEQUALS': expected NAME=VALUE"),
])
def test_a_bad_setting_is_named_and_nothing_is_crawled(site_and_store, setting, words):
    site, cwd = site_and_store
    before, hits = fingerprint(cwd), len(site.hits)
    result = run_jobfeed("crawl", "--sources", "sources.yaml", "--db", "var/jobs.db",
                         "--out", "public", *FAST, "-s", setting, cwd=cwd)
    assert result.returncode == 2 and words in result.stderr
    assert len(site.hits) == hits and fingerprint(cwd) == before
    assert len(reports(cwd)) == 1
