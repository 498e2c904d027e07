"""Posted/closing dates from free text, resolved against an injected crawl time."""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, time, timedelta, timezone
from functools import lru_cache

import dateparser

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MON = (r"\b(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"
        r"|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?")
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?(?!\d)"
_YEAR = r"(?P<year>\d{4})(?![\d:])"

# Cheap exact formats, tried in order; the first valid calendar date wins.
_ISO = re.compile(
    r"(?<!\d)(?P<year>\d{4})(?P<sep>[-/.])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})(?!\d)")
_NUMERIC = re.compile(  # 11/03/2026, 12/5/26, 11-03-2026; not phone or version numbers
    r"(?<![\d/.-])(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<year>\d{4}|\d{2})"
    r"(?!\d|[/.-]\d)")
_MDY = re.compile(_MON + r"\s*" + _DAY + r"(?:\s*,\s*|\s+)" + _YEAR)
_DMY = re.compile(r"(?<!\d)" + _DAY + r"\s*(?:of\s+)?" + _MON + r"(?:\s*,\s*|\s+)" + _YEAR)
_DMY_DASHED = re.compile(  # 03-Nov-26
    r"(?<!\d)" + _DAY + r"-" + _MON + r"-(?P<year>\d{4}|\d{2})(?!\d)")
_MONTH_YEAR = re.compile(_MON + r"\s*,?\s*" + _YEAR)
_MD = re.compile(_MON + r"\s*" + _DAY + r"(?!\s*:)")
_DM = re.compile(r"(?<!\d)" + _DAY + r"\s*(?:of\s+)?" + _MON)
_ANY_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_SLASH_MD = re.compile(r"(?<![\d/.])(?P<month>\d{1,2})/(?P<day>\d{1,2})(?![\d/])")

# Relative phrases ("3 days ago", "5h ago", "in 2 weeks", "yesterday").
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}
_UNITS = {
    "s": "seconds", "sec": "seconds", "secs": "seconds", "second": "seconds", "seconds": "seconds",
    "m": "minutes", "min": "minutes", "mins": "minutes", "minute": "minutes", "minutes": "minutes",
    "h": "hours", "hr": "hours", "hrs": "hours", "hour": "hours", "hours": "hours",
    "d": "days", "day": "days", "days": "days",
    "w": "weeks", "wk": "weeks", "wks": "weeks", "week": "weeks", "weeks": "weeks",
    "mo": "months", "mos": "months", "mth": "months", "mths": "months", "month": "months",
    "months": "months",
    "y": "years", "yr": "years", "yrs": "years", "year": "years", "years": "years",
}
_NUM = r"(?P<num>\d+)\+?|\b(?P<word>" + "|".join(_NUMBER_WORDS) + r")"
_UNIT = r"(?P<unit>" + "|".join(sorted(_UNITS, key=len, reverse=True)) + r")\b\.?"
_AGO = re.compile(r"(?:" + _NUM + r")\s*" + _UNIT + r"\s*ago\b")
_IN = re.compile(r"\bin\s+(?:" + _NUM + r")\s*" + _UNIT)
_FROM_NOW = re.compile(r"(?:" + _NUM + r")\s*" + _UNIT + r"\s*from\s+(?:now|today)\b")
_NAMED_DAYS = {"day before yesterday": -2, "yesterday": -1, "today": 0, "tonight": 0,
               "just posted": 0, "just now": 0, "tomorrow": 1}
_NAMED_DAY = re.compile(r"\b(?:" + "|".join(_NAMED_DAYS) + r")\b")  # longest first: dict order
_LAST_NEXT = re.compile(r"\b(?P<dir>last|next|past)\s+(?P<unit>week|month|year)\b")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = re.compile(r"\b(?:(?P<dir>last|next|this)\s+)?(?P<wd>" + "|".join(_WEEKDAYS) + r")\b")

# Date evidence: without any of these, the text is not a date ("Open until filled",
# "DOE") and dateparser is never called. Bare "may" is a verb, so it does not count.
_EVIDENCE = re.compile(
    r"\d+(?:st|nd|rd|th)?|\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|june?|july?"
    r"|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b"
    r"|\b(?:today|tonight|yesterday|tomorrow|ago|" + "|".join(_WEEKDAYS) + r")\b"
    r"|\b(?:last|next|past)\s+(?:week|month|year)\b|\bjust\s+(?:posted|now)\b")
_MAX_FALLBACK_LEN = 40  # longer "date" spans are prose, not worth a dateparser call

_OPEN_UNTIL_FILLED = re.compile(
    r"\buntil\s+(?:the\s+)?(?:(?:position|job|vacancy|role)\s+(?:is\s+)?)?filled\b"
    r"|\bcontinuous(?:ly)?\b|\buntil\s+further\s+notice\b"
    r"|\bfilled\s+as\s+applications\s+are\s+received\b|\brolling\s+basis\b"
    r"|\bongoing\s+recruitment\b|^\s*ongoing\s*$")

_GRACE = timedelta(days=1)  # site-local "today" may be UTC tomorrow/yesterday


def parse_date(text: str | None, now: datetime, prefer: str = "past") -> date | None:
    """Return the date `text` names, resolving relative/yearless dates against `now` (UTC)."""
    if prefer not in ("past", "future"):
        raise ValueError(f"prefer must be 'past' or 'future', not {prefer!r}")
    if not text:
        return None
    # Naive `now` is taken to be UTC already; aware `now` is converted to UTC.
    now_utc = now.astimezone(timezone.utc) if now.tzinfo else now.replace(tzinfo=timezone.utc)
    result = _parse_cached(text, now_utc.date(), prefer)
    if isinstance(result, timedelta):
        # Sub-day offsets ("5 hours ago") need the time of day, which the cache key lacks.
        return (now_utc + result).date()
    return result


def is_open_until_filled(text: str | None) -> bool:
    """True when `text` says the posting has no fixed closing date."""
    return bool(text) and _OPEN_UNTIL_FILLED.search(text.lower()) is not None


@lru_cache(maxsize=8192)
def _parse_cached(text: str, today: date, prefer: str) -> date | timedelta | None:
    """Parse once per (text, crawl day, preference); timedelta means 'offset from now'."""
    s = " ".join(text.lower().split())
    if not _EVIDENCE.search(s):
        return None
    for parse in (_absolute, _relative, _weekday_only, _yearless):
        found = parse(s, today, prefer)
        if found is not None:
            return found
    if _ISO.search(s) or _NUMERIC.search(s):
        return None  # a complete numeric date that is not real (02/30/2026): don't guess
    return _fallback(s, today, prefer)


def _make(year: int, month: int, day: int) -> date | None:
    """A date, or None when the parts are not a real calendar date."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _year(digits: str) -> int:
    """Four-digit year; two-digit years are taken as 20yy (job postings are recent)."""
    return int(digits) + 2000 if len(digits) == 2 else int(digits)


def _absolute(s: str, today: date, prefer: str) -> date | None:
    """Dates that name their year: ISO, numeric, and month-name forms."""
    for m in _ISO.finditer(s):
        if d := _make(int(m["year"]), int(m["month"]), int(m["day"])):
            return d
    for m in _NUMERIC.finditer(s):
        a, b, year = int(m["a"]), int(m["b"]), _year(m["year"])
        # US order (month first) unless that is impossible and day-first works.
        if d := _make(year, a, b) or (_make(year, b, a) if a > 12 else None):
            return d
    for pattern in (_MDY, _DMY, _DMY_DASHED):
        for m in pattern.finditer(s):
            if d := _make(_year(m["year"]), _MONTHS[m["mon"][:3]], int(m["day"])):
                return d
    if m := _MONTH_YEAR.search(s):
        return _make(int(m["year"]), _MONTHS[m["mon"][:3]], 1)  # "December 2026" -> the 1st
    return None


def _yearless(s: str, today: date, prefer: str) -> date | None:
    """'December 5', '5 Dec', '12/5': pick the year that puts it on the preferred side."""
    if _ANY_YEAR.search(s):
        return None  # a year is there in a shape we don't know ("Thu Nov 3 17:00 2026")
    for pattern in (_MD, _DM):
        for m in pattern.finditer(s):
            if d := _pick_year(_MONTHS[m["mon"][:3]], int(m["day"]), today, prefer):
                return d
    for m in _SLASH_MD.finditer(s):
        if d := _pick_year(int(m["month"]), int(m["day"]), today, prefer):
            return d
    return None


def _pick_year(month: int, day: int, today: date, prefer: str) -> date | None:
    """The nearest month/day on the preferred side of today (with a day's grace)."""
    year_long = timedelta(days=366)
    for year in (today.year, today.year - 1, today.year + 1):
        d = _make(year, month, day)  # None for Feb 29 outside leap years
        if d is None:
            continue
        if prefer == "past" and today + _GRACE - year_long < d <= today + _GRACE:
            return d
        if prefer == "future" and today - _GRACE <= d < today - _GRACE + year_long:
            return d
    return None


def _relative(s: str, today: date, prefer: str) -> date | timedelta | None:
    """'3 days ago', '2w ago', 'in 3 days', 'yesterday', 'last week'."""
    for pattern, sign in ((_AGO, -1), (_IN, 1), (_FROM_NOW, 1)):
        if m := pattern.search(s):
            n = int(m["num"]) if m["num"] else _NUMBER_WORDS[m["word"]]
            return _offset(today, _UNITS[m["unit"]], sign * n)
    if m := _NAMED_DAY.search(s):
        return today + timedelta(days=_NAMED_DAYS[m[0]])
    if m := _LAST_NEXT.search(s):
        return _offset(today, m["unit"] + "s", 1 if m["dir"] == "next" else -1)
    return None


def _offset(today: date, unit: str, n: int) -> date | timedelta:
    """Move `today` by n units; sub-day units come back as a timedelta for the caller."""
    if unit in ("seconds", "minutes", "hours"):
        return timedelta(**{unit: n})
    if unit in ("days", "weeks"):
        return today + timedelta(**{unit: n})
    months = n * (12 if unit == "years" else 1)
    y, m = divmod(today.month - 1 + months, 12)
    year, month = today.year + y, m + 1
    # Clamp: one month before March 31 is the last day of February.
    return date(year, month, min(today.day, calendar.monthrange(year, month)[1]))


def _weekday_only(s: str, today: date, prefer: str) -> date | None:
    """'Closes Friday' / 'last Monday': the nearest such weekday in the preferred direction."""
    m = _WEEKDAY.search(s)
    if not m or re.search(r"\d", s):  # with digits around, the weekday only decorates a date
        return None
    delta = (_WEEKDAYS.index(m["wd"]) - today.weekday()) % 7
    if m["dir"] == "next" or (m["dir"] != "last" and prefer == "future"):
        return today + timedelta(days=delta or (7 if m["dir"] == "next" else 0))
    back = (7 - delta) % 7
    return today - timedelta(days=back or (7 if m["dir"] == "last" else 0))


def _fallback(s: str, today: date, prefer: str) -> date | None:
    """Last resort: dateparser on the shortest span that holds all the date evidence."""
    hits = list(_EVIDENCE.finditer(s))
    span = s[hits[0].start():hits[-1].end()]
    # A lone number ("2026", "12345") or month name is not a day; dateparser would
    # invent one or spend its slow path failing.
    if len(span) > _MAX_FALLBACK_LEN or len(hits) == 1 and re.fullmatch(r"\d+|\D+", span):
        return None
    parsed = dateparser.parse(span, languages=["en"], settings={
        "RELATIVE_BASE": datetime.combine(today, time(12)),  # naive: dateparser compares naive
        "PREFER_DATES_FROM": prefer,
        "RETURN_AS_TIMEZONE_AWARE": False,
    })
    return parsed.date() if parsed and 1900 <= parsed.year <= 2200 else None
