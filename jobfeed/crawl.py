"""Crawl, store and publish in one go: what `jobfeed crawl` and `jobfeed demo` run."""

from __future__ import annotations

import logging
import sys
from collections import defaultdict

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings
from scrapy.spiderloader import SpiderLoader

from feeds.publish import DEFAULT_BASE_URL, publish
from jobfeed.run import Run
from jobfeed.sources import Source, SourcesError
from jobfeed.store import open_store

# The CLI prints its own per-source summary; Scrapy's log is for -s LOG_LEVEL=INFO
# (or WARNING, ERROR) when a summary is not enough.
CLI_DEFAULTS = {"LOG_LEVEL": "CRITICAL", "LOG_INSTALL_ROOT_HANDLER": False}


class OneLineFormatter(logging.Formatter):
    """Log lines without tracebacks: the failure is in the summary, the stack helps nobody
    reading a cron mail. `-s LOG_LEVEL=DEBUG` still shows everything Scrapy says."""

    def format(self, record):
        record = logging.makeLogRecord(record.__dict__)
        if record.exc_info and record.levelno < logging.CRITICAL:
            record.msg = f"{record.getMessage()} ({record.exc_info[1]!r})"
            record.args, record.exc_info, record.exc_text = None, None, None
        return super().format(record)


def configure_console_logging(settings: Settings) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(OneLineFormatter("%(asctime)s [%(name)s] %(levelname)s: %(message)s"))
    handler.setLevel(settings.get("LOG_LEVEL"))
    root = logging.getLogger()
    root.handlers = [h for h in root.handlers if not getattr(h, "jobfeed", False)]
    handler.jobfeed = True
    root.addHandler(handler)
    root.setLevel(settings.get("LOG_LEVEL"))


def crawl_settings(overrides: dict | None = None) -> Settings:
    """jobfeed's Scrapy settings, wherever the command runs from (no scrapy.cfg needed)."""
    settings = Settings()
    settings.setmodule("jobfeed.settings", priority="project")
    settings.setdict(CLI_DEFAULTS, priority="project")
    settings.setdict(overrides or {}, priority="cmdline")
    return settings


def crawl(sources: list[Source], *, db: str, out: str, base_url: str | None = None,
          overrides: dict | None = None, feeds=None) -> Run:
    """Run every source's spider in one Scrapy process, then publish if any source went well."""
    settings = crawl_settings(overrides)
    loader = SpiderLoader.from_settings(settings)
    by_spider: dict[str, list[Source]] = defaultdict(list)
    for source in sources:
        if source.spider not in loader.list():
            raise SourcesError(f"source {source.name!r}: no spider named {source.spider!r} "
                               f"(known: {', '.join(sorted(loader.list()))})")
        by_spider[source.spider].append(source)

    store = open_store(db)
    try:
        run = Run.starting_now(store)
        run.out = out
        process = CrawlerProcess(settings)
        if not settings.getbool("LOG_INSTALL_ROOT_HANDLER"):
            configure_console_logging(settings)
        for name, group in by_spider.items():
            process.crawl(loader.load(name), sources=group, run=run)
        process.start()
        if any(report.status == "ok" for report in run.sources.values()):
            names = sorted({s.name for s in sources})
            run.published = publish(store, out, run.started_at,
                                    base_url=base_url or DEFAULT_BASE_URL, sources=names,
                                    feeds=feeds)
    finally:
        store.close()
    return run
