"""What a feed says about itself, and the pieces every format shares.

Everything a renderer takes from a job passes through here first: text loses the
characters XML cannot carry, links keep only http(s) and mailto, and description HTML
is sanitised again (nh3) and capped, whatever the store holds.
"""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass, field
from datetime import datetime

import orjson
from w3lib.url import safe_url_string

from jobfeed.html import sanitize_html, strip_forbidden

# A description longer than this is cut in feed entries (the full text stays in the
# store and in JSON Feed `_job`): a reader should not download megabytes per entry.
CONTENT_LIMIT = 20_000
_SCHEMES = ("http://", "https://", "mailto:")
# Links that w3lib's safe_url_string returns unchanged: a lowercase ASCII host (and no
# "--" anywhere, so no IDNA), a path of characters it never quotes, and a query and a
# fragment after a path. Most links are like this, and w3lib takes about 40 µs a link:
# a publish of 100,000 jobs would spend 10 s there. tests/feeds/test_entries.py
# compares the two.
_PLAIN_URL = re.compile(
    r"(?:https?://[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?(?:/[-\w.~!$&'()*+,;=:@/%]*"
    r"(?:\?[-\w.~!$&()*+,;=:@/?%]+)?(?:#[-\w.~!$&'()*+,;=:@/?%]+)?)?"
    r"|mailto:[-\w.+%]+@[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?)", re.ASCII)


@dataclass(frozen=True)
class FeedMeta:
    slug: str  # file name without extension, e.g. "jobs" or "feeds/calcities"
    title: str
    description: str
    base_url: str  # where the output folder is served, ending in "/"
    language: str = "en"
    group: str = "all"  # "all", "source" or "filter": how OPML and index.html group it
    name: str | None = None  # the short name shown in lists; the title when None

    @property
    def home_url(self) -> str:
        return self.base_url

    def url(self, extension: str) -> str:
        return f"{self.base_url}{self.slug}.{extension}"

    @property
    def feed_id(self) -> str:
        return f"urn:jobfeed:feed:{self.slug}"

    @property
    def label(self) -> str:
        return self.name or self.title


def entry_id(job: dict) -> str:
    """Built from the job id alone, so it never changes while the posting lives."""
    return f"urn:jobfeed:job:{job['id']}"


def clean(value):
    """The value with every string stripped of characters XML forbids (also lone
    surrogates, which UTF-8 cannot encode), in nested dicts and lists too: the value
    itself when it has none to strip (a record from the store, nearly always)."""
    if type(value) is dict and _nothing_to_strip(value):
        return value
    return _stripped(value)


def _nothing_to_strip(record: dict) -> bool:
    """Whether no string in the record holds a character XML forbids, read from its JSON
    (orjson) with a few C-level searches: a third of the cost of looking at each string.

    orjson refuses surrogates, writes DEL, U+FFFE and U+FFFF as they are (0x7f; 0xef
    0xbf 0xbe/0xbf in UTF-8), and escapes the C0 controls: tab, LF and CR (allowed) as
    \\t, \\n and \\r, the others as \\b, \\f or \\u00XX. So every backslash must be
    followed by one of the allowed escapes; an escaped backslash only makes this say
    no, and the strings are looked at one by one."""
    try:
        data = orjson.dumps(record)
    except TypeError:  # surrogates; keys that are not text; integers beyond 64 bits
        return False
    if b"\x7f" in data or b"\xef" in data:  # 0xef: rare (U+F000 to U+FFFF), then look
        return False
    escapes = data.split(b"\\")
    return all(escape[:1] in _ALLOWED_ESCAPES for escape in escapes[1:])


_ALLOWED_ESCAPES = (b"n", b"r", b"t", b'"')


def _stripped(value):
    kind = type(value)
    if kind is dict:
        return _stripped_dict(value)
    if kind is str:
        return value if value.isprintable() else strip_forbidden(value)
    if kind is list:
        return [_stripped(item) for item in value]
    if isinstance(value, str):
        return strip_forbidden(value)
    if isinstance(value, dict):
        return _stripped_dict(value)
    if isinstance(value, list):
        return [_stripped(item) for item in value]
    return value


def _stripped_dict(record: dict) -> dict:
    cleaned = record.copy()
    for key, item in record.items():
        kind = type(item)
        if kind is str:
            if not item.isprintable():
                cleaned[key] = strip_forbidden(item)
        elif kind is dict or kind is list or not (
                item is None or kind is bool or kind is int or kind is float):
            cleaned[key] = _stripped(item)
    return cleaned


def safe_url(url: str | None) -> str | None:
    """An http(s) or mailto link in ASCII form, or None for anything else
    (javascript:, data:, relative paths, junk)."""
    if not url or not isinstance(url, str):
        return None
    if "--" not in url and _PLAIN_URL.fullmatch(url):
        return url
    return _safe_url(url)


@functools.lru_cache(maxsize=16384)
def _safe_url(url: str) -> str | None:
    url = "".join(strip_forbidden(url).split())
    if not url.lower().startswith(_SCHEMES):
        return None
    try:
        return safe_url_string(url)
    except (ValueError, UnicodeError):
        return None


# One job is rendered in several feeds and three formats per publish: sanitise it once.
_sanitized = functools.lru_cache(maxsize=4096)(sanitize_html)


def entry_link(job: dict) -> str | None:
    """The posting's own link, else the page it was found on."""
    return safe_url(job.get("url")) or safe_url(job.get("source_url"))


_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£"}


def format_salary(salary: dict | None) -> str | None:
    if not salary:
        return None
    low, high = salary.get("min"), salary.get("max")
    if low is None and high is None:
        return None
    symbol = _SYMBOLS.get(salary.get("currency") or "USD", "")
    code = "" if symbol else f" {salary.get('currency')}"
    low, high = _money(symbol, low), _money(symbol, high)
    amount = f"{low} – {high}" if low and high else low or f"up to {high}"
    return f"{amount}{code} per {salary.get('period') or 'year'}"


def _money(symbol: str, value) -> str | None:
    if value is None:
        return None
    if type(value) is int or (type(value) is float and value.is_integer()):
        return f"{symbol}{int(value):,}"  # what the line below gives, at a third the cost
    return f"{symbol}{value:,.2f}".replace(".00", "")


def closing_line(job: dict) -> str | None:
    if job.get("closes"):
        return f"closes {job['closes']}"
    if job.get("open_until_filled"):
        return "open until filled"
    return None


def summary_line(job: dict) -> str:
    """Organisation · location · salary · closing date, as plain text."""
    parts = [job.get("organization"), job.get("department"), job.get("location"),
             job.get("employment_type"), format_salary(job.get("salary")), closing_line(job)]
    return strip_forbidden(" · ".join(p for p in parts if p))


def description_html(job: dict) -> tuple[str, bool]:
    """The job's description as safe HTML, and whether it was cut."""
    esc = html.escape
    source = job.get("description_html")
    if source:
        cut = len(source) > CONTENT_LIMIT
        # nh3 parses the cut fragment like a browser would and closes open tags.
        return _sanitized(source[:CONTENT_LIMIT] if cut else source), cut
    text = strip_forbidden(job.get("description") or "")
    cut = len(text) > CONTENT_LIMIT
    lines = (text[:CONTENT_LIMIT] if cut else text).splitlines()
    return "\n".join(f"<p>{esc(line)}</p>" for line in lines if line.strip()), cut


def entry_html(job: dict) -> str:
    """The entry body: a summary line, the sanitised description, then the links."""
    body, cut = description_html(job)
    return _entry_html(summary_line(job), body, cut, entry_link(job), safe_documents(job),
                       safe_url(job.get("apply_url")))


def safe_documents(job: dict) -> list[dict]:
    """The job's documents that have a safe link, each with that link."""
    found = []
    for document in job.get("documents") or []:
        if isinstance(document, dict):
            url = safe_url(document.get("url"))
            if url:
                found.append({**document, "url": url})
    return found


def _escape(text: str) -> str:
    """html.escape, without its five passes over text that has nothing to escape."""
    if "&" in text or "<" in text or ">" in text or '"' in text or "'" in text:
        return html.escape(text)
    return text


def _entry_html(summary: str, body: str, cut: bool, link: str | None, documents: list[dict],
                apply_url: str | None) -> str:
    esc = _escape
    parts = [f"<p><strong>{esc(summary)}</strong></p>"]
    if body:
        parts.append(body)
    if cut and link:
        parts.append(f'<p>… <a href="{esc(link)}">Read the full posting</a></p>')
    links = [(d.get("label") or "Document", d["url"]) for d in documents]
    if apply_url:
        links.append(("Apply", apply_url))
    if links:
        parts.append("<p>" + " | ".join(
            f'<a href="{esc(url)}">{esc(strip_forbidden(label))}</a>'
            for label, url in links) + "</p>")
    # Every part is clean already: the summary, the sanitised or stripped description,
    # safe links and stripped labels (no pass over the whole body again).
    return "\n".join(parts)


@functools.lru_cache(maxsize=4096)  # a store's times repeat: one per crawl run
def parse_time(stamp: str) -> datetime:
    return datetime.fromisoformat(stamp.replace("Z", "+00:00"))


def feed_updated(jobs: list[dict], now: datetime) -> datetime:
    """The newest entry change; `now` only for an empty feed."""
    stamps = [j.get("updated") or j["first_seen"] for j in jobs
              if j.get("updated") or j.get("first_seen")]
    return parse_time(max(stamps)) if stamps else now


@dataclass(eq=False, slots=True)
class Entry:
    """A job as every feed shows it, made once per publish and shared by every feed and
    format it appears in: the record cleaned, its safe links, body and summary, its
    times, and each format's rendering once made (`fragments`, filled by the publisher)."""

    job: dict  # the record, cleaned
    id: str
    url: str | None  # safe_url of the record's links
    source_url: str | None
    apply_url: str | None
    documents: list[dict]  # safe_documents
    html: str  # entry_html
    summary: str
    sanitized: str | None  # the whole description_html sanitised, when the body is it
    first_seen: str  # RFC 3339 stamps from the store
    updated: str
    fragments: dict = field(default_factory=dict)

    @classmethod
    def of(cls, job: dict) -> Entry:
        job = clean(job)
        url, source_url = safe_url(job.get("url")), safe_url(job.get("source_url"))
        apply_url, documents = safe_url(job.get("apply_url")), safe_documents(job)
        summary = summary_line(job)
        body, cut = description_html(job)
        sanitized = body if job.get("description_html") and not cut else None
        return cls(job, entry_id(job), url, source_url, apply_url, documents,
                   _entry_html(summary, body, cut, url or source_url, documents, apply_url),
                   summary, sanitized, job["first_seen"], job.get("updated") or job["first_seen"])

    @property
    def link(self) -> str | None:
        """`entry_link`: the posting's own link, else the page it was found on."""
        return self.url or self.source_url

    @property
    def published_time(self) -> datetime:
        return parse_time(self.first_seen)

    @property
    def updated_time(self) -> datetime:
        return parse_time(self.updated)


def entries_updated(entries: list[Entry], now: datetime) -> datetime:
    """`feed_updated` of prepared entries."""
    return parse_time(max(entry.updated for entry in entries)) if entries else now
