"""Tests for jobfeed.dates: exact formats, relative phrases, preference, the cache."""

from datetime import date, datetime, timedelta, timezone

import pytest

from jobfeed import dates
from jobfeed.dates import is_open_until_filled, parse_date

# Crawl start: Friday 20 November 2026, 15:30 UTC.
NOW = datetime(2026, 11, 20, 15, 30, tzinfo=timezone.utc)
TODAY = date(2026, 11, 20)


@pytest.fixture(autouse=True)
def fresh_cache():
    """Every test sees an empty cache, so dateparser spies see every call."""
    dates._parse_cached.cache_clear()
    yield
    dates._parse_cached.cache_clear()


@pytest.fixture
def no_dateparser(monkeypatch):
    """Make any dateparser call fail the test."""
    def boom(*args, **kwargs):
        raise AssertionError(f"dateparser called with {args!r}")
    monkeypatch.setattr(dates.dateparser, "parse", boom)


@pytest.fixture
def dateparser_calls(monkeypatch):
    """Record dateparser calls while still parsing for real."""
    calls = []
    real = dates.dateparser.parse

    def spy(text, *args, **kwargs):
        calls.append(text)
        return real(text, *args, **kwargs)
    monkeypatch.setattr(dates.dateparser, "parse", spy)
    return calls


# --- absolute dates: the fast path, no dateparser -------------------------------------

ABSOLUTE = [
    ("November 3, 2026", date(2026, 11, 3)),
    ("Nov. 3, 2026", date(2026, 11, 3)),
    ("Nov 3 2026", date(2026, 11, 3)),
    ("Sept. 30, 2026", date(2026, 9, 30)),
    ("Posted: Sep 30, 2026", date(2026, 9, 30)),
    ("11/03/2026", date(2026, 11, 3)),
    ("11-03-2026", date(2026, 11, 3)),
    ("2026-11-03", date(2026, 11, 3)),
    ("2026/11/03", date(2026, 11, 3)),
    ("2026-11-03T17:00:00-08:00", date(2026, 11, 3)),  # the date as the site wrote it
    ("3 November 2026", date(2026, 11, 3)),
    ("3rd of November, 2026", date(2026, 11, 3)),
    ("03-Nov-26", date(2026, 11, 3)),
    ("Tue, 01 Dec 2026 17:00:00 GMT", date(2026, 12, 1)),
    ("Monday, December 5, 2026 at 5:00 PM", date(2026, 12, 5)),
    ("December 5th, 2026 11:59 PM PST", date(2026, 12, 5)),
    ("12/5/26 5:00pm", date(2026, 12, 5)),
    ("Closes: Jan 15, 2027", date(2027, 1, 15)),
    ("Final filing date: 01/15/2027", date(2027, 1, 15)),
    ("Deadline to apply is Friday, January 15, 2027", date(2027, 1, 15)),
    ("FINAL FILING DATE: JANUARY 15, 2027 AT 5:00 P.M.", date(2027, 1, 15)),
    ("25/12/2026", date(2026, 12, 25)),  # day-first only when month-first is impossible
    ("December 2026", date(2026, 12, 1)),  # month and year only: the 1st
    ("  Posted\u00a0on\nNovember 3,\t2026 ", date(2026, 11, 3)),
]


@pytest.mark.parametrize("prefer", ["past", "future"])
@pytest.mark.parametrize("text, expected", ABSOLUTE)
def test_absolute_dates_use_the_fast_path(text, expected, prefer, no_dateparser):
    assert parse_date(text, NOW, prefer) == expected


@pytest.mark.parametrize("text", ["02/30/2026", "2026-13-01", "13/13/2026"])
def test_impossible_numeric_dates_are_not_guessed(text, no_dateparser):
    assert parse_date(text, NOW) is None


# --- relative phrases ----------------------------------------------------------------

RELATIVE = [
    ("Posted 3 days ago", date(2026, 11, 17)),
    ("3 days ago", date(2026, 11, 17)),
    ("3d ago", date(2026, 11, 17)),
    ("a day ago", date(2026, 11, 19)),
    ("Posted 30+ days ago", date(2026, 10, 21)),
    ("2 weeks ago", date(2026, 11, 6)),
    ("two weeks ago", date(2026, 11, 6)),
    ("1 month ago", date(2026, 10, 20)),
    ("a year ago", date(2025, 11, 20)),
    ("yesterday", date(2026, 11, 19)),
    ("Posted Yesterday", date(2026, 11, 19)),
    ("day before yesterday", date(2026, 11, 18)),
    ("today", date(2026, 11, 20)),
    ("Posted Today", date(2026, 11, 20)),
    ("Just posted", date(2026, 11, 20)),
    ("tomorrow", date(2026, 11, 21)),
    ("in 2 weeks", date(2026, 12, 4)),
    ("10 days from now", date(2026, 11, 30)),
    ("last week", date(2026, 11, 13)),
    ("next month", date(2026, 12, 20)),
    ("5 hours ago", date(2026, 11, 20)),
    ("an hour ago", date(2026, 11, 20)),
    ("20 hours ago", date(2026, 11, 19)),  # 15:30 minus 20 h is yesterday
    ("45 minutes ago", date(2026, 11, 20)),
]


@pytest.mark.parametrize("text, expected", RELATIVE)
def test_relative_phrases_resolve_against_now(text, expected, no_dateparser):
    assert parse_date(text, NOW) == expected


def test_month_arithmetic_clamps_to_month_end(no_dateparser):
    assert parse_date("1 month ago", datetime(2027, 3, 31, tzinfo=timezone.utc)) == date(2027, 2, 28)


def test_sub_day_offsets_are_not_frozen_by_the_cache(no_dateparser):
    early = datetime(2026, 11, 20, 1, 0, tzinfo=timezone.utc)
    late = datetime(2026, 11, 20, 23, 0, tzinfo=timezone.utc)
    assert parse_date("3 hours ago", early) == date(2026, 11, 19)
    assert parse_date("3 hours ago", late) == date(2026, 11, 20)


# --- now: injected, aware, computed in UTC ---------------------------------------------

def test_aware_now_is_converted_to_utc(no_dateparser):
    pacific_evening = datetime(2026, 11, 20, 20, 0, tzinfo=timezone(timedelta(hours=-8)))
    # 20:00 in UTC-8 is 04:00 on the 21st in UTC.
    assert parse_date("today", pacific_evening) == date(2026, 11, 21)
    assert parse_date("yesterday", pacific_evening) == date(2026, 11, 20)


def test_naive_now_is_taken_as_utc(no_dateparser):
    assert parse_date("today", datetime(2026, 11, 20, 23, 59)) == date(2026, 11, 20)


def test_same_text_on_another_day_is_not_served_from_cache(no_dateparser):
    assert parse_date("yesterday", NOW) == date(2026, 11, 19)
    assert parse_date("yesterday", NOW + timedelta(days=1)) == date(2026, 11, 20)


# --- ambiguous (yearless) dates and `prefer` ------------------------------------------

YEARLESS = [
    # text, prefer="past", prefer="future"
    ("December 5", date(2025, 12, 5), date(2026, 12, 5)),
    ("Dec. 5th", date(2025, 12, 5), date(2026, 12, 5)),
    ("5 December", date(2025, 12, 5), date(2026, 12, 5)),
    ("Closing: 1 Dec", date(2025, 12, 1), date(2026, 12, 1)),
    ("Nov 3", date(2026, 11, 3), date(2027, 11, 3)),
    ("Posted: 11/3", date(2026, 11, 3), date(2027, 11, 3)),
    ("1/15", date(2026, 1, 15), date(2027, 1, 15)),
    ("Filing deadline: midnight, Dec. 1st", date(2025, 12, 1), date(2026, 12, 1)),
    # One day of grace either side for site-local vs UTC "today".
    ("November 21", date(2026, 11, 21), date(2026, 11, 21)),
    ("November 19", date(2026, 11, 19), date(2026, 11, 19)),
    ("November 18", date(2026, 11, 18), date(2027, 11, 18)),
    ("November 22", date(2025, 11, 22), date(2026, 11, 22)),
]


@pytest.mark.parametrize("text, past, future", YEARLESS)
def test_yearless_dates_follow_prefer(text, past, future, no_dateparser):
    assert parse_date(text, NOW, "past") == past
    assert parse_date(text, NOW, "future") == future


WEEKDAYS = [
    # NOW is a Friday.
    ("Closes Friday", "future", date(2026, 11, 20)),
    ("Closes Monday", "future", date(2026, 11, 23)),
    ("Posted Monday", "past", date(2026, 11, 16)),
    ("next Monday", "past", date(2026, 11, 23)),
    ("next Friday", "future", date(2026, 11, 27)),
    ("last Friday", "past", date(2026, 11, 13)),
    ("last Wednesday", "future", date(2026, 11, 18)),
]


@pytest.mark.parametrize("text, prefer, expected", WEEKDAYS)
def test_bare_weekdays(text, prefer, expected, no_dateparser):
    assert parse_date(text, NOW, prefer) == expected


def test_prefer_must_be_past_or_future():
    with pytest.raises(ValueError):
        parse_date("December 5", NOW, "current_period")


# --- no date at all: None, and dateparser is never asked -------------------------------

NOT_DATES = [
    None, "", "   ", "Open until filled", "Open Until Filled", "Continuous", "DOE",
    "Until the position is filled", "Open until further notice", "See job bulletin",
    "N/A", "TBD", "May", "This recruitment may close at any time",
    "Applications accepted on a continuous basis", "ASAP",
]


@pytest.mark.parametrize("text", NOT_DATES)
@pytest.mark.parametrize("prefer", ["past", "future"])
def test_text_without_date_evidence_is_none_without_dateparser(text, prefer, no_dateparser):
    assert parse_date(text, NOW, prefer) is None


@pytest.mark.parametrize("text", ["12345", "2026", "Job #4471", "December", "20261201"])
def test_lone_numbers_and_month_names_are_not_days(text, dateparser_calls):
    assert parse_date(text, NOW) is None
    assert dateparser_calls == []


def test_prose_with_stray_digits_is_not_sent_to_dateparser(dateparser_calls):
    text = "Applications reviewed every 2 weeks by the hiring committee for up to 6 positions"
    assert parse_date(text, NOW) is None
    assert dateparser_calls == []


# --- the dateparser fallback ----------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Thu Nov 3 17:00:00 2026", date(2026, 11, 3)),  # year present but not next to the day
    ("December the 5th, 2026", date(2026, 12, 5)),
])
def test_unusual_shapes_fall_back_to_dateparser(text, expected, dateparser_calls):
    assert parse_date(text, NOW) == expected
    assert len(dateparser_calls) == 1
    assert dateparser_calls[0] in text.lower()  # only the date-looking span is sent


def test_fallback_sends_the_shortest_date_span(dateparser_calls):
    parse_date("Application deadline: December the 5th, 2026 (midnight)", NOW)
    assert dateparser_calls == ["december the 5th, 2026"]


def test_results_are_cached_per_text_day_and_prefer(dateparser_calls):
    for _ in range(3):
        assert parse_date("December the 5th, 2026", NOW) == date(2026, 12, 5)
    assert len(dateparser_calls) == 1
    parse_date("December the 5th, 2026", NOW, "future")
    assert len(dateparser_calls) == 2


# --- open until filled -----------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Open until filled", "OPEN UNTIL FILLED", "Until Filled", "Continuous",
    "Continuous Recruitment", "Open Continuously", "Open until the position is filled",
    "Until position filled", "Open until further notice",
    "Closing date: open until filled (first review 12/1/2026)",
])
def test_open_until_filled(text):
    assert is_open_until_filled(text) is True


@pytest.mark.parametrize("text", [
    None, "", "Closes 12/5/2026", "Position filled", "Filled", "Open", "DOE",
    "Open until 5:00 PM", "Fulfilled",
])
def test_not_open_until_filled(text):
    assert is_open_until_filled(text) is False
