"""Labelled facts in a posting's text: "Salary: ...", "Closing date: ...", "Location: ..."."""

from __future__ import annotations

import re

# label words -> the raw field they fill; the first label that matches a line wins
_LABELS = [
    ("closes", r"clos(?:ing|es)(?: date)?(?: and time)?|final filing date|filing deadline|"
               r"deadline(?: to apply)?|application deadline|apply by|open until|"
               r"valid through|recruitment closes|last day to apply"),
    ("posted", r"posted(?: on)?|date posted|posting date|opening date|open(?:ed|s)? on|"
               r"published|date opened"),
    ("salary", r"salary(?: range)?|pay(?: range| rate)?|compensation|wages?|hourly rate|"
               r"rate of pay|starting salary|annual salary|monthly salary|hourly wage"),
    ("location", r"(?:work )?location|duty station|based in|work site|worksite"),
    ("department", r"department|division|dept\.?|program area"),
    # a job board of an association lists its members' postings: the employer per job
    ("organization", r"employer|hiring (?:organi[sz]ation|agency|entity)|organi[sz]ation|"
                     r"agency|member agency|jurisdiction"),
    ("employment_type", r"employment type|job type|position type|type|schedule|status|"
                        r"employment status|work schedule|hours"),
]
# "Location(s):", "Salary Range*:" — the label, then a colon or dash, then the value
_WITH_VALUE = [(name, re.compile(rf"^(?:{words})(?:\(s\))?\*?\s*[:\-–—]\s*(?P<value>.+?)\s*$",
                                 re.I)) for name, words in _LABELS]
_ALONE = [(name, re.compile(rf"^(?:{words})(?:\(s\))?\*?\s*:?\s*$", re.I))
          for name, words in _LABELS]
# "Closes December 10, 2026", "Posted 3 days ago": date labels often go without a colon.
# "<li><span class="meta__k">Department</span> Public Works</li>": a known label, a space,
# the value, on a short line
_SPACE_LABEL = [(name, re.compile(rf"^(?i:{words})\s+(?!of\b)(?P<value>[A-Z$\d][^:]{{1,50}})$"))
                for name, words in _LABELS if name in ("department", "salary", "location")]
_DATE_NO_COLON = [(name, re.compile(
    rf"^(?:{words})\s+(?:on\s+)?(?P<value>.*(?:\d|today|yesterday|until filled|continuous).*)$",
    re.I)) for name, words in _LABELS if name in ("closes", "posted")]
# "Salary: $5,000 monthly | Closes: Dec 4" and "...; Closing Date: Dec 4" are two facts
_ALL_LABELS = "|".join(words for _, words in _LABELS)
# "Salary: $5,000 monthly | Closes: Dec 4", "...; Closing Date: Dec 4", and labelled spans
# run together on one line ("Department: Finance Location: City Hall", "Posted 3 days ago
# Closes Dec 4, 2026") are several facts.
_SEPARATORS = re.compile(
    r"\s+[|·•]\s+|\s*[;.]\s+(?=[A-Z][A-Za-z ]{2,30}:)"
    rf"|(?<=\S)\s+(?=(?i:{_ALL_LABELS})(?:\(s\))?\s*:\s*\S)"
    r"|(?<=[^\s/])\s+(?=(?:Full|Part)[- ]?[Tt]ime\b)"
    r"|(?<=\S)\s+(?=(?:Closes|Closing|Posted|Deadline|Apply by)\s+(?:on\s+)?"
    r"(?:\d|[A-Z][a-z]{2,8}\.?\s+\d|today|yesterday))")

# Unlabelled evidence
SALARY = re.compile(
    r"(?:[$€£]\s?\d[\d,]*(?:\.\d+)?\s*[kK]?(?:\s*(?:-|–|—|to)\s*[$€£]?\s?\d[\d,]*(?:\.\d+)?\s*[kK]?)?"
    r"(?:\s*(?:/|per\s+)\s*(?:hour|hr|year|yr|month|mo|annum|week|day))?"
    r"(?:\s+(?:annually|monthly|hourly|bi-?weekly|per\s+\w+|a\s+year|an\s+hour))?)")
OPEN_UNTIL_FILLED = re.compile(r"\b(open until filled|until filled|continuous(ly)?( recruitment)?|"
                               r"open until further notice|until the position is filled|"
                               r"(positions are )?filled as applications are received|"
                               r"(on a )?rolling basis|ongoing( recruitment)?)\b", re.I)
EMPLOYMENT_WORDS = re.compile(r"\b(full[- ]?time|part[- ]?time|temporary|seasonal|internship|"
                              r"intern|contract|volunteer|limited[- ]term|per diem|extra help)\b",
                              re.I)
_TYPE_LINE = re.compile(r"^(full[- ]?time|part[- ]?time|temporary|seasonal|internship|contract|"
                        r"volunteer|per diem|limited[- ]term|extra help)\b", re.I)
# "Finance Department", "Department of Public Works", "Sheriff's Office" on a line of its own
_DEPARTMENT_LINE = re.compile(r"^((?i:department of) [A-Z][\w&',. -]+|[A-Z][\w&',.-]*"
                              r"( [A-Z&][\w&',.-]*)* (?i:department|division|office|agency))$")
# "Position: Building Inspector" leads a posting written as labelled lines.
TITLE_LINE = re.compile(r"^(?:position(?: title)?|job title|title|classification|vacancy|job)"
                        r"\s*:\s*(?P<value>.+?)\s*$", re.I)
TITLE_LABEL = re.compile(r"^(?:position(?: title)?|job title|title|classification|"
                         r"vacancy)\s*:?\s*$", re.I)
_NOT_MONEY = re.compile(r"\b(benefit|allowance|reimburse|bonus|stipend for|tuition)\b", re.I)


def text_lines(text: str) -> list[str]:
    """Lines of text, further split at ' | ' and ' · ', without bullets."""
    lines = []
    for line in text.splitlines():
        for part in _SEPARATORS.split(line):
            part = part.strip().lstrip("-•»· ").rstrip(" –—-").strip()
            if part.startswith("(") and part.endswith(")"):  # "(Posted 11/12/2026)"
                part = part[1:-1].strip()
            if part:
                lines.append(part)
    return lines


def labelled_values(text: str) -> dict[str, str]:
    """First value of each field found in plain text: "Label: value" lines, a label line
    followed by its value (dt/dd, th/td), then lines that are a bare fact ("Full-time",
    "$24.50/hour", "Open until filled")."""
    found: dict[str, str] = {}
    bare: dict[str, str] = {}
    for line in text.splitlines():
        _pipe_facts(line, bare)
    lines = text_lines(text)
    for index, line in enumerate(lines):
        if len(line) > 200:
            continue
        if OPEN_UNTIL_FILLED.match(line):  # "Open until filled; first review Dec 1"
            found.setdefault("closes", line)
            continue
        match = _first_match(line, _WITH_VALUE) or _first_match(line, _DATE_NO_COLON) \
            or _first_match(line, _SPACE_LABEL)
        if match:
            name, value = match
        elif (alone := _first_match(line, _ALONE)) and index + 1 < len(lines):
            name, value = alone[0], lines[index + 1]
        else:
            _bare_fact(line, bare)
            continue
        found.setdefault(name, value)
    return {**bare, **found}


def _first_match(line: str, patterns) -> tuple[str, str] | None:
    for name, pattern in patterns:
        match = pattern.match(line)
        if match:
            return name, match.groupdict().get("value", "")
    return None


def _bare_fact(line: str, bare: dict[str, str]) -> None:
    if len(line) > 80:
        return
    if _DEPARTMENT_LINE.match(line):
        bare.setdefault("department", line)
    elif _TYPE_LINE.match(line):
        bare.setdefault("employment_type", line)
    elif line.startswith(("$", "€", "£")) and SALARY.match(line) and not _NOT_MONEY.search(line):
        bare.setdefault("salary", line)
    elif OPEN_UNTIL_FILLED.match(line):
        bare.setdefault("closes", line)


def find_salary(text: str) -> str | None:
    """The first money amount or range in the text, as written, outside benefit talk."""
    for match in SALARY.finditer(text):
        start = text.rfind("\n", 0, match.start()) + 1
        line = text[start:text.find("\n", match.end()) % (len(text) + 1)]
        if not _NOT_MONEY.search(line):
            return match.group(0).strip()
    return None


_DATE = (r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}"
         r"(?:st|nd|rd|th)?,?\s+\d{4}|\d{1,2}/\d{1,2}/\d{2,4}|\d{4}-\d{2}-\d{2})")
_CLOSING_SENTENCE = re.compile(
    r"\b(?:applications?\s+(?:are\s+|is\s+|will\s+be\s+)?(?:due|accepted\s+(?:until|through)"
    r"|must\s+be\s+(?:received|submitted)\s+(?:by|no\s+later\s+than))|apply\s+by|deadline"
    r"(?:\s+to\s+apply)?(?:\s+is)?|closes?(?:\s+on)?|closing\s+date(?:\s+is)?|"
    r"recruitment\s+closes|submit\s+(?:by|before))\s*:?\s*(?:on\s+)?"
    rf"(?P<date>{_DATE}(?:\s+(?:at\s+)?\d{{1,2}}(?::\d{{2}})?\s*[ap]\.?m\.?)?)", re.I)
_TYPE_PHRASE = re.compile(r"\b(full[- ]?time|part[- ]?time|seasonal|temporary|limited[- ]term|"
                          r"contract|volunteer)\b[^.;]{0,30}?\b(position|job|role|opening|"
                          r"assignment|employment)\b", re.I)


# "To apply, email your resume to hr@... by 5:00 p.m. on Tuesday, December 8, 2026."
_APPLY_BY_SENTENCE = re.compile(
    r"\b(?:apply|application|r[ée]sum[ée]|submit|e-?mail|received)\b[^.]{0,160}?\bby\s+"
    r"(?:\d{1,2}(?::\d{2})?\s*[ap]\.?m\.?,?\s*)?(?:on\s+)?" + rf"(?P<date>{_DATE})", re.I)


def find_closing(text: str) -> str | None:
    """A closing date stated in a sentence: "Applications due December 11, 2026"."""
    match = _CLOSING_SENTENCE.search(text) or _APPLY_BY_SENTENCE.search(text)
    return match.group("date") if match else None


_HIRING_TYPE = re.compile(r"\b(?:for|hiring|seeking|recruiting|fill)\s+(?:a|an|one|two)\s+"
                          r"(full[- ]?time|part[- ]?time|seasonal|temporary)\b", re.I)


def find_employment_phrase(text: str) -> str | None:
    """"A full-time, year-round position", "seeking a part-time clerk": the type it states."""
    match = _TYPE_PHRASE.search(text) or _HIRING_TYPE.search(text)
    return match.group(1) if match else None


_PLACE = re.compile(r"\b(building|center|centre|office|plant|facility|library|hall|station|"
                    r"yard|campus|park|branch|remote|hybrid|on-?site|terminal|headquarters|"
                    r"annex|shop|garage|depot|clinic|school)\b|,\s*[A-Z]{2}$", re.I)


_CLOSES_PART = re.compile(r"^(?:closes|closing|deadline|apply by|due)\s+(?:on\s+)?(.*\d.*)$",
                          re.I)


def _pipe_facts(line: str, bare: dict[str, str]) -> None:
    """"Field Services | Valley Service Center | $21.15/hr": a card's fact line without
    labels. Known kinds are recognised; of the rest, the first names the department and
    the second the place, as such lines are written."""
    parts = [p.strip() for p in re.split(r"\s+[|·•—]\s+", line.strip().lstrip("-•—– "))]
    parts = [p for p in parts if p]
    if not 2 <= len(parts) <= 4 or any(":" in p or len(p) > 60 for p in parts):
        return
    rest = []
    for part in parts:
        if (closing := _CLOSES_PART.match(part)):
            bare.setdefault("closes", closing.group(1))
        elif part.startswith(("$", "€", "£")) and SALARY.match(part):
            bare.setdefault("salary", part)
        elif _TYPE_LINE.match(part):
            bare.setdefault("employment_type", part)
        elif OPEN_UNTIL_FILLED.match(part):
            bare.setdefault("closes", part)
        elif re.search(r"\d", part):
            return  # a date or a count: not a line of this kind
        else:
            rest.append(part)
    if len(rest) == len(parts):
        # nothing recognised ("Since 1961 | 84,000 customers", a menu), unless it ends in a
        # place: "Fennel Creek Sanitary District — Dunmore, OR"
        if re.search(r",\s*[A-Z]{2}$", parts[-1]):
            bare.setdefault("location", parts[-1])
        return
    if len(rest) == 2:
        bare.setdefault("department", rest[0])
        bare.setdefault("location", rest[1])
    elif len(rest) == 1:
        bare.setdefault("location" if _PLACE.search(rest[0]) else "department", rest[0])
