"""Shared test helpers: fixture pages, a local site, and jobfeed run in a subprocess
(the Twisted reactor cannot restart inside one test process)."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SHARED = ROOT.parent / "shared"


def load_case(folder: Path) -> dict:
    """A fixture case: body bytes, meta (url, crawl time) and the expected records."""
    meta = json.loads((folder / "meta.json").read_text())
    return {
        "name": folder.name,
        "body": (folder / "body.html").read_bytes(),
        "url": meta["url"],
        "now": datetime.fromisoformat(meta["crawled_at"]),
        "meta": meta,
        "expected": json.loads((folder / "expected.json").read_text()),
        "folder": folder,
    }


def run_jobfeed(*args: str, cwd: Path, timeout: int = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "jobfeed", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=timeout)


@pytest.fixture
def jobfeed_cli(tmp_path):
    """Run `jobfeed ...` in a subprocess from an empty folder."""

    def run(*args: str, timeout: int = 120):
        return run_jobfeed(*args, cwd=tmp_path, timeout=timeout)

    return run
