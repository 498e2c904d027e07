"""HTML helpers shared by extraction and feeds: sanitising and plain text."""

from __future__ import annotations

import re
from functools import lru_cache

import lxml.html
import nh3

# XML 1.0 forbids C0 controls (but tab, LF, CR), lone surrogates and U+FFFE/U+FFFF;
# one of them in a title makes a feed invalid XML, so they never leave extraction.
LINE_BREAK = "\ue000"  # marks a <br> in parsed pages (private use: never in real text)

XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")

ALLOWED_TAGS = {
    "p", "br", "ul", "ol", "li", "strong", "b", "em", "i", "u", "a", "h3", "h4", "h5",
    "h6", "blockquote", "table", "thead", "tbody", "tr", "th", "td", "dl", "dt", "dd",
    "span", "div",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "td": {"colspan", "rowspan"},
                      "th": {"colspan", "rowspan"}}


# The ASCII characters XML_FORBIDDEN matches, for the fast path of strip_forbidden.
_FORBIDDEN_ASCII = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])


def strip_forbidden(text: str) -> str:
    """Remove characters XML cannot carry."""
    # Feeds call this on every string of every entry, so the common cases go first:
    # every forbidden character is non-printable, so printable text has none; for
    # longer ASCII text a C-level bytes.translate is faster than the regex.
    if text.isprintable():
        return text
    if len(text) > 40 and text.isascii():
        raw = text.encode("ascii")
        kept = raw.translate(None, _FORBIDDEN_ASCII)
        return text if len(kept) == len(raw) else kept.decode("ascii")
    return XML_FORBIDDEN.sub("", text)


# A publish sanitises each description once per feed format and again for JSON Feed's
# `_job`, in the all-jobs feed and in its source's feed: remember recent results.
# Bounded: 1,024 fragments of at most 16,384 characters.
_MEMO_MAX_CHARS = 16_384


def sanitize_html(fragment: str) -> str:
    """Allow-list sanitising with nh3: no scripts, styles, handlers, iframes, forms,
    and only http(s)/mailto links; no character XML forbids. Links are made absolute
    before this, by extraction."""
    if len(fragment) <= _MEMO_MAX_CHARS:
        return _sanitize_memo(fragment)
    return _sanitize(fragment)


_POLICY = dict(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes={"http", "https", "mailto"},
    link_rel="nofollow noopener noreferrer",
    strip_comments=True,
)
# nh3.clean builds its policy on every call, three times the cost of cleaning a short
# description; a Cleaner (nh3 0.2.18 and later) builds it once. The same output.
_clean = nh3.Cleaner(**_POLICY).clean if hasattr(nh3, "Cleaner") else (
    lambda fragment: nh3.clean(fragment, **_POLICY))


def _sanitize(fragment: str) -> str:
    # Stripped after nh3 too: it decodes character references such as &#11;.
    return strip_forbidden(_clean(strip_forbidden(fragment.replace(LINE_BREAK, ""))).strip())


_sanitize_memo = lru_cache(maxsize=1024)(_sanitize)


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment, one line per block, list items as '- '."""
    if not fragment.strip():
        return ""
    root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    return element_text(root)


_BLOCKS = {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
           "table", "blockquote", "section", "article", "dd", "dt", "br"}


_FOLD = re.compile(r"[ \t\n\r\f\v\xa0\u2000-\u200b\u2028\u2029\u3000]+")


def text_content(element) -> str:
    """element.text_content(), without its XPath call for an element with no children
    (a link, a cell, a heading of plain text: most of those extraction reads)."""
    if len(element):
        return element.text_content()
    return element.text or ""


def folded_text(element) -> str:
    """An element's text with its whitespace folded to single spaces."""
    return " ".join(text_content(element).split())


def leaf_text(element) -> str:
    """Text of an element that holds no blocks, fast (lxml's C text_content): whitespace
    folded, lines only where a <br> marked one (see Page.content_tree)."""
    text = text_content(element)
    if text.isascii():  # most text: no <br> marker (not ASCII); C-level fold when clean
        raw = text.encode("ascii")
        if len(raw.translate(None, _FORBIDDEN_ASCII)) == len(raw):
            return " ".join(text.split())  # the same as below for such text
    text = _FOLD.sub(" ", text)
    lines = (line.strip() for line in text.split(LINE_BREAK))
    return strip_forbidden("\n".join(line for line in lines if line))


def element_text(element) -> str:
    """Readable text of an element: blocks on their own lines, whitespace collapsed."""
    parts: list[str] = []
    space = re.compile(r"\s+")  # source line breaks are just spaces; blocks make lines

    def walk(node):
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in _BLOCKS:
            parts.append("\n")
        if tag == "li":
            parts.append("- ")
        if node.text and tag not in ("script", "style"):
            parts.append(space.sub(" ", node.text).replace(LINE_BREAK, "\n"))
        for child in node:
            walk(child)
            if child.tail:
                parts.append(space.sub(" ", child.tail).replace(LINE_BREAK, "\n"))
        if tag in _BLOCKS:
            parts.append("\n")

    walk(element)
    lines = (line.strip() for line in "".join(parts).split("\n"))
    return strip_forbidden("\n".join(line for line in lines if line))
