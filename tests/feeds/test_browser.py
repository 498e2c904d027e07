"""index.html in a real browser: headless Chromium (Debian's `chromium` and
`chromium-driver`) loads the page from `jobfeed serve`, a person types and filters, and
the test checks what is shown, with screenshots saved in the test's tmp folder."""

from __future__ import annotations

import shutil
import threading
from datetime import timedelta

import pytest

from feedcheck import NOW, make_job
from feeds.config import parse_feeds
from feeds.publish import publish
from jobfeed.serve import make_server
from jobfeed.store import SQLiteStore

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None or CHROMEDRIVER is None,
    reason="headless Chromium is not installed (Debian packages `chromium` and "
           "`chromium-driver`; .ci/run installs them when run as root)")
webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed "
                                "(pip install -e '.[test]')")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-quic", "--no-first-run", "--disable-component-update",
                  "--disable-sync", "--disable-dev-shm-usage")
JOBS = [  # title, organization, location, type, salary text; newest last
    ("Custodian", "Birch County", "Birch Community Center", "part-time", "$19 per hour"),
    ("Road Engineer", "Birch County", "Birch, CA", "full-time", "$120,000 per year"),
    ("Children's Librarian", "Birch County", "Birch Main Library", "part-time",
     "$5,000 per month"),
    ("Accountant II", "City of Alder Creek", "City Hall", "full-time", "$74,000 per year"),
    ("Senior Park Ranger", "City of Alder Creek", "Alder Creek Regional Park", "full-time",
     "$30.00 to $36.00 per hour"),
    ("Park Ranger", "City of Alder Creek", "Alder Creek Regional Park", "seasonal",
     "$25.00 to $31.00 per hour"),
    ('Planner <II> & "Senior" 🌳', "City of Alder Creek", "City Hall", "full-time",
     "$90,000 - $110,000 per year"),
]
NEWEST_FIRST = [title for title, *_ in reversed(JOBS)]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    yield from serve_site(tmp_path_factory.mktemp("browser"))


@pytest.fixture(scope="module")
def capped_site(tmp_path_factory):
    yield from serve_site(tmp_path_factory.mktemp("capped"), page_limit=3)


def serve_site(folder, page_limit=None):
    store = SQLiteStore(folder / "jobs.db")
    for hours, (title, organization, location, kind, salary) in enumerate(JOBS):
        store.save([make_job(title, organization=organization, location=location,
                             employment_type=kind, source=organization.split()[-1].lower(),
                             raw={"salary": salary, "closes": f"December {hours + 10}, 2026"},
                             apply_url="https://apply.example/" + str(hours),
                             description=f"The {title} position. Duties include "
                                         f"{'trail patrol' if 'Ranger' in title else 'office work'}.")],
                   NOW + timedelta(hours=hours))
    server = make_server(folder / "public", "127.0.0.1", 0, quiet=True)
    base_url = f"http://127.0.0.1:{server.server_address[1]}/"
    publish(store, folder / "public", NOW, base_url=base_url, sources=["county", "creek"],
            feeds=parse_feeds({"title": "Alder Valley jobs",
                               "feeds": [{"name": "Rangers", "keywords": "ranger"}],
                               **({"page_limit": page_limit} if page_limit else {})}))
    store.close()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base_url
    server.shutdown()
    server.server_close()


def start_chromium(profile, javascript=True, width=1280, height=1000):
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.add_argument(f"--window-size={width},{height}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    if not javascript:
        options.add_experimental_option(
            "prefs", {"profile.managed_default_content_settings.javascript": 2})
    driver = webdriver.Chrome(options=options,
                              service=webdriver.ChromeService(executable_path=CHROMEDRIVER))
    driver.set_page_load_timeout(30)
    return driver


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    driver = start_chromium(tmp_path_factory.mktemp("chromium-profile"))
    yield driver
    driver.quit()


@pytest.fixture
def page(browser, site):
    browser.set_window_size(1280, 1000)
    browser.get(site)
    WebDriverWait(browser, 10).until(lambda d: d.find_element(By.ID, "filters").is_displayed())
    return browser


def shown_titles(driver) -> list[str]:
    """The titles a person sees, in order (one round trip, not one per job)."""
    return driver.execute_script(
        "return Array.from(document.querySelectorAll('#jobs > li'))"
        ".filter(li => li.offsetParent !== null)"
        ".map(li => li.querySelector('h3').innerText);")


def status(driver) -> str:
    return driver.find_element(By.ID, "count").text


def test_the_page_lists_open_jobs_newest_first_with_their_facts(page):
    assert page.title == "Alder Valley jobs: open jobs"
    assert page.find_element(By.TAG_NAME, "h1").text == "Alder Valley jobs"
    assert shown_titles(page) == NEWEST_FIRST
    assert status(page) == f"Showing all {len(JOBS)} open jobs"
    planner = page.find_elements(By.CSS_SELECTOR, "#jobs > li")[0].text
    for fact in ("City of Alder Creek", "City Hall", "$90,000 – $110,000 per year",
                 "full-time", "16 Dec 2026", "View posting", "Apply"):
        assert fact in planner
    errors = [entry for entry in page.get_log("browser") if entry["level"] == "SEVERE"]
    assert errors == []  # the inline script and style pass the Content-Security-Policy


def test_typing_a_search_shows_only_the_matching_jobs(page, tmp_path):
    box = page.find_element(By.ID, "q")
    box.send_keys("ranger")
    assert shown_titles(page) == ["Park Ranger", "Senior Park Ranger"]
    assert status(page) == f"Showing 2 of {len(JOBS)} open jobs"
    assert page.current_url.endswith("?q=ranger")  # shareable
    page.save_screenshot(str(tmp_path / "search.png"))
    assert (tmp_path / "search.png").stat().st_size > 10_000

    box.clear()
    box.send_keys('"senior park ranger" OR librarian')
    assert shown_titles(page) == ["Senior Park Ranger", "Children's Librarian"]
    box.clear()
    box.send_keys("patrol -senior")  # the description is searched too
    assert shown_titles(page) == ["Park Ranger"]
    box.clear()
    box.send_keys('planner <ii> & "senior"')
    assert shown_titles(page) == ['Planner <II> & "Senior" 🌳']
    box.clear()
    box.send_keys("astronaut")
    assert shown_titles(page) == []
    assert page.find_element(By.ID, "none").is_displayed()
    assert status(page) == f"Showing 0 of {len(JOBS)} open jobs"


def test_filters_combine_and_clear(page, tmp_path):
    Select(page.find_element(By.ID, "org")).select_by_visible_text("Birch County")
    assert shown_titles(page) == ["Children's Librarian", "Road Engineer", "Custodian"]
    Select(page.find_element(By.ID, "type")).select_by_value("part-time")
    assert shown_titles(page) == ["Children's Librarian", "Custodian"]
    page.find_element(By.ID, "min").send_keys("50000")  # $5,000 a month is $60,000 a year
    assert shown_titles(page) == ["Children's Librarian"]
    Select(page.find_element(By.ID, "org")).select_by_index(0)
    Select(page.find_element(By.ID, "type")).select_by_index(0)
    page.find_element(By.ID, "min").clear()
    page.find_element(By.ID, "min").send_keys("100000")
    assert shown_titles(page) == ['Planner <II> & "Senior" 🌳', "Road Engineer"]
    page.find_element(By.ID, "loc").send_keys("city hall")
    assert shown_titles(page) == ['Planner <II> & "Senior" 🌳']
    page.find_element(By.ID, "min").clear()
    page.find_element(By.ID, "loc").clear()
    page.find_element(By.ID, "loc").send_keys("bir")  # whole words, as in the feeds file
    assert shown_titles(page) == []
    page.find_element(By.ID, "loc").send_keys("ch main")
    assert shown_titles(page) == ["Children's Librarian"]
    page.find_element(By.ID, "loc").clear()
    page.find_element(By.ID, "loc").send_keys("city hall")
    page.find_element(By.ID, "min").send_keys("100000")
    assert shown_titles(page) == ['Planner <II> & "Senior" 🌳']
    page.save_screenshot(str(tmp_path / "filters.png"))
    page.find_element(By.CSS_SELECTOR, "button[type=reset]").click()
    WebDriverWait(page, 5).until(lambda d: len(shown_titles(d)) == len(JOBS))
    Select(page.find_element(By.ID, "sort")).select_by_value("closing")
    assert shown_titles(page) == [title for title, *_ in JOBS]  # closing soonest first


def test_a_search_in_the_address_is_applied_on_load(browser, site):
    browser.get(site + "index.html?q=engineer&type=full-time")
    WebDriverWait(browser, 10).until(lambda d: status(d).startswith("Showing 1 "))
    assert shown_titles(browser) == ["Road Engineer"]
    assert browser.find_element(By.ID, "q").get_attribute("value") == "engineer"


def test_keyboard_and_labels(page):
    body = page.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    skip = page.switch_to.active_element
    assert skip.text == "Skip to the jobs" and skip.is_displayed()
    skip.send_keys(Keys.TAB)
    assert page.switch_to.active_element.text == "subscribe to a feed"
    page.switch_to.active_element.send_keys(Keys.TAB)
    search = page.switch_to.active_element
    assert search.get_attribute("id") == "q"
    search.send_keys("librarian")  # typing needs no mouse
    assert shown_titles(page) == ["Children's Librarian"]
    unlabelled = page.execute_script(
        "return Array.from(document.querySelectorAll('input, select, button'))"
        ".filter(c => c.labels !== undefined && c.type !== 'reset' && !c.labels.length)"
        ".map(c => c.id);")
    assert unlabelled == []
    levels = page.execute_script(
        "return Array.from(document.querySelectorAll('h1,h2,h3')).map(h => +h.tagName[1]);")
    assert levels[0] == 1 and all(b - a <= 1 for a, b in zip(levels, levels[1:]))
    assert page.find_element(By.ID, "count").get_attribute("aria-live") == "polite"


def test_subscribe_links_for_every_feed(page, site):
    hrefs = {a.get_attribute("href") for a in page.find_elements(
        By.CSS_SELECTOR, "section[aria-labelledby=subscribe-heading] a")}
    for slug in ("jobs", "feeds/rangers", "feeds/county", "feeds/creek"):
        for extension in ("rss", "atom", "json"):
            assert f"{site}{slug}.{extension}" in hrefs
    assert f"{site}feeds.opml" in hrefs
    alternate = page.find_elements(By.CSS_SELECTOR, "link[rel=alternate]")
    assert {link.get_attribute("type") for link in alternate} == {
        "application/rss+xml", "application/atom+xml", "application/feed+json"}


def test_readable_on_a_phone(page, tmp_path):
    page.set_window_size(390, 844)
    page.refresh()
    WebDriverWait(page, 10).until(lambda d: d.find_element(By.ID, "filters").is_displayed())
    width = page.execute_script("return document.documentElement.scrollWidth")
    assert width <= page.execute_script("return window.innerWidth")  # no sideways scroll
    smallest = page.execute_script(
        "return Math.min(...Array.from(document.querySelectorAll('input, select, p, dd'))"
        ".map(e => parseFloat(getComputedStyle(e).fontSize)));")
    assert smallest >= 14
    controls = page.execute_script(
        "return Array.from(document.querySelectorAll('input, select, button'))"
        ".map(e => e.getBoundingClientRect().height);")
    assert min(controls) >= 40  # comfortable touch targets
    page.save_screenshot(str(tmp_path / "phone.png"))


def test_without_javascript_every_job_is_still_listed(site, tmp_path):
    driver = start_chromium(tmp_path / "profile", javascript=False)
    try:
        driver.get(site)
        assert shown_titles(driver) == NEWEST_FIRST
        assert not driver.find_element(By.ID, "filters").is_displayed()  # no dead controls
    finally:
        driver.quit()


def test_a_capped_page_says_so_and_still_searches(browser, capped_site):
    browser.get(capped_site)
    WebDriverWait(browser, 10).until(lambda d: d.find_element(By.ID, "filters").is_displayed())
    assert shown_titles(browser) == NEWEST_FIRST[:3]
    assert status(browser) == f"Showing the newest 3 of {len(JOBS)} open jobs"
    assert "newest 3 of the 7 open jobs" in browser.find_element(By.ID, "capped").text
    browser.find_element(By.ID, "q").send_keys("ranger")
    assert shown_titles(browser) == ["Park Ranger", "Senior Park Ranger"]
    assert status(browser) == "Showing 2 of the newest 3 open jobs"
    errors = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    assert errors == []
