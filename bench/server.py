"""The benchmark's web server: the corpus from memory, on 127.0.0.1, in its own process.

A bare asyncio protocol speaking just enough HTTP/1.1 (keep-alive, ETag and
Last-Modified, 304 for If-None-Match / If-Modified-Since, 404), so a single core
serves far more pages a second than a Scrapy process can fetch. Two paths are for
the benchmark itself and are not counted: `/__stats` (JSON counters, the server's
CPU time) and `/__reset`.

    python -m bench.server --sites 300 [--seed 1] [--today 2026-11-20]

prints `READY <port>` once it listens.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import resource
import socket
import sys
import time
from datetime import date
from email.utils import formatdate

from bench.corpus import ROBOTS_TXT, generate

_LAST_MODIFIED = formatdate(1_700_000_000, usegmt=True).encode()


class Corpus:
    def __init__(self, pages: dict[str, bytes]):
        self.responses: dict[bytes, tuple[bytes, bytes, bytes]] = {}
        for path, body in pages.items():
            etag = b'"' + hashlib.blake2b(body, digest_size=8).hexdigest().encode() + b'"'
            ctype = b"text/plain" if path == "/robots.txt" else b"text/html; charset=utf-8"
            head = (b"HTTP/1.1 200 OK\r\nContent-Type: " + ctype
                    + b"\r\nContent-Length: " + str(len(body)).encode()
                    + b"\r\nETag: " + etag + b"\r\nLast-Modified: " + _LAST_MODIFIED
                    + b"\r\n")
            self.responses[path.encode()] = (head, body, etag)
        self.reset()

    def reset(self) -> None:
        self.requests = self.not_modified = self.not_found = self.bytes = 0
        self.first = self.last = None
        self.cpu_at_reset = _cpu()
        self.wall_at_reset = time.monotonic()

    def stats(self) -> dict:
        now = time.monotonic()
        return {"requests": self.requests, "not_modified": self.not_modified,
                "not_found": self.not_found, "bytes": self.bytes,
                "window": (self.last - self.first) if self.first is not None else 0.0,
                # time.monotonic() is system-wide on Linux: the caller compares these
                # with its own clock to split a crawl into start-up, crawl and tail.
                "first_at": self.first, "last_at": self.last,
                "cpu": round(_cpu() - self.cpu_at_reset, 3),
                "wall": round(now - self.wall_at_reset, 3),
                "pages": len(self.responses)}


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


class HTTPProtocol(asyncio.Protocol):
    def __init__(self, corpus: Corpus):
        self.corpus = corpus
        self.buffer = b""

    def connection_made(self, transport):
        self.transport = transport

    def data_received(self, data):
        self.buffer += data
        while True:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            head, self.buffer = self.buffer[:end], self.buffer[end + 4:]
            if not self.respond(head):
                self.transport.close()
                return

    def respond(self, head: bytes) -> bool:
        """Answer one request; False closes the connection."""
        lines = head.split(b"\r\n")
        try:
            method, target, version = lines[0].split(b" ", 2)
        except ValueError:
            return False
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(b":")
            headers[name.strip().lower()] = value.strip()
        keep = headers.get(b"connection", b"").lower() != b"close" and version == b"HTTP/1.1"
        path = target.split(b"#", 1)[0]
        corpus = self.corpus
        if path.startswith(b"/__"):
            return self.control(path, keep)
        now = time.monotonic()
        if corpus.first is None:
            corpus.first = now
        corpus.last = now
        corpus.requests += 1
        found = corpus.responses.get(path)
        connection = b"Connection: keep-alive\r\n\r\n" if keep else b"Connection: close\r\n\r\n"
        if found is None:
            corpus.not_found += 1
            self.transport.write(b"HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\n"
                                 b"Content-Length: 9\r\n" + connection + b"not found")
            return keep
        head_bytes, body, etag = found
        if headers.get(b"if-none-match") == etag or (
                b"if-none-match" not in headers
                and headers.get(b"if-modified-since") == _LAST_MODIFIED):
            corpus.not_modified += 1
            self.transport.write(b"HTTP/1.1 304 Not Modified\r\nETag: " + etag
                                 + b"\r\nLast-Modified: " + _LAST_MODIFIED + b"\r\n" + connection)
            return keep
        corpus.bytes += len(body)
        self.transport.write(head_bytes + connection + (b"" if method == b"HEAD" else body))
        return keep

    def control(self, path: bytes, keep: bool) -> bool:
        if path == b"/__reset":
            self.corpus.reset()
        payload = json.dumps(self.corpus.stats()).encode()
        self.transport.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                             b"Content-Length: " + str(len(payload)).encode() + b"\r\n"
                             + (b"Connection: keep-alive\r\n\r\n" if keep
                                else b"Connection: close\r\n\r\n") + payload)
        return keep


def serve(sites: int, seed: int, today: date, port: int = 0) -> None:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", port))
    sock.listen(1024)
    port = sock.getsockname()[1]
    base_url = f"http://127.0.0.1:{port}"
    pages = {"/robots.txt": ROBOTS_TXT}
    for site in generate(sites, seed=seed, today=today, base_url=base_url):
        pages.update(site.pages)
    corpus = Corpus(pages)
    del pages

    async def main():
        loop = asyncio.get_running_loop()
        server = await loop.create_server(lambda: HTTPProtocol(corpus), sock=sock)
        print(f"READY {port}", flush=True)
        async with server:
            await server.serve_forever()

    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        pass


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--today", type=date.fromisoformat, default=date.today())
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args(argv)
    serve(args.sites, args.seed, args.today, args.port)


if __name__ == "__main__":
    main(sys.argv[1:])
