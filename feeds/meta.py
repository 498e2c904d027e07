"""What a feed says about itself, and the pieces every format shares."""

from __future__ import annotations

import html
from dataclasses import dataclass


@dataclass(frozen=True)
class FeedMeta:
    slug: str  # file name without extension, e.g. "jobs" or "feeds/calcities"
    title: str
    description: str
    base_url: str  # where the output folder is served, ending in "/"
    language: str = "en"

    @property
    def home_url(self) -> str:
        return self.base_url

    def url(self, extension: str) -> str:
        return f"{self.base_url}{self.slug}.{extension}"

    @property
    def feed_id(self) -> str:
        return f"urn:jobfeed:feed:{self.slug}"


def entry_id(job: dict) -> str:
    """Built from the job id alone, so it never changes while the posting lives."""
    return f"urn:jobfeed:job:{job['id']}"


def format_salary(salary: dict | None) -> str | None:
    if not salary:
        return None
    symbol = {"USD": "$", "EUR": "€", "GBP": "£"}.get(salary.get("currency") or "USD", "")

    def money(value):
        return f"{symbol}{value:,.2f}".replace(".00", "") if value is not None else None

    low, high = money(salary.get("min")), money(salary.get("max"))
    amount = f"{low} – {high}" if low and high else low or f"up to {high}"
    return f"{amount} per {salary.get('period') or 'year'}"


def summary_line(job: dict) -> str:
    """Organisation · location · salary · closing date, as plain text."""
    parts = [job.get("organization"), job.get("department"), job.get("location"),
             job.get("employment_type"), format_salary(job.get("salary"))]
    if job.get("closes"):
        parts.append(f"closes {job['closes']}")
    elif job.get("open_until_filled"):
        parts.append("open until filled")
    return " · ".join(p for p in parts if p)


def entry_html(job: dict) -> str:
    """The entry body: a summary line, the sanitised description, then the links."""
    esc = html.escape
    parts = [f"<p><strong>{esc(summary_line(job))}</strong></p>"]
    if job.get("description_html"):
        parts.append(job["description_html"])  # sanitised by extraction (nh3)
    elif job.get("description"):
        parts.extend(f"<p>{esc(line)}</p>" for line in job["description"].splitlines())
    links = [(d["label"], d["url"]) for d in job.get("documents") or []]
    if job.get("apply_url"):
        links.append(("Apply", job["apply_url"]))
    if links:
        parts.append("<p>" + " | ".join(
            f'<a href="{esc(url)}">{esc(label)}</a>' for label, url in links) + "</p>")
    return "\n".join(parts)
