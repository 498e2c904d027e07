"""The ceiling: a Scrapy spider that fetches the given URLs and parses nothing.

    python -m bench.bare URLS_FILE [-s NAME=VALUE]...

Scrapy's defaults, plus the same -s overrides the benchmark gives `jobfeed crawl`.
"""

from __future__ import annotations

import sys

import scrapy
from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings


class BareSpider(scrapy.Spider):
    name = "bare"

    def __init__(self, urls: list[str], **kwargs):
        super().__init__(**kwargs)
        self.urls = urls

    async def start(self):
        for url in self.urls:
            yield scrapy.Request(url, callback=self.parse, dont_filter=True)

    def parse(self, response):
        return None


def main(argv: list[str]) -> int:
    path, overrides = argv[0], {}
    for item in argv[1:]:
        if item == "-s":
            continue
        name, _, value = item.partition("=")
        overrides[name] = value
    with open(path, encoding="utf-8") as stream:
        urls = [line.strip() for line in stream if line.strip()]
    settings = Settings({"LOG_LEVEL": "ERROR", "TELNETCONSOLE_ENABLED": False})
    settings.setdict(overrides, priority="cmdline")
    process = CrawlerProcess(settings)
    process.crawl(BareSpider, urls=urls)
    process.start()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
