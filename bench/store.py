"""A job store of any size, generated directly (no crawl), for the publish benchmark.

    python -m bench.store DB --jobs 100000 [--per-source 50] [--closed 0.0]

Jobs are spread over `jobs / per_source` sources and saved in batches, a batch per
simulated day, so first_seen and updated vary as after months of runs.
"""

from __future__ import annotations

import argparse
import random
import sys
from datetime import datetime, timedelta, timezone

from bench.corpus import _DEPARTMENTS, _DUTIES, _KINDS, _PLACES, _SUFFIXES, _TITLES
from jobfeed.identity import job_id
from jobfeed.model import Job
from jobfeed.store import open_store

BATCH = 2000


def fill_store(path: str, jobs: int, *, per_source: int = 50, closed: float = 0.0,
               seed: int = 1, now: datetime | None = None) -> dict:
    """Write `jobs` jobs into the store at `path`; returns what was made."""
    rng = random.Random(seed)
    now = now or datetime.now(timezone.utc).replace(microsecond=0)
    sources = max(1, jobs // per_source)
    names = [f"s{n:04d}" for n in range(1, sources + 1)]
    orgs = {name: rng.choice(_KINDS).format(f"{rng.choice(_PLACES)} {rng.choice(_SUFFIXES)}")
            for name in names}
    batches = (jobs + BATCH - 1) // BATCH
    made = 0
    with open_store(path) as store:
        for batch in range(batches):
            seen_at = now - timedelta(days=batches - batch)
            chunk = []
            for _ in range(min(BATCH, jobs - made)):
                chunk.append(_job(rng, names[made % sources], orgs, made, seen_at))
                made += 1
            store.save(chunk, seen_at)
        if closed:
            for name in names:
                # close_missing keeps the ids given; keep the first (1 - closed) share open
                open_ids = {row["id"] for row in store.jobs(source=name)}
                keep = set(sorted(open_ids)[:round(len(open_ids) * (1 - closed))])
                store.close_missing(name, keep, now)
    return {"jobs": made, "sources": sources, "closed_share": closed}


def _job(rng: random.Random, source: str, orgs: dict, number: int, seen_at: datetime) -> Job:
    title = rng.choice(_TITLES)
    department = rng.choice(_DEPARTMENTS)
    url = f"https://{source}.example.org/careers/{number}-{title.lower().replace(' ', '-')}"
    low = rng.randrange(40_000, 140_000, 10)
    description = " ".join(d.format(dept=department.lower()) for d in rng.sample(_DUTIES, 3))
    posted = (seen_at - timedelta(days=rng.randint(0, 20))).date()
    job = Job(
        title=title, organization=orgs[source], department=department,
        location=f"{rng.choice(_PLACES)} {rng.choice(_SUFFIXES)}, CA",
        employment_type=rng.choice(("full-time", "part-time", "temporary", None)),
        salary={"min": low, "max": round(low * 1.25), "currency": "USD", "period": "year"},
        posted=posted.isoformat(), closes=(posted + timedelta(days=30)).isoformat(),
        url=url, apply_url=url + "/apply",
        documents=[{"label": "Job Description", "url": url + ".pdf"}],
        description=description,
        description_html="".join(f"<p>{line}</p>" for line in description.split(". ")),
        source=source, source_url=f"https://{source}.example.org/careers",
        raw={"salary": f"${low:,} - ${round(low * 1.25):,} annually",
             "posted": posted.strftime("%B %d, %Y")},
        url_is_own_page=True)
    job.id = job_id(source, own_url=url)
    return job


FEEDS_YAML = """\
title: Benchmark jobs
limit: 200
per_source: true
feeds:
  - name: Planning and engineering
    keywords: planner OR engineer OR "gis analyst"
  - name: Part-time
    employment_type: part-time
  - name: Well paid
    min_salary: 100000
"""


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db")
    parser.add_argument("--jobs", type=int, required=True)
    parser.add_argument("--per-source", type=int, default=50)
    parser.add_argument("--closed", type=float, default=0.0)
    args = parser.parse_args(argv)
    print(fill_store(args.db, args.jobs, per_source=args.per_source, closed=args.closed))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
