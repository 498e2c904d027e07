"""Field normalisers for scraped postings: salary, employment type, plain text."""

from __future__ import annotations

import re

# --- text ---------------------------------------------------------------------------

_TRANSLATE: dict[int, str | None] = {}
# C0 controls (but tab/LF/CR, which are whitespace anyway) and DEL: XML can't carry
# them and in a one-line title they stand between words, so they become spaces.
_TRANSLATE.update({c: " " for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F]})
# Lone surrogates and U+FFFE/U+FFFF are forbidden by XML 1.0 and carry no text: drop.
_TRANSLATE.update({c: None for c in [*range(0xD800, 0xE000), 0xFFFE, 0xFFFF]})
# Zero-width space and BOM are invisible spaces; soft hyphen and word joiner are
# invisible non-spaces. ZWJ/ZWNJ stay: emoji sequences and scripts need them.
_TRANSLATE.update({0x200B: " ", 0xFEFF: " ", 0x00AD: None, 0x2060: None})
# Dashes between words read as a separator; the spaces are collapsed afterwards.
_TRANSLATE.update({ord(c): " - " for c in "\u2012\u2013\u2014\u2015\u2212"})
_TRANSLATE.update({0x2010: "-", 0x2011: "-"})  # typographic hyphens are just hyphens


def normalise_text(text: str | None) -> str:
    """One line of clean text: XML-safe, single-spaced, dashes as ' - '."""
    if not text:
        return ""
    # str.split() already knows NBSP, thin/figure spaces, line/paragraph separators.
    return " ".join(text.translate(_TRANSLATE).split())


# --- salary -------------------------------------------------------------------------

_CURRENCY_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP"}


def _amount_re(i: int) -> str:
    """Pattern for one money amount, with groups cur{i}, num{i}, k{i}."""
    return (rf"(?P<cur{i}>[$€£])?\s*(?<![\d.,])"
            rf"(?P<num{i}>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)"
            rf"(?:\s*(?P<k{i}>k)\b)?")


_RANGE = re.compile(_amount_re(1) + r"\s*(?:-|to|and|through|thru)\s*" + _amount_re(2))
_SINGLE = re.compile(_amount_re(1))
_NO_PAY = re.compile(r"\b(?:unpaid|volunteer|non-?paid|no\s+compensation)\b")
_CODES = re.compile(r"\b(?P<code>usd|eur|gbp)\b")
_MAX_ONLY = re.compile(r"\b(?:up\s+to|max(?:imum)?|not\s+to\s+exceed|no\s+more\s+than)\W*$")
_MIN_ONLY_BEFORE = re.compile(r"\b(?:min(?:imum)?|starting(?:\s+at)?|from|at\s+least)\W*$")
_MIN_ONLY_AFTER = re.compile(r"\s*(?:\+|and\s+(?:up|above|higher)|or\s+(?:more|higher|above))")

# Period words. Adjectives ("annually") always count; nouns ("hour") only when not a
# quantity like "20 hrs/week" or "12-month position" (see _is_quantity).
_PERIOD_WORDS = (
    ("biweekly", r"bi-?weekly|every\s+(?:two|2)\s+weeks"),
    # "Bi-monthly" is ambiguous; on pay lines it nearly always means twice a month.
    ("semimonthly", r"semi-?monthly|bi-?monthly|twice\s+(?:a|per)\s+month"),
    ("year", r"annual(?:ly)?|yearly|per\s+annum|p\.a\.|years?|yrs?"),
    ("month", r"monthly|months?|mos?|mths?"),
    ("week", r"weekly|weeks?|wks?"),
    ("day", r"daily|per\s+diem|days?"),
    ("hour", r"hourly|hours?|hrs?"),
)
_PERIOD = re.compile("|".join(rf"\b(?P<{name}>{words})(?!\w)" for name, words in _PERIOD_WORDS))
_NOUNS = re.compile(r"years?|yrs?|months?|mos?|mths?|weeks?|wks?|days?|hours?|hrs?")
_QUANTITY_BEFORE = re.compile(r"\d[\s-]*$|\d\s*(?:hours?|hrs?|days?)\s*(?:/|per|a|each)\s*$")
# Pay periods outside the vocabulary are annualised: 26 biweekly, 24 semi-monthly pays.
_TO_YEAR = {"biweekly": 26, "semimonthly": 24}


def parse_salary(text: str | None) -> dict | None:
    """{'min', 'max', 'currency', 'period'} from a pay line, or None if it names no pay."""
    if not text:
        return None
    s = normalise_text(text).lower()
    if _NO_PAY.search(s):
        return None
    # "$23.61/hour to $28.04/hour": one unit for the range
    s = re.sub(r"(\d)\s*/\s*(hour|hr|year|yr|month|mo|week|wk|day)\s+(to|-|–)\s+", r"\1 \3 ", s)
    # With a currency symbol present, only amounts starting with one are money
    # ("Grade 12 - $50,000"); without one, bare numbers need a code or a period word.
    has_symbol = any(c in s for c in _CURRENCY_SYMBOLS)
    if not has_symbol and not (_CODES.search(s) or _PERIOD.search(s)):
        return None
    amounts = [m for m in _SINGLE.finditer(s) if m["cur1"] or not has_symbol]
    if not amounts:
        return None
    ranges = (r for a in amounts if (r := _RANGE.match(s, a.start())))
    if m := next(ranges, None):
        low, high = _value(m, 1), _value(m, 2)
        if m["k2"] and not m["k1"] and low < 1000:
            low *= 1000  # "$85-100K"
        if low > high:
            low, high = high, low
    else:
        m = amounts[0]
        value = _value(m, 1)
        before = s[max(0, m.start() - 30):m.start()]
        if _MAX_ONLY.search(before):
            low, high = None, value
        elif _MIN_ONLY_AFTER.match(s, m.end()) or _MIN_ONLY_BEFORE.search(before):
            low, high = value, None
        else:
            low, high = value, None  # a single figure: the rate, with no range above it
    if not (low or high):
        return None  # "$0.00" placeholders
    period = _period(s, m.end()) or _period_by_magnitude(low if low is not None else high)
    if period in _TO_YEAR:
        low, high = (None if v is None else v * _TO_YEAR[period] for v in (low, high))
        period = "year"
    return {"min": _tidy(low), "max": _tidy(high), "currency": _currency(s), "period": period}


def _value(m: re.Match, i: int) -> float:
    """The i-th amount of a match as a number, thousands applied."""
    value = float(m[f"num{i}"].replace(",", ""))
    return value * 1000 if m[f"k{i}"] else value


def _tidy(value: float | None) -> float | int | None:
    """Cents precision, and an int when the value is whole."""
    if value is None:
        return None
    value = round(value, 2)
    return int(value) if value.is_integer() else value


def _currency(s: str) -> str:
    """ISO code from the first symbol or code; USD when none is given."""
    for c in s:
        if c in _CURRENCY_SYMBOLS:
            return _CURRENCY_SYMBOLS[c]
    m = _CODES.search(s)
    return m["code"].upper() if m else "USD"


def _period(s: str, after: int) -> str | None:
    """The period word following the amounts, else any period word in the text."""
    words = [m for m in _PERIOD.finditer(s) if not _is_quantity(s, m)]
    later = [m for m in words if m.start() >= after]
    chosen = (later or words or [None])[0]
    return chosen.lastgroup if chosen else None


def _is_quantity(s: str, m: re.Match) -> bool:
    """True for a noun counting time ("40 hours", "12-month") rather than a pay period."""
    return bool(_NOUNS.fullmatch(m[0]) and _QUANTITY_BEFORE.search(s, 0, m.start()))


def _period_by_magnitude(value: float) -> str:
    """Guess the period from the size of the figure when no word gives it."""
    return "hour" if value < 200 else "month" if value < 20_000 else "year"


# --- employment type ------------------------------------------------------------------

_NOT = r"(?<!non-)(?<!non )(?<!not )\b"
# What kind of job it is outranks its hours: "Temporary Full-Time" is temporary.
_NATURE = (
    ("volunteer", r"volunteers?"),
    ("internship", r"intern(?:s|ships?)?"),
    ("seasonal", r"seasonal"),
    ("temporary", r"temp(?:orary)?|limited[\s-]*(?:term|duration)|term[\s-]*limited"
                  r"|fixed[\s-]*term|extra[\s-]*help"),
    ("contract", r"contract(?:ors?|ual)?"),
)
_SCHEDULE = (
    ("part-time", r"part[\s-]*time|per[\s-]*diem|prn"),
    ("full-time", r"full[\s-]*time"),
)
_NATURE_RE = [(name, re.compile(_NOT + rf"(?:{p})\b")) for name, p in _NATURE]
_SCHEDULE_RE = [(name, re.compile(_NOT + rf"(?:{p})\b")) for name, p in _SCHEDULE]


def parse_employment_type(value: str | list | tuple | None) -> str | None:
    """One of model.EMPLOYMENT_TYPES from schema.org values, lists or free text."""
    if isinstance(value, (list, tuple)):
        # schema.org allows several; the first one we understand wins.
        return next(filter(None, map(parse_employment_type, value)), None)
    if not isinstance(value, str) or not value:
        return None
    s = normalise_text(value).lower().replace("_", " ")  # FULL_TIME -> full time
    for group in (_NATURE_RE, _SCHEDULE_RE):
        found = [(m.start(), name) for name, rx in group if (m := rx.search(s))]
        if found:
            return min(found)[1]  # earliest mention within the stronger group
    return None
