"""Dedupe: within one run, a job id passes once (a page listing a job twice, or two
start URLs of a source showing the same posting)."""

from scrapy.exceptions import DropItem


class DedupePipeline:
    @classmethod
    def from_crawler(cls, crawler):
        pipeline = cls()
        pipeline.stats = crawler.stats
        pipeline.seen = set()
        return pipeline

    def process_item(self, item):
        if item.id in self.seen:
            self.stats.inc_value("jobfeed/dropped/duplicate")
            raise DropItem(f"duplicate of job {item.id}: {item.title!r}")
        self.seen.add(item.id)
        return item
