"""The Cal Cities spider on both snapshots of the page."""

from __future__ import annotations

import pytest

from conftest import FIXTURES, load_case
from jobfeed.normalise import normalise_job
from jobfeed.run import Run
from spiders.calcities import CALCITIES, CalCitiesSpider

SNAPSHOTS = ["000", "001"]
NOISE = ["Cal Cities Culture", "Our Values", "Integrity", "Diversity", "Innovation", "Respect",
         "Excellence", "Passion", "Learn More About the Cal Cities' Teams",
         "Additional Information", "Competitive salary", "Career Opportunities",
         "New Mayors and Council Members Academy", "Planning Commissioners Academy"]


def crawl_snapshot(name: str):
    case = load_case(FIXTURES / "calcities" / name)
    spider = CalCitiesSpider(sources=[CALCITIES], run=Run(started_at=case["now"]))
    jobs = spider.extract_page(case["url"], case["body"], CALCITIES).jobs
    for job in jobs:
        job.source = "calcities"
        normalise_job(job, case["now"])
    return case, jobs


@pytest.mark.parametrize("snapshot", SNAPSHOTS)
def test_every_position_with_its_fields(snapshot):
    case, jobs = crawl_snapshot(snapshot)
    got = [{key: getattr(job, key) for key in expected} for job, expected
           in zip(jobs, case["expected"])]
    assert [j.title for j in jobs] == [e["title"] for e in case["expected"]]
    assert got == case["expected"]


@pytest.mark.parametrize("snapshot", SNAPSHOTS)
def test_no_record_from_culture_values_teams_or_benefits(snapshot):
    _, jobs = crawl_snapshot(snapshot)
    titles = {job.title for job in jobs}
    assert not titles & set(NOISE)
    assert len(jobs) == 3


def test_duty_bullets_stay_inside_the_description():
    _, jobs = crawl_snapshot("001")
    event = next(job for job in jobs if job.title == "Event Program Manager")
    assert "- New Mayors and Council Members Academy" in event.description
    assert "- City Clerks New Law and Elections Seminar" in event.description
    assert event.description_html.startswith("<ul><li>New Mayors")
    _, jobs = crawl_snapshot("000")
    regional = jobs[2]
    assert regional.description.count("\n- ") == 3 and regional.description.startswith("- Develops")
    assert "Job Announcement" not in regional.description  # the link row is not description


def test_description_is_plain_text_and_sanitised_html():
    _, jobs = crawl_snapshot("000")
    ilg = jobs[0]
    assert ilg.description.startswith("The Institute for Local Government is seeking")
    assert "This pillar also focuses on our youth" in ilg.description
    assert "style=" not in ilg.description_html and "class=" not in ilg.description_html
    assert ilg.description_html.count("<p>") == 4


def test_ids_are_stable_and_distinct():
    _, first = crawl_snapshot("000")
    _, again = crawl_snapshot("000")
    assert [j.id for j in first] == [j.id for j in again]
    assert len({j.id for j in first}) == 3
