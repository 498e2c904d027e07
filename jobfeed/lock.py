"""One run at a time per store: an exclusive, non-blocking lock on `<store>.lock`.

The lock is a kernel lock (flock) on an open file, so it is released when the
process ends however it ends, SIGKILL included: a lock left by a killed run never
blocks the next one. The file itself stays; it holds who has (or last had) the lock.
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
from datetime import datetime, timezone
from pathlib import Path


class LockedError(RuntimeError):
    """Another process holds the lock; the message says which and since when."""


class LockError(RuntimeError):
    """The lock file cannot be created (missing folder, permissions)."""


def lock_path(db: str | Path) -> Path:
    return Path(f"{db}.lock")


class StoreLock:
    def __init__(self, db: str | Path, command: str = "crawl"):
        self.path = lock_path(db)
        self.command = command
        self.fd: int | None = None

    def acquire(self) -> "StoreLock":
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise LockError(f"{self.path}: cannot create the lock file: {exc.strerror}") from exc
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _read(fd)
            os.close(fd)
            raise LockedError(
                f"another jobfeed run holds the lock on {self.path.with_suffix('')} "
                f"({describe_holder(holder)}); exiting without doing anything") from None
        self.fd = fd
        holder = {"pid": os.getpid(), "host": socket.gethostname(), "command": self.command,
                  "since": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")}
        os.ftruncate(fd, 0)
        os.pwrite(fd, (json.dumps(holder) + "\n").encode(), 0)
        return self

    def release(self) -> None:
        if self.fd is not None:
            os.ftruncate(self.fd, 0)  # nobody holds it now; a killed run leaves its name
            os.close(self.fd)  # closing the descriptor releases the flock
            self.fd = None

    def __enter__(self) -> "StoreLock":
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()


def holder(db: str | Path) -> dict | None:
    """Who holds the lock, read without taking it (a probe could make a starting run
    think the store busy); None when nobody does. A holder whose process is gone (a
    killed run on this host) comes back with "stale": True: it blocks nobody."""
    try:
        text = lock_path(db).read_text()
    except OSError:
        return None
    try:
        found = json.loads(text) if text.strip() else None
    except ValueError:
        return None
    if not isinstance(found, dict):
        return None
    if found.get("host") == socket.gethostname() and not _alive(found.get("pid")):
        found["stale"] = True
    return found


def _alive(pid) -> bool:
    try:
        os.kill(int(pid), 0)
    except (ProcessLookupError, TypeError, ValueError):
        return False
    except PermissionError:
        return True  # someone else's process: alive
    return True


def describe_holder(holder: dict | None) -> str:
    if not holder:
        return "holder unknown"
    return (f"pid {holder.get('pid', '?')} on {holder.get('host', '?')}, "
            f"`jobfeed {holder.get('command', '?')}` since {holder.get('since', '?')}")


def _read(fd: int) -> dict | None:
    try:
        return json.loads(os.pread(fd, 4096, 0).decode() or "null")
    except (OSError, ValueError):
        return None
