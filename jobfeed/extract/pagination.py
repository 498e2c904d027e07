"""Further pages of a paginated listing: rel=next, "Next »", page numbers."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from lxml import etree

from jobfeed.extract.page import Page
from jobfeed.html import folded_text

_NEXT_LABEL = re.compile(r"^\W*(next( page)?|older( posts| entries)?|more jobs|"
                         r"[›»>]{1,2})\W*$", re.I)
_REL_ATTRIBUTES = etree.XPath("//@rel")
_XML_SPACE = re.compile(r"[ \t\r\n]+")
_SHORT_LINKS = etree.XPath("//a[@href][string-length(normalize-space(.)) <= 16]")
_PAGER = re.compile(r"pag(er|ination|ing|e-numbers|es)|nav-links", re.I)


def next_pages(page: Page) -> list[str]:
    """Same-site URLs of the listing's next pages, most explicit first."""
    tree = page.full_tree
    found: list[str] = []
    # <link rel="next">, then <a rel="next">: "next" among the rel's space-separated words
    # (XPath's contains(concat(' ', normalize-space(@rel), ' '), ' next ')), from the page's
    # rel attributes, a walk cheaper than testing every element
    nexts = [rel.getparent() for rel in _REL_ATTRIBUTES(tree)
             if "next" in _XML_SPACE.split(rel)]
    for tag in ("link", "a"):
        found += [element.get("href") for element in nexts
                  if element.tag == tag and element.get("href") is not None]
    # Only short labels can be "Next »" or a page number; XPath filters them in C.
    for anchor in _SHORT_LINKS(tree):
        label = folded_text(anchor) or anchor.get("aria-label", "")
        if _NEXT_LABEL.match(label):
            found.append(anchor.get("href", ""))
        elif label.isdigit() and _in_pager(anchor):
            found.append(anchor.get("href", ""))
    host = urlsplit(page.url).hostname
    current = page.url.split("#")[0]
    unique = []
    for url in found:
        url = url.split("#")[0]
        if url.startswith(("http://", "https://")) and urlsplit(url).hostname == host \
                and url != current and url not in unique:
            unique.append(url)
    return unique


def _in_pager(anchor) -> bool:
    for ancestor in anchor.iterancestors():
        marker = f"{ancestor.get('class', '')} {ancestor.get('id', '')} {ancestor.get('aria-label', '')}"
        if _PAGER.search(marker):
            return True
        if ancestor.tag in ("body", "main", "article"):
            return False
    return False
