"""OPML 2.0: every feed the folder offers, for a reader's "import subscriptions"."""

from __future__ import annotations

from lxml import etree

from feeds.meta import FeedMeta
from jobfeed.html import strip_forbidden

GROUPS = (("all", None), ("filter", "Filtered feeds"), ("source", "By source"))


def render_opml(feeds: list[FeedMeta], title: str) -> bytes:
    """One outline per feed (its RSS file: what every reader reads), grouped as on the
    web page. No dates: the file changes only when the list of feeds does."""
    root = etree.Element("opml", version="2.0")
    head = etree.SubElement(root, "head")
    etree.SubElement(head, "title").text = strip_forbidden(f"{title}: job feeds")
    etree.SubElement(head, "docs").text = "http://opml.org/spec2.opml"
    body = etree.SubElement(root, "body")
    for group, label in GROUPS:
        members = [meta for meta in feeds if meta.group == group]
        if not members:
            continue
        parent = body if label is None else etree.SubElement(body, "outline", text=label)
        for meta in members:
            etree.SubElement(parent, "outline", {
                "type": "rss", "version": "RSS2",
                "text": strip_forbidden(meta.label),
                "title": strip_forbidden(meta.title),
                "description": strip_forbidden(meta.description),
                "language": meta.language,
                "xmlUrl": meta.url("rss"),
                "htmlUrl": meta.home_url,
            })
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
