"""Validate: a job without a title or url is dropped, with the reason counted."""

from scrapy.exceptions import DropItem

from pipelines import each_job


class ValidatePipeline:
    @classmethod
    def from_crawler(cls, crawler):
        pipeline = cls()
        pipeline.stats = crawler.stats
        return pipeline

    def process_item(self, item):
        return each_job(item, self.validate)

    def validate(self, job):
        for required in ("title", "url", "id"):
            if not getattr(job, required):
                self.stats.inc_value(f"jobfeed/dropped/missing_{required}")
                raise DropItem(f"job without {required}: {job.title or job.source_url!r}")
        return job
