"""The publisher: query the store, render every feed, OPML and index.html, write atomically.

Output folder:

    jobs.{rss,atom,json}            every open job
    feeds/<source>.{rss,atom,json}  one per source (unless `per_source: false`)
    feeds/<slug>.{rss,atom,json}    one per named feed of the feeds file
    feeds.opml                      every feed above
    index.html                      the open jobs for people, with search and subscribe links
"""

from __future__ import annotations

import ctypes
import heapq
import itertools
import json
import multiprocessing
import os
import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from feeds.config import FeedsConfig, FeedSpec, check_against_sources, source_slug
from feeds.jsonfeed import json_feed, json_item, render_json
from feeds.meta import Entry, FeedMeta, parse_time
from feeds.opml import render_opml
from feeds.page import render_index
from feeds.xmlfeeds import (atom_feed, job_atom_entry, job_rss_item, render_atom, render_rss,
                            rss_feed)
from jobfeed.store import Store, open_store

RENDERERS = {"rss": render_rss, "atom": render_atom, "json": render_json}
# Each format as (one entry, the file around entries): an entry is rendered once per
# publish and joined into every feed the job is in.
FORMATS = {"rss": (job_rss_item, rss_feed), "atom": (job_atom_entry, atom_feed),
           "json": (json_item, json_feed)}
DEFAULT_BASE_URL = "http://localhost:8000/"  # where `jobfeed serve` serves the folder
# Named feeds written by the last run, so a feed taken out of the feeds file is removed
# rather than left behind showing jobs that have since closed.
MANIFEST = ".jobfeed-feeds.json"
STALE = timedelta(hours=1)
# With `processes=None`, a store of this many open jobs or more is published by two
# processes, each rendering the feeds of half the sources: about 0.25 s to start one,
# against some 10 s of rendering at 100,000 jobs. Smaller stores stay in one process.
AUTO_MIN_JOBS = 20_000
AUTO_MAX_PROCESSES = 2


def publish(store: Store, out_dir: str | Path, now: datetime, *,
            base_url: str = DEFAULT_BASE_URL, sources: list[str] | None = None,
            feeds: FeedsConfig | None = None, processes: int | None = None) -> list[Path]:
    """Write every feed, feeds.opml and index.html; return the files whose bytes changed.

    One pass over the open jobs, a source at a time (`Store.ranked_by_source`): a
    source's feed is written when its jobs have gone by, and the all-jobs feed, the
    named feeds and the page keep only their newest jobs on the way, so memory holds
    a source and a few thousand jobs, not every job. `processes` share the sources
    between them (None: two for a large store where there are two cores, else one).
    Every file changes at the end, or none does (`_Output`).
    """
    config = feeds or FeedsConfig()
    out_dir = Path(out_dir)
    remove_stale_temporaries(out_dir, now)
    base_url = base_url if base_url.endswith("/") else base_url + "/"
    check_against_sources(config, sources or ())

    named = [_named_meta(spec, config, base_url) for spec in config.feeds]
    task = _Task(config, base_url, out_dir, now)
    with _Output() as output:
        found = _Found.merge(task, _render_parts(store, task, output, _parts(store, processes)))
        source_feeds = {source: _source_meta(source, config, base_url)
                        for source in found.sources} if config.per_source else {}
        if config.per_source:
            for source in sorted(set(sources or ()) - set(source_feeds)):
                source_feeds[source] = _source_meta(source, config, base_url)
                _write_feed(output, out_dir, source_feeds[source], [], now)
        metas = [FeedMeta("jobs", f"{config.title}: all open jobs",
                          "Open positions from every tracked careers page, newest first",
                          base_url, config.language, group="all", name="All open jobs")]
        _write_feed(output, out_dir, metas[0], found.everything.newest_first(), now)
        for meta, newest in zip(named, found.named):
            metas.append(meta)
            _write_feed(output, out_dir, meta, newest.newest_first(), now)
        metas += [source_feeds[source] for source in sorted(source_feeds)]
        output.write(out_dir / "feeds.opml", render_opml(metas, config.title))
        output.write(out_dir / "index.html", render_index(
            found.page.newest_first(), metas, config.title, now, config.language,
            total=found.open_count, updated=parse_time(found.updated) if found.updated else None))
    _remove_dropped_feeds(out_dir, {m.slug for m in metas if m.group == "filter"},
                          {m.slug for m in metas})
    return output.written


@dataclass(frozen=True)
class _Task:
    """What rendering a part of the sources needs (sent to other processes)."""

    config: FeedsConfig
    base_url: str
    out_dir: Path
    now: datetime


@dataclass
class _Found:
    """What a pass over sources leaves for the feeds across sources: their newest jobs."""

    everything: _Newest  # the all-jobs feed: Entries
    named: list[_Newest]  # each named feed's: Entries
    page: _Newest  # index.html's: records
    open_count: int = 0
    updated: str = ""  # the newest `updated` of any open job
    sources: list[str] = field(default_factory=list)  # those with open jobs

    @classmethod
    def empty(cls, config: FeedsConfig) -> _Found:
        return cls(_Newest(config.limit),
                   [_Newest(spec.limit or config.limit) for spec in config.feeds],
                   _Newest(config.page_limit))

    @classmethod
    def merge(cls, task: _Task, parts: list[_Found]) -> _Found:
        if len(parts) == 1:
            return parts[0]
        merged = cls.empty(task.config)
        for part in parts:
            merged.everything.take(part.everything)
            for newest, theirs in zip(merged.named, part.named):
                newest.take(theirs)
            merged.page.take(part.page)
            merged.open_count += part.open_count
            merged.updated = max(merged.updated, part.updated)
            merged.sources += part.sources
        return merged


def _render_sources(store: Store, task: _Task, output: _Output,
                    between: tuple[str | None, str | None] = (None, None)) -> _Found:
    """Write the feed of each source `between` those names, keeping the newest for the rest."""
    config, now = task.config, task.now
    found = _Found.empty(config)
    everything, page = found.everything, found.page
    named = [(spec.filter, newest) for spec, newest in zip(config.feeds, found.named)]
    open_count, updated = 0, ""
    for source, group in itertools.groupby(
            store.ranked_by_source(status="open", between=between),
            key=lambda ranked: ranked[1]["source"]):
        check_against_sources(config, [source])
        found.sources.append(source)
        kept: list[Entry] = []  # the source's feed: its newest, made on the way
        for rank, job in group:
            open_count += 1
            stamp = job.get("updated") or job["first_seen"]
            if stamp > updated:
                updated = stamp
            entry = None
            if config.per_source and len(kept) < config.limit:
                entry = Entry.of(job)
                kept.append(entry)
            if everything.wants(rank):
                entry = entry or Entry.of(job)
                everything.add(rank, entry)
            for selects, newest in named:
                if newest.wants(rank) and selects.matches(job):
                    entry = entry or Entry.of(job)
                    newest.add(rank, entry)
            if page.wants(rank):
                page.add(rank, entry.job if entry else job)
        if config.per_source:
            _write_feed(output, task.out_dir, _source_meta(source, config, task.base_url),
                        kept, now)
    found.open_count, found.updated = open_count, updated
    return found


def _parts(store: Store, processes: int | None) -> list[tuple[str | None, str | None]]:
    """The sources split into as many runs of names as there will be processes."""
    if processes is None:
        processes = 1
        if store.location() is not None and _cpus() > 1 \
                and store.count(status="open") >= AUTO_MIN_JOBS:
            processes = min(_cpus(), AUTO_MAX_PROCESSES)
    names = store.source_names() if processes > 1 and store.location() is not None else []
    count = min(processes, len(names))
    if count <= 1:
        return [(None, None)]
    cuts = [names[len(names) * part // count] for part in range(1, count)]
    return list(zip([None, *cuts], [*cuts, None]))


def _cpus() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") \
        else (os.cpu_count() or 1)


def _render_parts(store: Store, task: _Task, output: _Output,
                  parts: list[tuple[str | None, str | None]]) -> list[_Found]:
    """The first part here, the others in worker processes (spawned: a crawl's process
    has threads and open databases); their files join `output`, to change together."""
    if len(parts) == 1:
        return [_render_sources(store, task, output, parts[0])]
    location = store.location()
    with ProcessPoolExecutor(len(parts) - 1,
                             mp_context=multiprocessing.get_context("spawn")) as pool:
        futures = [pool.submit(_render_part, location, task, between) for between in parts[1:]]
        found, error = [], None
        try:
            found.append(_render_sources(store, task, output, parts[0]))
        except BaseException as exc:
            error = exc
        for future in futures:  # every worker's files join `output`, even after an error,
            try:                # so that they are removed with it
                part, pending, written = future.result()
            except BaseException as exc:
                error = error or exc
                continue
            output.adopt(pending, written)
            found.append(part)
        if error is not None:
            raise error
    return found


def _render_part(location: str, task: _Task, between: tuple[str | None, str | None]):
    """In a worker process: the sources `between`, files left as temporaries."""
    output = _Output()
    try:
        with open_store(location) as store:
            found = _render_sources(store, task, output, between)
    except BaseException:
        output.discard()
        raise
    return found, output.pending, output.written


def _source_meta(source: str, config: FeedsConfig, base_url: str) -> FeedMeta:
    return FeedMeta(f"feeds/{source_slug(source)}", f"{config.title}: {source}",
                    f"Open positions from the {source} careers page, newest first",
                    base_url, config.language, group="source", name=source)


def _write_feed(output: _Output, out_dir: Path, meta: FeedMeta, entries: list[Entry],
                now: datetime) -> None:
    for extension, (item, document) in FORMATS.items():
        fragments = []
        for entry in entries:
            fragment = entry.fragments.get(extension)
            if fragment is None:
                fragment = item(entry)
                if isinstance(fragment, str):
                    fragment = fragment.encode("utf-8")
                entry.fragments[extension] = fragment
            fragments.append(fragment)
        output.write(out_dir / f"{meta.slug}.{extension}",
                     document(entries, meta, now, fragments))


class _Newest:
    """The newest `size` of what is offered, by rank (0 is the newest), in any order."""

    def __init__(self, size: int):
        self.size = size
        self._heap: list[tuple[int, int, object]] = []  # (-rank, n, item): oldest on top
        self._count = itertools.count()

    def wants(self, rank: int) -> bool:
        return len(self._heap) < self.size or rank < -self._heap[0][0]

    def add(self, rank: int, item) -> None:
        entry = (-rank, next(self._count), item)
        if len(self._heap) < self.size:
            heapq.heappush(self._heap, entry)
        else:
            heapq.heapreplace(self._heap, entry)

    def take(self, other: _Newest) -> None:
        for negative, _, item in other._heap:
            if self.wants(-negative):
                self.add(-negative, item)

    def newest_first(self) -> list:
        return [item for *_, item in sorted(self._heap, key=lambda entry: entry[:2],
                                            reverse=True)]

    def __getstate__(self):
        return self.size, self._heap

    def __setstate__(self, state):
        self.size, self._heap = state
        self._count = itertools.count(len(self._heap))


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
    if _unchanged(path, data):
        return False
    temporary = _temporary(path, data)
    try:
        with open(temporary, "rb+") as stream:
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise
    return True


class _Output:
    """The files of one publish. Each changed file goes to a temporary file beside its
    place; at the end one filesystem sync makes them all durable, they are renamed into
    place and their folders synced. A run killed at any point leaves every file whole,
    old or new (and temporaries that a later run sweeps); an error before the end
    changes nothing. One sync, not an fsync per file: a 100,000-job publish writes
    6,000 files, and their fsyncs alone took about 18 s."""

    def __init__(self):
        self.written: list[Path] = []
        self.pending: list[tuple[str, Path]] = []  # (temporary, its place)
        self._folders: set[Path] = set()

    def write(self, path: Path, data: bytes) -> bool:
        """Untouched (False) when the file already holds these bytes."""
        if path.parent not in self._folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._folders.add(path.parent)
        if _unchanged(path, data):
            return False
        self.pending.append((_temporary(path, data), path))
        self.written.append(path)
        return True

    def adopt(self, pending: list[tuple[str, Path]], written: list[Path]) -> None:
        """Files another process wrote as temporaries, to change with these."""
        self.pending += pending
        self.written += written
        self._folders.update(path.parent for _, path in pending)

    def commit(self) -> None:
        pending, self.pending = self.pending, []
        if not pending:
            return
        try:
            _make_durable([temporary for temporary, _ in pending])
            while pending:
                temporary, path = pending[0]
                os.replace(temporary, path)
                pending.pop(0)
        finally:
            self.pending = pending  # what was not renamed, for discard()
            self.discard()
        for folder in sorted(self._folders):
            _sync_folder(folder)

    def discard(self) -> None:
        for temporary, _ in self.pending:
            try:
                os.unlink(temporary)
            except FileNotFoundError:
                pass
        self.pending = []

    def __enter__(self) -> _Output:
        return self

    def __exit__(self, exc_type, *_) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.discard()


def _unchanged(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except FileNotFoundError:
        return False


def _temporary(path: Path, data: bytes) -> str:
    """`data` in a new temporary file beside `path` (`.name.xxxx.tmp`), not yet synced."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o644)
    except BaseException:
        os.unlink(temporary)
        raise
    return temporary


try:  # syncfs(2): Linux, the filesystem of one file; elsewhere sync(2) or an fsync a file
    _SYNCFS = ctypes.CDLL(None, use_errno=True).syncfs
except (OSError, AttributeError, TypeError):
    _SYNCFS = None


def _make_durable(files: list[str]) -> None:
    """Flush the written files to disk with one call where the system has one."""
    if _SYNCFS is not None:
        handle = os.open(files[0], os.O_RDONLY)
        try:
            if _SYNCFS(handle) == 0:
                return
        finally:
            os.close(handle)
    if hasattr(os, "sync"):
        os.sync()
        return
    for name in files:
        with open(name, "rb+") as stream:
            os.fsync(stream.fileno())


def _sync_folder(folder: Path) -> None:
    """Make renames in `folder` durable (where folders can be opened: not on Windows)."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)
