"""Scrapy settings for jobfeed: only what differs from Scrapy's defaults."""

BOT_NAME = "jobfeed"  # default "scrapybot"
SPIDER_MODULES = ["spiders"]  # default []
NEWSPIDER_MODULE = "spiders"  # default ""

# Politeness: identify ourselves, obey robots.txt, adapt to the server.
USER_AGENT = "jobfeed/0.1 (+https://github.com/jobfeed/jobfeed; job-feed aggregator)"  # default Scrapy/VERSION
ROBOTSTXT_OBEY = True  # default False
CONCURRENT_REQUESTS_PER_DOMAIN = 2  # default 8
DOWNLOAD_DELAY = 1.0  # default 0
AUTOTHROTTLE_ENABLED = True  # default False
AUTOTHROTTLE_START_DELAY = 1.0  # default 5.0: DOWNLOAD_DELAY already spaces requests
DOWNLOAD_TIMEOUT = 30  # default 180: a careers page that takes longer has failed
RETRY_TIMES = 2  # default 2 (stated: failure is a source status, not a crash)
TELNETCONSOLE_ENABLED = False  # default True: nothing listens on a cron box
LOG_LEVEL = "INFO"  # default "DEBUG"

ITEM_PIPELINES = {  # default {}
    "pipelines.normalise.NormalisePipeline": 100,
    "pipelines.validate.ValidatePipeline": 200,
    "pipelines.dedupe.DedupePipeline": 300,
    "pipelines.store.StorePipeline": 400,
}

# jobfeed's own settings
JOBFEED_DB = "var/jobfeed.db"  # SQLite file of the store
JOBFEED_OUT = "public"  # where feeds are written
JOBFEED_SOURCES = "sources.yaml"  # the sources file `scrapy crawl careers` reads
JOBFEED_STORE_BATCH = 500  # jobs per store transaction
