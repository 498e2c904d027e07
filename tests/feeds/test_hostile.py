"""Hostile input: whatever a careers page holds, the feeds stay valid and clean.

Three levels: the renderers fed records no extraction would produce (lone surrogates,
NUL, javascript: links), the store and publisher, and the real crawler reading hostile
pages from a local server.
"""

from __future__ import annotations

import json
from pathlib import Path

import lxml.html
import pytest
from lxml import etree

from conftest import run_jobfeed
from feedcheck import NOW, check_clean_html, check_feed, feed_files, make_job
from feeds.jsonfeed import render_json
from feeds.meta import FeedMeta
from feeds.page import render_index
from feeds.publish import publish
from feeds.xmlfeeds import render_atom, render_rss
from jobfeed.localserver import LocalSite
from jobfeed.model import Job
from jobfeed.store import SQLiteStore

EXACT_TITLE = 'Planner <II> & "Senior" 🌳 \'Lead\''
EVIL_HTML = (
    '<p onclick="steal()">Duties <script>alert(1)</script><img src=x onerror="alert(2)">'
    '<iframe src="https://evil.example/"></iframe><style>body{display:none}</style>'
    '<form action="https://evil.example/"><input name="pw"></form><svg onload="alert(3)"></svg>'
    '<a href="javascript:alert(4)">one</a> <a href=" JaVaScRiPt:alert(5)">two</a> '
    '<a href="data:text/html,&lt;script&gt;alert(6)&lt;/script&gt;">three</a> '
    '<a href="vbscript:msgbox(7)">four</a> <object data="x.swf"></object>'
    '<embed src="x.swf"><a href="https://ok.example/" target="_blank">fine</a></p>')
HOSTILE = {
    "id": "alder-hostile", "title": f"Clerk\x0b\x00 {EXACT_TITLE}\ud800\x1f",
    "organization": "City <b>of</b> Alder\x0c", "department": "Parks\x08",
    "location": "Room 1\ufffe", "employment_type": "full-time",
    "salary": {"min": 25, "max": 31, "currency": "USD", "period": "hour"},
    "posted": None, "closes": "2026-12-05", "open_until_filled": False,
    "url": "javascript:alert('url')", "apply_url": "javascript:alert('apply')",
    "documents": [{"label": "Bulletin\x07", "url": "data:text/html,<script>x</script>"},
                  {"label": "Class spec", "url": "https://alder.example/spec.pdf"}],
    "description": "Line one\x00\nLine two \udfff", "description_html": EVIL_HTML + "\x0b",
    "source": "alder", "source_url": "https://alder.example/jobs",
    "first_seen": "2026-11-20T15:00:00Z", "last_seen": "2026-11-20T15:00:00Z",
    "status": "open", "closed_at": None, "raw": {"closes": "Dec 5\x00"},
    "updated": "2026-11-20T15:00:00Z",
}
META = FeedMeta("jobs", "Alder <jobs> & \"more\"\x0b", "All\x00 open jobs",
                "https://jobs.alder.example/")


def xml_html_fields(data: bytes) -> list[str]:
    """The (unescaped) HTML of every RSS description and Atom content/summary."""
    root = etree.fromstring(data)
    return [el.text or "" for el in root.iter()
            if isinstance(el.tag, str) and etree.QName(el).localname in (
                "description", "content", "summary", "encoded")]


def json_strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in json_strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in json_strings(item)]
    return []


def check_clean_folder(out: Path) -> None:
    """Every feed valid, no dangerous HTML or link in any of them, the page safe."""
    files = feed_files(out)
    assert files
    for path in files:
        check_feed(path)
        if path.suffix == ".json":
            for text in json_strings(json.loads(path.read_text())):
                check_clean_html(text, str(path))
        else:
            for html in xml_html_fields(path.read_bytes()):
                check_clean_html(html, str(path))
            root = etree.fromstring(path.read_bytes())
            for el in root.iter():
                for name in ("href", "url"):
                    check_clean_html(el.get(name) or "", f"{path} @{name}")
                if isinstance(el.tag, str) and etree.QName(el).localname == "link" and el.text:
                    check_clean_html(el.text, f"{path} <link>")
    check_clean_page((out / "index.html").read_bytes())


def check_clean_page(data: bytes) -> None:
    text = data.decode("utf-8")
    page = lxml.html.document_fromstring(text)
    scripts = page.xpath("//script")
    assert len(scripts) == 1 and not scripts[0].get("src")  # ours, allowed by the CSP hash
    assert not page.xpath("//iframe|//object|//embed|//form[@action]|//img|//svg|//style[2]")
    for element in page.iter():
        if not isinstance(element.tag, str):
            continue
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), (element.tag, name)
            if (element.tag, name, value) == ("link", "href", "data:,"):
                continue  # our own empty favicon, so browsers do not ask for one
            if name in ("href", "src", "action"):
                relative = ":" not in value.split("/")[0]  # our feed files: feeds/x.rss
                assert value.startswith(("https://", "http://", "mailto:")) or relative, value


@pytest.mark.parametrize("render", [render_rss, render_atom, render_json])
def test_renderers_survive_records_no_extraction_would_produce(render, tmp_path):
    data = render([HOSTILE], META, NOW)
    path = tmp_path / f"feed.{ {render_rss: 'rss', render_atom: 'atom'}.get(render, 'json')}"
    path.write_bytes(data)
    check_feed(path)
    text = data.decode("utf-8")
    assert "javascript:" not in text.lower() and "data:text" not in text
    assert "https://alder.example/spec.pdf" in text  # the good link stays
    if render is render_json:
        item = json.loads(text)["items"][0]
        assert item["title"] == f"Clerk {EXACT_TITLE}"
        assert item["url"] == "https://alder.example/jobs"  # javascript: url -> listing page
        assert "external_url" not in item
        for value in (item["content_html"], item["summary"]):
            check_clean_html(value)
    else:
        for html in xml_html_fields(data):
            check_clean_html(html)


def test_the_page_survives_them_too():
    data = render_index([HOSTILE], [META], "Alder <jobs>", NOW)
    check_clean_page(data)
    text = data.decode("utf-8")
    assert "Clerk Planner &lt;II&gt; &amp; &quot;Senior&quot; 🌳 &#x27;Lead&#x27;" in text
    assert "<title>Alder &lt;jobs&gt;: open jobs</title>" in text


def test_store_and_publisher_keep_feeds_clean(tmp_path):
    store = SQLiteStore(tmp_path / "jobs.db")
    huge = "<p>" + "Overtime eligible. " * 60_000 + "</p>"  # about 1 MB
    store.save([
        make_job(f"Clerk\x0b\x00 {EXACT_TITLE}", description_html=EVIL_HTML,
                 apply_url="javascript:alert(1)", url="javascript:alert(2)",
                 documents=[{"label": "Bulletin", "url": "data:text/html,x"}]),
        make_job("Archivist", description="Overtime eligible. " * 60_000,
                 description_html=huge),
    ], NOW)
    out = tmp_path / "public"
    publish(store, out, NOW, sources=["alder"])
    check_clean_folder(out)
    items = json.loads((out / "jobs.json").read_text())["items"]
    assert [item["title"] for item in items] == [f"Clerk {EXACT_TITLE}", "Archivist"]
    archivist = items[1]
    assert len(archivist["content_html"]) < 25_000  # capped in the entry ...
    assert "Read the full posting" in archivist["content_html"]
    assert archivist["content_html"].rstrip().endswith("</p>")  # ... and still balanced
    assert len(archivist["_job"]["description"]) > 1_000_000  # the record keeps it all
    assert (out / "jobs.rss").stat().st_size < 100_000
    store.close()


# --- the real crawler on hostile pages ------------------------------------------------

def careers_page(jobs_html: str, charset: str = "utf-8", title: str = "City of Alder Creek"):
    return (f'<!doctype html><html lang="en"><head><meta charset="{charset}">'
            f"<title>Careers - {title}</title></head><body><h1>Careers</h1>"
            f"<h2>Current Openings</h2>{jobs_html}</body></html>")


def job_block(title: str, path: str, extra: str = "", description: str | None = None) -> str:
    description = description or ("The position serves residents across the city and works "
                                  "with every department on records, permits and public "
                                  "requests; it reports to the city clerk and supervises two "
                                  "part-time assistants during the budget season.")
    return (f'<div class="job"><h3><a href="{path}">{title}</a></h3>'
            "<p>Location: City Hall</p><p>Salary: $25.00 - $31.00 per hour</p>"
            f"<p>Employment type: Full-time</p><p>Closing date: December 5, 2027</p>"
            f"{extra}<p>{description}</p></div>")


HOSTILE_PAGES = {
    "/scripts": careers_page(
        job_block('Park Ranger<script>alert("title")</script>', "/jobs/ranger",
                  extra=EVIL_HTML + '<p><a href="javascript:apply()">Apply now</a></p>')
        + job_block("Planner &lt;II&gt; &amp; &quot;Senior&quot; 🌳", "/jobs/planner",
                    extra='<p onmouseover="x()"><a href="https://apply.alder.example/p">'
                          "Apply online</a></p>")
        + job_block("Clerk\x0b Typist\x01", "/jobs/clerk")).encode("utf-8"),
    "/huge": careers_page(job_block(
        "Archivist", "/jobs/archivist",
        description="Catalogues records and answers questions. " * 25_000)).encode("utf-8"),
    "/latin": careers_page(job_block("Café Manager – Résumé review", "/jobs/cafe"),
                           charset="windows-1252").encode("cp1252"),
    # Declared UTF-8, but with stray Latin-1 bytes in it, as old CMS pages often are.
    "/mixed": careers_page(job_block("Crossing Guard", "/jobs/guard")).encode("utf-8")
    .replace(b"reports to", b"reports\xe9\xff to"),
}


@pytest.fixture(scope="module")
def hostile_crawl(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    pages = {path: (body, "text/html") for path, body in HOSTILE_PAGES.items()}
    with LocalSite(pages) as site:
        sources = folder / "sources.yaml"
        sources.write_text("sources:\n" + "".join(
            f"  - name: {path.strip('/')}\n    organization: City of Alder Creek\n"
            f"    follow_details: false\n    start_urls: ['{site.url(path)}']\n"
            for path in HOSTILE_PAGES))
        result = run_jobfeed("crawl", "--sources", str(sources), "--db", "jobs.db",
                             "--out", "public", "-s", "DOWNLOAD_DELAY=0",
                             "-s", "AUTOTHROTTLE_ENABLED=0", "-s", "ROBOTSTXT_OBEY=0",
                             cwd=folder)
    return folder / "public", result


def test_hostile_pages_crawl_into_valid_clean_feeds(hostile_crawl):
    out, result = hostile_crawl
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    check_clean_folder(out)


def test_titles_survive_exactly_and_controls_are_gone(hostile_crawl):
    out, _ = hostile_crawl
    titles = {item["title"] for item in json.loads((out / "jobs.json").read_text())["items"]}
    assert 'Planner <II> & "Senior" 🌳' in titles
    assert "Clerk Typist" in titles
    assert any(t.startswith("Park Ranger") and "<script" not in t for t in titles)
    assert any(t.startswith("Café Manager") and "Résumé" in t for t in titles)  # cp1252
    assert "Crossing Guard" in titles and "Archivist" in titles


def test_a_huge_description_is_capped_in_entries(hostile_crawl):
    out, _ = hostile_crawl
    item = next(i for i in json.loads((out / "feeds/huge.json").read_text())["items"])
    assert len(item["content_html"]) < 25_000
    assert (out / "feeds/huge.rss").stat().st_size < 100_000


def test_job_records_carry_no_javascript_links(hostile_crawl):
    out, _ = hostile_crawl
    for item in json.loads((out / "jobs.json").read_text())["items"]:
        record = item["_job"]
        for url in [record["url"], record["apply_url"],
                    *(d["url"] for d in record["documents"])]:
            assert url is None or url.startswith(("https://", "http://", "mailto:")), url


def test_job_record_model_is_what_the_feeds_expect():
    # The hostile record above has every key the renderers read; keep it in step.
    assert set(HOSTILE) - {"updated"} == {f for f in Job(title="x").to_record()}
