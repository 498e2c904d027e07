"""The ceiling: a Scrapy spider that fetches the given URLs and parses nothing.

    python -m bench.bare URLS_FILE [--items N] [-s NAME=VALUE]...

Scrapy's defaults, plus the same -s overrides the benchmark gives `jobfeed crawl`.
With --items N it yields N small dicts a page (no pipelines): what Scrapy's engine
alone costs per item, for comparison.
"""

from __future__ import annotations

import sys

import scrapy
from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings


class BareSpider(scrapy.Spider):
    name = "bare"

    def __init__(self, urls: list[str], items: int = 0, **kwargs):
        super().__init__(**kwargs)
        self.urls = urls
        self.items = items

    async def start(self):
        for url in self.urls:
            yield scrapy.Request(url, callback=self.parse, dont_filter=True)

    def parse(self, response):
        for number in range(self.items):
            yield {"url": response.url, "number": number}


def main(argv: list[str]) -> int:
    path, overrides, items = argv[0], {}, 0
    args = iter(argv[1:])
    for item in args:
        if item == "--items":
            items = int(next(args))
            continue
        if item == "-s":
            continue
        name, _, value = item.partition("=")
        overrides[name] = value
    with open(path, encoding="utf-8") as stream:
        urls = [line.strip() for line in stream if line.strip()]
    settings = Settings({"LOG_LEVEL": "ERROR", "TELNETCONSOLE_ENABLED": False})
    settings.setdict(overrides, priority="cmdline")
    process = CrawlerProcess(settings)
    process.crawl(BareSpider, urls=urls, items=items)
    process.start()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
