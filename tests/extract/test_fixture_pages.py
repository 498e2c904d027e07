"""The scored test: every authored careers page, crawled offline (listing, next pages,
detail pages from the case's files), against its expected records.

Prints per-page precision and recall of titles and per-field accuracy, then totals.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import FIXTURES, load_case
from jobfeed.extract import extract_page, merge_detail, needs_detail
from jobfeed.normalise import normalise_job

PAGES = FIXTURES / "pages"
CASES = sorted(p.name for p in PAGES.iterdir() if (p / "expected.json").exists())
SCORED_FIELDS = ("organization", "department", "location", "employment_type", "salary",
                 "posted", "closes", "open_until_filled", "url", "apply_url", "documents")
MIN_TITLE_F1, MIN_FIELD_ACCURACY = 0.95, 0.90


@dataclass
class Score:
    name: str
    expected: int = 0
    found: int = 0
    matched: int = 0
    fields: int = 0
    fields_right: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0

    @property
    def field_accuracy(self) -> float:
        return self.fields_right / self.fields if self.fields else 1.0


def crawl_case(folder: Path):
    """What the careers spider does, with the case's files standing in for the web."""
    case = load_case(folder)
    pages = {case["url"]: folder / "body.html"}
    pages.update({url: folder / name for url, name in case["meta"].get("pages", {}).items()})
    queue, seen, jobs = [case["url"]], set(), []
    while queue:
        url = queue.pop(0)
        if url in seen or url not in pages:  # a page the case lacks is a 404
            continue
        seen.add(url)
        result = extract_page(url, pages[url].read_bytes(), case["now"])
        jobs += result.jobs
        queue += result.next_pages
    for job in jobs:
        if needs_detail(job) and job.detail_url in pages:
            merge_detail(job, job.detail_url, pages[job.detail_url].read_bytes(), case["now"])
        job.source = "fixture"
        normalise_job(job, case["now"])
    return case, jobs


def score_case(name: str) -> Score:
    case, jobs = crawl_case(PAGES / name)
    score = Score(name, expected=len(case["expected"]), found=len(jobs))
    by_title = {job.title: job for job in jobs}
    for expected in case["expected"]:
        job = by_title.pop(expected["title"], None)
        if job is None:
            score.misses.append(f"missing job {expected['title']!r}")
            continue
        score.matched += 1
        for name_ in SCORED_FIELDS:
            if name_ in expected:
                score.fields += 1
                if getattr(job, name_) == expected[name_]:
                    score.fields_right += 1
                else:
                    score.misses.append(f"{expected['title']!r}.{name_}: "
                                        f"{getattr(job, name_)!r} != {expected[name_]!r}")
    score.misses += [f"extra job {title!r}" for title in by_title]
    return score


def report(score: Score) -> str:
    return (f"{score.name:28} titles P={score.precision:.2f} R={score.recall:.2f}  "
            f"fields {score.fields_right}/{score.fields}")


@pytest.mark.parametrize("name", CASES)
def test_fixture_page(name):
    score = score_case(name)
    print("\n" + report(score) + "".join(f"\n    {m}" for m in score.misses))
    assert score.recall >= 0.8 and score.precision >= 0.8, score.misses
    assert score.field_accuracy >= 0.8, score.misses


def test_totals_over_all_pages():
    scores = [score_case(name) for name in CASES]
    matched = sum(s.matched for s in scores)
    precision = matched / max(1, sum(s.found for s in scores))
    recall = matched / max(1, sum(s.expected for s in scores))
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    accuracy = sum(s.fields_right for s in scores) / max(1, sum(s.fields for s in scores))
    print("\n" + "\n".join(report(s) for s in scores))
    print(f"TOTAL over {len(scores)} pages: title P={precision:.3f} R={recall:.3f} "
          f"F1={f1:.3f}; field accuracy {accuracy:.3f}")
    assert len(scores) >= 15
    assert f1 >= MIN_TITLE_F1, f"title F1 {f1:.3f} < {MIN_TITLE_F1}"
    assert accuracy >= MIN_FIELD_ACCURACY, f"field accuracy {accuracy:.3f} < {MIN_FIELD_ACCURACY}"


def test_every_case_has_its_expected_json_beside_it():
    for folder in PAGES.iterdir():
        if folder.is_dir():
            assert (folder / "body.html").exists() and (folder / "meta.json").exists()
            assert isinstance(json.loads((folder / "expected.json").read_text()), list)
