"""The feeds file: named, filtered feeds and the settings every feed shares.

```yaml
title: Alder Valley public jobs   # names the site and prefixes every feed title
language: en
limit: 200                        # entries per feed, newest kept
page_limit: 2000                  # jobs listed on index.html, newest kept
per_source: true                  # also one feed per source (feeds/<source>.*)
feeds:
  - name: Parks & recreation      # feeds/parks-recreation.{rss,atom,json}
    keywords: '"park ranger" OR recreation -intern'
    source: alder                 # or a list; organization: likewise
    location: [Alder Creek, Birch]
    employment_type: [full-time, part-time]
    min_salary: 60000             # a year; or {amount: 30, period: hour}
```

The same keys may sit beside `sources:` in the sources file (`--feeds sources.yaml`).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from feeds.filters import PER_YEAR, FeedFilter, parse_query
from jobfeed.identity import title_key
from jobfeed.model import EMPLOYMENT_TYPES

DEFAULT_LIMIT = 200
# index.html lists the newest open jobs, not all: at 100,000 jobs the full list was a
# 157 MB page no browser opens comfortably. The feeds still carry every job.
DEFAULT_PAGE_LIMIT = 2000
SLUG = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$")
# File names Windows refuses whatever the extension; a feed folder may be copied there.
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)),
             *(f"lpt{i}" for i in range(10))}
TOP_KEYS = {"title", "language", "limit", "page_limit", "per_source", "feeds", "sources"}
FEED_KEYS = {"name", "slug", "description", "keywords", "source", "organization", "location",
             "employment_type", "min_salary", "limit"}
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


class FeedsError(ValueError):
    """The feeds file is wrong; the message names the file, the feed and the field."""


@dataclass(frozen=True)
class FeedSpec:
    name: str
    slug: str
    filter: FeedFilter
    description: str | None = None
    limit: int | None = None  # None: the file's limit


@dataclass(frozen=True)
class FeedsConfig:
    title: str = "jobfeed"
    language: str = "en"
    limit: int = DEFAULT_LIMIT
    page_limit: int = DEFAULT_PAGE_LIMIT
    per_source: bool = True
    feeds: tuple[FeedSpec, ...] = field(default=())


def feed_slug(name: str) -> str:
    """A safe file name from any feed name: lowercase ascii words joined by '-'.

    Never a path (no '/', '.', '..'), never empty, never a name Windows reserves; a
    name with no ascii letters gets a short hash of itself, so it is still unique.
    """
    words = title_key(name).replace(" ", "-")[:60].strip("-")
    if not words:
        return "feed-" + hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{words}-feed" if words in _RESERVED else words


_SOURCE_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")  # what the sources file allows


def source_slug(source: str) -> str:
    """A source's feed file name: its name, which the sources file keeps safe; anything
    else a store might hold gets a safe slug plus a hash of the name, so no path and no
    collision with another source."""
    if _SOURCE_NAME.match(source) and source not in _RESERVED:
        return source
    digest = hashlib.sha256(source.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{feed_slug(source)[:50]}-{digest}"


def load_feeds(path: str | Path) -> FeedsConfig:
    """Read and validate the whole file; any error raises before anything is crawled."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise FeedsError(f"{path}: cannot read the feeds file: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise FeedsError(f"{path}: not UTF-8 text ({exc.reason})") from exc
    try:
        data = yaml.safe_load(text)
        root = yaml.compose(text)
    except yaml.YAMLError as exc:
        raise FeedsError(f"{path}: not valid YAML: {exc}") from exc
    return parse_feeds(data, root, str(path))


def parse_feeds(data, root=None, where: str = "feeds") -> FeedsConfig:
    if data is None:
        return FeedsConfig()
    if not isinstance(data, dict):
        raise FeedsError(f"{where}: expected a mapping with a 'feeds:' list")
    unknown = sorted(set(data) - TOP_KEYS)
    if unknown:
        raise FeedsError(f"{where}: unknown key {unknown[0]!r}; known keys: "
                         f"{', '.join(sorted(TOP_KEYS - {'sources'}))}")
    title = _string(data, "title", where) or "jobfeed"
    language = _string(data, "language", where) or "en"
    if not _LANGUAGE.match(language):
        raise FeedsError(f"{where}: 'language': {language!r} is not a language tag such as en "
                         "or en-US")
    limit = _limit(data.get("limit", DEFAULT_LIMIT), f"{where}: 'limit'")
    page_limit = _limit(data.get("page_limit", DEFAULT_PAGE_LIMIT), f"{where}: 'page_limit'",
                        "jobs")
    per_source = data.get("per_source", True)
    if not isinstance(per_source, bool):
        raise FeedsError(f"{where}: 'per_source': expected true or false, got {per_source!r}")
    entries = data.get("feeds") or []
    if not isinstance(entries, list):
        raise FeedsError(f"{where}: 'feeds': expected a list of feeds")
    nodes = None
    if root is not None:
        nodes = next((v for k, v in root.value if k.value == "feeds"), None)
    specs: list[FeedSpec] = []
    seen: dict[str, str] = {}
    for index, entry in enumerate(entries):
        line = (nodes.value[index].start_mark.line + 1
                if nodes is not None and hasattr(nodes, "value") and index < len(nodes.value)
                else None)
        place = f"{where}:{line}" if line else where
        spec = _feed(entry, f"{place}: feed #{index + 1}")
        if spec.slug in seen:
            raise FeedsError(
                f"{place}: feed #{index + 1} ({spec.name!r}): its file name "
                f"feeds/{spec.slug}.* is already taken by {seen[spec.slug]}; "
                "give one of them another name or a 'slug:'")
        seen[spec.slug] = f"feed {spec.name!r}"
        specs.append(spec)
    return FeedsConfig(title=title, language=language, limit=limit, page_limit=page_limit,
                       per_source=per_source, feeds=tuple(specs))


def check_against_sources(config: FeedsConfig, sources) -> None:
    """A named feed must not take the file of a per-source feed."""
    if not config.per_source:
        return
    names = {source_slug(source) for source in sources}
    for spec in config.feeds:
        if spec.slug in names:
            raise FeedsError(f"feed {spec.name!r}: its file name feeds/{spec.slug}.* is the "
                             f"per-source feed of source {spec.slug!r}; give the feed another "
                             "name or a 'slug:', or set 'per_source: false'")


def _feed(entry, where: str) -> FeedSpec:
    if not isinstance(entry, dict):
        raise FeedsError(f"{where}: expected a mapping with at least a name")
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise FeedsError(f"{where}: field 'name': give the feed a name")
    name = " ".join(name.split())
    where = f"{where} ({name!r})"
    unknown = sorted(set(entry) - FEED_KEYS)
    if unknown:
        raise FeedsError(f"{where}: unknown field {unknown[0]!r}; known fields: "
                         f"{', '.join(sorted(FEED_KEYS))}")
    slug = entry.get("slug")
    if slug is None:
        slug = feed_slug(name)
    elif not isinstance(slug, str) or not SLUG.match(slug) or slug in _RESERVED:
        raise FeedsError(f"{where}: field 'slug': {slug!r} must be lowercase letters, digits "
                         "and inner '-', at most 64 characters (it names the feed's files)")
    types = _strings(entry, "employment_type", where)
    for kind in types:
        if kind not in EMPLOYMENT_TYPES:
            raise FeedsError(f"{where}: field 'employment_type': {kind!r} is not one of "
                             f"{', '.join(EMPLOYMENT_TYPES)}")
    keywords = entry.get("keywords")
    if isinstance(keywords, list) and all(isinstance(k, str) for k in keywords):
        keywords = " OR ".join(keywords)
    if keywords is not None and not isinstance(keywords, str):
        raise FeedsError(f"{where}: field 'keywords': expected text such as "
                         "'\"park ranger\" OR planner'")
    query = parse_query(keywords) if keywords else None
    if keywords and not query.alternatives:
        raise FeedsError(f"{where}: field 'keywords': {keywords!r} has no words to look for")
    minimum, currency = _min_salary(entry.get("min_salary"), where)
    description = entry.get("description")
    if description is not None and not isinstance(description, str):
        raise FeedsError(f"{where}: field 'description': expected text")
    limit = entry.get("limit")
    if limit is not None:
        limit = _limit(limit, f"{where}: field 'limit'")
    return FeedSpec(
        name=name, slug=slug, description=description, limit=limit,
        filter=FeedFilter(
            sources=_strings(entry, "source", where),
            organizations=_strings(entry, "organization", where),
            keywords=query,
            locations=_strings(entry, "location", where),
            employment_types=types,
            min_salary=minimum, currency=currency))


def _string(data: dict, key: str, where: str) -> str | None:
    value = data.get(key)
    if value is not None and not isinstance(value, str):
        raise FeedsError(f"{where}: {key!r}: expected text, got {value!r}")
    return " ".join(value.split()) if value else None


def _strings(entry: dict, key: str, where: str) -> tuple[str, ...]:
    value = entry.get(key)
    if value is None:
        return ()
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
        raise FeedsError(f"{where}: field {key!r}: expected text or a list of text")
    return tuple(v.strip() for v in values)


def _limit(value, where: str, what: str = "entries") -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise FeedsError(f"{where}: expected a whole number of {what}, at least 1; "
                         f"got {value!r}")
    return value


def _min_salary(value, where: str) -> tuple[float | None, str | None]:
    """A number is a yearly amount; {amount, period, currency} says otherwise."""
    if value is None:
        return None, None
    amount, period, currency = value, "year", None
    if isinstance(value, dict):
        unknown = sorted(set(value) - {"amount", "period", "currency"})
        if unknown:
            raise FeedsError(f"{where}: field 'min_salary': unknown key {unknown[0]!r} "
                             "(amount, period, currency)")
        amount, period = value.get("amount"), value.get("period", "year")
        currency = value.get("currency")
    if isinstance(amount, bool) or not isinstance(amount, (int, float)) or amount < 0:
        raise FeedsError(f"{where}: field 'min_salary': expected an amount such as 60000 or "
                         "{amount: 30, period: hour}")
    if period not in PER_YEAR:
        raise FeedsError(f"{where}: field 'min_salary': period {period!r} is not one of "
                         f"{', '.join(PER_YEAR)}")
    if currency is not None and (not isinstance(currency, str) or len(currency) != 3):
        raise FeedsError(f"{where}: field 'min_salary': currency {currency!r} is not a "
                         "three-letter code such as USD")
    return float(amount) * PER_YEAR[period], currency.upper() if currency else None


def feeds_for(path: str | Path | None, default: str | Path = "feeds.yaml") -> FeedsConfig:
    """`--feeds FILE` when given, else `feeds.yaml` when it exists, else no named feeds."""
    if path is not None:
        return load_feeds(path)
    if Path(default).is_file():
        return load_feeds(default)
    return FeedsConfig()
