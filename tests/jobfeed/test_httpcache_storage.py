"""The HTTP cache's storage: entries written by a thread of their own, answered from
memory until written, all of them on disk when the spider closes."""

from __future__ import annotations

import sqlite3
import threading

from scrapy import Request
from scrapy.http import HtmlResponse
from scrapy.settings import Settings
from scrapy.utils.test import get_crawler

from jobfeed.httpcache import SQLiteCacheStorage


def _storage(tmp_path) -> tuple[SQLiteCacheStorage, object]:
    crawler = get_crawler(settings_dict={"JOBFEED_HTTPCACHE": str(tmp_path / "cache.db"),
                                         "JOBFEED_HTTPCACHE_DAYS": 30})
    crawler._apply_settings()
    spider = type("Spider", (), {"crawler": crawler})()
    storage = SQLiteCacheStorage(Settings({"JOBFEED_HTTPCACHE": str(tmp_path / "cache.db"),
                                           "JOBFEED_HTTPCACHE_DAYS": 30}))
    storage.open_spider(spider)
    return storage, spider


def _page(n: int) -> tuple[Request, HtmlResponse]:
    request = Request(f"http://127.0.0.1/jobs/{n}")
    body = f"<html><body><h2>Clerk {n}</h2></body></html>".encode() * 20
    return request, HtmlResponse(request.url, body=body, headers={"ETag": f'"{n}"'},
                                 request=request)


def test_every_stored_page_is_answered_before_and_after_it_is_written(tmp_path):
    storage, spider = _storage(tmp_path)
    gate = threading.Event()  # hold the writer at its first batch: entries wait in memory
    write = storage._write
    storage._write = lambda db, batch: (gate.wait(), write(db, batch))
    pages = [_page(n) for n in range(250)]
    for request, response in pages:
        storage.store_response(spider, request, response)
    request, response = pages[7]
    cached = storage.retrieve_response(spider, Request(request.url))
    assert cached.body == response.body and cached.headers[b"ETag"] == b'"7"'
    gate.set()
    storage.close_spider(spider)

    rows = sqlite3.connect(tmp_path / "cache.db").execute(
        "SELECT count(*) FROM responses").fetchone()[0]
    assert rows == 250 and storage.pending == {}
    again, spider = _storage(tmp_path)  # the next run reads them from disk
    request, response = pages[249]
    assert again.retrieve_response(spider, Request(request.url)).body == response.body
    assert again.retrieve_response(spider, Request("http://127.0.0.1/other")) is None
    again.close_spider(spider)


def test_a_failed_write_is_logged_and_the_crawl_goes_on(tmp_path, caplog):
    storage, spider = _storage(tmp_path)
    storage.db.execute("DROP TABLE responses")  # what a broken cache file looks like
    request, response = _page(1)
    storage.store_response(spider, request, response)
    storage.close_spider(spider)
    assert "could not cache 1 pages" in caplog.text and storage.pending == {}
