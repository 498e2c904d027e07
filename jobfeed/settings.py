"""Scrapy settings for jobfeed: only what differs from Scrapy's defaults."""

import jobfeed

BOT_NAME = "jobfeed"  # default "scrapybot"
SPIDER_MODULES = ["spiders"]  # default []
NEWSPIDER_MODULE = "spiders"  # default ""

# Politeness: identify ourselves, obey robots.txt, adapt to the server.
# The one place to say who crawls: site owners read it in their logs. Set your own
# (`-s JOBFEED_CONTACT=https://example.org/bot` rebuilds USER_AGENT from it).
JOBFEED_CONTACT = "https://github.com/jobfeed/jobfeed"
USER_AGENT = f"jobfeed/{jobfeed.__version__} (+{JOBFEED_CONTACT})"  # default Scrapy/VERSION
ROBOTSTXT_OBEY = True  # default False
ROBOTSTXT_USER_AGENT = "jobfeed"  # default None (USER_AGENT): the name robots.txt groups use
CONCURRENT_REQUESTS_PER_DOMAIN = 2  # default 8
CONCURRENT_ITEMS = 16  # default 100: 100 tasks a response cost ~11 % CPU a page (bench)
DOWNLOAD_DELAY = 1.0  # default 0; a source's `download_delay:` sets a stricter one per site
AUTOTHROTTLE_ENABLED = True  # default False
AUTOTHROTTLE_START_DELAY = 1.0  # default 5.0: DOWNLOAD_DELAY already spaces requests
AUTOTHROTTLE_MAX_DELAY = 30.0  # default 60.0

# Faults: give up on a page in time, retry what may pass, report the rest.
DOWNLOAD_TIMEOUT = 30  # default 180: a careers page that takes longer has failed
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024  # default 1 GB: no careers page is this big
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024  # default 32 MB
REDIRECT_MAX_TIMES = 10  # default 20
RETRY_TIMES = 2  # default 2 (stated: failure is a source status, not a crash)
JOBFEED_RETRY_BACKOFF = 2.0  # seconds before the first retry, doubled for each next one
JOBFEED_RETRY_MAX_WAIT = 120.0  # longest wait before a retry; a longer Retry-After fails now
TELNETCONSOLE_ENABLED = False  # default True: nothing listens on a cron box
LOG_LEVEL = "INFO"  # default "DEBUG"

# Incremental crawls: every page is revalidated (If-None-Match / If-Modified-Since), an
# unchanged one costs a 304; detail pages of an unchanged listing come from the cache.
HTTPCACHE_ENABLED = True  # default False
HTTPCACHE_POLICY = "jobfeed.httpcache.RevalidatePolicy"  # default DummyPolicy
HTTPCACHE_STORAGE = "jobfeed.httpcache.SQLiteCacheStorage"  # default FilesystemCacheStorage
JOBFEED_HTTPCACHE = "var/httpcache.db"  # `jobfeed crawl` puts it next to the store
JOBFEED_HTTPCACHE_DAYS = 30  # entries not refreshed for this long are dropped
JOBFEED_DETAIL_MAX_AGE_DAYS = 7  # a detail page is revalidated at least this often

DOWNLOADER_MIDDLEWARES = {  # default {}
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "jobfeed.middlewares.RobotsTxtMiddleware": 100,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "jobfeed.middlewares.BackoffRetryMiddleware": 550,
    "jobfeed.middlewares.CharsetMiddleware": 580,
    "scrapy.downloadermiddlewares.httpcache.HttpCacheMiddleware": None,
    "jobfeed.httpcache.HttpCacheMiddleware": 900,
}
SPIDER_MIDDLEWARES = {  # default {}
    "jobfeed.httpcache.UnchangedPageMiddleware": 800,
}
EXTENSIONS = {  # default {}
    "scrapy.extensions.throttle.AutoThrottle": None,
    "jobfeed.politeness.SourceAutoThrottle": 0,
    "jobfeed.politeness.SourcePoliteness": 0,
    "jobfeed.monitor.RunMonitor": 100,
}

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
# Processes extracting pages beside the crawl: a number (0: in the crawl's own process)
# or "auto": one per core beyond the crawl's, up to 2, when there are 20 sources or more.
JOBFEED_EXTRACT_PROCESSES = "auto"
WARN_ON_GENERATOR_RETURN_VALUE = False  # default True: parses each callback's source per response
JOBFEED_COVERAGE_DROP = 0.5  # alert when this share of the jobs that had a field lose it...
JOBFEED_COVERAGE_MIN_JOBS = 3  # ...and at least this many jobs had it
JOBFEED_RUNS_KEEP = 400  # run reports kept in var/runs/
