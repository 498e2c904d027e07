"""Normalise: clean text, parse dates/salary/type against the crawl time, set the id."""

from jobfeed.normalise import normalise_job
from pipelines import each_job, report_job_error


class NormalisePipeline:
    @classmethod
    def from_crawler(cls, crawler):
        pipeline = cls()
        pipeline.crawler = crawler
        return pipeline

    def process_item(self, item):
        run = self.crawler.spider.run
        return each_job(item, lambda job: self.normalise(job, run.started_at),
                        report_job_error(run, getattr(item, "page_url", "?")))

    def normalise(self, job, now):
        normalise_job(job, now)
        self.crawler.stats.inc_value("jobfeed/normalised")
        return job
