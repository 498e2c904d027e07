"""Tests for jobfeed.fields: salary, employment type and text normalisation."""

import pytest

from jobfeed.fields import normalise_text, parse_employment_type, parse_salary


def pay(low, high, period, currency="USD"):
    """Expected parse_salary result, for compact tables."""
    return {"min": low, "max": high, "currency": currency, "period": period}


# --- salary -----------------------------------------------------------------------------

SALARIES = [
    # ranges with a period word
    ("$72,000 – $91,500 annually", pay(72000, 91500, "year")),
    ("$72,000 - $91,500/yr", pay(72000, 91500, "year")),
    ("$72,000.00 - $91,500.00 Annually", pay(72000, 91500, "year")),
    ("$7,500 - $9,100 monthly", pay(7500, 9100, "month")),
    ("$4,000 - $5,000/mo", pay(4000, 5000, "month")),
    ("$25.00 to $31.00 per hour", pay(25, 31, "hour")),
    ("$28.45 - $34.58 Hourly", pay(28.45, 34.58, "hour")),
    ("$1,200 - $1,500 weekly", pay(1200, 1500, "week")),
    ("$150 - $200 daily", pay(150, 200, "day")),
    ("Between $50,000 and $60,000 DOE", pay(50000, 60000, "year")),
    ("$91,500 - $72,000 annually", pay(72000, 91500, "year")),  # reversed range
    ("72,000 - 91,500 annually", pay(72000, 91500, "year")),  # no symbol, but a period word
    ("USD 50,000 - 60,000", pay(50000, 60000, "year")),
    ("Annual Salary: $50,000 - $60,000", pay(50000, 60000, "year")),  # word before figures
    ("Salary Grade 12 - $50,000 - $60,000", pay(50000, 60000, "year")),  # grade isn't money
    # thousands suffix
    ("$85K–$100K", pay(85000, 100000, "year")),
    ("$85k - $100k per year", pay(85000, 100000, "year")),
    ("$85-100K", pay(85000, 100000, "year")),
    # a single figure is the minimum, with no maximum (the architecture's {min, max})
    ("$32.50/hour", pay(32.5, None, "hour")),
    ("$32.50 per hour", pay(32.5, None, "hour")),
    ("$18/hr", pay(18, None, "hour")),
    ("Hourly Rate: $25.00", pay(25, None, "hour")),
    ("$4,000/mo", pay(4000, None, "month")),
    ("$150 per diem", pay(150, None, "day")),
    ("$800 per week (40 hrs)", pay(800, None, "week")),
    ("$18/hour, 20 hrs/week", pay(18, None, "hour")),  # "hrs/week" is a schedule, not pay
    # open-ended
    ("$60,000+ per year", pay(60000, None, "year")),
    ("$60,000 and up", pay(60000, None, "year")),
    ("Starting at $22.15/hr", pay(22.15, None, "hour")),
    ("Minimum $3,500 monthly", pay(3500, None, "month")),
    ("Up to $50/hour", pay(None, 50, "hour")),
    ("Up to $95,000 annually", pay(None, 95000, "year")),
    ("Not to exceed $7,000/month", pay(None, 7000, "month")),
    # pay periods outside the vocabulary are annualised
    ("Salary: $4,321.00 - $5,678.00 Biweekly", pay(112346, 147628, "year")),
    ("$2,000.00 - $2,500.00 bi-weekly", pay(52000, 65000, "year")),
    ("$1,234.56 biweekly", pay(32098.56, None, "year")),
    ("$3,000 - $3,500 semi-monthly", pay(72000, 84000, "year")),
    # no period word: magnitude decides
    ("$24.50", pay(24.5, None, "hour")),
    ("$5,500 - $6,200", pay(5500, 6200, "month")),
    ("$95,000", pay(95000, None, "year")),
    ("$50,000 (12-month position)", pay(50000, None, "year")),  # "12-month" is a duration
    # currencies
    ("€45,000 per year", pay(45000, None, "year", "EUR")),
    ("£12.50 hourly", pay(12.5, None, "hour", "GBP")),
    ("£30,000 - £35,000", pay(30000, 35000, "year", "GBP")),
    ("50,000 - 60,000 EUR per annum", pay(50000, 60000, "year", "EUR")),
    # whitespace and dashes from real pages
    ("\u00a0$72,000\u00a0—\u00a0$91,500\u00a0Annually ", pay(72000, 91500, "year")),
]


@pytest.mark.parametrize("text, expected", SALARIES)
def test_parse_salary(text, expected):
    assert parse_salary(text) == expected


def test_whole_values_are_ints_and_cents_stay_floats():
    result = parse_salary("$72,000.00 - $91,500.50 annually")
    assert type(result["min"]) is int and result["min"] == 72000
    assert type(result["max"]) is float and result["max"] == 91500.5


@pytest.mark.parametrize("text", [
    None, "", "DOE", "Depends on experience", "Depends On Experience (DOE)",
    "Commensurate with experience", "Competitive", "Negotiable", "Unpaid",
    "Unpaid internship", "Volunteer", "Volunteer position - $0", "$0.00 - $0.00",
    "Grade 12", "Range 23, Step 1", "See job bulletin",
])
def test_parse_salary_none(text):
    assert parse_salary(text) is None


# --- employment type ----------------------------------------------------------------------

EMPLOYMENT_TYPES = [
    # schema.org values
    ("FULL_TIME", "full-time"),
    ("PART_TIME", "part-time"),
    ("TEMPORARY", "temporary"),
    ("INTERN", "internship"),
    ("CONTRACTOR", "contract"),
    ("VOLUNTEER", "volunteer"),
    ("PER_DIEM", "part-time"),
    ("OTHER", None),
    # lists: the first recognised value wins
    (["FULL_TIME", "PART_TIME"], "full-time"),
    (["OTHER", "PART_TIME", "FULL_TIME"], "part-time"),
    (("OTHER", "TEMPORARY"), "temporary"),
    (["OTHER"], None),
    ([], None),
    # free text
    ("Full Time", "full-time"),
    ("Full-time", "full-time"),
    ("Fulltime", "full-time"),
    ("Full-time, Benefited", "full-time"),
    ("Regular Full-Time", "full-time"),
    ("Part Time (20 hrs/week)", "part-time"),
    ("Part-Time, Non-Benefited", "part-time"),
    ("Per diem", "part-time"),
    ("Seasonal", "seasonal"),
    ("Part-Time Seasonal", "seasonal"),
    ("Temp", "temporary"),
    ("Temporary", "temporary"),
    ("Temporary Full-Time", "temporary"),
    ("Limited-term", "temporary"),
    ("Limited Term", "temporary"),
    ("Extra help", "temporary"),
    ("Extra-Help", "temporary"),
    ("Intern", "internship"),
    ("Internship", "internship"),
    ("Paid Internships", "internship"),
    ("Contract", "contract"),
    ("Volunteer", "volunteer"),
    ("Full Time/Part Time", "full-time"),  # same kind: the first mentioned
    ("Full-Time Regular (Non-Temporary)", "full-time"),
    # negatives
    ("Internal applicants only", None),
    ("International Relations", None),
    ("Template", None),
    ("Regular", None),
    ("Hourly", None),
    ("", None),
    (None, None),
    (42, None),
]


@pytest.mark.parametrize("value, expected", EMPLOYMENT_TYPES)
def test_parse_employment_type(value, expected):
    assert parse_employment_type(value) == expected


# --- text ------------------------------------------------------------------------------

TEXTS = [
    ("  Senior  Analyst \n", "Senior Analyst"),
    ("Senior\u00a0Analyst", "Senior Analyst"),
    ("Senior\u200bAnalyst", "Senior Analyst"),
    ("\ufeffSenior Analyst", "Senior Analyst"),
    ("Senior\u2009\u202fAnalyst\u3000II", "Senior Analyst II"),
    ("Line one\r\nLine two\tend", "Line one Line two end"),
    ("Manager – Workforce", "Manager - Workforce"),
    ("Manager—Workforce", "Manager - Workforce"),
    ("Manager \u2012 Workforce", "Manager - Workforce"),
    ("Manager\u2015Workforce", "Manager - Workforce"),
    ("Grades 5\u22127", "Grades 5 - 7"),
    ("Full\u2011time Analyst", "Full-time Analyst"),
    ("Full-time Analyst", "Full-time Analyst"),  # ASCII hyphen untouched
    ("Accounting Tech - Payroll", "Accounting Tech - Payroll"),
    ("Manage\u00adment Analyst", "Management Analyst"),  # soft hyphen is invisible
    # XML 1.0 forbidden characters
    ("Clerk\x00II", "Clerk II"),
    ("Clerk\x0bII\x0c", "Clerk II"),
    ("Clerk\x1fII", "Clerk II"),
    ("Clerk\ud800 II", "Clerk II"),  # lone surrogate
    ("Clerk\ufffe\uffffII", "ClerkII"),
    # kept exactly
    ("Dev 👩\u200d💻 & <Ops> \"Lead\" 'A'", "Dev 👩\u200d💻 & <Ops> \"Lead\" 'A'"),
    ("Café Manager – Niño's Program", "Café Manager - Niño's Program"),
    ("&amp; stays &amp;", "&amp; stays &amp;"),
    ("", ""),
    (None, ""),
]


@pytest.mark.parametrize("text, expected", TEXTS)
def test_normalise_text(text, expected):
    assert normalise_text(text) == expected


def test_normalised_text_is_xml_safe():
    import re

    nasty = "".join(chr(c) for c in range(0x00, 0x20)) + "\ud800\udfff\ufffe\uffff ok"
    result = normalise_text(nasty)
    assert result == "ok"
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]", result)
