"""Per-source hints from the sources file: CSS or XPath selectors that override the
heuristics for a page they get wrong.

    hints:
      job: "div.job-posting"          # one element per posting (required)
      title: "h3"                     # inside it; default: first heading or link
      department: ".dept"             # optional fields, each a selector inside the job
      location: ".location"
      salary: ".pay"
      closes: ".closing"
      posted: ".posted"
      employment_type: ".type"
      follow_pages: false             # do not follow "Next" links
"""

from __future__ import annotations

from lxml.cssselect import CSSSelector
from lxml.etree import XPath, XPathError

from jobfeed.extract.blocks import Block
from jobfeed.extract.posting import job_from_group
from jobfeed.extract.page import Page
from jobfeed.html import element_text
from jobfeed.model import Job

FIELD_HINTS = ("department", "location", "salary", "closes", "posted", "employment_type")
SELECTOR_HINTS = ("job", "title", *FIELD_HINTS)
_RAW_FIELDS = {"salary", "closes", "posted", "employment_type"}


class HintError(ValueError):
    """A selector that is neither valid CSS nor valid XPath."""


def compile_selector(selector: str, inside_job: bool = False):
    """XPath when it looks like one (starts with / or ./ or ( ), else CSS. Inside a job,
    "//x" means "x within this job", as a person writing the hint means it."""
    selector = selector.strip()
    try:
        if selector.startswith(("/", "./", "(")):
            if inside_job and selector.startswith("//"):
                selector = "." + selector
            return XPath(selector)
        return CSSSelector(selector)
    except (XPathError, Exception) as exc:  # cssselect raises its own SelectorError
        raise HintError(f"{selector!r} is not a valid CSS or XPath selector: {exc}") from exc


def hinted_jobs(page: Page, root, hints: dict, organization: str | None) -> list[Job]:
    jobs = []
    title_selector = compile_selector(hints["title"], True) if hints.get("title") else None
    for element in compile_selector(hints["job"])(root):
        title_element = _first(title_selector, element) if title_selector else \
            next(iter(element.xpath(".//h1|.//h2|.//h3|.//h4|.//h5|.//h6|.//a")), None)
        if title_element is None:
            continue
        title = element_text(title_element).replace("\n", " ")
        if not title:
            continue
        body = [Block(element, "text", 99, element_text(element).replace(title, "", 1).strip())]
        job = job_from_group(page, Block(title_element, "heading", 99, title), body,
                             organization, ["sources-file hints"])
        job.strategy = "hints"
        for name in FIELD_HINTS:
            if hints.get(name):
                found = _first(compile_selector(hints[name], True), element)
                if found is not None:
                    value = " ".join(element_text(found).split())
                    if name in _RAW_FIELDS:
                        job.raw[name] = value
                    else:
                        setattr(job, name, value)
        jobs.append(job)
    return jobs


def _first(selector, element):
    found = selector(element)
    return found[0] if found else None
