"""The feeds file: filters select the right jobs, slugs are safe, mistakes are named."""

from __future__ import annotations

import re

import pytest
import yaml

from feeds.config import (FeedsConfig, FeedsError, check_against_sources, feed_slug, feeds_for,
                          load_feeds, parse_feeds)
from feeds.filters import FeedFilter, parse_query

RANGER = {"title": "Park Ranger II", "description": "Patrols trails; leads nature walks.",
          "department": "Parks & Recreation", "organization": "City of Alder Creek",
          "source": "alder", "location": "Alder Creek Regional Park",
          "employment_type": "full-time",
          "salary": {"min": 25, "max": 31, "currency": "USD", "period": "hour"}}
PLANNER = {"title": "Senior Planner", "description": "Leads the general plan update.",
           "department": None, "organization": "Birch County", "source": "birch",
           "location": "Birch, CA", "employment_type": "part-time",
           "salary": {"min": 90000, "max": None, "currency": "USD", "period": "year"}}
CAFE = {"title": "Café Manager", "description": "Runs the museum café.", "department": None,
        "organization": "Birch County", "source": "birch", "location": None,
        "employment_type": None, "salary": None}
JOBS = [RANGER, PLANNER, CAFE]


def titles(feed_filter: FeedFilter) -> list[str]:
    return [job["title"] for job in feed_filter.select(JOBS)]


@pytest.mark.parametrize("query, expected", [
    ("ranger", ["Park Ranger II"]),
    ("RANGER park", ["Park Ranger II"]),  # all words, any order and case
    ('"park ranger"', ["Park Ranger II"]),
    ('"ranger park"', []),  # a phrase keeps its order
    ("ranger OR planner", ["Park Ranger II", "Senior Planner"]),
    ("trails OR plan", ["Park Ranger II", "Senior Planner"]),  # description counts too
    ("plan", ["Senior Planner"]),  # "plan" in "general plan update", not "Planner"
    ("plann*", ["Senior Planner"]),
    ("ranger ii", ["Park Ranger II"]),
    ("range", []),  # whole words only
    ("recreation", ["Park Ranger II"]),  # the department is searched
    ("cafe", ["Café Manager"]),  # accents do not matter
    ("CAFÉ", ["Café Manager"]),
    ("leads -plan", ["Park Ranger II"]),
    ('-"general plan"', ["Park Ranger II", "Café Manager"]),
    ('senior "general plan', ["Senior Planner"]),  # an unclosed quote ends at the end
    ("ranger OR", ["Park Ranger II"]),
    ("", ["Park Ranger II", "Senior Planner", "Café Manager"]),
])
def test_keywords(query, expected):
    assert titles(FeedFilter(keywords=parse_query(query))) == expected


def test_keyword_or_binds_loosest():
    query = parse_query("senior planner OR park ranger")
    assert [[t.words for t in group] for group in query.alternatives] == [
        [("senior",), ("planner",)], [("park",), ("ranger",)]]


@pytest.mark.parametrize("criteria, expected", [
    ({"sources": ("birch",)}, ["Senior Planner", "Café Manager"]),
    ({"organizations": ("city of alder  creek",)}, ["Park Ranger II"]),
    ({"locations": ("regional park",)}, ["Park Ranger II"]),
    ({"locations": ("Birch", "Nowhere")}, ["Senior Planner"]),
    ({"locations": ("Bir",)}, []),  # whole words: "Town 3" is not "Town 31"
    ({"employment_types": ("part-time", "full-time")}, ["Park Ranger II", "Senior Planner"]),
    # $31/hour is $64,480 a year; $90,000 a year (no maximum) counts its minimum.
    ({"min_salary": 60000}, ["Park Ranger II", "Senior Planner"]),
    ({"min_salary": 70000}, ["Senior Planner"]),
    ({"min_salary": 95000}, []),
    ({"min_salary": 1, "currency": "EUR"}, []),
    ({"sources": ("birch",), "keywords": parse_query("manager")}, ["Café Manager"]),
])
def test_criteria_all_hold_and_any_value_of_one_will_do(criteria, expected):
    assert titles(FeedFilter(**criteria)) == expected


def test_feeds_file_with_every_kind_of_filter(tmp_path):
    path = tmp_path / "feeds.yaml"
    path.write_text("""
title: Alder Valley jobs
language: en-US
limit: 50
feeds:
  - name: Parks & Recreation
    keywords: '"park ranger" OR recreation'
    source: alder
  - name: Well paid, part time
    employment_type: [part-time]
    min_salary: {amount: 40, period: hour, currency: usd}
    organization: [Birch County]
    location: Birch
    limit: 10
    description: Part-time jobs paying $40 an hour or more
  - name: Any of these
    keywords: [ranger, "manager"]
    slug: any-of-these-jobs
""")
    config = load_feeds(path)
    assert (config.title, config.language, config.limit, config.per_source) == (
        "Alder Valley jobs", "en-US", 50, True)
    parks, paid, either = config.feeds
    assert parks.slug == "parks-recreation" and titles(parks.filter) == ["Park Ranger II"]
    assert paid.limit == 10 and paid.filter.min_salary == 40 * 2080
    assert paid.filter.currency == "USD" and titles(paid.filter) == ["Senior Planner"]
    assert either.slug == "any-of-these-jobs"
    assert titles(either.filter) == ["Park Ranger II", "Café Manager"]


def test_feeds_section_of_the_sources_file(tmp_path):
    path = tmp_path / "sources.yaml"
    path.write_text("sources:\n  - name: alder\n    start_urls: [https://alder.example/jobs]\n"
                    "feeds:\n  - name: Rangers\n    keywords: ranger\n")
    assert [spec.slug for spec in load_feeds(path).feeds] == ["rangers"]


def test_no_feeds_file_means_defaults(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert feeds_for(None) == FeedsConfig()
    (tmp_path / "feeds.yaml").write_text("limit: 7\npage_limit: 500\n")
    assert (feeds_for(None).limit, feeds_for(None).page_limit) == (7, 500)
    assert FeedsConfig().page_limit == 2000


@pytest.mark.parametrize("text, message", [
    ("feeds: [{name: A, colour: red}]", "feeds.yaml:1: feed #1 ('A'): unknown field 'colour'"),
    ("feeds:\n  - name: A\n  - keywords: x\n", "feeds.yaml:3: feed #2: field 'name'"),
    ("feeds: [{name: A, employment_type: fulltime}]", "'fulltime' is not one of full-time"),
    ("feeds: [{name: A, min_salary: lots}]", "field 'min_salary': expected an amount"),
    ("feeds: [{name: A, min_salary: {amount: 3, period: fortnight}}]", "period 'fortnight'"),
    ("feeds: [{name: A, slug: ../../etc/passwd}]", "field 'slug': '../../etc/passwd'"),
    ("feeds: [{name: A, slug: Jobs}]", "field 'slug'"),
    ("feeds: [{name: A, slug: con}]", "field 'slug'"),
    ("feeds: [{name: A, keywords: '\"\" OR -'}]", "has no words to look for"),
    ("feeds: [{name: A, limit: 0}]", "at least 1"),
    ("limit: many", "'limit': expected a whole number"),
    ("page_limit: 0", "'page_limit': expected a whole number of jobs, at least 1"),
    ("language: english please", "not a language tag"),
    ("feed: []", "unknown key 'feed'"),
    ("feeds: [{name: Parks & Rec}, {name: parks rec}]",
     "feeds.yaml:1: feed #2 ('parks rec'): its file name feeds/parks-rec.* is already taken "
     "by feed 'Parks & Rec'"),
    ("feeds: [", "not valid YAML"),
])
def test_mistakes_name_the_file_the_feed_and_the_field(tmp_path, text, message):
    path = tmp_path / "feeds.yaml"
    path.write_text(text)
    with pytest.raises(FeedsError) as error:
        load_feeds(path)
    assert message in str(error.value).replace(str(tmp_path) + "/", "")


def test_a_named_feed_cannot_take_a_source_feeds_file():
    config = parse_feeds(yaml.safe_load("feeds: [{name: Alder}]"))
    with pytest.raises(FeedsError, match="per-source feed of source 'alder'"):
        check_against_sources(config, ["alder", "birch"])
    check_against_sources(parse_feeds({"per_source": False, "feeds": [{"name": "Alder"}]}),
                          ["alder"])


SAFE = re.compile(r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$")


@pytest.mark.parametrize("name", [
    "../../etc/passwd", "..", ".", "/", "a/b\\c", "CON", "nul", "jobs.rss", "x" * 500,
    "日本語の求人", "🌳🌳", "", " ", "\x00\x0b", "Parks — & Rec!", "<script>alert(1)</script>",
    "%2e%2e%2f", "ÉCOLE Café", "\ud800",
])
def test_slugs_are_safe_file_names_whatever_the_name_says(name):
    slug = feed_slug(name)
    assert SAFE.match(slug) and len(slug) <= 64 and slug not in {"con", "nul", "prn", "aux"}
    assert slug == feed_slug(name)  # reproducible: a subscriber's URL never moves


def test_names_without_ascii_words_still_get_distinct_slugs():
    assert feed_slug("日本語の求人") != feed_slug("中文职位")
    assert feed_slug("ÉCOLE Café") == "ecole-cafe"
