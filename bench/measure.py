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
    # Peak of the summed RSS of the child and its own children, MiB, sampled. Not
    # ru_maxrss: a forked child's counts the benchmark's own memory from before exec.
    tree_peak_mb: float
    stdout: str
    stderr: str


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and its descendants now (Linux /proc), MiB: a crawl's
    extraction processes count toward what the crawl costs."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            with open(f"/proc/{current}/statm") as statm:
                total += int(statm.read().split()[1]) * _PAGE
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as children:
                    stack += [int(child) for child in children.read().split()]
        except (OSError, ValueError):
            continue  # exited meanwhile
    return total / 2**20


_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
_SAMPLE = 0.05  # seconds between samples of the process tree's memory


def run_measured(cmd: list[str], *, cwd: str | None = None, env: dict | None = None,
                 timeout: float = 3600) -> Measured:
    """`os.wait4` gives this child's own rusage (CPU includes its children; its peak RSS
    is the largest one process's); the tree's summed RSS is sampled every 50 ms."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started_at = time.monotonic()
        start = time.perf_counter()
        process = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=err)
        deadline = start + timeout
        tree_peak, next_sample = 0.0, start
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                process.kill()
                pid, status, usage = os.wait4(process.pid, 0)
                break
            if time.perf_counter() >= next_sample:
                tree_peak = max(tree_peak, tree_rss_mb(process.pid))
                next_sample = time.perf_counter() + _SAMPLE
            time.sleep(0.005)
        wall = time.perf_counter() - start
        ended_at = time.monotonic()
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Measured(process.returncode, wall, started_at, ended_at, usage.ru_utime + usage.ru_stime,
                        usage.ru_maxrss / 1024, tree_peak or usage.ru_maxrss / 1024,
                        out.read().decode(errors="replace"),
                        err.read().decode(errors="replace"))
