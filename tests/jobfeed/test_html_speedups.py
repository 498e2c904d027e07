"""The fast paths in jobfeed.html give exactly what the plain versions give."""

import random

import pytest

from jobfeed.html import XML_FORBIDDEN, _sanitize, sanitize_html, strip_forbidden

_ALPHABET = [chr(c) for c in range(0x80)] + ["é", "\ud800", "\udfff", "\ufffe", "\uffff",
                                              "\u2028", "\xa0", "\ue000"]


@pytest.mark.parametrize("seed", range(5))
def test_strip_forbidden_matches_the_regex(seed):
    rng = random.Random(seed)
    for _ in range(2000):
        text = "".join(rng.choice(_ALPHABET) for _ in range(rng.randint(0, 120)))
        assert strip_forbidden(text) == XML_FORBIDDEN.sub("", text)


@pytest.mark.parametrize("fragment", [
    "<p>Plain</p>",
    '<p onclick="x()">Hi <script>alert(1)</script><a href="javascript:x">link</a></p>',
    "<p>" + "long " * 5000 + "</p>",  # above the memo's size limit
    "<p>bad \x00 control</p>",
])
def test_sanitize_html_is_the_same_twice_and_uncached(fragment):
    first = sanitize_html(fragment)
    assert sanitize_html(fragment) == first == _sanitize(fragment)


def _leaf_text_reference(element) -> str:
    """leaf_text without its ASCII fast path."""
    from jobfeed.html import _FOLD, LINE_BREAK

    text = _FOLD.sub(" ", element.text_content())
    lines = (line.strip() for line in text.split(LINE_BREAK))
    return strip_forbidden("\n".join(line for line in lines if line))


@pytest.mark.parametrize("seed", range(3))
def test_leaf_text_matches_the_slow_path(seed):
    import lxml.html

    from jobfeed.html import LINE_BREAK, leaf_text

    rng = random.Random(seed)
    pieces = ["word", " ", "\t", "\n", "\r\n", "\x0b", "\x0c", "\x1c", "\x1f", "\x7f", "\xa0",
              "é", "\u2003", "\u200b", LINE_BREAK, "&amp;", "<b>bold</b>", "<i> it </i>"]
    for _ in range(300):
        body = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        element = lxml.html.fragment_fromstring(f"<p>{body}</p>")
        assert leaf_text(element) == _leaf_text_reference(element)


def test_no_forbidden_character_is_printable():
    """strip_forbidden returns printable text as it is; that is only right while this holds."""
    assert not [c for c in range(0x110000)
                if XML_FORBIDDEN.match(chr(c)) and chr(c).isprintable()]
