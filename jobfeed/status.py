"""`jobfeed status` (the last runs, from var/runs/) and the status feed a maintainer
subscribes to: one entry per run that raised alerts, in `status.{atom,rss,json}`."""

from __future__ import annotations

import html
import json
from datetime import datetime
from pathlib import Path

from feeds.publish import write_atomically
from feeds.xmlfeeds import Channel, atom_document, atom_entry, rss_document, rss_item
from jobfeed.html import strip_forbidden
from jobfeed.lock import describe_holder, holder
from jobfeed.report import RunLog, human_bytes, runs_dir

FEED_RUNS = 50  # runs with alerts kept in the status feed
FEED_SLUG = "status"


def status_lines(db: str, limit: int = 10) -> list[str]:
    log = RunLog(runs_dir(db))
    reports = log.reports(limit=limit)
    lines = [f"store: {db}"]
    lock = holder(db)
    if lock is None:
        lines.append("lock: free (no run going on)")
    elif lock.get("stale"):
        lines.append(f"lock: left by a run that was killed ({describe_holder(lock)}); "
                     "the next run takes it over")
    else:
        lines.append(f"lock: held by {describe_holder(lock)}")
    if not reports:
        lines.append(f"no runs yet in {log.folder}/")
        return lines
    lines.append(f"last {len(reports)} runs, newest first ({log.folder}/):")
    for report in reports:
        lines.append("  " + run_line(report, lock))
        for alert in report.get("alerts", []):
            if alert.get("level") in ("error", "warning"):
                lines.append(f"      {alert['level']}: {alert['message']}")
    latest = {}
    for report in reversed(reports):
        for name, source in report.get("sources", {}).items():
            latest[name] = (source, report.get("started_at"))
    lines.append("sources, as of their latest run:")
    width = max(len(name) for name in latest) if latest else 0
    for name, (source, when) in sorted(latest.items()):
        lines.append(f"  {name:<{width}}  {source.get('status', '?'):<11} "
                     f"{source.get('jobs', 0)} jobs  {when}")
    return lines


def run_line(report: dict, lock: dict | None = None) -> str:
    state = report.get("state", "?")
    if state == "running" and (lock is None or lock.get("stale")):
        state = "interrupted"  # its process is gone; the next run marks it so
    parts = [report.get("started_at", "?"), f"{state:<11}"]
    if report.get("exit_code") is not None:
        parts.append(f"exit {report['exit_code']}")
    if report.get("duration") is not None:
        parts.append(f"{report['duration']:.1f} s")
    if report.get("bytes") is not None:
        parts.append(f"{report.get('requests', 0)} requests, {human_bytes(report['bytes'])}")
    statuses = ", ".join(f"{name} {s.get('status')}"
                         for name, s in sorted(report.get("sources", {}).items()))
    if statuses:
        parts.append(statuses)
    return "  ".join(parts)


def latest_exit_code(db: str) -> int:
    """The exit code of the latest finished run (0 with no runs): `jobfeed status` returns
    it, so a monitoring check can run `jobfeed status` alone."""
    for report in RunLog(runs_dir(db)).reports(limit=50):
        if report.get("state") == "finished" and report.get("exit_code") is not None:
            return int(report["exit_code"])
    return 0


def write_status_feed(log: RunLog, out: str | Path, base_url: str, now: datetime) -> list[Path]:
    """status.atom, status.rss, status.json: the runs that raised alerts, newest first."""
    base_url = base_url if base_url.endswith("/") else base_url + "/"
    runs = [r for r in log.reports(limit=FEED_RUNS * 4) if r.get("alerts")][:FEED_RUNS]
    entries = [_entry(report, base_url) for report in runs]
    updated = max((e["time"] for e in entries), default=now)
    written = []
    for extension, data in (("atom", _xml(entries, base_url, updated, "atom")),
                            ("rss", _xml(entries, base_url, updated, "rss")),
                            ("json", _json(entries, base_url))):
        path = Path(out) / f"{FEED_SLUG}.{extension}"
        if write_atomically(path, data):
            written.append(path)
    return written


def _entry(report: dict, base_url: str) -> dict:
    alerts = report["alerts"]
    worst = ("error" if any(a["level"] == "error" for a in alerts) else
             "warning" if any(a["level"] == "warning" for a in alerts) else "info")
    heads = [f"{a['source']} {a['kind']}" if a.get("source") else f"run {a['kind']}"
             for a in alerts]
    title = f"{worst}: " + "; ".join(dict.fromkeys(heads))
    items = "".join(f"<li><strong>{html.escape(a['level'])}</strong>: "
                    f"{html.escape(a['message'])}</li>" for a in alerts)
    rows = "".join(
        f"<li>{html.escape(name)}: {html.escape(s.get('status', '?'))} — {s.get('jobs', 0)} "
        f"jobs, {s.get('new', 0)} new, {s.get('closed', 0)} closed</li>"
        for name, s in sorted(report.get("sources", {}).items()))
    body = (f"<ul>{items}</ul><p>Run of {html.escape(report.get('started_at', '?'))}, "
            f"exit code {report.get('exit_code')}; sources:</p><ul>{rows}</ul>"
            f"<p>Report: {html.escape(Path(report.get('path', '')).name)}</p>")
    text = "\n".join(f"{a['level']}: {a['message']}" for a in alerts)
    when = report.get("finished_at") or report.get("started_at")
    # Error messages quote servers and exceptions: keep only what XML can carry.
    return {"id": f"urn:jobfeed:run:{report.get('id') or Path(report['path']).stem}",
            "title": strip_forbidden(title), "html": strip_forbidden(body),
            "text": strip_forbidden(text),
            "time": datetime.fromisoformat(when.replace("Z", "+00:00")),
            "link": base_url}


def _xml(entries: list[dict], base_url: str, updated: datetime, kind: str) -> bytes:
    channel = Channel(id=f"urn:jobfeed:feed:{FEED_SLUG}", title="jobfeed: run alerts",
                      description="Crawl runs that failed, came back empty or partial, "
                                  "or lost a field",
                      language="en", home_url=base_url, self_url=f"{base_url}{FEED_SLUG}.{kind}")
    if kind == "atom":
        return atom_document(channel, updated, (
            atom_entry(id=e["id"], title=e["title"], link=e["link"], html=e["html"],
                       published=e["time"], updated=e["time"]) for e in entries))
    return rss_document(channel, updated, (
        rss_item(id=e["id"], title=e["title"], link=e["link"], html=e["html"],
                 published=e["time"]) for e in entries))


def _json(entries: list[dict], base_url: str) -> bytes:
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "jobfeed: run alerts",
        "home_page_url": base_url,
        "feed_url": f"{base_url}{FEED_SLUG}.json",
        "description": "Crawl runs that failed, came back empty or partial, or lost a field",
        "language": "en",
        "items": [{"id": e["id"], "url": e["link"], "title": e["title"],
                   "content_html": e["html"], "content_text": e["text"],
                   "date_published": e["time"].strftime("%Y-%m-%dT%H:%M:%SZ"),
                   "date_modified": e["time"].strftime("%Y-%m-%dT%H:%M:%SZ")}
                  for e in entries],
    }
    return json.dumps(feed, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"
