"""RSS 2.0 and Atom 1.0, byte-for-byte reproducible for the same input.

Written as text, not built as a tree: a feed is a head, its entries and a tail, so the
publisher renders each job's entry once and joins it into every feed it belongs to (a
job is in the all-jobs feed, its source's feed and maybe named feeds). The layout and
escaping are those of lxml's pretty printing, which feedgen used, so feeds written
before stay byte-equal. feedgen built an element tree per feed and entry: 7.2 s of the
19 s a 10,000-job publish took in the profile, and it grew with every entry of every feed.

Every string must already be free of the characters XML forbids (`clean`,
`strip_forbidden`); this module escapes markup the way libxml2 serialises it.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import datetime
from typing import Iterable
from xml.sax.saxutils import escape

import jobfeed
from feeds.meta import Entry, FeedMeta, entries_updated
from jobfeed.html import strip_forbidden

GENERATOR_URI = "https://github.com/jobfeed/jobfeed"
RSS_DOCS = "http://www.rssboard.org/rss-specification"
_DECLARATION = "<?xml version='1.0' encoding='UTF-8'?>\n"
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


_TEXT_ENTITIES = {"\r": "&#13;"}
_ATTRIBUTE_ENTITIES = {"\r": "&#13;", '"': "&quot;", "\n": "&#10;", "\t": "&#9;"}


def text(value: str) -> str:
    """Character data as libxml2 writes it: &, <, > and CR escaped."""
    return escape(value, _TEXT_ENTITIES)


def attribute(value: str) -> str:
    """An attribute value (in double quotes) as libxml2 writes it."""
    return escape(value, _ATTRIBUTE_ENTITIES)


@functools.lru_cache(maxsize=4096)
def rfc822(moment: datetime) -> str:
    """RSS dates: 'Fri, 20 Nov 2026 15:00:00 +0000', English whatever the locale."""
    return (f"{_DAYS[moment.weekday()]}, {moment.day:02d} {_MONTHS[moment.month - 1]} "
            f"{moment:%Y %H:%M:%S %z}")


@functools.lru_cache(maxsize=4096)
def rfc3339(moment: datetime) -> str:
    return moment.isoformat()


@dataclass(frozen=True)
class Channel:
    """What a feed says about itself, in both formats."""

    id: str
    title: str
    description: str
    language: str
    home_url: str
    self_url: str
    generator: str = "jobfeed"
    generator_uri: str | None = None


def rss_item(*, id: str, title: str, link: str | None, html: str, published: datetime,
             categories: Iterable[str] = ()) -> str:
    parts = ["    <item>\n"]
    if title:
        parts.append(f"      <title>{text(title)}</title>\n")
    if link:
        parts.append(f"      <link>{text(link)}</link>\n")
    parts.append(f"      <description>{text(html)}</description>\n"
                 f'      <guid isPermaLink="false">{text(id)}</guid>\n')
    parts.extend(f"      <category>{text(term)}</category>\n" for term in categories if term)
    parts.append(f"      <pubDate>{rfc822(published)}</pubDate>\n    </item>\n")
    return "".join(parts)


def atom_entry(*, id: str, title: str, link: str | None, html: str, published: datetime,
               updated: datetime, summary: str | None = None, author: str | None = None,
               categories: Iterable[str] = ()) -> str:
    parts = [f"  <entry>\n    <id>{text(id)}</id>\n    <title>{text(title)}</title>\n"
             f"    <updated>{rfc3339(updated)}</updated>\n"]
    if author:
        parts.append(f"    <author>\n      <name>{text(author)}</name>\n    </author>\n")
    parts.append(f'    <content type="html">{text(html)}</content>\n' if html
                 else '    <content type="html"/>\n')
    if link:
        parts.append(f'    <link href="{attribute(link)}"/>\n')
    if summary:
        parts.append(f"    <summary>{text(summary)}</summary>\n")
    parts.extend(f'    <category term="{attribute(term)}"/>\n' for term in categories if term)
    parts.append(f"    <published>{rfc3339(published)}</published>\n  </entry>\n")
    return "".join(parts)


def rss_document(channel: Channel, updated: datetime, items: Iterable[str]) -> bytes:
    """The feed around already rendered `rss_item`s (str, or UTF-8 bytes)."""
    head = (f"{_DECLARATION}<rss xmlns:atom=\"http://www.w3.org/2005/Atom\" "
            'xmlns:content="http://purl.org/rss/1.0/modules/content/" version="2.0">\n'
            "  <channel>\n"
            f"    <title>{text(channel.title)}</title>\n"
            f"    <link>{text(channel.home_url)}</link>\n"
            f"    <description>{text(channel.description)}</description>\n"
            f'    <atom:link href="{attribute(channel.self_url)}" rel="self"/>\n'
            f"    <docs>{RSS_DOCS}</docs>\n"
            f"    <generator>{text(channel.generator)}</generator>\n"
            + (f"    <language>{text(channel.language)}</language>\n" if channel.language else "")
            + f"    <lastBuildDate>{rfc822(updated)}</lastBuildDate>\n")
    return _join(head, items, "  </channel>\n</rss>\n")


def atom_document(channel: Channel, updated: datetime, entries: Iterable[str]) -> bytes:
    """The feed around already rendered `atom_entry`s (str, or UTF-8 bytes)."""
    uri = f' uri="{attribute(channel.generator_uri)}"' if channel.generator_uri else ""
    lang = f' xml:lang="{attribute(channel.language)}"' if channel.language else ""
    head = (f'{_DECLARATION}<feed xmlns="http://www.w3.org/2005/Atom"{lang}>\n'
            f"  <id>{text(channel.id)}</id>\n"
            f"  <title>{text(channel.title)}</title>\n"
            f"  <updated>{rfc3339(updated)}</updated>\n"
            f'  <link href="{attribute(channel.self_url)}" rel="self"/>\n'
            f'  <link href="{attribute(channel.home_url)}" rel="alternate"/>\n'
            f'  <generator{uri} version="{attribute(jobfeed.__version__)}">'
            f"{text(channel.generator)}</generator>\n"
            f"  <subtitle>{text(channel.description)}</subtitle>\n")
    return _join(head, entries, "</feed>\n")


def _join(head: str, body: Iterable[str | bytes], tail: str) -> bytes:
    parts = [head.encode("utf-8")]
    parts.extend(part if isinstance(part, bytes) else part.encode("utf-8") for part in body)
    parts.append(tail.encode("utf-8"))
    return b"".join(parts)


# --- jobs -------------------------------------------------------------------------------

def channel(meta: FeedMeta, extension: str) -> Channel:
    return Channel(id=meta.feed_id, title=strip_forbidden(meta.title),
                   description=strip_forbidden(meta.description),
                   language=strip_forbidden(meta.language), home_url=meta.home_url,
                   self_url=meta.url(extension), generator_uri=GENERATOR_URI)


def job_rss_item(entry: Entry) -> str:
    job = entry.job
    return rss_item(id=entry.id, title=job["title"], link=entry.link, html=entry.html,
                    published=entry.published_time,
                    categories=(job.get("organization"), job.get("employment_type")))


def job_atom_entry(entry: Entry) -> str:
    job = entry.job
    return atom_entry(id=entry.id, title=job["title"], link=entry.link, html=entry.html,
                      published=entry.published_time, updated=entry.updated_time,
                      summary=entry.summary, author=job.get("organization"),
                      categories=(job.get("organization"), job.get("employment_type")))


def rss_feed(entries: list[Entry], meta: FeedMeta, now: datetime,
             items: Iterable[str | bytes] | None = None) -> bytes:
    """The RSS file of these entries; `items`: their `job_rss_item`s when already made."""
    return rss_document(channel(meta, "rss"), entries_updated(entries, now),
                        items if items is not None else map(job_rss_item, entries))


def atom_feed(entries: list[Entry], meta: FeedMeta, now: datetime,
              items: Iterable[str | bytes] | None = None) -> bytes:
    return atom_document(channel(meta, "atom"), entries_updated(entries, now),
                         items if items is not None else map(job_atom_entry, entries))


def render_rss(jobs: list[dict], meta: FeedMeta, now: datetime) -> bytes:
    return rss_feed([Entry.of(job) for job in jobs], meta, now)


def render_atom(jobs: list[dict], meta: FeedMeta, now: datetime) -> bytes:
    return atom_feed([Entry.of(job) for job in jobs], meta, now)

