"""A web server on 127.0.0.1 whose pages misbehave on purpose, for the robustness tests.

Each path has a behaviour: serve a page (with ETag and Last-Modified, answering 304 to
a conditional request), hold a request until the test lets it through, hang past the
client's timeout, reset the connection, answer
500/503/429 with Retry-After (a number of times, then serve), truncate the body, loop
redirects, 404, or send 20 MB. Every request is logged with the bytes sent back, so a
test can count what a crawl cost.
"""

from __future__ import annotations

import hashlib
import socket
import struct
import threading
import time
from dataclasses import dataclass, field
from typing import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LAST_MODIFIED = "Fri, 20 Nov 2026 08:00:00 GMT"


@dataclass
class Hit:
    path: str
    headers: dict
    status: int | None = None
    sent: int = 0  # bytes written back, headers included
    at: float = field(default_factory=time.monotonic)


@dataclass
class Behaviour:
    kind: str  # page, wait, hang, reset, status, truncate, redirect_loop, huge
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    retry_after: str | Callable[[], str] | None = None  # a callable: computed when sent
    times: int | None = None  # a fault that happens this many times, then the page is served
    validators: bool = True  # ETag and Last-Modified
    size: int = 0
    served: int = 0
    page: "Behaviour | None" = None  # what a fault with `times` serves once it is over
    gate: threading.Event | None = None  # "wait": the page is served once this is set


class FaultServer:
    def __init__(self):
        self.routes: dict[str, Behaviour] = {}
        self.hits: list[Hit] = []
        self.released = threading.Event()  # frees hanging handlers when the test ends
        self.lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):
                hit = Hit(self.path, {k.lower(): v for k, v in self.headers.items()})
                with server.lock:
                    server.hits.append(hit)
                    behaviour = server.routes.get(self.path.split("?")[0])
                try:
                    server.respond(self, hit, behaviour)
                except OSError:
                    self.close_connection = True  # the client went away (timeout, too big)

            def log_message(self, *args):
                pass

        class Server(ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request, client_address):
                pass  # resets and broken pipes are the point here

        self.server = Server(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    # -- set up ----------------------------------------------------------------------------

    def page(self, path: str, body: bytes | str, *, content_type="text/html; charset=utf-8",
             validators: bool = True) -> None:
        body = body.encode() if isinstance(body, str) else body
        self.routes[path] = Behaviour("page", body, content_type, validators=validators)

    def fault(self, path: str, kind: str, *, times: int | None = None, **params) -> None:
        """Make `path` misbehave; with `times`, only that often, then serve its page."""
        before = self.routes.get(path) or Behaviour("page")
        behaviour = Behaviour(kind, before.body, before.content_type, times=times,
                              validators=before.validators, page=before, **params)
        self.routes[path] = behaviour

    def url(self, path: str) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}{path}"

    def requests_to(self, prefix: str) -> list[Hit]:
        with self.lock:
            return [hit for hit in self.hits if hit.path.startswith(prefix)]

    def __enter__(self) -> "FaultServer":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.released.set()
        for behaviour in self.routes.values():
            if behaviour.gate is not None:
                behaviour.gate.set()
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)

    # -- behaviours ------------------------------------------------------------------------

    def respond(self, handler, hit: Hit, behaviour: Behaviour | None) -> None:
        if behaviour is None:
            return self.send(handler, hit, 404, b"<h1>Not found</h1>")
        if behaviour.kind != "page" and behaviour.times is not None:
            with self.lock:
                behaviour.served += 1
                exhausted = behaviour.served > behaviour.times
            if exhausted:
                behaviour = behaviour.page
        kind = behaviour.kind
        if kind == "page":
            return self.serve_page(handler, hit, behaviour)
        if kind == "wait":  # hold the request until the test opens the gate, then serve
            behaviour.gate.wait(60)
            return self.serve_page(handler, hit, behaviour.page)
        if kind == "hang":  # say nothing until the client gives up (or the test ends)
            self.released.wait(60)
            handler.close_connection = True
            return None
        if kind == "reset":  # RST instead of a response
            handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                          struct.pack("ii", 1, 0))
            handler.close_connection = True
            handler.connection.close()
            return None
        if kind == "status":
            after = behaviour.retry_after
            headers = {"Retry-After": after() if callable(after) else after} if after else {}
            return self.send(handler, hit, behaviour.status,
                             f"<h1>Error {behaviour.status}</h1>".encode(), headers)
        if kind == "truncate":  # promise the whole page, send half, hang up
            body = behaviour.body
            head = self.head(200, {"Content-Type": behaviour.content_type,
                                   "Content-Length": str(len(body))})
            handler.wfile.write(head + body[:len(body) // 2])
            handler.wfile.flush()
            hit.status, hit.sent = 200, len(head) + len(body) // 2
            handler.close_connection = True
            return None
        if kind == "redirect_loop":  # /a -> /a?1 -> /a?2 ... never a page
            n = int(hit.path.partition("?")[2] or 0) + 1
            return self.send(handler, hit, 302, b"",
                             {"Location": f"{hit.path.split('?')[0]}?{n}"})
        if kind == "huge":
            chunk = b"<p>" + b"x" * 1020 + b"</p>"
            count = behaviour.size // len(chunk)
            head = self.head(200, {"Content-Type": "text/html; charset=utf-8",
                                   "Content-Length": str(count * len(chunk))})
            handler.wfile.write(head)
            hit.status, hit.sent = 200, len(head)
            for _ in range(count):
                handler.wfile.write(chunk)
                hit.sent += len(chunk)
            return None
        raise ValueError(f"unknown behaviour {kind!r}")

    def serve_page(self, handler, hit: Hit, page: Behaviour) -> None:
        headers = {"Content-Type": page.content_type}
        if page.validators:
            etag = '"' + hashlib.sha1(page.body).hexdigest()[:16] + '"'
            headers.update({"ETag": etag, "Last-Modified": LAST_MODIFIED})
            if hit.headers.get("if-none-match") == etag:
                return self.send(handler, hit, 304, b"", headers, content_length=False)
        return self.send(handler, hit, 200, page.body, headers)

    @staticmethod
    def head(status: int, headers: dict) -> bytes:
        lines = [f"HTTP/1.1 {status} {'OK' if status == 200 else 'Status'}"]
        lines += [f"{name}: {value}" for name, value in headers.items()]
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")

    def send(self, handler, hit: Hit, status: int, body: bytes, headers: dict | None = None,
             content_length: bool = True) -> None:
        headers = dict(headers or {})
        headers.setdefault("Content-Type", "text/html; charset=utf-8")
        if content_length:
            headers["Content-Length"] = str(len(body))
        data = self.head(status, headers) + body
        handler.wfile.write(data)
        handler.wfile.flush()
        hit.status, hit.sent = status, len(data)
