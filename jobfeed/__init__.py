"""jobfeed: careers pages into structured job records and feeds."""

__version__ = "0.1.0"
