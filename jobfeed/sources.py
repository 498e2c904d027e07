"""The sources file: one entry per organisation's careers page."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from jobfeed.identity import slug
from jobfeed.yamlfile import load_with_nodes

KNOWN_KEYS = {"name", "organization", "start_urls", "spider", "hints", "follow_details",
              "max_pages", "download_delay"}
NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")


class SourcesError(ValueError):
    """The sources file is wrong; the message names the file, the entry and the field."""


@dataclass(frozen=True)
class Source:
    name: str
    start_urls: tuple[str, ...]
    organization: str | None = None
    spider: str = "careers"
    hints: dict = field(default_factory=dict, hash=False, compare=False)
    follow_details: bool = True
    max_pages: int = 10
    # Seconds between requests to this source's hosts, one at a time, for a site that
    # asks for more care than DOWNLOAD_DELAY (jobfeed.politeness).
    download_delay: float | None = None


def source_for_url(url: str) -> Source:
    """A source made from a bare URL, for `jobfeed crawl --url` with no entry."""
    check_url(url, where=f"--url {url}")
    host = urlsplit(url).hostname or "page"
    return Source(name=slug(host.removeprefix("www.") + urlsplit(url).path, 64),
                  start_urls=(url,))


def check_url(url: str, where: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SourcesError(f"{where}: {url!r} is not an http(s) URL")


def load_sources(path: str | Path) -> list[Source]:
    """Read and validate the whole file; any error raises before anything is crawled."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SourcesError(f"{path}: cannot read the sources file: {exc.strerror}") from exc
    try:
        data, root = load_with_nodes(text)
    except yaml.YAMLError as exc:
        raise SourcesError(f"{path}: not valid YAML: {exc}") from exc
    entries, nodes = data, root
    if isinstance(data, dict):
        entries = data.get("sources")
        nodes = next((v for k, v in root.value if k.value == "sources"), None)
    if not isinstance(entries, list):
        raise SourcesError(f"{path}: expected a list of sources under 'sources:'")
    sources, seen = [], {}
    for index, entry in enumerate(entries):
        line = nodes.value[index].start_mark.line + 1 if nodes is not None else "?"
        where = f"{path}:{line}: source #{index + 1}"
        source = _source(entry, where)
        if source.name in seen:
            raise SourcesError(f"{where} ({source.name}): field 'name': duplicate of the entry "
                               f"at line {seen[source.name]}")
        seen[source.name] = line
        sources.append(source)
    return sources


def _source(entry, where: str) -> Source:
    if not isinstance(entry, dict):
        raise SourcesError(f"{where}: expected a mapping with name and start_urls")
    name = entry.get("name")
    if not isinstance(name, str) or not NAME.match(name):
        raise SourcesError(f"{where}: field 'name': {name!r} must be lowercase letters, digits, "
                           "'-' or '_' (it names files and feed ids)")
    where = f"{where} ({name})"
    unknown = sorted(set(entry) - KNOWN_KEYS)
    if unknown:
        raise SourcesError(f"{where}: unknown field {unknown[0]!r}; known fields: "
                           f"{', '.join(sorted(KNOWN_KEYS))}")
    urls = entry.get("start_urls")
    if isinstance(urls, str):
        urls = [urls]
    if not isinstance(urls, list) or not urls:
        raise SourcesError(f"{where}: field 'start_urls': give at least one URL")
    for url in urls:
        check_url(str(url), f"{where}: field 'start_urls'")
    for key, kind in (("organization", str), ("spider", str), ("hints", dict),
                      ("follow_details", bool), ("max_pages", int)):
        if key in entry and not isinstance(entry[key], kind):
            raise SourcesError(f"{where}: field {key!r}: expected {kind.__name__}, "
                               f"got {entry[key]!r}")
    delay = entry.get("download_delay")
    if delay is not None and (isinstance(delay, bool) or not isinstance(delay, (int, float))
                              or not 0 <= delay <= 3600):
        raise SourcesError(f"{where}: field 'download_delay': expected seconds between "
                           f"0 and 3600, got {delay!r}")
    _check_hints(entry.get("hints") or {}, where)
    return Source(name=name, start_urls=tuple(urls), organization=entry.get("organization"),
                  spider=entry.get("spider", "careers"), hints=entry.get("hints") or {},
                  follow_details=entry.get("follow_details", True),
                  max_pages=entry.get("max_pages", 10),
                  download_delay=float(delay) if delay is not None else None)


def _check_hints(hints: dict, where: str) -> None:
    """Selectors must compile and name known fields; `job` is needed for the others."""
    from jobfeed.extract.hints import SELECTOR_HINTS, HintError, compile_selector

    known = set(SELECTOR_HINTS) | {"follow_pages"}
    for key, value in hints.items():
        field_name = f"hints.{key}"
        if key not in known:
            raise SourcesError(f"{where}: field {field_name!r}: unknown hint; known hints: "
                               f"{', '.join(sorted(known))}")
        if key == "follow_pages":
            if not isinstance(value, bool):
                raise SourcesError(f"{where}: field {field_name!r}: expected true or false")
            continue
        if not isinstance(value, str) or not value.strip():
            raise SourcesError(f"{where}: field {field_name!r}: expected a CSS or XPath selector")
        try:
            compile_selector(value)
        except HintError as exc:
            raise SourcesError(f"{where}: field {field_name!r}: {exc}") from exc
    if hints and "job" not in hints and set(hints) - {"follow_pages"}:
        raise SourcesError(f"{where}: field 'hints': field selectors need a 'job' selector "
                           "that matches one element per posting")
