"""The `jobfeed` command: crawl, publish, status, demo, extract, sources check."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from datetime import datetime, timezone
from pathlib import Path

from feeds.config import FeedsError, check_against_sources, feeds_for
from jobfeed.exitcodes import EXIT_LOCKED, EXIT_OK, EXIT_USAGE
from jobfeed.lock import LockedError, LockError, StoreLock
from jobfeed.sources import Source, SourcesError, load_sources, source_for_url
from jobfeed.store import StoreError


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except (SourcesError, FeedsError, StoreError, SettingError, LockError) as exc:
        print(f"jobfeed: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except LockedError as exc:
        print(f"jobfeed: {exc} (exit code {EXIT_LOCKED})", file=sys.stderr)
        return EXIT_LOCKED


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="jobfeed", description="Careers pages into clean RSS, Atom and JSON job feeds.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    crawl = commands.add_parser("crawl", help="crawl the sources, store the jobs, write the feeds")
    crawl.add_argument("--sources", metavar="FILE",
                       help="sources file (default: sources.yaml, unless --url is given)")
    crawl.add_argument("--url", action="append", default=[], metavar="URL",
                       help="crawl this careers page (repeatable); no sources entry needed")
    add_store_options(crawl)
    crawl.add_argument("-s", "--set", action="append", default=[], metavar="NAME=VALUE",
                       dest="settings", help="override a Scrapy setting, as `scrapy crawl -s`")
    crawl.set_defaults(handler=cmd_crawl)

    publish = commands.add_parser("publish", help="write the feeds from the store, no crawl")
    add_store_options(publish)
    publish.set_defaults(handler=cmd_publish)

    status = commands.add_parser("status", help="the last runs, their alerts and the lock")
    status.add_argument("--db", default="var/jobfeed.db", help="SQLite store (default: %(default)s)")
    status.add_argument("-n", "--runs", type=int, default=10, help="how many runs (default: 10)")
    status.add_argument("--json", action="store_true", help="print the run reports as JSON")
    status.set_defaults(handler=cmd_status)

    demo = commands.add_parser("demo", help="crawl the bundled pages from a local server")
    demo.add_argument("--snapshot", choices=["000", "001"], default="001",
                      help="which Cal Cities snapshot to serve (default: 001)")
    demo.add_argument("--dir", default="var/demo", help="where the demo store and feeds go")
    demo.set_defaults(handler=cmd_demo)

    serve = commands.add_parser("serve", help="serve the feeds folder over HTTP on a local port")
    serve.add_argument("dir", nargs="?", default="public", metavar="DIR",
                       help="the folder to serve (default: %(default)s)")
    serve.add_argument("--port", type=int, default=8000, help="port (default: %(default)s)")
    serve.add_argument("--bind", default="127.0.0.1", metavar="ADDRESS",
                       help="address to listen on (default: %(default)s; 0.0.0.0 for all)")
    serve.set_defaults(handler=cmd_serve)

    extract = commands.add_parser("extract", help="show the jobs found on one page, and why")
    extract.add_argument("target", metavar="FILE_OR_URL")
    extract.add_argument("--url", help="the page's URL, for a FILE (resolves its links)")
    extract.add_argument("--spider", default="careers", help="extraction of this spider")
    extract.add_argument("--json", action="store_true", help="print records as JSON")
    extract.set_defaults(handler=cmd_extract)

    sources = commands.add_parser("sources", help="work with the sources file")
    sources_commands = sources.add_subparsers(dest="sources_command", required=True)
    check = sources_commands.add_parser("check", help="validate the sources file")
    check.add_argument("file", nargs="?", default="sources.yaml")
    check.set_defaults(handler=cmd_sources_check)
    return parser


def add_store_options(parser):
    parser.add_argument("--db", default="var/jobfeed.db", help="SQLite store (default: %(default)s)")
    parser.add_argument("--out", default="public", help="feeds folder (default: %(default)s)")
    parser.add_argument("--base-url", default=None,
                        help="URL the feeds folder is served at (default: http://localhost:8000/)")
    parser.add_argument("--feeds", metavar="FILE", default=None,
                        help="named, filtered feeds and feed settings (default: feeds.yaml "
                             "if it exists; a sources file with a 'feeds:' section works too)")


class SettingError(ValueError):
    """A -s NAME=VALUE that is not of that form."""


def cmd_crawl(args) -> int:
    sources: list[Source] = []
    if args.sources or not args.url:
        sources += load_sources(args.sources or "sources.yaml")
    sources += [source_for_url(url) for url in args.url]
    from jobfeed.crawl import crawl, setting_problem  # Scrapy loads only for good crawls
    overrides = {}
    for item in args.settings:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise SettingError(f"-s {item!r}: expected NAME=VALUE")
        overrides[name] = value
    if problem := setting_problem(overrides):
        raise SettingError(problem)
    feeds = feeds_for(args.feeds)
    check_against_sources(feeds, [source.name for source in sources])
    run = crawl(sources, db=args.db, out=args.out, base_url=args.base_url, overrides=overrides,
                feeds=feeds)
    print_summary(run)
    return run.exit_code


def cmd_publish(args) -> int:
    from feeds.publish import DEFAULT_BASE_URL, publish
    from jobfeed.store import open_store

    feeds = feeds_for(args.feeds)
    with StoreLock(args.db, "publish"), open_store(args.db) as store:
        sources = store.source_names()  # not every job decoded just for their names
        check_against_sources(feeds, sources)
        written = publish(store, args.out, datetime.now(timezone.utc),
                          base_url=args.base_url or DEFAULT_BASE_URL, sources=sources,
                          feeds=feeds)
    print(f"wrote {len(written)} changed feed files to {args.out}/")
    return EXIT_OK


def cmd_status(args) -> int:
    from jobfeed.report import RunLog, runs_dir
    from jobfeed.status import latest_exit_code, status_lines

    if args.json:
        print(json.dumps(RunLog(runs_dir(args.db)).reports(limit=args.runs), indent=2))
    else:
        print("\n".join(status_lines(args.db, limit=args.runs)))
    return latest_exit_code(args.db)


def cmd_serve(args) -> int:
    from jobfeed.serve import serve

    return serve(args.dir, host=args.bind, port=args.port)


def cmd_demo(args) -> int:
    from jobfeed.demo import run_demo

    return run_demo(args.snapshot, Path(args.dir))


def cmd_extract(args) -> int:
    from jobfeed.extract.cli import show_extraction

    return show_extraction(args.target, page_url=args.url, spider=args.spider,
                           as_json=args.json)


def cmd_sources_check(args) -> int:
    sources = load_sources(args.file)
    for source in sources:
        print(f"{source.name}: {', '.join(source.start_urls)} (spider {source.spider})")
    print(f"{args.file}: {len(sources)} sources, all valid")
    return EXIT_OK


def print_summary(run) -> None:
    """One line per source for a person or a cron mail; details only where it failed."""
    from jobfeed.exitcodes import MEANING
    from jobfeed.report import summary_lines

    for line in summary_lines(run):
        print(line)
    if run.published is not None:
        print(f"feeds: {run.out}/jobs.rss, jobs.atom, jobs.json "
              f"({len(run.published)} files changed)")
    else:
        print(f"feeds: not rewritten (no source crawled successfully); {run.out}/ left as it was")
    if run.report_path:
        print(f"status feed: {run.out}/status.atom; report: {run.report_path}")
    print(f"exit code {run.exit_code}: {MEANING[run.exit_code]}")
    logging.shutdown()


if __name__ == "__main__":
    sys.exit(main())
