"""What a feed says about itself, and the pieces every format shares.

Everything a renderer takes from a job passes through here first: text loses the
characters XML cannot carry, links keep only http(s) and mailto, and description HTML
is sanitised again (nh3) and capped, whatever the store holds.
"""

from __future__ import annotations

import functools
import html
from dataclasses import dataclass
from datetime import datetime

from w3lib.url import safe_url_string

from jobfeed.html import sanitize_html, strip_forbidden

# A description longer than this is cut in feed entries (the full text stays in the
# store and in JSON Feed `_job`): a reader should not download megabytes per entry.
CONTENT_LIMIT = 20_000
_SCHEMES = ("http://", "https://", "mailto:")


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
    surrogates, which UTF-8 cannot encode), in nested dicts and lists too."""
    if isinstance(value, str):
        return strip_forbidden(value)
    if isinstance(value, dict):
        return {key: clean(item) for key, item in value.items()}
    if isinstance(value, list):
        return [clean(item) for item in value]
    return value


def safe_url(url: str | None) -> str | None:
    """An http(s) or mailto link in ASCII form, or None for anything else
    (javascript:, data:, relative paths, junk)."""
    if not url or not isinstance(url, str):
        return None
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


def format_salary(salary: dict | None) -> str | None:
    if not salary or (salary.get("min") is None and salary.get("max") is None):
        return None
    symbol = {"USD": "$", "EUR": "€", "GBP": "£"}.get(salary.get("currency") or "USD", "")
    code = "" if symbol else f" {salary.get('currency')}"

    def money(value):
        return f"{symbol}{value:,.2f}".replace(".00", "") if value is not None else None

    low, high = money(salary.get("min")), money(salary.get("max"))
    amount = f"{low} – {high}" if low and high else low or f"up to {high}"
    return f"{amount}{code} per {salary.get('period') or 'year'}"


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
    esc = html.escape
    parts = [f"<p><strong>{esc(summary_line(job))}</strong></p>"]
    body, cut = description_html(job)
    if body:
        parts.append(body)
    link = entry_link(job)
    if cut and link:
        parts.append(f'<p>… <a href="{esc(link)}">Read the full posting</a></p>')
    links = [(d.get("label") or "Document", safe_url(d.get("url")))
             for d in job.get("documents") or [] if isinstance(d, dict)]
    links.append(("Apply", safe_url(job.get("apply_url"))))
    links = [(label, url) for label, url in links if url]
    if links:
        parts.append("<p>" + " | ".join(
            f'<a href="{esc(url)}">{esc(strip_forbidden(label))}</a>'
            for label, url in links) + "</p>")
    return strip_forbidden("\n".join(parts))


def parse_time(stamp: str) -> datetime:
    return datetime.fromisoformat(stamp.replace("Z", "+00:00"))


def feed_updated(jobs: list[dict], now: datetime) -> datetime:
    """The newest entry change; `now` only for an empty feed."""
    stamps = [j.get("updated") or j["first_seen"] for j in jobs
              if j.get("updated") or j.get("first_seen")]
    return parse_time(max(stamps)) if stamps else now
