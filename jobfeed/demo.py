"""`jobfeed demo`: the bundled Cal Cities pages served locally, crawled and published."""

from __future__ import annotations

from pathlib import Path

from jobfeed.localserver import LocalSite

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "calcities"


def run_demo(snapshot: str, folder: Path) -> int:
    from jobfeed.cli import print_summary
    from jobfeed.crawl import crawl
    from jobfeed.sources import Source

    page = FIXTURES / snapshot / "body.html"
    if not page.exists():
        print(f"jobfeed demo: {page} is missing; the demo runs from a jobfeed checkout")
        return 2
    with LocalSite({"/join-our-team": (page.read_bytes(), "text/html; charset=utf-8")}) as site:
        source = Source(name="calcities", organization="League of California Cities",
                        spider="calcities", start_urls=(site.url("/join-our-team"),))
        print(f"serving Cal Cities snapshot {snapshot} at {site.url('/join-our-team')}")
        run = crawl([source], db=str(folder / "jobfeed.db"), out=str(folder / "public"),
                    overrides={"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False})
    print_summary(run)
    out = (folder / "public").resolve()
    print(f"\nThe feeds are in {out}/: jobs.rss, jobs.atom, jobs.json, feeds.opml; "
          f"the page for people is {out}/index.html")
    print(f"Serve them with: jobfeed serve {out}  (then open http://localhost:8000/)")
    return 1 if run.failed else 0
