"""The pieces a publish makes once per job: fast paths that must give what the slow
ones give, and the RSS/Atom writer, which must write what libxml2 would."""

from __future__ import annotations

import locale
import random
import string
from datetime import datetime, timedelta, timezone

import pytest
from lxml import etree
from w3lib.url import safe_url_string

from feedcheck import NOW, check_feed, make_job
from feeds.jsonfeed import dumps, render_json
from feeds.meta import Entry, FeedMeta, _safe_url, _stripped, clean, format_salary, safe_url
from feeds.xmlfeeds import render_atom, render_rss, rfc822
from jobfeed.html import XML_FORBIDDEN, sanitize_html

META = FeedMeta("feeds/alder", 'Alder <jobs> & "more"', "Open jobs\tat Alder",
                "https://jobs.alder.example/?a=1&b=2")
HOSTS = ["a.example", "example.com", "x", "1.2", "a--b.example", "xn--bcher-kva.example",
         "A.example", "a..b", ".a", "a.", "127.0.0.1", "ex-ample.org", "a.b.c"]
URL_CHARS = string.ascii_letters + string.digits + "-._~!$&'()*+,;=:@/?#%[]|{}^`\\\"<> \t" + "é🌳"


@pytest.mark.parametrize("seed", range(4))
def test_plain_links_are_what_w3lib_makes_of_them(seed):
    rng = random.Random(seed)
    for _ in range(5000):
        scheme = rng.choice(["https://", "http://", "mailto:", "HTTPS://", "ftp://"])
        host = rng.choice(HOSTS) if rng.random() < 0.8 else "".join(
            rng.choice(URL_CHARS) for _ in range(rng.randint(0, 8)))
        tail = "".join(rng.choice(URL_CHARS if rng.random() < 0.3 else
                                  string.ascii_lowercase + "/.-?=&#%'")
                       for _ in range(rng.randint(0, 25)))
        if scheme == "mailto:":
            url = f"{scheme}{rng.choice(['hr', 'a.b+c', 'x%41'])}@{host}"
        else:
            url = scheme + host + rng.choice(["", "/", ":80/", "?"]) + tail
        assert safe_url(url) == _safe_url(url), url  # the fast path, or w3lib's answer
        if url.startswith(("http://", "https://", "mailto:")) and safe_url(url) == url:
            assert safe_url_string(url) == url


@pytest.mark.parametrize("seed", range(3))
def test_clean_gives_what_stripping_each_string_gives(seed):
    rng = random.Random(seed)
    odd = ["\x00", "\x08", "\x0b", "\x0c", "\x1f", "\x7f", "\ufffe", "\uffff", "\ud800", "\\",
           '"', "\\b", "\\u000b", "\n", "\t", "\r", "é", "·", "🌳", "\ufeff", "\uff01"]

    def text():
        return "".join(rng.choice(odd) if rng.random() < 0.1 else rng.choice("ab cd")
                       for _ in range(rng.randint(0, 12)))

    for _ in range(3000):
        record = {"title": text(), "salary": {"min": 1, "currency": text()},
                  "documents": [{"label": text(), "url": text()}], "n": rng.choice(
                      [None, 2.5, True, 2**70]), "raw": {"posted": text()}}
        cleaned = clean(record)
        assert cleaned == _stripped(record)
        for value in (cleaned["title"], cleaned["salary"]["currency"],
                      cleaned["documents"][0]["label"], cleaned["raw"]["posted"]):
            assert not XML_FORBIDDEN.search(value)


def test_a_clean_record_is_not_copied():
    record = make_job("Park Ranger").to_record()
    assert clean(record) is record
    record["title"] = "Park\x0b Ranger"
    assert clean(record)["title"] == "Park Ranger" and record["title"] == "Park\x0b Ranger"


def test_whole_salaries_are_formatted_as_before():
    for value in (0, 25, 25.0, 25.5, 25.004, 99.995, 1234567.0, 1e20, True, 2**70, -5.0):
        salary = {"min": value, "currency": "USD"}
        expected = f"${value:,.2f}".replace(".00", "") + " per year"
        assert format_salary(salary) == expected, value


def test_sanitised_html_carries_no_character_xml_forbids():
    # nh3 decodes character references: &#11; would come out as a raw vertical tab.
    assert sanitize_html("<p>a&#11;b&#xc;c&#xFFFE;d</p>") == "<p>abcd</p>"


def hostile_jobs() -> list[dict]:
    later = NOW + timedelta(hours=1)
    jobs = [make_job('Planner <II> & "Senior" 🌳 \x0b\r\n', organization="Birch & <Co>",
                     employment_type="part-time", raw={"salary": "$25.00 to $31.00 per hour"},
                     description="Line one\nLine\ttwo ]]> \x7f", description_html=None,
                     apply_url="mailto:hr@a.example",
                     url="https://a.example/x?a=1&b='2'"),
            make_job("Clerk", now=later, organization=None,
                     description_html="<p>a &amp; b &#11; <a href='https://x.example/'>x</a></p>",
                     documents=[{"label": "Spec\t\"1\"", "url": "https://a.example/s.pdf"}])]
    return [{**job.to_record(), "updated": stamp, "first_seen": stamp, "last_seen": stamp}
            for job, stamp in zip(jobs, ("2026-11-20T15:00:00Z", "2026-11-20T16:00:00Z"))]


@pytest.mark.parametrize("render", [render_rss, render_atom])
def test_the_writer_writes_what_libxml2_would(render, tmp_path):
    """Parsed and serialised again by lxml, the feed comes out byte for byte: the same
    escaping, layout and declaration as lxml's own pretty printing (and feedgen's)."""
    for jobs in (hostile_jobs(), []):
        data = render(jobs, META, NOW)
        tree = etree.fromstring(data, etree.XMLParser(remove_blank_text=True))
        again = etree.tostring(tree.getroottree(), pretty_print=True, encoding="UTF-8",
                               xml_declaration=True)
        assert again == data
        path = tmp_path / ("feed.rss" if render is render_rss else "feed.atom")
        path.write_bytes(data)
        check_feed(path)


def test_json_items_are_what_the_json_module_writes():
    import json

    for job in hostile_jobs():
        item = json.loads(render_json([job], META, NOW))["items"][0]
        assert dumps(item) == json.dumps(item, ensure_ascii=False,
                                         separators=(",", ":")).encode()
    assert dumps({"big": 2**70, 1: "x"}) == b'{"big":1180591620717411303424,"1":"x"}'


def test_rss_dates_are_english_whatever_the_locale():
    moment = datetime(2026, 11, 20, 15, 0, tzinfo=timezone.utc)
    before = locale.setlocale(locale.LC_TIME)
    try:
        for name in ("de_DE.UTF-8", "fr_FR.UTF-8"):
            try:
                locale.setlocale(locale.LC_TIME, name)
            except locale.Error:
                continue
            rfc822.cache_clear()
            assert rfc822(moment) == "Fri, 20 Nov 2026 15:00:00 +0000"
    finally:
        locale.setlocale(locale.LC_TIME, before)
    assert rfc822(moment) == "Fri, 20 Nov 2026 15:00:00 +0000"


def test_an_entry_is_made_once_for_every_format():
    entry = Entry.of(hostile_jobs()[0])
    assert entry.link == "https://a.example/x?a=1&b=%272%27"  # w3lib quotes ' in a query
    assert entry.apply_url == "mailto:hr@a.example" and "\x0b" not in entry.job["title"]
    assert entry.sanitized is None  # no description_html: the body is the plain text
    assert "<p>Line one</p>" in entry.html and entry.fragments == {}
