"""Exit codes of `jobfeed crawl`, for cron, systemd and CI (the README has the same table)."""

EXIT_OK = 0  # every source crawled ok, no alert
EXIT_SOURCE_FAILED = 1  # a source failed, came back empty or partial: none of its jobs closed
EXIT_USAGE = 2  # bad configuration or input; nothing was crawled
EXIT_ALERT = 3  # every source ok, but an alert was raised (e.g. field coverage dropped)
EXIT_LOCKED = 75  # another run holds this store's lock; nothing was done (EX_TEMPFAIL: try later)

MEANING = {
    EXIT_OK: "every source crawled ok",
    EXIT_SOURCE_FAILED: "a source failed, came back empty or partial; none of its jobs were closed",
    EXIT_USAGE: "bad configuration or input; nothing was crawled",
    EXIT_ALERT: "every source ok, but there are alerts to look at",
    EXIT_LOCKED: "another run holds the store's lock; nothing was done",
}
