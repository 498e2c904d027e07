"""`jobfeed serve`: content types, validators and 304s, as a polling feed reader expects."""

from __future__ import annotations

import http.client
import os
import re
import signal
import subprocess
import sys
import threading
import time
from email.utils import formatdate

import pytest

from feedcheck import NOW, make_job
from feeds.publish import publish
from jobfeed.serve import make_server
from jobfeed.store import SQLiteStore


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    root = tmp_path_factory.mktemp("serve")
    store = SQLiteStore(root / "jobs.db")
    store.save([make_job("Park Ranger")], NOW)
    publish(store, root / "public", NOW, sources=["alder"])
    store.close()
    (root / "public" / "notes.txt").write_text("plain")
    (root / "public" / ".jobs.rss.abc.tmp").write_text("half-written")
    (root / "secret.txt").write_text("outside the folder")
    os.symlink(root / "secret.txt", root / "public" / "link.txt")
    return root / "public"


@pytest.fixture(scope="module")
def server(folder):
    server = make_server(folder, "127.0.0.1", 0, quiet=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def request(port, path, method="GET", **headers):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request(method, path, headers=headers)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response, body


@pytest.mark.parametrize("path, content_type", [
    ("/jobs.rss", "application/rss+xml; charset=utf-8"),
    ("/jobs.atom", "application/atom+xml; charset=utf-8"),
    ("/jobs.json", "application/feed+json; charset=utf-8"),
    ("/feeds/alder.json", "application/feed+json; charset=utf-8"),
    ("/feeds.opml", "text/x-opml; charset=utf-8"),
    ("/index.html", "text/html; charset=utf-8"),
    ("/", "text/html; charset=utf-8"),
    ("/notes.txt", "text/plain; charset=utf-8"),
])
def test_content_types(server, folder, path, content_type):
    response, body = request(server, path)
    assert response.status == 200
    assert response.getheader("Content-Type") == content_type
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    assert int(response.getheader("Content-Length")) == len(body)
    expected = folder / (path.lstrip("/") or "index.html")
    assert body == expected.read_bytes()


def test_etag_and_last_modified_give_304(server, folder):
    first, body = request(server, "/jobs.rss")
    etag, modified = first.getheader("ETag"), first.getheader("Last-Modified")
    assert re.fullmatch(r'"[0-9a-f]{32}"', etag)
    assert modified == formatdate(int((folder / "jobs.rss").stat().st_mtime), usegmt=True)
    assert first.getheader("Cache-Control") == "no-cache"

    again, body = request(server, "/jobs.rss", **{"If-None-Match": etag})
    assert (again.status, body) == (304, b"")
    assert again.getheader("ETag") == etag and again.getheader("Last-Modified") == modified
    for tags in (f'"x", {etag}', f"W/{etag}", "*"):
        assert request(server, "/jobs.rss", **{"If-None-Match": tags})[0].status == 304
    assert request(server, "/jobs.rss", **{"If-Modified-Since": modified})[0].status == 304
    # If-None-Match decides when both are sent (RFC 9110 13.2.2).
    stale = request(server, "/jobs.rss", **{"If-None-Match": '"old"',
                                             "If-Modified-Since": modified})
    assert stale[0].status == 200 and stale[1]
    earlier = formatdate(int((folder / "jobs.rss").stat().st_mtime) - 3600, usegmt=True)
    assert request(server, "/jobs.rss", **{"If-Modified-Since": earlier})[0].status == 200
    assert request(server, "/jobs.rss", **{"If-Modified-Since": "yesterday"})[0].status == 200


def test_a_new_version_of_a_file_gets_a_new_etag(server, folder):
    path = folder / "notes.txt"
    first = request(server, "/notes.txt")[0].getheader("ETag")
    path.write_text("changed")
    os.utime(path, (time.time() + 5, time.time() + 5))
    response, body = request(server, "/notes.txt", **{"If-None-Match": first})
    assert response.status == 200 and body == b"changed"
    assert response.getheader("ETag") != first


def test_head_sends_headers_without_a_body(server):
    response, body = request(server, "/jobs.atom", method="HEAD")
    assert response.status == 200 and body == b""
    assert int(response.getheader("Content-Length")) > 0


@pytest.mark.parametrize("path", [
    "/missing.rss", "/.jobs.rss.abc.tmp", "/../secret.txt", "/%2e%2e/secret.txt",
    "/feeds/..%2f..%2fsecret.txt", "/link.txt", "/feeds/%00.rss", "/..\\secret.txt",
])
def test_only_files_inside_the_folder_are_served(server, path):
    response, body = request(server, path)
    assert response.status == 404
    assert b"outside the folder" not in body and b"half-written" not in body


def test_folders_redirect_to_a_slash_and_writes_are_refused(server):
    response, _ = request(server, "/feeds")
    assert response.status == 301 and response.getheader("Location") == "/feeds/"
    assert request(server, "/feeds/")[0].status == 404  # no index.html there, no listing
    response, _ = request(server, "/feeds", method="POST")
    assert response.status == 405 and response.getheader("Allow") == "GET, HEAD"


def test_the_command_serves_until_interrupted(folder):
    process = subprocess.Popen(
        [sys.executable, "-m", "jobfeed", "serve", str(folder), "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline()
        match = re.search(r"at http://127\.0\.0\.1:(\d+)/", line)
        assert match, line + process.stderr.read()
        response, body = request(int(match.group(1)), "/feeds.opml")
        assert response.status == 200 and body.startswith(b"<?xml")
    finally:
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=10) == 0


def test_the_command_explains_a_missing_folder(tmp_path):
    result = subprocess.run([sys.executable, "-m", "jobfeed", "serve", str(tmp_path / "nope")],
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 2
    assert "does not exist; run `jobfeed crawl` or `jobfeed publish` first" in result.stderr
