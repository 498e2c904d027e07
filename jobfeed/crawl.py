"""Crawl, store and publish in one go: what `jobfeed crawl` and `jobfeed demo` run.

One run at a time per store (jobfeed.lock). Each run writes var/runs/<time>.json
(marked running first, so a run killed mid-way is found and reported by the next
one), raises alerts against earlier runs, publishes the job feeds when a source
went well, and always rewrites the status feed.
"""

from __future__ import annotations

import difflib
import logging
import sys
from collections import defaultdict
from datetime import datetime, timezone
from pathlib import Path

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings, default_settings
from scrapy.spiderloader import SpiderLoader

import jobfeed
from feeds.publish import DEFAULT_BASE_URL, publish
from jobfeed import settings as jobfeed_settings
from jobfeed.extraction_processes import process_count
from jobfeed.lock import StoreLock
from jobfeed.report import RunLog, alerts_for, report_dict, runs_dir
from jobfeed.run import Run
from jobfeed.sources import Source, SourcesError
from jobfeed.status import write_status_feed
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
    overrides = dict(overrides or {})
    if problem := setting_problem(overrides):
        raise ValueError(problem)
    if "JOBFEED_CONTACT" in overrides and "USER_AGENT" not in overrides:
        overrides["USER_AGENT"] = f"jobfeed/{jobfeed.__version__} (+{overrides['JOBFEED_CONTACT']})"
    settings = Settings()
    settings.setmodule("jobfeed.settings", priority="project")
    settings.setdict(CLI_DEFAULTS, priority="project")
    settings.setdict(overrides, priority="cmdline")
    return settings


def setting_problem(overrides: dict) -> str | None:
    """What is wrong with `-s` overrides, or None. Scrapy silently ignores a misspelt
    name; here it is an error, as is a value that is not of the setting's type."""
    known = {name: getattr(module, name) for module in (default_settings, jobfeed_settings)
             for name in dir(module) if name.isupper()}
    for name, value in overrides.items():
        if name not in known:
            close = difflib.get_close_matches(name, known, n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            return f"-s {name}={value}: no such setting{hint}"
        default, probe = known[name], Settings({name: value})
        for kind, what, read in ((bool, "true or false", probe.getbool),
                                 (int, "a whole number", probe.getint),
                                 (float, "a number", probe.getfloat)):
            if isinstance(default, kind):
                try:
                    read(name)
                except (TypeError, ValueError):
                    return f"-s {name}={value}: expected {what}, like the default {default!r}"
                break
        if name == "JOBFEED_EXTRACT_PROCESSES":
            try:
                process_count(value, sources=0)
            except ValueError as exc:
                return f"-s {exc}"
    return None


def crawl(sources: list[Source], *, db: str, out: str, base_url: str | None = None,
          overrides: dict | None = None, feeds=None) -> Run:
    """Run every source's spider in one Scrapy process, then publish if any source went well.

    Raises LockedError at once when another run holds the store's lock.
    """
    settings = crawl_settings(overrides)
    if "JOBFEED_HTTPCACHE" not in (overrides or {}):
        settings.set("JOBFEED_HTTPCACHE", str(Path(db).parent / "httpcache.db"), "cmdline")
    loader = SpiderLoader.from_settings(settings)
    by_spider: dict[str, list[Source]] = defaultdict(list)
    for source in sources:
        if source.spider not in loader.list():
            raise SourcesError(f"source {source.name!r}: no spider named {source.spider!r} "
                               f"(known: {', '.join(sorted(loader.list()))})")
        by_spider[source.spider].append(source)

    with StoreLock(db, "crawl"):
        log = RunLog(runs_dir(db))
        interrupted = log.recover_interrupted()
        remove_temporaries(Path(out), log.folder)
        earlier = log.reports(limit=100)
        store = open_store(db)
        run = Run.starting_now(store)
        run.out = out
        for source in sources:
            run.report(source.name)
        path = log.new_path(run)
        run.report_path = str(path)
        log.write(path, report_dict(run, state="running", db=db, out=out))
        try:
            process = CrawlerProcess(settings)
            if not settings.getbool("LOG_INSTALL_ROOT_HANDLER"):
                configure_console_logging(settings)
            for name, group in by_spider.items():
                process.crawl(loader.load(name), sources=group, run=run)
            process.start()
            run.alerts = alerts_for(
                run, earlier, interrupted=interrupted,
                coverage_drop=settings.getfloat("JOBFEED_COVERAGE_DROP"),
                coverage_min_jobs=settings.getint("JOBFEED_COVERAGE_MIN_JOBS"))
            # Publish when any source's listing was read (ok, partial, empty): new jobs
            # appear and nothing of a partial or empty source was closed. When every
            # source failed, the feeds stay exactly as they were.
            if any(report.status in ("ok", "partial", "empty")
                   for report in run.sources.values()):
                names = sorted({s.name for s in sources})
                run.published = publish(store, out, run.started_at,
                                        base_url=base_url or DEFAULT_BASE_URL, sources=names,
                                        feeds=feeds)
        except BaseException as exc:
            crashed = report_dict(run, state="crashed", db=db, out=out,
                                  finished_at=datetime.now(timezone.utc))
            crashed["error"] = f"{type(exc).__name__}: {exc}"
            log.write(path, crashed)
            raise
        finally:
            store.close()
        log.write(path, report_dict(run, state="finished", db=db, out=out,
                                    finished_at=datetime.now(timezone.utc)))
        write_status_feed(log, out, base_url or DEFAULT_BASE_URL, run.started_at)
        log.prune(settings.getint("JOBFEED_RUNS_KEEP"))
    return run


def remove_temporaries(*folders: Path) -> None:
    """Temporary files of an atomic write that a killed run left half-written. Only
    called with the lock held, so no writer of ours is using them."""
    for folder in folders:
        for path in [*folder.glob(".*.tmp"), *folder.glob("*/.*.tmp")]:
            path.unlink(missing_ok=True)
