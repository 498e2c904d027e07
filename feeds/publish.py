"""The publisher: query the store, render every feed, OPML and index.html, write atomically.

Output folder:

    jobs.{rss,atom,json}            every open job
    feeds/<source>.{rss,atom,json}  one per source (unless `per_source: false`)
    feeds/<slug>.{rss,atom,json}    one per named feed of the feeds file
    feeds.opml                      every feed above
    index.html                      the open jobs for people, with search and subscribe links
"""

from __future__ import annotations

import json
import os
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

from feeds.config import FeedsConfig, FeedSpec, check_against_sources, source_slug
from feeds.jsonfeed import render_json
from feeds.meta import FeedMeta
from feeds.opml import render_opml
from feeds.page import render_index
from feeds.xmlfeeds import render_atom, render_rss
from jobfeed.store import Store

RENDERERS = {"rss": render_rss, "atom": render_atom, "json": render_json}
DEFAULT_BASE_URL = "http://localhost:8000/"  # where `jobfeed serve` serves the folder
# Named feeds written by the last run, so a feed taken out of the feeds file is removed
# rather than left behind showing jobs that have since closed.
MANIFEST = ".jobfeed-feeds.json"
STALE = timedelta(hours=1)


def publish(store: Store, out_dir: str | Path, now: datetime, *,
            base_url: str = DEFAULT_BASE_URL, sources: list[str] | None = None,
            feeds: FeedsConfig | None = None) -> list[Path]:
    """Write every feed, feeds.opml and index.html; return the files whose bytes changed."""
    config = feeds or FeedsConfig()
    out_dir = Path(out_dir)
    remove_stale_temporaries(out_dir, now)
    base_url = base_url if base_url.endswith("/") else base_url + "/"
    open_jobs = store.jobs(status="open")  # newest first
    source_names = sorted(set(sources or ()) | {job["source"] for job in open_jobs})
    check_against_sources(config, source_names)

    plan: list[tuple[FeedMeta, list[dict]]] = [(
        FeedMeta("jobs", f"{config.title}: all open jobs",
                 "Open positions from every tracked careers page, newest first",
                 base_url, config.language, group="all", name="All open jobs"),
        open_jobs[:config.limit])]
    for spec in config.feeds:
        plan.append((_named_meta(spec, config, base_url),
                     spec.filter.select(open_jobs)[:spec.limit or config.limit]))
    if config.per_source:
        by_source: dict[str, list[dict]] = {}
        for job in open_jobs:  # one pass, newest first kept: not a scan of every job per source
            by_source.setdefault(job["source"], []).append(job)
        for source in source_names:
            plan.append((FeedMeta(f"feeds/{source_slug(source)}", f"{config.title}: {source}",
                                  f"Open positions from the {source} careers page, newest first",
                                  base_url, config.language, group="source", name=source),
                         by_source.get(source, [])[:config.limit]))

    written = []
    for meta, jobs in plan:
        for extension, render in RENDERERS.items():
            path = out_dir / f"{meta.slug}.{extension}"
            if write_atomically(path, render(jobs, meta, now)):
                written.append(path)
    metas = [meta for meta, _ in plan]
    for path, data in ((out_dir / "feeds.opml", render_opml(metas, config.title)),
                       (out_dir / "index.html",
                        render_index(open_jobs, metas, config.title, now, config.language))):
        if write_atomically(path, data):
            written.append(path)
    _remove_dropped_feeds(out_dir, {m.slug for m in metas if m.group == "filter"},
                          {m.slug for m in metas})
    return written


def _named_meta(spec: FeedSpec, config: FeedsConfig, base_url: str) -> FeedMeta:
    return FeedMeta(f"feeds/{spec.slug}", f"{config.title}: {spec.name}",
                    spec.description or describe_filter(spec), base_url, config.language,
                    group="filter", name=spec.name)


def describe_filter(spec: FeedSpec) -> str:
    """'Open positions: keywords "park ranger" OR planner; location Alder Creek; ...'"""
    f = spec.filter
    parts = []
    if f.keywords is not None:
        parts.append(f"keywords {f.keywords.text}")
    for label, values in (("source", f.sources), ("organization", f.organizations),
                          ("location", f.locations), ("type", f.employment_types)):
        if values:
            parts.append(f"{label} {' or '.join(values)}")
    if f.min_salary is not None:
        parts.append(f"paying at least {f.min_salary:,.0f} a year"
                     + (f" ({f.currency})" if f.currency else ""))
    return "Open positions, newest first" + (": " + "; ".join(parts) if parts else "")


def _remove_dropped_feeds(out_dir: Path, named: set[str], current: set[str]) -> None:
    manifest = out_dir / MANIFEST
    try:
        before = set(json.loads(manifest.read_text()))
    except (OSError, ValueError, TypeError):
        before = set()
        if not named:
            return
    for slug in sorted(before - current):
        if not slug.startswith("feeds/") or "/" in slug[len("feeds/"):] or ".." in slug:
            continue  # only ever files this publisher wrote into feeds/
        for extension in RENDERERS:
            (out_dir / f"{slug}.{extension}").unlink(missing_ok=True)
    if named:
        write_atomically(manifest, (json.dumps(sorted(named)) + "\n").encode())
    else:
        manifest.unlink(missing_ok=True)


def remove_stale_temporaries(out_dir: Path, now: datetime, age: timedelta = STALE) -> None:
    """Temporary files of a run killed while writing (`.name.xxxx.tmp`), once they are
    old enough that no publisher still running can own them."""
    for folder in (out_dir, out_dir / "feeds"):
        for path in folder.glob(".*.tmp") if folder.is_dir() else ():
            try:
                if now.timestamp() - path.stat().st_mtime > age.total_seconds():
                    path.unlink()
            except FileNotFoundError:
                pass


def write_atomically(path: Path, data: bytes) -> bool:
    """Temporary file in the same folder, fsync, rename; untouched if the bytes are equal."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise
    return True
