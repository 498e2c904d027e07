"""`jobfeed serve`: the feeds folder over HTTP, as a feed reader polling every hour expects.

Right content types (application/rss+xml, application/atom+xml, application/feed+json,
text/x-opml), a strong ETag from the bytes, Last-Modified from the file, and 304 Not
Modified for If-None-Match / If-Modified-Since. Only files inside the folder are
served: no dot files (the publisher's temporary files), no `..`, no directory listings.
"""

from __future__ import annotations

import hashlib
import mimetypes
import os
import re
import sys
import threading
from email.utils import formatdate, parsedate_to_datetime
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

import jobfeed

CONTENT_TYPES = {
    ".rss": "application/rss+xml; charset=utf-8",
    ".atom": "application/atom+xml; charset=utf-8",
    ".opml": "text/x-opml; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".json": "application/json; charset=utf-8",
}
JSON_FEED = "application/feed+json; charset=utf-8"
_JSON_FEED_MARK = re.compile(rb'"version"\s*:\s*"https://jsonfeed.org/version/1')


def content_type(path: Path, head: bytes) -> str:
    """By extension; a .json file is a JSON Feed when it says so near its start."""
    suffix = path.suffix.lower()
    if suffix == ".json" and _JSON_FEED_MARK.search(head[:512]):
        return JSON_FEED
    return CONTENT_TYPES.get(suffix) or mimetypes.guess_type(path.name)[0] \
        or "application/octet-stream"


class _Entity:
    """A file's bytes and validators, cached while its (mtime, size) stay the same."""

    __slots__ = ("key", "body", "etag", "modified", "type")

    def __init__(self, path: Path, stat: os.stat_result):
        self.key = (stat.st_mtime_ns, stat.st_size)
        self.body = path.read_bytes()
        self.etag = '"' + hashlib.sha256(self.body).hexdigest()[:32] + '"'
        self.modified = int(stat.st_mtime)
        self.type = content_type(path, self.body)


class FeedFolderHandler(BaseHTTPRequestHandler):
    server_version = f"jobfeed/{jobfeed.__version__}"
    protocol_version = "HTTP/1.1"
    root: Path = Path("public")
    quiet = False
    _cache: dict[Path, _Entity] = {}
    _lock = threading.Lock()

    def do_GET(self):
        self._respond(with_body=True)

    def do_HEAD(self):
        self._respond(with_body=False)

    def _not_allowed(self):
        self.send_response(HTTPStatus.METHOD_NOT_ALLOWED)
        self.send_header("Allow", "GET, HEAD")
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_POST = do_PUT = do_DELETE = do_PATCH = _not_allowed

    def _respond(self, with_body: bool):
        path = self._resolve()
        if path is None:
            self.send_error(HTTPStatus.NOT_FOUND)
            return
        if path.is_dir():
            raw_path = urlsplit(self.path).path
            if not raw_path.endswith("/"):
                self.send_response(HTTPStatus.MOVED_PERMANENTLY)
                self.send_header("Location", raw_path + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            path = path / "index.html"
        try:
            entity = self._entity(path)
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError, PermissionError):
            self.send_error(HTTPStatus.NOT_FOUND)
            return
        if self._not_modified(entity):
            self.send_response(HTTPStatus.NOT_MODIFIED)
            self._validators(entity)
            self.end_headers()
            return
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", entity.type)
        self.send_header("Content-Length", str(len(entity.body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self._validators(entity)
        self.end_headers()
        if with_body:
            self.wfile.write(entity.body)

    def _validators(self, entity: _Entity):
        self.send_header("ETag", entity.etag)
        self.send_header("Last-Modified", formatdate(entity.modified, usegmt=True))
        # Readers may keep a copy but must ask again; the answer is a cheap 304.
        self.send_header("Cache-Control", "no-cache")

    def _not_modified(self, entity: _Entity) -> bool:
        """RFC 9110 13.2.2: If-None-Match decides when present, else If-Modified-Since."""
        if_none_match = self.headers.get("If-None-Match")
        if if_none_match is not None:
            tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
            return "*" in tags or entity.etag in tags
        since = self.headers.get("If-Modified-Since")
        if since:
            try:
                moment = parsedate_to_datetime(since)
            except (TypeError, ValueError, IndexError):
                return False
            return moment is not None and entity.modified <= moment.timestamp()
        return False

    def _resolve(self) -> Path | None:
        """The file under the root for this URL path, or None for anything unsafe."""
        raw = unquote(urlsplit(self.path).path)
        parts = [p for p in raw.split("/") if p]
        if any(p.startswith(".") or "\\" in p or "\x00" in p for p in parts):
            return None
        root = self.root.resolve()
        path = root.joinpath(*parts).resolve() if parts else root
        if path != root and root not in path.parents:
            return None  # a symlink that leads out of the folder
        return path if path.exists() else None

    def _entity(self, path: Path) -> _Entity:
        stat = path.stat()
        with self._lock:
            cached = self._cache.get(path)
            if cached is None or cached.key != (stat.st_mtime_ns, stat.st_size):
                cached = self._cache[path] = _Entity(path, stat)
            return cached

    def log_message(self, format, *args):
        if not self.quiet:
            sys.stderr.write(f"{self.address_string()} - {format % args}\n")


def make_server(directory: str | Path, host: str = "127.0.0.1", port: int = 8000, *,
                quiet: bool = False) -> ThreadingHTTPServer:
    """A server for `directory` (not yet serving: call serve_forever, or use a thread)."""
    handler = type("Handler", (FeedFolderHandler,), {
        "root": Path(directory), "quiet": quiet, "_cache": {}, "_lock": threading.Lock()})
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    return server


def serve(directory: str | Path, host: str = "127.0.0.1", port: int = 8000) -> int:
    """`jobfeed serve`: serve until Ctrl-C; exit code 0, or 2 when it cannot start."""
    directory = Path(directory)
    if not directory.is_dir():
        print(f"jobfeed: error: {directory}/ does not exist; run `jobfeed crawl` or "
              "`jobfeed publish` first", file=sys.stderr)
        return 2
    try:
        server = make_server(directory, host, port)
    except OSError as exc:
        print(f"jobfeed: error: cannot listen on {host}:{port}: {exc.strerror or exc}",
              file=sys.stderr)
        return 2
    bound_host, bound_port = server.server_address[:2]
    shown = f"[{bound_host}]" if ":" in bound_host else bound_host
    print(f"serving {directory}/ at http://{shown}:{bound_port}/ (Ctrl-C to stop)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0
