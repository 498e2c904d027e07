"""Run reports: `var/runs/<time>.json` for every run, alerts against earlier runs, and
the summary a person reads in a terminal or a cron mail."""

from __future__ import annotations

import json
import os
import socket
from datetime import datetime, timezone
from pathlib import Path

from feeds.publish import write_atomically
from jobfeed.exitcodes import MEANING
from jobfeed.run import STATUSES, Alert, Run, SourceReport
from jobfeed.store.base import utc_iso

SHOWN = 5  # errors shown per source in the summary; the report has them all


def runs_dir(db: str | Path) -> Path:
    """The run reports live next to the store: var/jobfeed.db -> var/runs/."""
    return Path(db).parent / "runs"


def run_id(started_at: datetime) -> str:
    return started_at.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


class RunLog:
    """The folder of run reports, newest last by name (names sort by time)."""

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)

    def paths(self) -> list[Path]:
        try:
            return sorted(self.folder.glob("*.json"))
        except OSError:
            return []

    def reports(self, limit: int | None = None) -> list[dict]:
        """Readable reports, newest first (written atomically, so each is whole)."""
        found = []
        for path in reversed(self.paths()):
            try:
                report = json.loads(path.read_text())
            except (OSError, ValueError):
                continue
            if isinstance(report, dict):
                report["path"] = str(path)
                found.append(report)
            if limit and len(found) >= limit:
                break
        return found

    def new_path(self, run: Run) -> Path:
        stem = run_id(run.started_at)
        path, n = self.folder / f"{stem}.json", 1
        while path.exists():  # two runs in one second: both kept
            n += 1
            path = self.folder / f"{stem}-{n}.json"
        return path

    def write(self, path: Path, report: dict) -> None:
        data = {k: v for k, v in report.items() if k != "path"}
        # An error message can quote anything, a lone surrogate included: escaped,
        # it is still valid JSON.
        write_atomically(path, (json.dumps(data, indent=2, ensure_ascii=False)
                                + "\n").encode("utf-8", "backslashreplace"))

    def recover_interrupted(self) -> list[dict]:
        """Reports still marked running belong to runs that died (the caller holds the
        lock, so no other run is going on): mark them interrupted, return them."""
        dead = []
        for report in self.reports(limit=50):
            if report.get("state") == "running":
                report["state"] = "interrupted"
                self.write(Path(report["path"]), report)
                dead.append(report)
        return dead

    def prune(self, keep: int) -> None:
        for path in self.paths()[:-keep] if keep > 0 else []:
            path.unlink(missing_ok=True)


def report_dict(run: Run, *, state: str, db: str, out: str | None,
                finished_at: datetime | None = None) -> dict:
    """The JSON of one run; the same keys while it runs and once it is over."""
    sources = {}
    for name, source in sorted(run.sources.items()):
        entry = source.as_dict()
        entry["meaning"] = STATUSES.get(source.status, "")
        sources[name] = entry
    report = {
        "id": run_id(run.started_at),
        "state": state,  # running, finished, interrupted (killed: see the next run)
        "started_at": utc_iso(run.started_at),
        "finished_at": utc_iso(finished_at) if finished_at else None,
        "duration": round((finished_at - run.started_at).total_seconds(), 1)
        if finished_at else None,
        "pid": os.getpid(),
        "host": socket.gethostname(),
        "store": str(db),
        "feeds_dir": out,
        "exit_code": run.exit_code if state == "finished" else None,
        "exit_meaning": MEANING.get(run.exit_code) if state == "finished" else None,
        "sources": sources,
        "alerts": [alert.as_dict() for alert in run.alerts],
        "published": run.published is not None,
        "changed_files": [str(p) for p in run.published or []],
        "requests": run.requests,
        "bytes": run.bytes,
    }
    return report


def alerts_for(run: Run, earlier: list[dict], *, interrupted: list[dict] = (),
               coverage_drop: float = 0.5, coverage_min_jobs: int = 3) -> list[Alert]:
    """What a maintainer should hear about: sources that failed, went empty or partial,
    lost a field, or came back; and earlier runs that never finished."""
    alerts = [Alert("interrupted", "info",
                    f"the run started {report.get('started_at')} (pid {report.get('pid')}) "
                    "did not finish (killed or crashed); nothing of it was closed, and this "
                    "run picked up from the store as it was")
              for report in interrupted]
    finished = [r for r in earlier if r.get("state") == "finished"]
    for name, source in sorted(run.sources.items()):
        history = [r["sources"][name] | {"run": r.get("started_at")}
                   for r in finished if name in r.get("sources", {})]
        streak = _not_ok_streak(history)
        if source.status == "failed":
            alerts.append(Alert("failed", "error", f"{name} failed: {_first(source.errors)}"
                                + _since(streak), name))
        elif source.status == "empty":
            alerts.append(Alert("empty", "error",
                                f"{name} came back empty: no jobs where the last run had "
                                "some; nothing was closed (has the page changed?)"
                                + _since(streak), name))
        elif source.status == "partial":
            problems = source.detail_errors + source.job_errors
            alerts.append(Alert("partial", "warning",
                                f"{name} partial: {_first(problems)}; nothing was closed"
                                + _since(streak), name))
        elif source.status == "interrupted":
            alerts.append(Alert("interrupted", "warning",
                                f"{name} was interrupted before it finished; nothing was "
                                "closed", name))
        elif source.status == "ok":
            if streak:
                alerts.append(Alert("recovered", "info",
                                    f"{name} is ok again after {len(streak)} run(s) "
                                    f"{streak[-1]['status']} (since {streak[-1]['run']})",
                                    name))
            alerts.extend(_coverage_alerts(source, coverage_drop, coverage_min_jobs))
    return alerts


def _coverage_alerts(source: SourceReport, drop: float, min_jobs: int) -> list[Alert]:
    alerts = []
    for field, (lost, had) in sorted(source.fields_lost.items()):
        if had >= min_jobs and lost / had >= drop:
            alerts.append(Alert(
                "coverage", "warning",
                f"{source.name}: '{field}' missing on {lost} of the {had} jobs that had it "
                "last run (has the page's layout changed?)", source.name))
    return alerts


def _not_ok_streak(history: list[dict]) -> list[dict]:
    """The source's runs just before this one that were not ok, newest first."""
    streak = []
    for entry in history:
        if entry.get("status") == "ok":
            break
        streak.append(entry)
    return streak


def _since(streak: list[dict]) -> str:
    if not streak:
        return ""
    return f" (not ok for {len(streak) + 1} runs, since {streak[-1]['run']})"


def _first(messages: list[str]) -> str:
    if not messages:
        return "no page could be read"
    more = f" (and {len(messages) - 1} more)" if len(messages) > 1 else ""
    return messages[0] + more


def summary_lines(run: Run) -> list[str]:
    """One line per source, its problems under it, then alerts, feeds and the report."""
    lines = []
    for report in run.sources.values():
        lines.append(f"{report.name}: {report.status} — fetched {report.pages} pages, "
                     f"{report.jobs} jobs, {report.new} new, {report.updated} updated, "
                     f"{report.closed} closed, "
                     f"{len(report.errors + report.detail_errors + report.job_errors)} errors"
                     f" · {_traffic(report)}")
        # Retries are news when they saved the page; on a failed source the error says
        # how many tries it took.
        retried = report.retries if report.status != "failed" else []
        for label, messages in (("error", report.errors), ("detail error", report.detail_errors),
                                ("job error", report.job_errors), ("retried", retried),
                                ("warning", report.warnings)):
            for message in messages[:SHOWN]:
                lines.append(f"  {label}: {message}")
            if len(messages) > SHOWN:
                lines.append(f"  ... and {len(messages) - SHOWN} more {label}s in the report")
    for alert in run.alerts:
        lines.append(f"alert ({alert.level}): {alert.message}")
    return lines


def _traffic(report: SourceReport) -> str:
    parts = [f"{report.requests} requests", human_bytes(report.bytes)]
    if report.unchanged:
        parts.append(f"{report.unchanged} unchanged")
    if report.retries:
        parts.append(f"{len(report.retries)} retries")
    parts.append(f"{report.duration:.1f} s")
    return ", ".join(parts)


def human_bytes(count: int) -> str:
    for unit in ("B", "kB", "MB"):
        if count < 1000 or unit == "MB":
            return f"{count:.0f} {unit}" if unit == "B" else f"{count:.1f} {unit}"
        count /= 1000
    return f"{count} B"
