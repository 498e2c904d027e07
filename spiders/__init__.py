"""Scrapy spiders: the generic careers spider and the rare site-specific ones."""
