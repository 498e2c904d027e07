"""Labelled facts in a posting's text: "Salary: ...", "Closing date: ...", "Location: ..."."""

from __future__ import annotations

import re

# label words -> the raw field they fill; order matters (first match wins per line)
_LABELS = [
    ("closes", r"clos(?:ing|es)(?: date)?|final filing date|filing deadline|deadline(?: to apply)?|"
               r"application deadline|apply by|open until|valid through"),
    ("posted", r"posted(?: on)?|date posted|posting date|opening date|open(?:ed|s)? on|published"),
    ("salary", r"salary(?: range)?|pay(?: range| rate)?|compensation|wage|hourly rate|rate of pay|"
               r"starting salary|annual salary|monthly salary"),
    ("location", r"location|work location|duty station|based in"),
    ("department", r"department|division|dept\.?|program area"),
    ("employment_type", r"employment type|job type|position type|type|schedule|status"),
]
_LABEL_LINE = [(name, re.compile(rf"^\s*(?:{words})\s*[:\-–]\s*(?P<value>.+?)\s*$", re.I))
               for name, words in _LABELS]

# Unlabelled evidence
SALARY = re.compile(
    r"(?:[$€£]\s?\d[\d,]*(?:\.\d+)?\s*[kK]?(?:\s*(?:-|–|—|to)\s*[$€£]?\s?\d[\d,]*(?:\.\d+)?\s*[kK]?)?"
    r"(?:\s*(?:/|per\s+)\s*(?:hour|hr|year|yr|month|mo|annum|week|day))?"
    r"(?:\s+(?:annually|monthly|hourly|bi-?weekly|per\s+\w+|a\s+year|an\s+hour))?)")
OPEN_UNTIL_FILLED = re.compile(r"\b(open until filled|until filled|continuous(ly)?( recruitment)?|"
                               r"open until further notice|until the position is filled)\b", re.I)
EMPLOYMENT_WORDS = re.compile(r"\b(full[- ]time|part[- ]time|temporary|seasonal|internship|"
                              r"intern|contract|volunteer|limited[- ]term|per diem|extra help)\b",
                              re.I)


def labelled_values(text: str) -> dict[str, str]:
    """First value of each labelled field found line by line in plain text."""
    found: dict[str, str] = {}
    for line in text.splitlines():
        line = line.lstrip("-• ").strip()
        if not line or len(line) > 200:
            continue
        for name, pattern in _LABEL_LINE:
            if name in found:
                continue
            match = pattern.match(line)
            if match:
                found[name] = match.group("value").strip()
                break
    return found


def find_salary(text: str) -> str | None:
    """The first money amount or range in the text, as written."""
    match = SALARY.search(text)
    return match.group(0).strip() if match else None
