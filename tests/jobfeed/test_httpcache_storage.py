"""The HTTP cache's storage: a page stored is answered in the same run and the next."""

from __future__ import annotations

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


def test_a_stored_page_is_answered_in_this_run_and_the_next(tmp_path):
    storage, spider = _storage(tmp_path)
    pages = [_page(n) for n in range(25)]
    for request, response in pages:
        storage.store_response(spider, request, response)
    request, response = pages[7]
    cached = storage.retrieve_response(spider, Request(request.url))
    assert cached.body == response.body and cached.headers[b"ETag"] == b'"7"'
    storage.close_spider(spider)

    again, spider = _storage(tmp_path)  # the next run reads them from disk
    request, response = pages[24]
    assert again.retrieve_response(spider, Request(request.url)).body == response.body
    assert again.retrieve_response(spider, Request("http://127.0.0.1/other")) is None
    again.close_spider(spider)
