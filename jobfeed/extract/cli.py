"""`jobfeed extract`: the records found on one page, each with its strategy and evidence."""

from __future__ import annotations

import json
import urllib.request
from datetime import datetime, timezone
from pathlib import Path

from jobfeed.normalise import normalise_job


def show_extraction(target: str, *, page_url: str | None, spider: str, as_json: bool) -> int:
    now = datetime.now(timezone.utc)
    if target.startswith(("http://", "https://")):
        request = urllib.request.Request(target, headers={"User-Agent": "jobfeed extract"})
        with urllib.request.urlopen(request, timeout=30) as response:
            body, content_type = response.read(), response.headers.get("Content-Type")
        page_url = page_url or response.url
    else:
        path = Path(target)
        body, content_type = path.read_bytes(), None
        page_url = page_url or path.resolve().as_uri()
    jobs = extract_with(spider, page_url, body, content_type, now)
    for job in jobs:
        job.source = job.source or "extract"
        normalise_job(job, now)
    if as_json:
        print(json.dumps([job.to_record() | {"strategy": job.strategy, "evidence": job.evidence}
                          for job in jobs], indent=2, ensure_ascii=False))
        return 0
    print(f"{len(jobs)} jobs on {page_url}")
    for number, job in enumerate(jobs, 1):
        print(f"\n{number}. {job.title}")
        for name in ("organization", "department", "location", "employment_type", "salary",
                     "posted", "closes", "url", "apply_url"):
            value = getattr(job, name)
            if value:
                print(f"   {name}: {value}")
        if job.open_until_filled:
            print("   open until filled")
        for doc in job.documents:
            print(f"   document: {doc['label']} <{doc['url']}>")
        print(f"   strategy: {job.strategy}; evidence: {'; '.join(job.evidence)}")
    return 0


def extract_with(spider_name: str, url: str, body: bytes, content_type, now):
    """The extraction a spider would run on this page, without crawling."""
    from scrapy.spiderloader import SpiderLoader

    from jobfeed.crawl import crawl_settings
    from jobfeed.run import Run
    from jobfeed.sources import Source

    settings = crawl_settings()
    spider = SpiderLoader.from_settings(settings).load(spider_name)(
        sources=[], run=Run(started_at=now))
    # A site spider knows its source (organization); the generic one takes the page's.
    source = (spider.default_sources(url, settings)[0] if spider_name != "careers"
              else Source(name="extract", start_urls=(url,)))
    return spider.extract_page(url, body, source, content_type).jobs
