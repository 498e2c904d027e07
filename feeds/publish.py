"""The publisher: query the store, render every feed, write files atomically."""

from __future__ import annotations

import os
import tempfile
from datetime import datetime
from pathlib import Path

from feeds.jsonfeed import render_json
from feeds.meta import FeedMeta
from feeds.xmlfeeds import render_atom, render_rss
from jobfeed.store import Store

RENDERERS = {"rss": render_rss, "atom": render_atom, "json": render_json}
DEFAULT_BASE_URL = "http://localhost:8000/"  # where `jobfeed serve` serves the folder


def publish(store: Store, out_dir: str | Path, now: datetime, *,
            base_url: str = DEFAULT_BASE_URL, sources: list[str] | None = None) -> list[Path]:
    """Write jobs.{rss,atom,json} and feeds/<source>.{rss,atom,json}; return changed files."""
    out_dir = Path(out_dir)
    base_url = base_url if base_url.endswith("/") else base_url + "/"
    feeds = [(FeedMeta("jobs", "jobfeed: all open jobs",
                       "Open positions from every tracked careers page, newest first",
                       base_url), store.jobs(status="open"))]
    for source in sorted(sources or []):
        feeds.append((FeedMeta(f"feeds/{source}", f"jobfeed: {source}",
                               f"Open positions from the {source} careers page", base_url),
                      store.jobs(status="open", source=source)))
    written = []
    for meta, jobs in feeds:
        for extension, render in RENDERERS.items():
            path = out_dir / f"{meta.slug}.{extension}"
            if write_atomically(path, render(jobs, meta, now)):
                written.append(path)
    return written


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
