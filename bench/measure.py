"""Run a command in a subprocess and measure it: wall time, CPU time, peak memory."""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from dataclasses import dataclass


@dataclass
class Measured:
    returncode: int
    wall: float  # seconds
    started_at: float  # time.monotonic() when the process was started
    ended_at: float  # time.monotonic() when it had exited
    cpu: float  # user + system seconds of the child (and its children)
    peak_mb: float  # peak resident set size of the child, MiB
    stdout: str
    stderr: str


def run_measured(cmd: list[str], *, cwd: str | None = None, env: dict | None = None,
                 timeout: float = 3600) -> Measured:
    """`os.wait4` gives this child's own rusage: its peak RSS, not the largest of all."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started_at = time.monotonic()
        start = time.perf_counter()
        process = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=err)
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                process.kill()
                pid, status, usage = os.wait4(process.pid, 0)
                break
            time.sleep(0.005)
        wall = time.perf_counter() - start
        ended_at = time.monotonic()
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Measured(process.returncode, wall, started_at, ended_at, usage.ru_utime + usage.ru_stime,
                        usage.ru_maxrss / 1024, out.read().decode(errors="replace"),
                        err.read().decode(errors="replace"))
