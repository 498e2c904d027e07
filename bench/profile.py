"""Where a profiled `jobfeed crawl` spends its time, by part of the code.

    python -m bench.profile crawl.prof [--top 25]

(`python -m bench --profile` writes one.) Each part is the cumulative time of its
entry points, so callees are counted with their caller's part; "Scrapy, Twisted,
asyncio" is what is left of the reactor's run. Profiling slows Python code more than
C code, so read the shares as a guide and time the winners without a profiler.
"""

from __future__ import annotations

import argparse
import pstats
import sys

# part -> entry points (path fragment, function name); cumulative times are summed.
PARTS = {
    "extraction: listing pages (extract_page)": [("jobfeed/extract/__init__.py", "extract_page")],
    "extraction: detail pages (merge_detail)": [("jobfeed/extract/detail.py", "merge_detail")],
    "pipeline: normalise": [("pipelines/normalise.py", "process_item")],
    "pipeline: validate": [("pipelines/validate.py", "process_item")],
    "pipeline: dedupe": [("pipelines/dedupe.py", "process_item")],
    "pipeline: store (batches, close_missing)": [("pipelines/store.py", "process_item"),
                                                  ("pipelines/store.py", "close_spider")],
    "HTTP cache (SQLite storage, policy)": [("jobfeed/httpcache.py", "retrieve_response"),
                                            ("jobfeed/httpcache.py", "store_response"),
                                            ("jobfeed/httpcache.py", "is_cached_response_fresh"),
                                            ("jobfeed/httpcache.py", "is_cached_response_valid"),
                                            ("jobfeed/httpcache.py", "should_cache_response")],
    "run monitor signals": [("jobfeed/monitor.py", name) for name in (
        "request_scheduled", "request_reached", "bytes_received", "response_received",
        "request_left")],
    "publish (feeds, OPML, index.html)": [("feeds/publish.py", "publish")],
    "run report and status feed": [("jobfeed/status.py", "write_status_feed"),
                                   ("jobfeed/report.py", "write"),
                                   ("jobfeed/report.py", "alerts_for")],
    "imports": [("<frozen importlib._bootstrap>", "_find_and_load")],
}
REACTOR = ("asyncio/base_events.py", "run_forever")


def breakdown(path: str) -> tuple[float, list[tuple[str, float]]]:
    stats = pstats.Stats(path).stats  # (file, line, func) -> (cc, nc, tt, ct, callers)
    total = max(v[3] for v in stats.values())

    def cumulative(fragment: str, name: str) -> float:
        found = 0.0
        for (file, _, func), (cc, nc, tt, ct, callers) in stats.items():
            if func == name and fragment in file:
                # Recursive entries (imports) count only where called from outside.
                inner = sum(c[3] for caller, c in callers.items()
                            if caller[2] == name and fragment in caller[0])
                found += ct - inner
        return found

    rows = [(part, sum(cumulative(f, n) for f, n in entries)) for part, entries in PARTS.items()]
    reactor = cumulative(*REACTOR)
    inside = sum(t for part, t in rows if part not in ("imports", "publish (feeds, OPML, "
                                                       "index.html)", "run report and status feed"))
    rows.append(("Scrapy, Twisted, asyncio (the rest of the reactor's run)",
                 max(0.0, reactor - inside)))
    rows.append(("other (CLI, settings, start-up outside imports)",
                 max(0.0, total - reactor - sum(t for part, t in rows if part in (
                     "imports", "publish (feeds, OPML, index.html)",
                     "run report and status feed")))))
    return total, rows


def top_functions(path: str, top: int) -> list[tuple[str, float]]:
    stats = pstats.Stats(path).stats
    rows = sorted(stats.items(), key=lambda kv: kv[1][2], reverse=True)[:top]
    return [(f"{file.rsplit('site-packages/', 1)[-1]}:{line}({func})", value[2])
            for (file, line, func), value in rows]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("profile")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args(argv)
    total, rows = breakdown(args.profile)
    print(f"total {total:.1f} s (profiled)")
    for part, seconds in sorted(rows, key=lambda r: -r[1]):
        print(f"{100 * seconds / total:5.1f}%  {seconds:7.2f} s  {part}")
    print(f"\ntop {args.top} functions by own time:")
    for name, seconds in top_functions(args.profile, args.top):
        print(f"{100 * seconds / total:5.1f}%  {seconds:7.2f} s  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
