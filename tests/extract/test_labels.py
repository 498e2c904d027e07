"""Facts read from a posting's text, labelled or not."""

from __future__ import annotations

import random
import re

import pytest

from jobfeed.extract import labels
from jobfeed.extract.labels import find_closing, find_employment_phrase, labelled_values
from jobfeed.extract.page import Page


@pytest.mark.parametrize("text, expected", [
    ("Type: Paid internship | Location: Prairie City, KS | Pay: $18.00 per hour",
     {"employment_type": "Paid internship", "location": "Prairie City, KS",
      "salary": "$18.00 per hour"}),
    ("Department\nPublic Utilities\nClosing date\nDecember 3, 2026",  # dt/dd pairs
     {"department": "Public Utilities", "closes": "December 3, 2026"}),
    ("- Full-time\n- $58,300 – $72,900 annually\n- Closes December 10, 2026",
     {"employment_type": "Full-time", "salary": "$58,300 – $72,900 annually",
      "closes": "December 10, 2026"}),
    ("Salary: $5,000 - $6,000 Annually; Closing Date: 12/01/2026",
     {"salary": "$5,000 - $6,000 Annually", "closes": "12/01/2026"}),
    ("Location(s): Main Office", {"location": "Main Office"}),
    ("Field Services | Valley Service Center | $21.15/hr",
     {"department": "Field Services", "location": "Valley Service Center",
      "salary": "$21.15/hr"}),
    ("Since 1961 | 84,000 customers | 640 miles of pipe", {}),
    ("Finance Department\n$55,000 - $68,000/yr",
     {"department": "Finance Department", "salary": "$55,000 - $68,000/yr"}),
])
def test_labelled_values(text, expected):
    assert labelled_values(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Salary: $46,800 per year. Applications due December 11, 2026.", "December 11, 2026"),
    ("Apply by Friday, January 15, 2027 at 5:00 p.m.", "Friday, January 15, 2027 at 5:00 p.m."),
    ("Applications must be received by 12/04/2026.", "12/04/2026"),
    ("We review applications weekly.", None),
])
def test_closing_dates_in_sentences(text, expected):
    assert find_closing(text) == expected


def test_employment_type_stated_in_a_sentence():
    assert find_employment_phrase("A full-time, year-round position that mows turf.") == \
        "full-time"
    assert find_employment_phrase("Full-time employees receive a pension.") is None


@pytest.mark.parametrize("head, expected", [
    ('<meta property="og:site_name" content="Marin Valley Water District">',
     "Marin Valley Water District"),
    ("<title>Careers | City of Alder Creek - Official Website</title>", "City of Alder Creek"),
    ("<title>Jobs – Harbor Point Transit</title>", "Harbor Point Transit"),
    ("<title>Careers</title>", None),
])
def test_site_name(head, expected):
    assert Page("https://x.example/jobs", f"<html><head>{head}</head></html>").site_name == expected


# The separators as first written; labels._SEPARATORS is this pattern rearranged for speed.
_PLAIN_SEPARATORS = re.compile(
    r"\s+[|·•]\s+|\s*[;.]\s+(?=[A-Z][A-Za-z ]{2,30}:)"
    rf"|(?<=\S)\s+(?=(?i:{labels._ALL_LABELS})(?:\(s\))?\s*:\s*\S)"
    r"|(?<=[^\s/])\s+(?=(?:Full|Part)[- ]?[Tt]ime\b)"
    r"|(?<=\S)\s+(?=(?:Closes|Closing|Posted|Deadline|Apply by)\s+(?:on\s+)?"
    r"(?:\d|[A-Z][a-z]{2,8}\.?\s+\d|today|yesterday))")
_PIECES = [" ", "  ", "\t", ":", " : ", ";", ". ", "|", " · ", "•", "/", "(s)", "-", "x", "3",
           "Salary", "SALARY", "ſalary", "pay rate", "Location(s)", "work location", "Dept.",
           "dept", "hiring agency", "Type", "Full", "Part", "-time", " Time", "FullTime",
           "Closes", "Closing", "Posted", "Deadline", "Apply by", "on", "Dec. 4", "today",
           "yesterday", "İ", "ı", "K", "Finance", "City Hall", "$5,000", "- ", "(", ")", "\xa0",
           "•", "»"]


def test_separators_split_as_the_plain_pattern():
    rng = random.Random(6)
    lines = ["Salary: $5,000 - $6,000 Annually; Closing Date: 12/01/2026",
             "Department: Finance Location: City Hall", "Posted 3 days ago Closes Dec 4, 2026",
             "Field Services | Valley Service Center | $21.15/hr", "Seasonal Part-time"]
    lines += ["".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 12)))
              for _ in range(20_000)]
    for line in lines:
        assert labels._SEPARATORS.split(line) == _PLAIN_SEPARATORS.split(line), line
        assert labels._split_parts(line) == _PLAIN_SEPARATORS.split(line), line
        for item in ("- " + line, "-" + line, line):
            assert labels._line_parts(item) == _plain_line_parts(item), item


def _plain_line_parts(line: str) -> list[str]:
    """labels._line_parts as first written."""
    parts = []
    for part in _PLAIN_SEPARATORS.split(line):
        part = part.strip().lstrip("-•»· ").rstrip(" –—-").strip()
        if part.startswith("(") and part.endswith(")"):
            part = part[1:-1].strip()
        if part:
            parts.append(part)
    return parts


def test_case_blind_words_find_what_the_plain_alternation_finds():
    plain = ("manager|counsel+or|i{1,3}|iv|intern|bus operator|tech|sheriff|kitchen|"
             + labels._ALL_LABELS)
    grouped = re.compile(rf"\b({labels.case_blind_words(plain)})\b")
    reference = re.compile(rf"\b({plain})\b", re.I)
    rng = random.Random(7)
    pieces = [" ", "-", "/", "x", "ſheriff", "SHERIFF", "Counsellor", "İntern", "ıntern",
              "KITCHEN", "kitchen", "III", "iv", "Bus  operator", "bus operator", "Tech",
              "Salary", "pay rate", "Dept.", "2"]
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 6)))
        assert bool(grouped.search(text)) == bool(reference.search(text)), text


def _prefiltered():
    from jobfeed.extract import evidence
    return [
        (labels.OPEN_UNTIL_FILLED, labels.UNTIL_FILLED_WORDS),
        (labels.EMPLOYMENT_WORDS, labels.EMPLOYMENT_TERMS),
        (labels._TYPE_PHRASE, labels.EMPLOYMENT_TERMS),
        (labels._HIRING_TYPE, labels.EMPLOYMENT_TERMS),
        (labels._CLOSING_SENTENCE, labels._CLOSING_SENTENCE_WORDS),
        (labels._APPLY_BY_SENTENCE, labels._CLOSING_SENTENCE_WORDS),
        (evidence.CLOSING_WORDS, evidence._CLOSING_TERMS),
        (evidence.OPEN_UNTIL_FILLED, evidence._CLOSING_TERMS),
        (evidence.CLOSED_POSTING, evidence._CLOSED_TERMS),
        (evidence._PROGRAM, evidence._PROGRAM_TERMS),
    ]


@pytest.mark.parametrize("index", range(10))
def test_word_prefilters_pass_every_text_their_regex_matches(index):
    """`may_hold(lowered_or_none(text), words)` is False only where the regex finds nothing."""
    pattern, words = _prefiltered()[index]
    rng = random.Random(index)
    # Pieces of what the regex matches, in other cases and with the characters
    # IGNORECASE folds onto ASCII letters.
    pieces = [" ", "-", ". ", ",", "(", "[", "3", "12/04/2026", "December 11, 2026", "on",
              "a", "for", "hiring", "position", "job", "the", "is", "has", "been", "now",
              "this", "recruitment", "applications", "due", "by", "post 4", "ride-along",
              "ſ", "İ", "ı", "K", "k", "é"]
    for word in (w for w in re.split(r"[^a-z]+", pattern.pattern.lower()) if len(w) > 1):
        pieces += [word, word.upper(), word.title(), word.replace("s", "ſ"),
                   word.replace("i", "ı"), word.replace("i", "İ"), word.replace("k", "K")]
    for _ in range(20_000):
        text = " ".join(rng.choice(pieces) for _ in range(rng.randint(1, 7)))
        if pattern.search(text):
            assert labels.may_hold(labels.lowered_or_none(text), words), text


def _first_of(line, *pattern_lists):
    """The labelled-line patterns tried one by one, as first written."""
    for patterns in pattern_lists:
        for name, pattern in patterns:
            match = pattern.match(line)
            if match:
                return name, match.groupdict().get("value", "")
    return None


def test_label_patterns_as_one_regex_match_as_one_by_one():
    rng = random.Random(8)
    words = [w for w in re.split(r"[^a-z ]+", labels._ALL_LABELS) if w.strip()]
    pieces = words + [w.upper() for w in words] + [w.title() for w in words] + [
        ":", " : ", " - ", "–", "(s)", "*", " ", "on ", "of ", "Dec 4, 2026", "today",
        "until filled", "$5,000", "Public Works", "3", "x", "ſ", "K", "İ", "ı"]
    for _ in range(20_000):
        line = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 5))).strip()
        assert labels._first_match(line, labels._LABELLED) == _first_of(
            line, labels._WITH_VALUE, labels._DATE_NO_COLON, labels._SPACE_LABEL), line
        assert labels._first_match(line, labels._LABEL_ONLY) == _first_of(
            line, labels._ALONE), line
