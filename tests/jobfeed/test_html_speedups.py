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
