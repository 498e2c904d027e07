"""Per-source hints override the heuristics; `jobfeed extract` explains what it found."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest

from conftest import FIXTURES
from jobfeed.extract import extract
from jobfeed.sources import SourcesError, load_sources

NOW = datetime(2026, 11, 20, 15, 0, tzinfo=timezone.utc)
# A page the heuristics cannot read: no headings, no labels, postings in plain spans.
ODD_PAGE = b"""<html><head><title>Openings | Town of Reedville</title></head><body>
<div class="grid">
  <span class="post"><span class="nm">Harbor Master</span><span class="pd">Port Office</span>
    <span class="dl">Dec 9, 2026</span></span>
  <span class="post"><span class="nm">Deckhand</span><span class="pd">Ferry Dock</span>
    <span class="dl">Dec 12, 2026</span></span>
</div></body></html>"""


def test_hints_find_postings_the_heuristics_cannot():
    assert extract("https://reedville.example/jobs", ODD_PAGE, NOW) == []
    hints = {"job": "span.post", "title": ".nm", "location": ".pd", "closes": "//span[@class='dl']"}
    jobs = extract("https://reedville.example/jobs", ODD_PAGE, NOW, hints=hints)
    assert [(j.title, j.location, j.raw["closes"]) for j in jobs] == [
        ("Harbor Master", "Port Office", "Dec 9, 2026"), ("Deckhand", "Ferry Dock", "Dec 12, 2026")]
    assert all(j.strategy == "hints" and j.organization == "Town of Reedville" for j in jobs)


@pytest.mark.parametrize("hints, message", [
    ("{job: 'div[[['}", "field 'hints.job': 'div[[[' is not a valid CSS or XPath selector"),
    ("{title: h3}", "field selectors need a 'job' selector"),
    ("{job: li, salry: .pay}", "field 'hints.salry': unknown hint"),
])
def test_bad_hints_are_named_with_file_entry_and_field(tmp_path, hints, message):
    path = tmp_path / "sources.yaml"
    path.write_text(f"sources:\n  - name: reedville\n    start_urls: [https://r.example/]\n"
                    f"    hints: {hints}\n")
    with pytest.raises(SourcesError) as error:
        load_sources(path)
    assert str(error.value).startswith(f"{path}:2: source #1 (reedville): ")
    assert message in str(error.value)


def test_extract_command_shows_strategy_and_evidence(jobfeed_cli):
    page = FIXTURES / "pages" / "county-by-department" / "body.html"
    result = jobfeed_cli("extract", str(page), "--url",
                         "https://www.junipercounty.gov/government/human-resources/job-openings")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("7 jobs on https://www.junipercounty.gov/")
    assert "1. Equipment Operator II" in result.stdout
    assert "department: Public Works" in result.stdout
    assert "strategy: link list; evidence: posting link; salary; closing date" in result.stdout

    as_json = jobfeed_cli("extract", str(page), "--json", "--url", "https://www.junipercounty.gov/")
    records = json.loads(as_json.stdout)
    assert records[0]["salary"] == {"min": 23.94, "max": 29.1, "currency": "USD", "period": "hour"}
    assert records[0]["strategy"] == "link list" and records[0]["evidence"]
