"""Dedupe: within one run, a job id passes once (a page listing a job twice, or two
start URLs of a source showing the same posting)."""

from scrapy.exceptions import DropItem

from pipelines import each_job


class DedupePipeline:
    @classmethod
    def from_crawler(cls, crawler):
        pipeline = cls()
        pipeline.stats = crawler.stats
        pipeline.seen = set()
        return pipeline

    def process_item(self, item):
        return each_job(item, self.once)

    def once(self, job):
        if job.id in self.seen:
            self.stats.inc_value("jobfeed/dropped/duplicate")
            raise DropItem(f"duplicate of job {job.id}: {job.title!r}")
        self.seen.add(job.id)
        return job
