"""Outline strategy on small pages, one pattern each (the fixture pages cover whole sites)."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from jobfeed.extract import extract

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=timezone.utc)
URL = "https://www.pinebluff.example/hr/jobs"


def titles(html: str) -> list[str]:
    return [job.title for job in extract(URL, f"<html><body>{html}</body></html>", NOW)]


@pytest.mark.parametrize("html, expected", [
    # jobs as headings of the same level right after an empty "Current Openings" heading
    ("<h2>Current Openings</h2><p>Click a position for details.</p><h2>Accounting Clerk</h2>"
     "<p>Pays the bills.</p><h2>Firefighter/EMT</h2><h2>Benefits</h2><p>Dental.</p>",
     ["Accounting Clerk", "Firefighter/EMT"]),
    # labelled lines without any heading
    ("<h2>Employment Opportunities</h2><p>Position: Building Inspector<br>Department: Planning"
     "<br>Salary: $4,500 - $5,800 monthly<br>Deadline: 1/5/2027</p>", ["Building Inspector"]),
    # bold lead followed by a dash on the same line, inside list items
    ("<ul><li><strong>Water Operator II</strong> – $31.20/hour, closes Dec 4, 2026</li>"
     "<li><strong>Board meeting</strong> – Tuesday at 6 p.m.</li></ul>", ["Water Operator II"]),
    # PDF links as postings; other PDFs are forms
    ("<h2>Job Openings</h2><p><a href='/a.pdf'>Maintenance Worker I (PDF)</a> - Closes 12/15/2026"
     "</p><p><a href='/app.pdf'>Employment Application (PDF)</a></p>", ["Maintenance Worker I"]),
    # an FAQ accordion and a staff list with job-title words are not postings
    ("<h2>Hiring FAQ</h2><details><summary>How do I apply?</summary><p>Online.</p></details>"
     "<h2>Our Team</h2><h3>Dana Ruiz, Finance Manager</h3><p>Dana joined in 2014.</p>", []),
    # the page says there are no openings, under the openings heading
    ("<h2>Current Openings</h2><p>There are no current openings. Please check back.</p>"
     "<h3>Internship Program</h3><p>Paid, in summer.</p>", []),
])
def test_outline_patterns(html, expected):
    assert titles(html) == expected


def test_department_comes_from_the_group_heading_not_the_openings_heading():
    jobs = extract(URL, "<h1>Job Openings</h1><h2>Public Works</h2><ul><li><a href='/jobs/1'>"
                   "Equipment Operator II</a> — $23.94–$29.10 hourly · Closes 12/04/2026</li></ul>"
                   "<h2>Full-Time Positions</h2><h3>Planner</h3><p>Salary: $80,000 annually</p>",
                   NOW)
    assert [(j.title, j.department) for j in jobs] == [("Equipment Operator II", "Public Works"),
                                                       ("Planner", None)]


def test_one_job_table_per_department_heading():
    table = ("<table><tr><th>Position</th><th>Salary</th><th>Closes</th></tr>{}</table>")
    row = "<tr><td><a href='/jobs/{0}'>{1}</a></td><td>$20/hour</td><td>12/1/2026</td></tr>"
    html = ("<h1>Current Openings</h1><h2>Public Works</h2>" + table.format(row.format(1, "Road Worker"))
            + "<h2>Sheriff's Office</h2>" + table.format(row.format(2, "Deputy Sheriff")
                                                         + row.format(3, "Jailer")))
    jobs = extract(URL, html, NOW)
    assert [(j.title, j.department, j.strategy) for j in jobs] == [
        ("Road Worker", "Public Works", "table"), ("Deputy Sheriff", "Sheriff's Office", "table"),
        ("Jailer", "Sheriff's Office", "table")]


def test_a_job_board_names_each_postings_employer():
    html = ("<h2>Member Job Board</h2>"
            "<div class='job'><h3>City Clerk</h3><p>Agency: City of Oak Flats<br>"
            "Salary: $70,000 annually<br>Closes: Dec 4, 2026</p></div>"
            "<div class='job'><h3>Planner II</h3><p>Agency: Town of Reedville<br>"
            "Salary: $65,000 annually<br>Closes: Dec 9, 2026</p></div>")
    jobs = extract(URL, html, NOW, organization="League of Plains Cities")
    assert [(j.title, j.organization) for j in jobs] == [
        ("City Clerk", "City of Oak Flats"), ("Planner II", "Town of Reedville")]


def test_closed_and_archived_postings_are_not_openings():
    html = ("<h2>2026 Recruitments</h2><h3>Firefighter/Paramedic</h3><p>Salary: $6,100 monthly."
            " Closes: Dec 11, 2026</p><h3>Fire Inspector - CLOSED</h3><p>Salary: $5,900 monthly"
            "</p><h2>Archived Recruitments (Closed)</h2><h3>Battalion Chief</h3>"
            "<p>Salary: $11,000 monthly. Closed: June 1, 2026</p>")
    assert titles(html) == ["Firefighter/Paramedic"]
