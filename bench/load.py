"""How many pages a second the benchmark's server can give: a keep-alive asyncio client.

    python -m bench.load URLS_FILE [--seconds 3] [--connections 32]

prints JSON {"requests", "seconds", "per_second"}. The client is one Python process
too, so this is a lower bound of what the server can do.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import sys
import time
from urllib.parse import urlsplit


async def worker(host: str, port: int, paths, deadline: float, counter: list[int]) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    try:
        while time.monotonic() < deadline:
            path = next(paths)
            writer.write(b"GET " + path + b" HTTP/1.1\r\nHost: x\r\n\r\n")
            head = await reader.readuntil(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n"):
                if line[:15].lower() == b"content-length:":
                    length = int(line[15:])
            if length:
                await reader.readexactly(length)
            counter[0] += 1
    finally:
        writer.close()


async def load(urls: list[str], seconds: float, connections: int) -> dict:
    parts = urlsplit(urls[0])
    paths = itertools.cycle([urlsplit(u).path.encode() or b"/" for u in urls])
    counter = [0]
    start = time.monotonic()
    deadline = start + seconds
    await asyncio.gather(*(worker(parts.hostname, parts.port, paths, deadline, counter)
                           for _ in range(connections)))
    elapsed = time.monotonic() - start
    return {"requests": counter[0], "seconds": round(elapsed, 3),
            "per_second": round(counter[0] / elapsed, 1)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("urls")
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--connections", type=int, default=32)
    args = parser.parse_args(argv)
    with open(args.urls, encoding="utf-8") as stream:
        urls = [line.strip() for line in stream if line.strip()]
    print(json.dumps(asyncio.run(load(urls, args.seconds, args.connections))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
