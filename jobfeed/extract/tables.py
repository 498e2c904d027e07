"""Postings in tables: a header row (Position | Department | Salary | Closing date) names
the columns, each body row is a job."""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from jobfeed.extract import links as link_kinds
from jobfeed.extract.evidence import (content_evidence, is_noise_title, is_title_like,
                                      title_evidence)
from jobfeed.extract.blocks import Block
from jobfeed.extract.outline import THRESHOLD
from jobfeed.extract.labels import EMPLOYMENT_WORDS
from jobfeed.extract.posting import job_from_group
from jobfeed.fields import parse_employment_type
from jobfeed.extract.page import Page
from jobfeed.html import element_text, folded_text
from jobfeed.model import Job

COLUMNS = [
    # a number column ("Posting #", "Job No.", "Req ID") is the platform's id, not the title
    ("job_key", r"#|\b(no\.?|number|id|code|req(uisition)?)\s*$"),
    ("title", r"^(?!.*\btype\b).*(position|title|job|classification|opening|vacanc|posting|"
              r"recruitment|role)"),
    ("organization", r"agency|employer|organi[sz]ation|jurisdiction|member"),
    ("department", r"department|division|dept|office"),
    ("salary", r"salary|pay|compensation|wage|rate|range"),
    ("closes", r"clos|deadline|filing|until|apply by|final"),
    ("posted", r"posted|open(ing)? date|date opened|published"),
    ("location", r"location|site|work ?place"),
    ("employment_type", r"type|status|schedule|full|part"),
]
_COLUMN_PATTERNS = [(name, re.compile(words, re.I)) for name, words in COLUMNS]
_RAW_FIELDS = {"closes", "posted", "salary"}
# XPath compiled once (a string passed to .xpath() is compiled on every call).
_HEADING_BEFORE = etree.XPath("preceding::*[self::h1 or self::h2 or self::h3 or self::h4][1]")
_SUBHEADING_BEFORE = etree.XPath(
    "preceding::*[self::h2 or self::h3 or self::h4 or self::caption][1]")
_GRID_BOXES = etree.XPath(
    "//*[@role='table'] | //div[count(div[contains(@class, 'row')]) >= 3]")
_TABLES_INSIDE = etree.XPath(".//table")
# Columns that only a table of postings has; a title and a rate alone is a pay table.
_POSTING_COLUMNS = {"job_key", "department", "closes", "posted", "organization"}


def table_jobs(page: Page, root, organization: str | None) -> tuple[list[Job], dict]:
    """Jobs from every job table, and {table: its jobs} (other strategies skip them)."""
    jobs, per_table = [], []
    for table in list(root.iter("table")) + _div_grids(root):
        if table.find(".//table") is not None:  # a layout table holding other tables
            continue
        rows = [row for row in table.iter("tr")] if table.tag == "table" else list(table)
        if len(rows) < 2:
            continue
        columns = _columns(rows[0])
        if _under_noise_heading(table) and not _POSTING_COLUMNS & set(columns):
            continue  # "Volunteer opportunities", "Substitute pay rates"
        if "title" not in columns or len(columns) < 2 or not (
                _POSTING_COLUMNS & set(columns) or _links_in_titles(rows[1:], columns["title"])
                or _under_openings_heading(table)):
            if rows[0].find("th") is not None or table.tag != "table":
                continue  # named columns, none of them a posting's (or a grid of divs)
            found = [job for row in rows if (job := _headerless_row_job(page, row, organization))]
            if found:
                jobs.extend(found)
                per_table.append((table, found))
            continue
        found = []
        for row in rows[1:]:
            cells = _cells(row)
            if len(cells) <= columns["title"]:
                continue
            job = _row_job(page, cells, columns, organization)
            if job:
                found.append(job)
        if found:
            jobs.extend(found)
            per_table.append((table, found))
    for table, found in per_table:  # "Seasonal Positions" over a table: their type
        heading = _HEADING_BEFORE(table)
        kinds = {parse_employment_type(m.group(0)) for m in EMPLOYMENT_WORDS.finditer(
            folded_text(heading[0]))} if heading else set()
        if len(kinds) == 1:
            kind = kinds.pop()
            for job in found:
                if not parse_employment_type(job.raw.get("employment_type")):
                    job.raw["employment_type"] = kind
    if len(per_table) >= 2:  # one table per department, each under its department's heading
        for table, found in per_table:
            department = _heading_before(table)
            for job in found:
                job.department = job.department or department
    return jobs, dict(per_table)


def _heading_before(table) -> str | None:
    """The department heading right over a table, if it names a department."""
    from jobfeed.extract.outline import department_like

    found = _SUBHEADING_BEFORE(table)
    caption = table.find("caption")
    heading = caption if caption is not None else (found[0] if found else None)
    if heading is None:
        return None
    text = folded_text(heading)
    return text if department_like(text) else None


def _columns(header_row) -> dict[str, int]:
    columns: dict[str, int] = {}
    cells = _cells(header_row)
    for position, cell in enumerate(cells):
        text = folded_text(cell)
        if not text or len(text) > 40:
            continue
        for name, pattern in _COLUMN_PATTERNS:
            if pattern.search(text) and name not in columns:
                columns[name] = position
                break
    return columns


def _row_job(page: Page, cells, columns: dict[str, int], organization) -> Job | None:
    title_cell = cells[columns["title"]]
    title_lines = element_text(title_cell).splitlines()
    if not title_lines:
        return None
    title = title_lines[0].lstrip("- ")
    title_anchor = next(iter(title_cell.iter("a")), None)
    if title_anchor is not None and title.startswith(link_kinds.link_label(title_anchor)):
        title = link_kinds.link_label(title_anchor)  # "<a>Library Page</a> <span>Part-time</span>"
    if not is_title_like(title) or is_noise_title(title):
        return None
    if title_anchor is not None and link_kinds.link_label(title_anchor) != title:
        title_anchor = None  # "Senior Planner / View Bulletin": the link is a document
    title_element = title_anchor
    if title_element is None:  # the title alone; the cell's links count as the body's
        title_element = lxml.html.Element("span")
        title_element.text = title
        if title_cell.get("id"):
            title_element.set("id", title_cell.get("id"))
    title_block = Block(title_element, "heading", 99, title)
    body = [Block(cell, "text", 99, element_text(cell)) for i, cell in enumerate(cells)
            if i != columns["title"] and element_text(cell)]
    # what the title cell says besides the title: "<a>Deputy</a> <span>Full-time</span>"
    rest = "\n".join([title_lines[0][len(title):].strip(" -–—|")] + title_lines[1:]).strip()
    if rest or (title_anchor is None and title_cell.find(".//a") is not None):
        body.insert(0, Block(title_cell, "text", 99, rest))
    job = job_from_group(page, title_block, body, organization,
                         ["table row", "columns: " + ", ".join(sorted(columns))])
    job.position = title_cell.sourceline or 0
    job.strategy = "table"
    for name, position in columns.items():
        if name == "title" or position >= len(cells):
            continue
        value = " ".join(element_text(cells[position]).split())
        if not value:
            continue
        if name in _RAW_FIELDS:
            job.raw[name] = value
        else:
            setattr(job, name, value)
            if name == "employment_type":
                job.raw[name] = value
    if title_anchor is not None and link_kinds.classify(
            link_kinds.link_label(title_anchor), title_anchor.get("href", "")) == "apply":
        job.apply_url = title_anchor.get("href")
    return job


def _headerless_row_job(page: Page, row, organization) -> Job | None:
    """A row of a table without column names: the first cell names the posting, the
    others must show it is one (salary, closing date, type...)."""
    cells = [c for c in row if isinstance(c.tag, str) and c.tag in ("td", "th")
             and element_text(c)]
    if len(cells) < 2:
        return None
    first_lines = element_text(cells[0]).splitlines()
    title = link_kinds.strip_file_note(first_lines[0].lstrip("- "))
    if not is_title_like(title) or is_noise_title(title) \
            or link_kinds.NOT_A_JOB_DOCUMENT.search(title):
        return None
    rest = "\n".join(first_lines[1:] + [element_text(c) for c in cells[1:]])
    points, reasons = content_evidence(rest, page.label_memo)
    title_points, title_reasons = title_evidence(title)
    if points + title_points < THRESHOLD:
        return None
    anchor = next(iter(cells[0].iter("a")), None)
    body = [Block(cell, "text", 99, element_text(cell)) for cell in cells[1:]]
    if len(first_lines) > 1:
        body.insert(0, Block(cells[0], "text", 99, "\n".join(first_lines[1:])))
    job = job_from_group(page, Block(anchor if anchor is not None else cells[0], "heading", 99,
                                     title), body, organization,
                         ["table row without column names"] + reasons + title_reasons)
    job.strategy = "table"
    return job


def _links_in_titles(rows, position: int) -> bool:
    """Titles that link somewhere (their posting or bulletin) make a table of postings."""
    for row in rows:
        cells = [c for c in row if isinstance(c.tag, str) and c.tag in ("td", "th")]
        if len(cells) > position and cells[position].find(".//a[@href]") is not None:
            return True
    return False


def _under_openings_heading(table) -> bool:
    """A table right under "Seasonal Positions" or "Current Openings" lists postings."""
    from jobfeed.extract.evidence import is_openings_heading

    found = _HEADING_BEFORE(table)
    return bool(found) and is_openings_heading(folded_text(found[0]))


def _under_noise_heading(table) -> bool:
    found = _HEADING_BEFORE(table)
    return bool(found) and is_noise_title(folded_text(found[0]))


def _cells(row) -> list:
    """A row's cells: <td>/<th>, or the children of a div "row" in a CSS grid."""
    if row.tag == "tr":
        return [c for c in row if isinstance(c.tag, str) and c.tag in ("td", "th")]
    return [c for c in row if isinstance(c.tag, str)]


def _div_grids(root) -> list:
    """CSS grids laid out as tables: a box of 3+ "row" divs of 2–8 cells each, the first
    naming the columns (role="table", or class names with "row")."""
    grids = []
    for box in _GRID_BOXES(root):
        rows = [r for r in box if isinstance(r.tag, str)]
        if len(rows) >= 3 and all(2 <= len(_cells(r)) <= 8 for r in rows[:3]) \
                and not _TABLES_INSIDE(box):
            grids.append(box)
    return grids
