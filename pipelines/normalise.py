"""Normalise: clean text, parse dates/salary/type against the crawl time, set the id."""

from jobfeed.normalise import normalise_job


class NormalisePipeline:
    @classmethod
    def from_crawler(cls, crawler):
        pipeline = cls()
        pipeline.crawler = crawler
        return pipeline

    def process_item(self, item):
        normalise_job(item, self.crawler.spider.run.started_at)
        self.crawler.stats.inc_value("jobfeed/normalised")
        return item
