"""What went wrong with a download, in one line a person can act on."""

from __future__ import annotations

from email.utils import parsedate_to_datetime

from scrapy.exceptions import (CannotResolveHostError, DownloadCancelledError,
                               DownloadConnectionRefusedError, DownloadFailedError,
                               DownloadTimeoutError, IgnoreRequest, ResponseDataLossError)
from twisted.internet.error import (ConnectionDone, ConnectionLost, ConnectionRefusedError,
                                    DNSLookupError, TCPTimedOutError, TimeoutError)


def describe_exception(error: BaseException) -> str:
    """'timed out', 'connection reset by the server', 'page larger than ...'."""
    text = str(error)
    if isinstance(error, (CannotResolveHostError, DNSLookupError)):
        return "DNS lookup failed (no network, or the host does not exist)"
    if isinstance(error, (DownloadTimeoutError, TimeoutError, TCPTimedOutError)):
        return "timed out"
    if isinstance(error, (DownloadConnectionRefusedError, ConnectionRefusedError)):
        return "connection refused"
    if isinstance(error, ResponseDataLossError):
        return "truncated: the connection closed before the whole page arrived"
    if isinstance(error, DownloadCancelledError):
        # Scrapy cancels a download only when it outgrows DOWNLOAD_MAXSIZE.
        return "page larger than the download size limit (DOWNLOAD_MAXSIZE); not read"
    if isinstance(error, (DownloadFailedError, ConnectionLost, ConnectionDone)):
        if "ConnectionLost" in text or "ConnectionDone" in text or isinstance(
                error, (ConnectionLost, ConnectionDone)):
            return "connection reset by the server"
        return f"download failed: {text}" if text else "download failed"
    if isinstance(error, IgnoreRequest):
        if "robots.txt" in text.lower():
            return "forbidden by robots.txt"
        if "redirection" in text.lower():
            return "too many redirects (a redirect loop?)"
        return f"not fetched: {text}" if text else "not fetched"
    return f"{type(error).__name__}: {text}".rstrip(": ")


def describe_status(response) -> str:
    """'HTTP 503 (Retry-After 3600 s)', 'HTTP 404 (page removed?)'."""
    status = response.status
    text = f"HTTP {status}"
    if status in (404, 410):
        text += " (not found: the page was removed or moved)"
    elif status in (401, 403):
        text += " (access denied: blocked, or the page needs a login)"
    after = response.headers.get(b"Retry-After")
    if after:
        seconds = retry_after_seconds(after)
        shown = f"{seconds:g} s" if seconds is not None else after.decode("latin-1")
        text += f" (Retry-After {shown})"
    return text


def retry_after_seconds(value: bytes | str | None, now: float | None = None) -> float | None:
    """Seconds a Retry-After header asks for: a number, or an HTTP date (RFC 9110 10.2.3)."""
    if value is None:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if now is None:
        import time

        now = time.time()
    return max(0.0, moment.timestamp() - now)
