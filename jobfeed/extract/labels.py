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
# Forms re.IGNORECASE gives an ASCII letter beyond its two cases.
_CASE_FORMS = {"i": "iIİı", "k": "kKK", "s": "sSſ"}


def case_blind_words(words: str) -> str:
    """The case-blind alternation `words`, its alternatives grouped by first letter behind
    a case-sensitive class of its forms ("[cC](?i:los(?:ing|es)|ompensation)|..."): it
    matches where `(?i:words)` does, but the regex engine tries one group instead of every
    alternative (it skips a branch without entering it only when the branch starts with a
    literal or a class, which a case-blind letter is not). Alternatives are tried in another
    order: for patterns whose match is only tested, not read; compile without re.I."""
    alternatives, depth, start = [], 0, 0
    escaped = False
    for index, char in enumerate(words):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            alternatives.append(words[start:index])
            start = index + 1
    alternatives.append(words[start:])
    groups: dict[str, list[str]] = {}
    others = []
    for alternative in alternatives:
        first = alternative[:1].lower()
        if first.isascii() and first.isalpha() and alternative[1:2] not in ("?", "*", "+", "{"):
            groups.setdefault(first, []).append(alternative[1:])
        else:
            others.append(f"(?i:{alternative})")
    return "|".join([f"[{_CASE_FORMS.get(first, first + first.upper())}](?i:{'|'.join(rests)})"
                     for first, rests in groups.items()] + others)


# "Salary: $5,000 monthly | Closes: Dec 4", "...; Closing Date: Dec 4", and labelled spans
# run together on one line ("Department: Finance Location: City Hall", "Posted 3 days ago
# Closes Dec 4, 2026") are several facts. Written plainly, the separators are
#     \s+[|·•]\s+ | \s*[;.]\s+(?=[A-Z][A-Za-z ]{2,30}:)
#     | (?<=\S)\s+(?=(?i:LABELS)(?:\(s\))?\s*:\s*\S)
#     | (?<=[^\s/])\s+(?=(?:Full|Part)[- ]?[Tt]ime\b)
#     | (?<=\S)\s+(?=(?:Closes|Closing|Posted|Deadline|Apply by)\s+(?:on\s+)?(?:\d|...))
# and the pattern below is that, rearranged to split the same three times as fast: every
# branch starts with a class, the leading space is shared, and the lookaheads that take the
# whole run of spaces share one lookbehind (tests/extract/test_labels.py compares the two).
_SEPARATORS = re.compile(
    r"[;.]\s+(?=[A-Z][A-Za-z ]{2,30}:)"
    r"|\s(?:\s*[|·•]\s+|\s*[;.]\s+(?=[A-Z][A-Za-z ]{2,30}:)"
    rf"|(?<=\S\s)\s*(?=(?:{case_blind_words(_ALL_LABELS)})(?:\(s\))?\s*:\s*\S"
    r"|(?:Closes|Closing|Posted|Deadline|Apply by)\s+(?:on\s+)?"
    r"(?:\d|[A-Z][a-z]{2,8}\.?\s+\d|today|yesterday))"
    r"|(?<=[^\s/]\s)\s*(?=(?:Full|Part)[- ]?[Tt]ime\b))")

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

# The only characters beyond ASCII that re.IGNORECASE matches to an ASCII letter, or that
# lower() makes one: without them, lowered text holds a word wherever a case-blind regex
# finds it.
_ODD_CASE = re.compile("[\u0130\u0131\u017f\u212a]")


def lowered_or_none(text: str) -> str | None:
    """`text` lowered, when a substring test of it answers as a case-blind regex would."""
    return None if _ODD_CASE.search(text) else text.lower()


def may_hold(lowered: str | None, words: tuple[str, ...]) -> bool:
    """False when the text (see `lowered_or_none`) holds none of the lowercase `words`:
    then a case-blind regex each of whose matches holds one of them cannot match."""
    if lowered is None:
        return True
    for word in words:  # (a loop: any() over a generator costs twice as much)
        if word in lowered:
            return True
    return False


# Words every match holds of: OPEN_UNTIL_FILLED, EMPLOYMENT_WORDS (and _TYPE_PHRASE,
# _HIRING_TYPE), _CLOSING_SENTENCE and _APPLY_BY_SENTENCE (whose date also holds a digit).
UNTIL_FILLED_WORDS = ("until", "continuous", "filled", "rolling", "ongoing")
EMPLOYMENT_TERMS = ("time", "temporary", "seasonal", "intern", "contract", "volunteer",
                    "term", "per diem", "extra help")
_CLOSING_SENTENCE_WORDS = ("applic", "apply", "deadline", "clos", "submit", "by")
_DIGIT = re.compile(r"\d")


# A line _SEPARATORS can split holds one of these: a bar or dot, ";" or "." before a
# capitalised label and its colon, or a space before a capitalised label word; or else a
# space somewhere before a colon ("Department: Finance Location: City Hall"; a line's own
# leading "Salary: $5,000" is none). A line without any is one part, and skips the regex,
# whose lookaheads run at every space. (Not one regex: `\s.*:` retries from every space.)
_SEPARATOR_MARKS = re.compile(r"[|·•]|[;.]\s+[A-Z][A-Za-z ]{2,30}:"
                              r"|\s(?:Full|Part|Clos|Posted|Deadline|Apply by)")
_SPACE = re.compile(r"\s")


def _split_parts(line: str) -> list[str]:
    if _SEPARATOR_MARKS.search(line) or (
            (colon := line.rfind(":")) > 0 and _SPACE.search(line, 0, colon)):
        return _SEPARATORS.split(line)
    return [line]


def text_lines(text: str) -> list[str]:
    """Lines of text, further split at ' | ' and ' · ', without bullets."""
    return [part for line in text.splitlines() for part in _line_parts(line)]


def _line_parts(line: str) -> list[str]:
    if line.startswith("- ") and line[2:3].isalnum():
        # A list item's bullet ("- Salary: $5,000"): the parts of the rest are the line's
        # (a split after the bullet leaves a "-" that is no part, and no separator starts
        # at a letter or digit), and the rest often has nothing to split at.
        line = line[2:]
    parts = []
    for part in _split_parts(line):
        part = part.strip().lstrip("-•»· ").rstrip(" –—-").strip()
        if part.startswith("(") and part.endswith(")"):  # "(Posted 11/12/2026)"
            part = part[1:-1].strip()
        if part:
            parts.append(part)
    return parts


def labelled_values(text: str, memo: dict | None = None) -> dict[str, str]:
    """First value of each field found in plain text: "Label: value" lines, a label line
    followed by its value (dt/dd, th/td), then lines that are a bare fact ("Full-time",
    "$24.50/hour", "Open until filled").

    `memo`, a dict one page's calls share, keeps what each line says: a posting's lines
    are read again for its section, its evidence and its record."""
    found: dict[str, str] = {}
    bare: dict[str, str] = {}
    facts = []
    for line in text.splitlines():
        fact = memo.get(line) if memo is not None else None
        if fact is None:
            fact = _line_facts(line)
            if memo is not None:
                memo[line] = fact
        facts.append(fact)
    for pipe_facts, _ in facts:
        for name, value in pipe_facts:
            bare.setdefault(name, value)
    parts = [part for _, line_parts in facts for part in line_parts]
    last = len(parts) - 1
    for index, (_, kind, name, value, bare_fact) in enumerate(parts):
        if kind == "found":
            found.setdefault(name, value)
        elif kind == "alone" and index < last:  # the label's value is the next line
            found.setdefault(name, parts[index + 1][0])
        elif bare_fact is not None:
            bare.setdefault(*bare_fact)
    return {**bare, **found}


def _line_facts(line: str) -> tuple[tuple, tuple]:
    """What one line of text says, for `labelled_values`: the facts of its unlabelled
    " | " parts, and for each of its parts (part, kind, field, value, bare fact) where
    kind is "found" (a labelled value), "alone" (a label whose value follows), or None."""
    return tuple(_pipe_facts(line)), tuple(_part_fact(part) for part in _line_parts(line))


def _part_fact(line: str) -> tuple:
    if len(line) > 200:
        return line, None, None, None, None
    if OPEN_UNTIL_FILLED.match(line):  # "Open until filled; first review Dec 1"
        return line, "found", "closes", line, None
    if _ANY_LABEL.match(line):  # no label word first: none of the patterns below matches
        match = _first_match(line, _LABELLED)
        if match:
            return line, "found", match[0], match[1], None
        alone = _first_match(line, _LABEL_ONLY)
        if alone:  # at the end of the text it is only a bare fact
            return line, "alone", alone[0], None, _bare_fact(line)
    return line, None, None, None, _bare_fact(line)


# Every pattern of _WITH_VALUE, _DATE_NO_COLON, _SPACE_LABEL and _ALONE starts so.
_ANY_LABEL = re.compile(case_blind_words(_ALL_LABELS))


def _one_of(patterns) -> tuple:
    """(regex, names, value groups): the patterns as the branches of one regex, tried in
    their order, so its match is the first pattern's that matches, in one call not one a
    pattern. Each branch is group f<i> (a match's last group: it closes last)."""
    branches, names, values = [], [], []
    for index, (name, pattern) in enumerate(patterns):
        source = pattern.pattern.replace("(?P<value>", f"(?P<v{index}>")
        if pattern.flags & re.I:
            source = f"(?i:{source})"
        branches.append(f"(?P<f{index}>{source})")
        names.append(name)
        values.append(f"v{index}" if "value" in pattern.groupindex else None)
    return re.compile("|".join(branches)), names, values


# A "Label: value" line, a date label without its colon, a known label and its value;
# then a label alone on its line.
_LABELLED = _one_of(_WITH_VALUE + _DATE_NO_COLON + _SPACE_LABEL)
_LABEL_ONLY = _one_of(_ALONE)


def _first_match(line: str, either) -> tuple[str, str] | None:
    """(field, value) of the first of `_one_of`'s patterns that matches the line."""
    regex, names, values = either
    match = regex.match(line)
    if match is None:
        return None
    index = int(match.lastgroup[1:])
    return names[index], match.group(values[index]) if values[index] else ""


def _bare_fact(line: str) -> tuple[str, str] | None:
    if len(line) > 80:
        return None
    if _DEPARTMENT_LINE.match(line):
        return "department", line
    if _TYPE_LINE.match(line):
        return "employment_type", line
    if line.startswith(("$", "€", "£")) and SALARY.match(line) and not _NOT_MONEY.search(line):
        return "salary", line
    if OPEN_UNTIL_FILLED.match(line):
        return "closes", line
    return None


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
    if not _DIGIT.search(text) or not may_hold(lowered_or_none(text), _CLOSING_SENTENCE_WORDS):
        return None
    match = _CLOSING_SENTENCE.search(text) or _APPLY_BY_SENTENCE.search(text)
    return match.group("date") if match else None


_HIRING_TYPE = re.compile(r"\b(?:for|hiring|seeking|recruiting|fill)\s+(?:a|an|one|two)\s+"
                          r"(full[- ]?time|part[- ]?time|seasonal|temporary)\b", re.I)


def find_employment_phrase(text: str) -> str | None:
    """"A full-time, year-round position", "seeking a part-time clerk": the type it states."""
    if not may_hold(lowered_or_none(text), EMPLOYMENT_TERMS):
        return None
    match = _TYPE_PHRASE.search(text) or _HIRING_TYPE.search(text)
    return match.group(1) if match else None


_PLACE = re.compile(r"\b(building|center|centre|office|plant|facility|library|hall|station|"
                    r"yard|campus|park|branch|remote|hybrid|on-?site|terminal|headquarters|"
                    r"annex|shop|garage|depot|clinic|school)\b|,\s*[A-Z]{2}$", re.I)


_CLOSES_PART = re.compile(r"^(?:closes|closing|deadline|apply by|due)\s+(?:on\s+)?(.*\d.*)$",
                          re.I)


_FACT_SEPARATOR = re.compile(r"[|·•—]")
_FACT_SPLIT = re.compile(r"\s+[|·•—]\s+")
_STATE_END = re.compile(r",\s*[A-Z]{2}$")


def _pipe_facts(line: str) -> list[tuple[str, str]]:
    """"Field Services | Valley Service Center | $21.15/hr": a card's fact line without
    labels. Known kinds are recognised; of the rest, the first names the department and
    the second the place, as such lines are written. The facts in order, each kept unless
    an earlier one gave its field."""
    facts: list[tuple[str, str]] = []
    if not _FACT_SEPARATOR.search(line):  # one part: not a line of this kind
        return facts
    parts = [p.strip() for p in _FACT_SPLIT.split(line.strip().lstrip("-•—– "))]
    parts = [p for p in parts if p]
    if not 2 <= len(parts) <= 4 or any(":" in p or len(p) > 60 for p in parts):
        return facts
    rest = []
    for part in parts:
        if (closing := _CLOSES_PART.match(part)):
            facts.append(("closes", closing.group(1)))
        elif part.startswith(("$", "€", "£")) and SALARY.match(part):
            facts.append(("salary", part))
        elif _TYPE_LINE.match(part):
            facts.append(("employment_type", part))
        elif OPEN_UNTIL_FILLED.match(part):
            facts.append(("closes", part))
        elif _DIGIT.search(part):
            return facts  # a date or a count: not a line of this kind
        else:
            rest.append(part)
    if len(rest) == len(parts):
        # nothing recognised ("Since 1961 | 84,000 customers", a menu), unless it ends in a
        # place: "Fennel Creek Sanitary District — Dunmore, OR"
        if _STATE_END.search(parts[-1]):
            facts.append(("location", parts[-1]))
        return facts
    if len(rest) == 2:
        facts.append(("department", rest[0]))
        facts.append(("location", rest[1]))
    elif len(rest) == 1:
        facts.append(("location" if _PLACE.search(rest[0]) else "department", rest[0]))
    return facts
