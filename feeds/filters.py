"""What a named feed selects: organisation or source, keywords, location, type, salary.

Keywords use a small query language, the one the web page's search box uses too:

    park ranger              both words (whole words, any order, any case, any accents)
    "park ranger"            the phrase
    planner OR engineer      either side; OR binds loosest: a b OR c = (a and b) or c
    engineer -intern         engineer, but not intern
    plan*                    a word starting with "plan"

Words are matched in the job's title, department and description.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

# How many of a period make a year, to compare a salary against an annual minimum.
PER_YEAR = {"year": 1, "month": 12, "week": 52, "day": 260, "hour": 2080}

_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w+")
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def fold(text: str | None) -> str:
    """Lowercase, accents removed: 'Café  Manager' -> 'cafe  manager'."""
    if not text:
        return ""
    if text.isascii():
        return text.lower()
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text)).casefold()


def words(text: str | None) -> list[str]:
    return _WORD.findall(fold(text))


@functools.lru_cache(maxsize=8192)
def haystack(text: str) -> str:
    """The text's words between single spaces, with a space at each end, so a word or
    phrase is found by one substring search: ' park ranger ' in ' senior park ranger '."""
    return " " + " ".join(words(text)) + " "


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]  # one word, or a phrase's words in order
    negated: bool = False
    prefix: bool = False  # the last word is a prefix ("plan*")

    def found_in(self, text: str) -> bool:
        """`text` is a `haystack`: words between single spaces."""
        needle = " " + " ".join(self.words) + ("" if self.prefix else " ")
        return needle in text


@dataclass(frozen=True)
class Query:
    """Alternatives (OR) of terms that must all hold (AND)."""

    alternatives: tuple[tuple[Term, ...], ...]
    text: str = ""

    def matches(self, text: str) -> bool:
        """Whether the query holds for `text`, a `haystack`."""
        if not self.alternatives:
            return True
        return any(all(term.found_in(text) != term.negated for term in group)
                   for group in self.alternatives)


def parse_query(text: str) -> Query:
    """Parse the keyword language; never fails (a stray quote ends at the end of the text)."""
    groups: list[list[Term]] = [[]]
    for match in _TOKEN.finditer(text or ""):
        sign, phrase, bare = match.groups()
        if bare == "OR":
            groups.append([])
            continue
        negated = bool(sign)
        if bare is not None:
            negated = bare.startswith("-") and len(bare) > 1
            phrase = bare[1:] if negated else bare
        prefix = phrase.rstrip().endswith("*")
        term_words = tuple(words(phrase))
        if term_words:
            groups[-1].append(Term(term_words, negated, prefix and bare is not None))
    return Query(tuple(tuple(g) for g in groups if g), text or "")


def annual(salary: dict | None) -> float | None:
    """The top of a salary range as a yearly amount (the minimum when there is no maximum)."""
    if not salary:
        return None
    top = salary.get("max") if salary.get("max") is not None else salary.get("min")
    if top is None:
        return None
    return float(top) * PER_YEAR.get(salary.get("period") or "year", 1)


@dataclass(frozen=True)
class FeedFilter:
    """Every given criterion must hold; within one criterion any listed value will do."""

    sources: tuple[str, ...] = ()
    organizations: tuple[str, ...] = ()
    keywords: Query | None = None
    locations: tuple[str, ...] = ()
    employment_types: tuple[str, ...] = ()
    min_salary: float | None = None  # a year, in `currency`
    currency: str | None = None

    def matches(self, job: dict) -> bool:
        if self.sources and job.get("source") not in self.sources:
            return False
        if self.organizations and " ".join(fold(job.get("organization")).split()) not in {
                " ".join(fold(o).split()) for o in self.organizations}:
            return False
        if self.locations:
            where = haystack(job.get("location") or "")
            if not any(" " + " ".join(words(place)) + " " in where for place in self.locations):
                return False
        if self.employment_types and job.get("employment_type") not in self.employment_types:
            return False
        if self.min_salary is not None:
            salary = job.get("salary")
            if self.currency and (salary or {}).get("currency", self.currency) != self.currency:
                return False
            top = annual(salary)
            if top is None or top < self.min_salary:
                return False
        if self.keywords is not None and self.keywords.alternatives:
            text = "\n".join(filter(None, (job.get("title"), job.get("department"),
                                           job.get("description"))))
            if not self.keywords.matches(haystack(text)):
                return False
        return True

    def select(self, jobs: list[dict]) -> list[dict]:
        return [job for job in jobs if self.matches(job)]
