"""jobfeed's benchmarks: where the time goes, and how it grows.

    python -m bench                      # default sizes: a few minutes on 2 cores
    python -m bench --full               # 100, 1,000 and 2,000 sites; 1k/10k/100k-job stores
    python -m bench --sites 1000 --only crawl
    python -m bench --profile crawl      # also write a cProfile of `jobfeed crawl`

One local server (bench.server, its own process) serves a generated corpus of careers
sites (bench.corpus). For each size it measures, side by side, in subprocesses (a
Twisted reactor cannot restart):

- bare:    a Scrapy spider fetching the same URLs and parsing nothing (the ceiling);
- jobfeed: `jobfeed crawl` end to end (crawl, extraction, pipelines, store, publish);
- rerun:   `jobfeed crawl` again on the same store and HTTP cache, nothing changed.

Then publish time and peak memory from generated stores, extraction cost per page
against `lxml.html.fromstring`, and date parsing against `dateparser.parse`.
It prints a table and writes bench/results/<date>.json.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import date, datetime, timezone
from pathlib import Path

from bench.corpus import TEMPLATES, generate, sources_yaml
from bench.measure import run_measured

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results"
PYTHON = sys.executable
DEFAULT_SITES = (100, 300)
FULL_SITES = (100, 1000, 2000)
DEFAULT_JOBS = (1_000, 10_000)
FULL_JOBS = (1_000, 10_000, 100_000)
PUBLISH_TIMEOUT = 1800  # seconds; a slower publish is reported as such
DEFAULT_CONCURRENCY = 32
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # 127.0.0.1 only


def child_env() -> dict:
    """The environment for subprocesses: no proxies (everything is on 127.0.0.1)."""
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


# --- the server ----------------------------------------------------------------------

class Server:
    """bench.server in a subprocess, serving the first `sites` sites of the corpus."""

    def __init__(self, sites: int, today: date, seed: int = 1):
        self.sites, self.today, self.seed = sites, today, seed

    def __enter__(self) -> "Server":
        self.process = subprocess.Popen(
            [PYTHON, "-m", "bench.server", "--sites", str(self.sites), "--seed", str(self.seed),
             "--today", self.today.isoformat()],
            cwd=ROOT, env=child_env(), stdout=subprocess.PIPE, text=True)
        line = self.process.stdout.readline()
        if not line.startswith("READY "):
            self.process.kill()
            raise RuntimeError(f"bench.server did not start: {line!r}")
        self.port = int(line.split()[1])
        self.base_url = f"http://127.0.0.1:{self.port}"
        return self

    def __exit__(self, *exc) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()

    def _get(self, path: str) -> dict:
        with _OPENER.open(self.base_url + path, timeout=10) as response:
            return json.loads(response.read())

    def reset(self) -> None:
        self._get("/__reset")

    def stats(self) -> dict:
        return self._get("/__stats")


# --- crawls --------------------------------------------------------------------------

def crawl_settings(concurrency: int) -> list[str]:
    """The same -s overrides for the bare spider and `jobfeed crawl`: no politeness
    delays, equal concurrency (one host, so per-domain equals the total), robots.txt
    obeyed (the server serves one)."""
    pairs = {"CONCURRENT_REQUESTS": concurrency, "CONCURRENT_REQUESTS_PER_DOMAIN": concurrency,
             "DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": "False", "ROBOTSTXT_OBEY": "True"}
    out = []
    for name, value in pairs.items():
        out += ["-s", f"{name}={value}"]
    return out


def crawl_rates(measured, stats: dict, pages_read: int | None = None) -> dict:
    """Rates of one crawl. `pages` are the requests the server answered; `pages_read`
    (from jobfeed's run report) also counts pages its HTTP cache answered."""
    pages = stats["requests"]
    read = pages_read if pages_read is not None else pages
    first, last = stats.get("first_at"), stats.get("last_at")
    window = stats["window"]
    return {
        "pages": pages,
        "pages_read": read,
        "not_modified": stats["not_modified"],
        "not_found": stats["not_found"],
        "wall_s": round(measured.wall, 2),
        # start-up: process start to first request; tail: last request to exit
        # (closing the spider, the store, publishing, the run report)
        "startup_s": round(first - measured.started_at, 2) if first else None,
        "window_s": round(window, 2),
        "tail_s": round(measured.ended_at - last, 2) if last else None,
        "cpu_s": round(measured.cpu, 2),
        "peak_mb": round(measured.peak_mb, 1),
        "tree_peak_mb": round(measured.tree_peak_mb, 1),  # with extraction processes
        "pages_per_s": round(read / measured.wall, 1) if measured.wall else None,
        "window_pages_per_s": round(pages / window, 1) if window else None,
        "cpu_ms_per_page": round(1000 * measured.cpu / read, 2) if read else None,
        "wall_ms_per_page": round(1000 * measured.wall / read, 2) if read else None,
        "server_cpu_s": stats["cpu"],
        "server_busy": round(stats["cpu"] / measured.wall, 3) if measured.wall else None,
        "returncode": measured.returncode,
    }


def run_report(db: Path) -> dict:
    """Totals from the newest run report `jobfeed crawl` wrote next to the store."""
    reports = sorted(glob.glob(str(db.parent / "runs" / "*.json")))
    if not reports:
        return {}
    data = json.loads(Path(reports[-1]).read_text())
    statuses: dict[str, int] = {}
    jobs = unchanged = pages = 0
    for source in data["sources"].values():
        statuses[source["status"]] = statuses.get(source["status"], 0) + 1
        jobs += source["jobs"]
        pages += source["pages"]
        unchanged += source.get("unchanged", 0)
    return {"statuses": statuses, "jobs": jobs, "report_pages": pages, "unchanged": unchanged,
            "exit_code": data.get("exit_code")}


def bench_crawl(server: Server, sites: int, work: Path, concurrency: int, repeat: int = 1,
                profile: bool = False, extra: list[str] | None = None) -> dict:
    """Bare spider, then `jobfeed crawl` on a new store, then again unchanged; each
    `repeat` times, keeping the fastest (the machine may be shared)."""
    corpus = generate(sites, seed=server.seed, today=server.today, base_url=server.base_url)
    folder = work / f"crawl-{sites}"
    folder.mkdir(parents=True, exist_ok=True)
    urls = folder / "urls.txt"
    urls.write_text("".join(f"{server.base_url}{path}\n" for site in corpus
                            for path in site.pages))
    sources = folder / "sources.yaml"
    sources.write_text(sources_yaml(corpus, server.base_url))
    settings = crawl_settings(concurrency)
    env = child_env()
    jobfeed = str(Path(PYTHON).with_name("jobfeed"))
    results = {"sites": sites, "expected_pages": sum(len(site.pages) for site in corpus),
               "expected_jobs": sum(len(site.jobs) for site in corpus)}
    for attempt in range(repeat):
        server.reset()
        bare = run_measured([PYTHON, "-m", "bench.bare", str(urls), *settings], cwd=ROOT,
                            env=env)
        if bare.returncode:
            raise RuntimeError(f"bare spider failed:\n{bare.stderr[-3000:]}")
        _keep_best(results, "bare", crawl_rates(bare, server.stats()))

        var = folder / f"var-{attempt}"
        shutil.rmtree(var, ignore_errors=True)
        db = var / "jobfeed.db"
        cmd = [jobfeed, "crawl", "--sources", str(sources), "--db", str(db),
               "--out", str(var / "public"), *settings, *(extra or [])]
        for name in ("jobfeed", "rerun"):
            server.reset()
            measured = run_measured(cmd, cwd=folder, env=env)
            if measured.returncode not in (0, 1, 3):
                raise RuntimeError(f"jobfeed crawl failed ({measured.returncode}):\n"
                                   f"{measured.stderr[-3000:]}")
            report = run_report(db)
            result = crawl_rates(measured, server.stats(), report.get("report_pages"))
            result.update(report)
            _keep_best(results, name, result)
    bare, first, again = results["bare"], results["jobfeed"], results["rerun"]
    results["ratio"] = _ratio(first["pages_per_s"], bare["pages_per_s"])
    results["window_ratio"] = _ratio(first["window_pages_per_s"], bare["window_pages_per_s"])
    # CPU per page of the crawling process: steadier than wall time on a shared machine.
    results["cpu_ratio"] = _ratio(bare["cpu_ms_per_page"], first["cpu_ms_per_page"])
    results["rerun_vs_first"] = _ratio(again["wall_s"], first["wall_s"])
    if profile:
        results["profile"] = profile_crawl(server, folder, sources, settings, env)
    return results


def _keep_best(results: dict, name: str, result: dict) -> None:
    if name not in results or result["wall_s"] < results[name]["wall_s"]:
        results[name] = result


def profile_crawl(server: Server, folder: Path, sources: Path, settings: list[str],
                  env: dict) -> str:
    """`jobfeed crawl` under cProfile on a fresh store; returns the .prof file's path."""
    var = folder / "profile"
    shutil.rmtree(var, ignore_errors=True)
    out = folder / "crawl.prof"
    server.reset()
    subprocess.run([PYTHON, "-m", "cProfile", "-o", str(out), "-m", "jobfeed", "crawl",
                    "--sources", str(sources), "--db", str(var / "jobfeed.db"),
                    "--out", str(var / "public"), *settings],
                   cwd=folder, env=env, capture_output=True, check=False)
    return str(out)


def server_capacity(server: Server, work: Path, sites: int) -> dict:
    """Pages a second the server gave a keep-alive client for 3 s, and the most it could
    give: requests over the server's own CPU seconds (it is one single-threaded process)."""
    corpus = generate(sites, seed=server.seed, today=server.today, base_url=server.base_url)
    urls = work / "capacity-urls.txt"
    urls.write_text("".join(f"{server.base_url}{p}\n" for s in corpus for p in s.pages))
    server.reset()
    done = subprocess.run([PYTHON, "-m", "bench.load", str(urls), "--seconds", "3"],
                          cwd=ROOT, env=child_env(), capture_output=True, text=True, check=True)
    result = json.loads(done.stdout)
    stats = server.stats()
    result["server_cpu_s"] = stats["cpu"]
    result["server_busy"] = round(stats["cpu"] / result["seconds"], 3)
    result["max_per_second"] = round(stats["requests"] / stats["cpu"]) if stats["cpu"] else None
    return result


def _ratio(a, b):
    return round(a / b, 3) if a and b else None


# --- publish -------------------------------------------------------------------------

def bench_publish(jobs: int, work: Path, per_source: int) -> dict:
    """`jobfeed publish` from a store of `jobs` open jobs, `per_source` a source, with
    three named feeds: then again, nothing changed."""
    from bench.store import FEEDS_YAML

    folder = work / f"publish-{jobs}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    db = folder / "jobfeed.db"
    env = child_env()
    made = run_measured([PYTHON, "-m", "bench.store", str(db), "--jobs", str(jobs),
                         "--per-source", str(per_source)], cwd=ROOT, env=env)
    if made.returncode:
        raise RuntimeError(f"bench.store failed:\n{made.stderr[-3000:]}")
    feeds = folder / "feeds.yaml"
    feeds.write_text(FEEDS_YAML)
    cmd = [str(Path(PYTHON).with_name("jobfeed")), "publish", "--db", str(db),
           "--out", str(folder / "public"), "--feeds", str(feeds)]
    result = {"jobs": jobs, "sources": max(1, jobs // per_source),
              "store_fill_s": round(made.wall, 1),
              "store_mb": round(db.stat().st_size / 2**20, 1)}
    first = run_measured(cmd, cwd=folder, env=env, timeout=PUBLISH_TIMEOUT)
    if first.returncode:
        result["error"] = (f"timed out after {PUBLISH_TIMEOUT} s" if first.returncode < 0
                           else f"failed ({first.returncode})")
        result["stderr"] = first.stderr[-2000:]
        return result
    again = run_measured(cmd, cwd=folder, env=env, timeout=PUBLISH_TIMEOUT)
    files = [p for p in (folder / "public").rglob("*") if p.is_file()]
    result.update({
        "wall_s": round(first.wall, 2), "cpu_s": round(first.cpu, 2),
        "peak_mb": round(first.tree_peak_mb, 1), "unchanged_wall_s": round(again.wall, 2),
        "unchanged_peak_mb": round(again.tree_peak_mb, 1), "files": len(files),
        "output_mb": round(sum(p.stat().st_size for p in files) / 2**20, 1)})
    shutil.rmtree(folder, ignore_errors=True)  # 100k jobs write hundreds of MB
    return result


# --- extraction ----------------------------------------------------------------------

def bench_extraction(today: date, repeat: int = 3) -> dict:
    """Per page: `extract_page` (listings) or `merge_detail` (a posting's own page), as the
    spider calls them, against `lxml.html.fromstring` of the same bytes."""
    import lxml.html

    from jobfeed.extract import extract_page, merge_detail

    base = "http://127.0.0.1:8000"
    now = datetime.combine(today, datetime.min.time(), timezone.utc).replace(hour=15)
    sites = generate(len(TEMPLATES) * 5, today=today, base_url=base)
    work = []  # (template, kind, url, body, listed job or None)
    for site in sites:
        listed = {}
        for path, body in site.pages.items():
            url = base + path
            result = extract_page(url, body, now, organization=site.organization)
            for job in result.jobs:
                if job.detail_url:
                    listed[job.detail_url] = job
        for path, body in site.pages.items():
            url = base + path
            if url in listed and url != base + site.start_path:
                work.append((site.template, "detail", url, body, listed[url]))
            else:
                work.append((site.template, "listing", url, body, None))

    def timed(fn) -> float:
        best = float("inf")
        for _ in range(repeat):
            start = time.perf_counter()
            fn()
            best = min(best, time.perf_counter() - start)
        return best

    per_template: dict[str, dict] = {}
    for template, kind, url, body, job in work:
        parse = timed(lambda: lxml.html.fromstring(body))
        if kind == "listing":
            extract = timed(lambda: extract_page(url, body, now, organization=None))
        else:
            import copy
            extract = timed(lambda: merge_detail(copy.deepcopy(job), url, body, now))
        entry = per_template.setdefault(f"{template}/{kind}", {"pages": 0, "lxml_s": 0.0,
                                                                "extract_s": 0.0, "bytes": 0})
        entry["pages"] += 1
        entry["lxml_s"] += parse
        entry["extract_s"] += extract
        entry["bytes"] += len(body)
    rows = {}
    for name, entry in sorted(per_template.items()):
        rows[name] = {"pages": entry["pages"], "kb": round(entry["bytes"] / entry["pages"] / 1024, 1),
                      "lxml_ms": round(1000 * entry["lxml_s"] / entry["pages"], 3),
                      "extract_ms": round(1000 * entry["extract_s"] / entry["pages"], 3),
                      "ratio": round(entry["extract_s"] / entry["lxml_s"], 1)}
    lxml_total = sum(e["lxml_s"] for e in per_template.values())
    extract_total = sum(e["extract_s"] for e in per_template.values())
    pages = sum(e["pages"] for e in per_template.values())
    return {"pages": pages, "lxml_ms": round(1000 * lxml_total / pages, 3),
            "extract_ms": round(1000 * extract_total / pages, 3),
            "ratio": round(extract_total / lxml_total, 1), "templates": rows}


# --- dates ---------------------------------------------------------------------------

# What careers pages put beside "Posted" and "Closes", beyond the corpus's own strings.
EXTRA_DATES = (
    "Open until filled", "Continuous", "Until filled", "DOE", "Posted 3 days ago",
    "Posted today", "Closes Friday", "2 weeks ago", "Posted 30+ days ago", "Just posted",
    "First review: 12/01/2026", "Final filing date: 01/15/2027", "12/5/26", "2026-12-11T17:00:00-08:00",
    "Dec. 11, 2026 11:59 PM PST", "Monday, November 30, 2026", "30 November 2026",
    "Applications accepted through December 11", "Nov 20", "3 Dec 2026", "Recruitment #2026-118",
    "5h ago", "Ongoing", "Deadline: 11-30-2026", "Priority deadline: January 5th, 2027",
)


def date_strings(today: date, count: int = 2000) -> list[str]:
    """A realistic mix: the corpus's posted/closes strings plus EXTRA_DATES, shuffled."""
    import random

    rng = random.Random(7)
    pool = list(EXTRA_DATES)
    for site in generate(120, today=today):
        for job in site.jobs:
            pool += [job.posted, job.closes]
    return [rng.choice(pool) for _ in range(count)]


def bench_dates(today: date, seconds: float = 2.0) -> dict:
    import dateparser

    from jobfeed import dates

    now = datetime.combine(today, datetime.min.time(), timezone.utc).replace(hour=15)
    mix = date_strings(today)
    distinct = list(dict.fromkeys(mix))

    def rate(fn, items, clear=None) -> float:
        calls, start = 0, time.perf_counter()
        while time.perf_counter() - start < seconds:
            if clear:
                clear()
            for text in items:
                fn(text)
                calls += 1
                if calls % 50 == 0 and time.perf_counter() - start > seconds:
                    break
        return calls / (time.perf_counter() - start)

    clear = getattr(dates, "clear_caches", None) or dates._parse_cached.cache_clear
    project = lambda text: dates.parse_date(text, now, "future")  # noqa: E731
    cold = rate(project, distinct, clear)
    crawl = rate(project, mix, clear)
    dateparser.parse("warm up")
    plain = rate(dateparser.parse, distinct)
    return {"strings": len(mix), "distinct": len(distinct),
            "parse_date_cold_per_s": round(cold), "parse_date_mix_per_s": round(crawl),
            "dateparser_per_s": round(plain), "speedup_cold": round(cold / plain, 1),
            "speedup_mix": round(crawl / plain, 1)}


# --- report --------------------------------------------------------------------------

def machine() -> dict:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = round(int(line.split()[1]) / 2**20, 1)
    except OSError:
        pass
    import lxml.etree
    import scrapy
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": memory,
            "os": f"{platform.system()} {platform.release()}",
            "python": platform.python_version(), "scrapy": scrapy.__version__,
            "lxml": ".".join(map(str, lxml.etree.LXML_VERSION))}


def table(results: dict) -> str:
    lines = []
    m = results["machine"]
    lines.append(f"jobfeed benchmark {results['date']} on {m['cpu']}, {m['cores']} cores, "
                 f"{m['memory_gb']} GB, {m['os']}, Python {m['python']}, Scrapy {m['scrapy']}")
    if cap := results.get("server"):
        lines.append(f"server: gave {cap['per_second']:,.0f} pages/s to a one-process client "
                     f"while {cap['server_busy']:.0%} busy; could give ~{cap['max_per_second']:,} "
                     "pages/s on one core")
    if crawls := results.get("crawl"):
        lines.append("")
        lines.append(f"Crawl (concurrency {results['concurrency']} for both, no delays, "
                     "robots.txt served; pages/s over the whole command):")
        lines.append("")
        lines.append("| sites | pages | jobs | bare pages/s | jobfeed pages/s | ratio | "
                     "jobfeed start-up / crawl / tail s | CPU ms/page jobfeed (bare) | "
                     "peak MB jobfeed, all processes (bare) | re-run s (first run s) | server busy |")
        lines.append("|" + "---|" * 11)
        for c in crawls:
            b, j, r = c["bare"], c["jobfeed"], c["rerun"]
            lines.append(
                f"| {c['sites']:,} | {j['pages_read']:,} | {j.get('jobs', 0):,} | "
                f"{b['pages_per_s']:,.0f} | {j['pages_per_s']:,.0f} | {c['ratio']:.2f}x | "
                f"{j['startup_s']:.1f} / {j['window_s']:.1f} / {j['tail_s']:.1f} | "
                f"{j['cpu_ms_per_page']:.1f} ({b['cpu_ms_per_page']:.1f}) | "
                f"{j['tree_peak_mb']:.0f} ({b['tree_peak_mb']:.0f}) | "
                f"{r['wall_s']:.1f} ({j['wall_s']:.1f}), {r['not_modified']:,} 304s | "
                f"{j['server_busy']:.1%} |")
        lines.append("")
        lines.append("crawl window only (first to last request): " + ", ".join(
            f"{c['sites']:,} sites {c['bare']['window_pages_per_s']:,.0f} vs "
            f"{c['jobfeed']['window_pages_per_s']:,.0f} pages/s = {c['window_ratio']:.2f}x"
            for c in crawls))
        lines.append("CPU per page, bare over jobfeed (steadier on a busy machine): " + ", ".join(
            f"{c['sites']:,} sites {c['cpu_ratio']:.2f}x" for c in crawls))
        statuses = {c["sites"]: c["jobfeed"].get("statuses") for c in crawls}
        lines.append("source statuses: " + "; ".join(
            f"{n:,} sites {', '.join(f'{v} {k}' for k, v in (st or {}).items())}"
            for n, st in statuses.items()))
    if pubs := results.get("publish"):
        lines.append("")
        lines.append("Publish (`jobfeed publish`, every feed: all, per source, 3 named; "
                     "OPML, index.html):")
        lines.append("")
        lines.append("| jobs in store | sources | publish s | peak MB | files | output MB | "
                     "unchanged re-publish s |")
        lines.append("|" + "---|" * 7)
        for p in pubs:
            if p.get("error"):
                lines.append(f"| {p['jobs']:,} | {p['sources']:,} | {p['error']} | | | | |")
                continue
            lines.append(f"| {p['jobs']:,} | {p['sources']:,} | {p['wall_s']:.2f} | "
                         f"{p['peak_mb']:.0f} | {p['files']:,} | {p['output_mb']:.1f} | "
                         f"{p['unchanged_wall_s']:.2f} |")
    if ex := results.get("extraction"):
        lines.append("")
        lines.append(f"Extraction: {ex['extract_ms']:.2f} ms/page vs lxml.html.fromstring "
                     f"{ex['lxml_ms']:.2f} ms/page = {ex['ratio']:.1f}x over {ex['pages']} pages")
        lines.append("")
        lines.append("| template/page | KB | lxml ms | extract ms | ratio |")
        lines.append("|---|---|---|---|---|")
        for name, row in ex["templates"].items():
            lines.append(f"| {name} | {row['kb']} | {row['lxml_ms']:.2f} | "
                         f"{row['extract_ms']:.2f} | {row['ratio']:.1f}x |")
    if d := results.get("dates"):
        lines.append("")
        lines.append(f"Dates ({d['strings']:,} strings, {d['distinct']} distinct): "
                     f"jobfeed.dates.parse_date {d['parse_date_cold_per_s']:,}/s cold, "
                     f"{d['parse_date_mix_per_s']:,}/s as crawled; dateparser.parse "
                     f"{d['dateparser_per_s']:,}/s ({d['speedup_cold']}x / {d['speedup_mix']}x)")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=lambda s: [int(x) for x in s.split(",")],
                        help=f"site counts to crawl (default {','.join(map(str, DEFAULT_SITES))})")
    parser.add_argument("--jobs", type=lambda s: [int(x) for x in s.split(",")],
                        help="store sizes to publish (default 1000,10000; --full adds 100000)")
    parser.add_argument("--full", action="store_true",
                        help=f"crawl {', '.join(map(str, FULL_SITES))} sites; publish up to "
                             "100,000 jobs")
    parser.add_argument("--only", type=lambda s: set(s.split(",")),
                        default={"crawl", "publish", "extract", "dates"},
                        help="some of crawl,publish,extract,dates")
    parser.add_argument("--concurrency", type=int, default=DEFAULT_CONCURRENCY,
                        help="CONCURRENT_REQUESTS (and per domain) for both crawlers")
    parser.add_argument("--per-source", type=int, default=50,
                        help="jobs per source in the publish stores (default 50)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="crawl each size this many times, keep the fastest (default 1)")
    parser.add_argument("--jobfeed-setting", action="append", default=[], metavar="NAME=VALUE",
                        help="an extra -s for `jobfeed crawl` only, to try a setting")
    parser.add_argument("--profile", action="store_true",
                        help="also profile `jobfeed crawl` at the largest size (cProfile)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument("--no-save", action="store_true", help="do not write bench/results")
    args = parser.parse_args(argv)
    sites = args.sites or (list(FULL_SITES) if args.full else list(DEFAULT_SITES))
    today = date.today()
    results = {"date": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
               "machine": machine(), "concurrency": args.concurrency,
               "jobfeed_settings": args.jobfeed_setting}
    work = Path(tempfile.mkdtemp(prefix="jobfeed-bench-"))
    try:
        if "crawl" in args.only:
            with Server(max(sites), today) as server:
                results["server"] = server_capacity(server, work, min(max(sites), 300))
                print(f"server: {results['server']['per_second']:,.0f} pages/s", flush=True)
                results["crawl"] = []
                for n in sites:
                    started = time.perf_counter()
                    result = bench_crawl(
                        server, n, work, args.concurrency, repeat=args.repeat,
                        profile=args.profile and n == max(sites),
                        extra=[x for item in args.jobfeed_setting for x in ("-s", item)])
                    results["crawl"].append(result)
                    print(f"crawl {n} sites: {result['ratio']}x bare "
                          f"({time.perf_counter() - started:.0f} s)", flush=True)
        if "publish" in args.only:
            results["publish"] = []
            for jobs in args.jobs or (FULL_JOBS if args.full else DEFAULT_JOBS):
                results["publish"].append(bench_publish(jobs, work, args.per_source))
                print(f"publish {jobs} jobs: {results['publish'][-1]['wall_s']} s", flush=True)
        if "extract" in args.only:
            results["extraction"] = bench_extraction(today)
        if "dates" in args.only:
            results["dates"] = bench_dates(today)
    finally:
        if args.keep:
            print(f"work folder kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    text = table(results)
    print()
    print(text)
    if not args.no_save:
        RESULTS.mkdir(exist_ok=True)
        path = RESULTS / f"{date.today().isoformat()}.json"
        results["table"] = text
        path.write_text(json.dumps(results, indent=2) + "\n")
        print(f"\nwrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
