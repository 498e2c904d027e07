"""Further pages of a paginated listing: rel=next, "Next »", page numbers."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from jobfeed.extract.page import Page
from jobfeed.html import folded_text

_NEXT_LABEL = re.compile(r"^\W*(next( page)?|older( posts| entries)?|more jobs|"
                         r"[›»>]{1,2})\W*$", re.I)
_PAGER = re.compile(r"pag(er|ination|ing|e-numbers|es)|nav-links", re.I)


def next_pages(page: Page) -> list[str]:
    """Same-site URLs of the listing's next pages, most explicit first."""
    tree = page.full_tree
    found: list[str] = []
    found += tree.xpath("//link[contains(concat(' ', normalize-space(@rel), ' '), ' next ')]"
                        "/@href")
    found += tree.xpath("//a[contains(concat(' ', normalize-space(@rel), ' '), ' next ')]/@href")
    # Only short labels can be "Next »" or a page number; XPath filters them in C.
    for anchor in tree.xpath("//a[@href][string-length(normalize-space(.)) <= 16]"):
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
