"""Politeness per source: a stricter site gets its own delay, one request at a time.

A sources entry with `download_delay: 10` makes every host of its start URLs a
download slot with concurrency 1 and at least 10 seconds between requests, with no
jitter below it; AutoThrottle may slow such a slot further, never speed it up.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from scrapy import signals
from scrapy.extensions.throttle import AutoThrottle


def download_slots(sources) -> dict[str, dict]:
    """DOWNLOAD_SLOTS entries for the sources that ask for a stricter delay."""
    slots: dict[str, dict] = {}
    for source in sources or []:
        delay = getattr(source, "download_delay", None)
        if delay is None:
            continue
        for url in source.start_urls:
            host = urlsplit(url).hostname or ""
            before = slots.get(host, {}).get("delay", 0.0)
            slots[host] = {"concurrency": 1, "delay": max(float(delay), before), "jitter": 0.0}
    return slots


class SourcePoliteness:
    """Installs the per-source slots when the spider opens (before its first request)."""

    def __init__(self, crawler):
        self.crawler = crawler
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def spider_opened(self, spider):
        stricter = download_slots(getattr(spider, "sources", None))
        configured = self.crawler.engine.downloader.per_slot_settings
        for host, slot in stricter.items():
            configured[host] = {**slot, **configured.get(host, {})}  # DOWNLOAD_SLOTS wins


class SourceAutoThrottle(AutoThrottle):
    """AutoThrottle that never lowers a slot below the delay configured for it."""

    def _response_downloaded(self, response, request, spider=None):
        super()._response_downloaded(response, request, spider)
        key, slot = self._get_slot(request, spider)
        if slot is None:
            return
        floor = self.crawler.engine.downloader.per_slot_settings.get(key, {}).get("delay")
        if floor is not None:
            slot.delay = max(slot.delay, float(floor))
