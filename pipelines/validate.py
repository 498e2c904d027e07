"""Validate: a job without a title or url is dropped, with the reason counted."""

from scrapy.exceptions import DropItem


class ValidatePipeline:
    @classmethod
    def from_crawler(cls, crawler):
        pipeline = cls()
        pipeline.stats = crawler.stats
        return pipeline

    def process_item(self, item):
        for required in ("title", "url", "id"):
            if not getattr(item, required):
                self.stats.inc_value(f"jobfeed/dropped/missing_{required}")
                raise DropItem(f"job without {required}: {item.title or item.source_url!r}")
        return item
