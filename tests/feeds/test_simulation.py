"""Thirty runs against a careers page that changes run by run, read by feed readers.

The local site opens new jobs, changes salaries, closes jobs and reopens them. After
every run, readers that remember the entry ids they have seen poll the feeds through
`jobfeed serve` with If-None-Match, as real readers do. The readers must be told of
each job exactly once, no feed may ever show a closed job, ids never change, and
date_modified moves exactly when a salary did.

Runs 0-26 go through extraction, the store and the publisher in this process (fast);
runs 27-29 go through the real crawler, `python -m jobfeed crawl`, in a subprocess (the
Twisted reactor cannot restart in one process), on the same store and folder.
"""

from __future__ import annotations

import json
import random
import threading
import urllib.request
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from urllib.error import HTTPError

import feedparser
import pytest
from lxml import etree

from conftest import run_jobfeed
from feedcheck import check_feed, feed_files
from feeds.config import load_feeds
from feeds.publish import publish
from jobfeed.extract import extract
from jobfeed.localserver import LocalSite
from jobfeed.normalise import normalise_job
from jobfeed.serve import make_server
from jobfeed.store import SQLiteStore

RUNS, CLI_RUNS = 30, 3
QUIET_RUNS = {6, 17}  # nothing changes: every poll must be answered 304
POOL = [  # slug, title, location, employment type, starting yearly salary
    ("park-ranger", "Park Ranger", "Alder Creek Regional Park", "Full-time", 58000),
    ("senior-planner", "Senior Planner", "City Hall", "Full-time", 96000),
    ("accountant", "Accountant II", "City Hall", "Full-time", 74000),
    ("librarian", "Children's Librarian", "Main Library", "Part-time", 52000),
    ("civil-engineer", "Civil Engineer", "Public Works Yard", "Full-time", 118000),
    ("lifeguard", "Lifeguard", "Aquatic Center", "Seasonal", 36000),
    ("it-analyst", "IT Analyst", "City Hall", "Full-time", 88000),
    ("mechanic", "Fleet Mechanic", "Public Works Yard", "Full-time", 67000),
    ("recreation", "Recreation Leader", "Community Center", "Part-time", 41000),
    ("police-officer", "Police Officer", "Police Department", "Full-time", 99000),
    ("water-operator", "Water Treatment Operator", "Water Plant", "Full-time", 79000),
    ("clerk", "Deputy City Clerk", "City Hall", "Full-time", 71000),
    ("arborist", "Arborist", "Public Works Yard", "Full-time", 64000),
    ("planner-assistant", "Assistant Planner", "City Hall", "Full-time", 69000),
    ("intern", "Engineering Intern", "Public Works Yard", "Internship", 40000),
    ("gis", "GIS Technician", "City Hall", "Full-time", 72000),
    ("custodian", "Custodian", "Community Center", "Part-time", 38000),
    ("fire-captain", "Fire Captain", "Station 1", "Full-time", 125000),
    ("hr-analyst", "Human Resources Analyst", "City Hall", "Full-time", 83000),
    ("budget", "Budget Officer", "City Hall", "Full-time", 112000),
]
ATOM = "http://www.w3.org/2005/Atom"
TITLES = {slug: title for slug, title, *_ in POOL}
FEEDS_FILE = """
title: Alder Creek jobs
limit: 200
feeds:
  - name: Planning & engineering, well paid
    keywords: planner OR engineer*
    min_salary: 70000
"""


def in_named_feed(slug: str, salary: int) -> bool:
    """The feed's filter, by hand: the top of the range ($12,000 over the bottom) counts."""
    words = TITLES[slug].lower().split()
    return ("planner" in words or any(w.startswith("engineer") for w in words)) \
        and salary + 12000 >= 70000


def schedule() -> list[dict[str, int]]:
    """The open jobs (slug -> yearly salary) of every run."""
    rng = random.Random(4)
    fresh = [slug for slug, *_ in POOL]
    base = {slug: salary for slug, *_, salary in POOL}
    state = {slug: base[slug] for slug in fresh[:4]}
    del fresh[:4]
    closed: dict[str, int] = {}
    states = [dict(state)]
    for run in range(1, RUNS):
        if run not in QUIET_RUNS:
            if fresh and (rng.random() < 0.45 or run == RUNS - CLI_RUNS):
                slug = fresh.pop(0)
                state[slug] = base[slug]
            if len(state) > 3 and (rng.random() < 0.35 or run == RUNS - 2):
                slug = rng.choice(sorted(state))
                closed[slug] = state.pop(slug)
            if closed and (rng.random() < 0.25 or run == RUNS - 1):
                slug = rng.choice(sorted(closed))
                state[slug] = closed.pop(slug)  # reopens with the salary it had
            if rng.random() < 0.4 or run == RUNS - CLI_RUNS:
                slug = rng.choice(sorted(state))
                state[slug] += 2000
        states.append(dict(state))
    return states


def careers_page(state: dict[str, int]) -> bytes:
    blocks = []
    for slug, title, location, kind, _ in POOL:
        if slug not in state:
            continue
        salary = state[slug]
        blocks.append(
            f'<div class="job"><h3><a href="/jobs/{slug}">{title}</a></h3>'
            f"<p>Location: {location}</p>"
            f"<p>Salary: ${salary:,} - ${salary + 12000:,} per year</p>"
            f"<p>Employment type: {kind}</p><p>Closing date: March 31, 2027</p>"
            f"<p>The {title} serves the residents of Alder Creek with care. The position "
            "works with every department, keeps careful records, and reports to a division "
            "manager; full benefits, a pension and a hybrid schedule where the work allows."
            "</p></div>")
    return ('<!doctype html><html lang="en"><head><meta charset="utf-8">'
            "<title>Careers - City of Alder Creek</title></head><body><h1>Careers</h1>"
            "<h2>Current Openings</h2>" + "".join(blocks) + "</body></html>").encode()


@dataclass
class Reader:
    """A feed reader: polls with If-None-Match, notifies each entry id it has not seen."""

    url: str
    seen: set[str] = field(default_factory=set)
    notified: list[str] = field(default_factory=list)
    etag: str | None = None
    not_modified: int = 0
    entries: list[dict] = field(default_factory=list)  # the last answer, parsed

    def poll(self) -> None:
        request = urllib.request.Request(self.url)
        if self.etag:
            request.add_header("If-None-Match", self.etag)
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                body, self.etag = response.read(), response.headers["ETag"]
        except HTTPError as error:
            assert error.code == 304, f"{self.url}: HTTP {error.code}"
            self.not_modified += 1
            return
        self.entries = parse_entries(self.url, body)
        for entry in self.entries:
            if entry["id"] not in self.seen:
                self.seen.add(entry["id"])
                self.notified.append(entry["id"])


def parse_entries(url: str, body: bytes) -> list[dict]:
    if url.endswith(".json"):
        return [{"id": i["id"], "link": i["url"], "modified": i["date_modified"],
                 "published": i["date_published"]} for i in json.loads(body)["items"]]
    parsed = feedparser.parse(body)
    assert not parsed.bozo, parsed.get("bozo_exception")
    atom = url.endswith(".atom")  # RSS items have no updated date
    return [{"id": e.id, "link": e.link, "modified": e.updated if atom else None,
             "published": e.published} for e in parsed.entries]


def entry_links(path) -> list[str]:
    """Every entry's link, read without feedparser (fast enough for every file, every run)."""
    data = path.read_bytes()
    if path.suffix == ".json":
        return [item["url"] for item in json.loads(data)["items"]]
    root = etree.fromstring(data)
    if path.suffix == ".rss":
        return root.xpath("/rss/channel/item/link/text()")
    return root.xpath("/a:feed/a:entry/a:link/@href", namespaces={"a": ATOM})


def slug_of(link: str) -> str:
    return link.rsplit("/jobs/", 1)[1]


def crawl_in_process(store, page_url: str, now: datetime, out, base_url: str, feeds):
    """What `jobfeed crawl` does, minus Scrapy: extract, normalise, dedupe, store, publish."""
    with urllib.request.urlopen(page_url, timeout=10) as response:
        body = response.read()
    jobs = {}
    for job in extract(page_url, body, now, organization="City of Alder Creek"):
        job.source = "alder"
        normalise_job(job, now)
        if job.title and job.url and job.id:
            jobs.setdefault(job.id, job)
    store.save(list(jobs.values()), now)
    if jobs:
        store.close_missing("alder", set(jobs), now)
    return publish(store, out, now, base_url=base_url, sources=["alder"], feeds=feeds)


@pytest.fixture(scope="module")
def simulation(tmp_path_factory):
    folder = tmp_path_factory.mktemp("simulation")
    out, db = folder / "public", folder / "jobs.db"
    out.mkdir()
    (folder / "feeds.yaml").write_text(FEEDS_FILE)
    feeds = load_feeds(folder / "feeds.yaml")
    states = schedule()
    history = {"states": states, "ids": {}, "modified": {}, "published": {},
               "written": {}, "readers": {}}
    server = make_server(out, "127.0.0.1", 0, quiet=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base_url = f"http://127.0.0.1:{server.server_address[1]}/"
    readers = {name: Reader(base_url + name) for name in (
        "jobs.rss", "jobs.atom", "jobs.json", "feeds/alder.atom",
        "feeds/planning-engineering-well-paid.rss",
        "feeds/planning-engineering-well-paid.json")}
    history["readers"] = readers
    # In-process runs happen in the past, a day apart; the CLI runs at the real time.
    real_now = datetime.now(timezone.utc).replace(microsecond=0)
    start = real_now - timedelta(days=RUNS + 10)
    try:
        with LocalSite() as site:
            page_url = site.url("/careers")
            sources = folder / "sources.yaml"
            sources.write_text(f"sources:\n  - name: alder\n    organization: City of Alder "
                               f"Creek\n    follow_details: false\n    start_urls: ['{page_url}']\n")
            for run, state in enumerate(states):
                site.pages["/careers"] = (careers_page(state), "text/html; charset=utf-8")
                for slug, *_ in POOL:  # detail pages, should the crawler want them
                    site.pages[f"/jobs/{slug}"] = (careers_page({slug: state.get(slug, 1)}),
                                                   "text/html; charset=utf-8")
                if run < RUNS - CLI_RUNS:
                    with SQLiteStore(db) as store:
                        history["written"][run] = crawl_in_process(
                            store, page_url, start + timedelta(days=run), out, base_url, feeds)
                else:
                    result = run_jobfeed(
                        "crawl", "--sources", str(sources), "--feeds", str(folder / "feeds.yaml"),
                        "--db", str(db), "--out", str(out), "--base-url", base_url,
                        "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=0",
                        "-s", "ROBOTSTXT_OBEY=0", cwd=folder)
                    assert result.returncode == 0, result.stdout + result.stderr
                    assert "alder: ok" in result.stdout, result.stdout
                for reader in readers.values():
                    reader.poll()
                yield_run(history, run, out, readers)
    finally:
        server.shutdown()
        server.server_close()
    return history


def yield_run(history, run, out, readers):
    """Record what the feeds said after `run`, checking the invariants as we go."""
    state = history["states"][run]
    problems = history.setdefault("problems", [])
    for path in feed_files(out):
        if path.name == "status.atom":
            continue  # the crawl monitor's feed, not a job feed
        if run >= RUNS - CLI_RUNS:  # full validation is slow: the CLI runs and the last
            check_feed(path)
        shown = [slug_of(link) for link in entry_links(path)]
        closed = sorted(set(shown) - set(state))
        if closed:
            problems.append(f"run {run}: {path.name} shows closed jobs {closed}")
    entries = readers["jobs.json"].entries
    for entry in entries:
        slug = slug_of(entry["link"])
        history["ids"].setdefault(slug, set()).add(entry["id"])
        history["published"].setdefault(slug, set()).add(entry["published"])
        history["modified"].setdefault(slug, []).append((run, state[slug], entry["modified"]))
    history.setdefault("json", []).append(json.loads((out / "jobs.json").read_bytes()))
    history.setdefault("shown", []).append(sorted(slug_of(e["link"]) for e in entries))
    named = readers["feeds/planning-engineering-well-paid.json"].entries
    history.setdefault("named", []).append(sorted(slug_of(e["link"]) for e in named))


def test_feeds_never_show_a_closed_job(simulation):
    assert simulation["problems"] == []


def test_every_run_shows_exactly_the_open_jobs(simulation):
    for run, (state, shown) in enumerate(zip(simulation["states"], simulation["shown"])):
        assert shown == sorted(state), f"run {run}"


def test_the_named_feed_follows_its_filter(simulation):
    for run, (state, shown) in enumerate(zip(simulation["states"], simulation["named"])):
        assert shown == sorted(s for s, salary in state.items() if in_named_feed(s, salary)), \
            f"run {run}"


def test_the_schedule_has_every_kind_of_change(simulation):
    states = simulation["states"]
    kinds = set()
    for run in range(1, RUNS):
        before, after = states[run - 1], states[run]
        ever = set().union(*states[:run])
        kinds |= {"new" for s in after if s not in ever}
        kinds |= {"closed" for s in before if s not in after}
        kinds |= {"reopened" for s in after if s in ever and s not in before}
        kinds |= {"salary" for s in after if s in before and after[s] != before[s]}
    assert {"new", "closed", "reopened", "salary"} <= kinds
    last = states[RUNS - CLI_RUNS - 1:]
    assert set(last[1]) - set(last[0]) and set(last[1]) - set(last[2]) \
        and set(last[3]) - set(last[2])  # the CLI runs add, close and reopen too


def test_each_reader_is_told_of_each_job_exactly_once(simulation):
    ever_open = set().union(*simulation["states"])
    ever_named = {s for state in simulation["states"] for s, salary in state.items()
                  if in_named_feed(s, salary)}
    ids = {slug: next(iter(found)) for slug, found in simulation["ids"].items()}
    for name, reader in simulation["readers"].items():
        assert len(reader.notified) == len(set(reader.notified)), name
        expected = ever_named if "planning" in name else ever_open
        assert sorted(reader.notified) == sorted(ids[s] for s in expected), name


def test_ids_and_publication_dates_never_change(simulation):
    for slug, found in simulation["ids"].items():
        assert len(found) == 1, f"{slug} had ids {found}"
    for slug, found in simulation["published"].items():
        assert len(found) == 1, f"{slug} was published at {found}"


def test_date_modified_moves_exactly_when_the_salary_changes(simulation):
    for slug, seen in simulation["modified"].items():
        for (run_a, salary_a, modified_a), (run_b, salary_b, modified_b) in zip(seen, seen[1:]):
            if salary_a == salary_b:
                assert modified_b == modified_a, f"{slug}: moved at run {run_b}"
            else:
                assert modified_b > modified_a, f"{slug}: salary changed at run {run_b}"


def test_quiet_runs_rewrite_only_last_seen_and_readers_get_304(simulation):
    for run in QUIET_RUNS:
        # JSON Feed `_job` records carry last_seen, the one thing a quiet run moves.
        rewritten = sorted(p.name for p in simulation["written"][run])
        assert rewritten == ["alder.json", "jobs.json", "planning-engineering-well-paid.json"]
        before, after = simulation["json"][run - 1], simulation["json"][run]
        assert before != after and without_last_seen(before) == without_last_seen(after)
    for name, reader in simulation["readers"].items():
        if not name.endswith(".json"):
            assert reader.not_modified >= len(QUIET_RUNS), name


def without_last_seen(feed: dict) -> dict:
    return {**feed, "items": [{**item, "_job": {**item["_job"], "last_seen": None}}
                              for item in feed["items"]]}
