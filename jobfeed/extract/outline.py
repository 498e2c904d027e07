"""Postings in the page's outline: headings with the blocks under them, and records led
by a link, bold text or a "Position" label (list items, table cells, <dl>s, views rows). A
block is a posting when its evidence says so; headings that hold postings are groups
(departments, "Current Openings")."""

from __future__ import annotations

import re

from jobfeed.extract import links as link_kinds
from jobfeed.extract.blocks import (Block, block_link_kinds, block_links, text_is,
                                    title_links)
from jobfeed.extract.evidence import (CATEGORY_TITLE, CLOSED_GROUP, JOB_URL, JOB_WORDS,
                                      OPENINGS_HEADING, SUBSECTION, content_evidence,
                                      is_closed_posting, is_noise_title, is_openings_heading,
                                      is_title_like, title_evidence)
from jobfeed.extract.labels import EMPLOYMENT_WORDS, TITLE_LABEL, TITLE_LINE, find_closing
from jobfeed.extract.page import Page
from jobfeed.extract.posting import employment_type, job_from_group
from jobfeed.fields import parse_employment_type
from jobfeed.html import folded_text
from jobfeed.identity import title_key
from jobfeed.model import Job

THRESHOLD = 3  # points of evidence that make a block a posting
# A group heading naming a site (its postings' location), not a department.
_SITE = re.compile(r"\b(school|elementary|campus|branch|station|plant|yard|depot|terminal)\b",
                   re.I)
_GROUP_NOT_DEPARTMENT = re.compile(
    r"\b(careers?|jobs?|employment|openings?|positions?|opportunit|vacanc|postings?|"
    r"full[- ]?time|part[- ]?time|seasonal|temporary|internships?|featured|regular|"
    r"recruitments?|listings?|hiring)\b", re.I)


def outline_jobs(page: Page, blocks: list[Block], organization: str | None,
                 table_postings: dict | None = None) -> list[Job]:
    """Every posting in the outline, in page order; postings of job tables (placeholders
    in `blocks`) take part in grouping and in what their section says for all of them."""
    section_end = _section_ends(blocks)
    cards = _cards(blocks)
    anchors = openings_headings(blocks)
    no_openings = says_no_openings(blocks, anchors)
    # Only the innermost openings heading vouches for the headings under it: a page titled
    # "Job Openings" with a "Current openings" section vouches for that section alone.
    vouching = {a for a in anchors if not any(a < b < section_end[a] for b in anchors)}
    flat_children = _flat_openings(blocks, vouching, section_end)
    found: dict[int, Job] = {}  # block index -> job
    weak: set[int] = set()  # jobs on the openings heading's word alone
    held = {i for i, b in enumerate(blocks) if b.kind == "jobs"}  # found by other strategies

    # Records: blocks led by a posting link ("<li><a>Equipment Operator II</a> — $23.94
    # hourly</li>"), bold text or "Position:", with the rest of their box (a views-row, a
    # <dl>) when the box holds no other record.
    if not no_openings:
        leads = _record_leads(blocks)
        boxes = _boxes(blocks, leads)
        for index, lead in leads.items():
            job = _record_job(page, blocks, index, lead, boxes.get(index, []), vouching,
                              organization)
            if job:
                found[index] = job

    # Headings, deepest first: a heading with jobs under it is a container, not a job.
    headings = sorted((i for i, b in enumerate(blocks) if b.kind == "heading"),
                      key=lambda i: (-blocks[i].level, i))
    for index in headings:
        if no_openings or index in anchors:
            continue
        end = section_end[index]
        block = blocks[index]
        inside = [j for j in range(index + 1, end) if j in found or j in held]
        # A link under a posting's heading that repeats its title ("View position
        # Librarian I") is part of that posting, not a posting of its own.
        absorbed = None
        if len(inside) == 1 and inside[0] in found and blocks[inside[0]].kind != "heading" \
                and title_key(block.text) and title_key(block.text) in title_key(
                    found[inside[0]].title):
            absorbed = (inside[0], found.pop(inside[0]))
            inside = []
        if inside:
            continue
        if not _heading_job(page, blocks, index, cards, section_end, vouching, flat_children,
                            organization, found, weak) and absorbed:
            found[absorbed[0]] = absorbed[1]  # the heading is no posting: the link is

    # Beside department groups full of jobs, a heading vouched for only by the openings
    # heading is page furniture ("Upcoming Recruitment Events"), not a posting.
    # So is one beside postings of another heading level ("Volunteer With Us" after three
    # accordion postings), or one linking elsewhere than its sibling postings' /careers/ pages.
    for index in weak:
        siblings = [i for i, b in enumerate(blocks) if b.kind == "heading" and i != index
                    and b.parent == blocks[index].parent]
        strong = [i for i in siblings if i in found and i not in weak]
        if any(any(j in found or j in held for j in range(i + 1, section_end[i]))
               for i in siblings) \
                or any(blocks[i].level != blocks[index].level for i in strong) \
                or (_title_link_kind(blocks[index]) == "other"
                    and any(_title_link_kind(blocks[i]) == "job" for i in strong)):
            del found[index]

    # Postings marked closed, or listed under "Archived Recruitments (Closed)", are over.
    # (What a posting's headings say depends on its parent heading alone: read once each.)
    closed_group: dict[int | None, bool] = {}
    for index in list(found):
        parent = blocks[index].parent
        if parent not in closed_group:
            closed_group[parent] = any(CLOSED_GROUP.search(blocks[h].text)
                                       for h in _heading_chain(blocks, index))
        if is_closed_posting(found[index].title, found[index].description) \
                or closed_group[parent]:
            del found[index]

    held_jobs = {i: (table_postings or {}).get(blocks[i].element, []) for i in held}
    _inherit_section_facts(blocks, anchors, section_end, found, held_jobs)

    groups: dict[int | None, str | None] = {}
    group_types: dict[int | None, str | None] = {}
    for index, job in found.items():
        parent = blocks[index].parent
        if parent not in groups:
            groups[parent] = _group_heading(blocks, index, anchors)
        group = groups[parent]
        if group and _SITE.search(group):  # "Juniper Ridge High School": where, not who
            job.location = job.location or group
        elif group and not job.department:
            job.department = group
        if not employment_type(page, job.raw.get("employment_type")):
            if parent not in group_types:
                group_types[parent] = _group_employment_type(blocks, index)
            group_type = group_types[parent]
            if group_type:
                job.raw["employment_type"] = group_type
    return [found[i] for i in sorted(found)]


def _heading_job(page, blocks, index, cards, section_end, vouching, flat_children,
                 organization, found, weak) -> bool:
    """Decide whether the heading at `index` is a posting; record it in `found`."""
    block, end = blocks[index], section_end[index]
    if not text_is(block, is_title_like) or text_is(block, is_noise_title) \
            or OPENINGS_HEADING.search(block.text) or CATEGORY_TITLE.search(block.text) \
            or SUBSECTION.search(block.text):
        return False  # "Jobs with airport tenants", "Seasonal Employment", "Key duties:"
    # A posting's own sub-sections ("What you bring", "Duties") may use its heading level.
    while end < len(blocks) and blocks[end].kind == "heading" \
            and blocks[end].level == block.level and SUBSECTION.search(blocks[end].text):
        end = section_end[end]
    # Its section, and the rest of its card (a "Full-Time" badge over the title).
    body = [blocks[i] for i in sorted(set(cards.get(index, ())) | set(range(index + 1, end)))]
    text = "\n".join(b.text for b in body)
    points, reasons = content_evidence(text, page.label_memo)
    title_points, title_reasons = title_evidence(block.text)
    points += title_points + _link_points(body) + _title_link_points(block)
    reasons += title_reasons
    anchor_points, anchor_reason = _anchor_points(blocks, index, vouching)
    if index in flat_children:
        anchor_points = 3
        anchor_reason = f"after heading {blocks[flat_children[index]].text!r}"
    if anchor_reason:
        reasons.append(anchor_reason)
    if points + anchor_points < THRESHOLD:
        return False
    found[index] = job_from_group(page, block, body, organization,
                                  reasons + [f"{points + anchor_points} points"])
    if points < THRESHOLD:
        weak.add(index)
    return True


def _cards(blocks: list[Block]) -> dict[int, list[int]]:
    """For a heading alone in its box (a card, a job item), every other block of that box,
    also those before the heading (a "Full-Time" badge over the title)."""
    heading_count: dict = {}
    for block in blocks:
        if block.kind == "heading":
            for ancestor in block.element.iterancestors():
                heading_count[ancestor] = heading_count.get(ancestor, 0) + 1
    by_element = {block.element: i for i, block in enumerate(blocks)}
    cards = {}
    for index, block in enumerate(blocks):
        if block.kind != "heading":
            continue
        box = None
        for ancestor in block.element.iterancestors():
            if heading_count.get(ancestor) != 1 or ancestor.tag in ("body", "main", "html"):
                break
            box = ancestor
        if box is None:
            continue
        inside = [by_element[e] for e in box.iter() if e in by_element and e is not block.element]
        if inside:
            cards[index] = inside
    return cards


def _section_ends(blocks: list[Block]) -> dict[int, int]:
    ends, open_headings = {}, []
    for index, block in enumerate(blocks):
        if block.kind == "heading":
            while open_headings and blocks[open_headings[-1]].level >= block.level:
                ends[open_headings.pop()] = index
            open_headings.append(index)
    for index in open_headings:
        ends[index] = len(blocks)
    return ends


_SOME_TEAM = re.compile(r"\bno \w*\s?(job )?(openings|vacancies|positions) (on|in|for|with|at) "
                        r"(the|our|this)\b", re.I)


def openings_headings(blocks: list[Block]) -> set[int]:
    """Indexes of headings like "Career Opportunities" or "Current Openings"."""
    return {i for i, b in enumerate(blocks) if b.kind == "heading"
            and text_is(b, is_openings_heading)}


def says_no_openings(blocks: list[Block], anchors: set[int] | None = None) -> bool:
    """"There are no current openings" right under the openings heading (or anywhere, on
    a page without one) means nothing on the page is a posting."""
    from jobfeed.extract.evidence import says_none_open

    anchors = openings_headings(blocks) if anchors is None else anchors
    for index, block in enumerate(blocks):
        if block.kind != "heading" and says_none_open(block.text) and len(block.text) < 300 \
                and not _SOME_TEAM.search(block.text):  # "no openings on the X team": others
            if not anchors or block.parent in anchors:
                return True
    return False


def _flat_openings(blocks, anchors, section_end) -> dict[int, int]:
    """Headings of the same level that follow an openings heading with nothing under it
    ("<h2>Current Openings</h2><p>..</p><h2>Accounting Clerk</h2>"): job -> openings."""
    found = {}
    for anchor in anchors:
        if any(blocks[i].kind == "heading" for i in range(anchor + 1, section_end[anchor])):
            continue
        level, parent = blocks[anchor].level, blocks[anchor].parent
        for index in range(section_end[anchor], len(blocks)):
            block = blocks[index]
            if block.kind != "heading" or block.level > level:
                continue
            if block.level < level or block.parent != parent or index in anchors \
                    or text_is(block, is_noise_title) or not text_is(block, is_title_like):
                break
            found[index] = anchor
    return found


def _anchor_points(blocks, index, anchors) -> tuple[int, str | None]:
    """A heading right under "Career Opportunities" is a posting unless it is noise."""
    parent = blocks[index].parent
    if parent in anchors:
        return 3, f"under heading {blocks[parent].text!r}"
    while parent is not None:
        if parent in anchors:
            return 1, f"within {blocks[parent].text!r}"
        parent = blocks[parent].parent
    return 0, None


_ONE_POSTING_WORDS = re.compile(r"job|position|announcement|bulletin|posting", re.I)


def _link_points(body: list[Block]) -> int:
    """An apply link, or a link to the posting's bulletin or job description."""
    points = 0
    for block in body:
        for _, href, label, kind in block_link_kinds(block):
            if kind == "apply" or (
                    kind == "document" and link_kinds.POSTING_DOCUMENT_WORDS.search(label)
                    and not link_kinds.NOT_A_POSTING_DOCUMENT.search(label)
                    # a file, or a page about one posting (not an index of "Class
                    # Specifications")
                    and (link_kinds.DOCUMENT_URL.search(href)
                         or _ONE_POSTING_WORDS.search(label))):
                points = 3
    return points


def _title_link_kind(block: Block) -> str | None:
    """'job' when the heading links to a /jobs/-like page, 'other' for another link."""
    for anchor in title_links(block.element):
        href = anchor.get("href", "")
        if href.startswith(("http://", "https://")):
            return "job" if JOB_URL.search(href) else "other"
    return None


def _title_link_points(block: Block) -> int:
    """A title linking to its own page under /jobs/, /careers/...: strong evidence."""
    for anchor in title_links(block.element):
        if JOB_URL.search(anchor.get("href", "")):
            return 2
    return 0


def _record_leads(blocks: list[Block]) -> dict[int, tuple]:
    """Block index -> (title, title element, href, indexes the lead uses) for every block
    that starts a record: a link or bold lead, "Position: X", or a "Position" label (dt,
    th) followed by its value."""
    leads = {}
    for index, block in enumerate(blocks):
        if block.kind not in ("text", "item"):
            continue
        if TITLE_LABEL.match(block.text) and index + 1 < len(blocks) \
                and blocks[index + 1].kind == "text":
            value = blocks[index + 1]
            anchor, href, label = next(iter(block_links(value)), (None, "", None))
            title = value.text.split("\n", 1)[0]
            element = anchor if anchor is not None and label == title \
                and href.startswith(("http://", "https://")) else value.element
            leads[index] = (title, element, href if element is anchor else None,
                            {index, index + 1})
        elif (lead := _lead(block)) is not None:
            leads[index] = (*lead, {index})
        elif block.kind == "item" and block.parent is not None \
                and text_is(blocks[block.parent], is_openings_heading) \
                and "\n" not in block.text:
            # "Also hiring: - Events Coordinator (Part-Time)": a bare title in a list
            leads[index] = (block.text.lstrip("- "), block.element, None, {index})
    # Only plausible titles count: a "Job Description (PDF)" link in a <dl> is a field.
    return {index: lead for index, lead in leads.items() if _plausible_title(lead[0], lead[2])}


def _plausible_title(title: str, href: str | None) -> bool:
    title = link_kinds.strip_file_note(title)
    if not is_title_like(title) or is_noise_title(title) or link_kinds.DOCUMENT.search(title) \
            or CATEGORY_TITLE.search(title) \
            or (link_kinds.NOT_A_JOB_DOCUMENT.search(title) and not JOB_WORDS.search(title)):
        return False
    return not (href and link_kinds.classify(title, href) == "apply")


def _boxes(blocks: list[Block], leads: dict[int, tuple]) -> dict[int, list[Block]]:
    """For a record alone in its box (no other record or heading in it), the box's other
    blocks: the fields of a Drupal views-row or a <dl> beside the title."""
    count: dict = {}
    for index, block in enumerate(blocks):
        if index in leads or block.kind == "heading":
            for ancestor in block.element.iterancestors():
                count[ancestor] = count.get(ancestor, 0) + 1
    by_element = {block.element: i for i, block in enumerate(blocks)}
    boxes = {}
    for index, (_, _, _, used) in leads.items():
        box = None
        for ancestor in blocks[index].element.iterancestors():
            if count.get(ancestor) != 1 or ancestor.tag in ("body", "main", "html", "form"):
                break
            box = ancestor
        if box is not None:
            inside = [by_element[e] for e in box.iter() if e in by_element]
            boxes[index] = [blocks[i] for i in inside if i not in used]
    return boxes


def _record_job(page, blocks, index, lead, box: list[Block], anchors,
                organization) -> Job | None:
    """A record is a posting when its title passes and its evidence adds up."""
    title, element, href, used = lead
    block = blocks[index]
    text = block.text.lstrip("- ")
    rest = text[text.find(title) + len(title):] if len(used) == 1 else ""
    title = link_kinds.strip_file_note(title)
    rest_block = Block(block.element, "text", 99, rest.strip(" -–—·|\n"))
    body = ([rest_block] if rest_block.text else []) + box
    points, reasons = content_evidence("\n".join(b.text for b in body), page.label_memo)
    points += _link_points(box)
    title_points, title_reasons = title_evidence(title)
    points += title_points + (1 if href and JOB_URL.search(href) else 0)
    if not href and len(used) == 1:  # a bold line alone proves little
        points -= 1
    anchor_points, anchor_reason = _anchor_points(blocks, index, anchors)
    points += anchor_points
    parent = blocks[index].parent
    if parent is not None and text_is(blocks[parent], is_noise_title):
        points -= 2  # under "Volunteer opportunities" or "Helpful links": rarely a posting
    if points < THRESHOLD:
        return None
    reasons = reasons + title_reasons + ([anchor_reason] if anchor_reason else [])
    job = job_from_group(page, Block(element, "heading", 99, title), body, organization,
                         ["posting link" if href else "lead line"] + reasons
                         + [f"{points} points"],
                         html_element=None if box else block.element)
    job.strategy = "link list" if href else "text block"
    return job


def _lead(block: Block):
    """(title, element, href) when the block starts with a link, bold text or a
    "Position:" label, else None."""
    text = block.text.lstrip("- ")
    first_line = text.split("\n", 1)[0]
    labelled = TITLE_LINE.match(first_line)
    if labelled and "\n" in text:
        anchor, href, label = next(iter(block_links(block)), (None, "", None))
        own = anchor if anchor is not None and label == labelled["value"] \
            and href.startswith(("http://", "https://")) else None
        return labelled["value"], own if own is not None else block.element, \
            href if own is not None else None
    for anchor, href, label in block_links(block):
        if label and text.startswith(label) and href.startswith(("http://", "https://")):
            return label, anchor, href
        # "Aquatics Supervisor  [Details]": the title, then a link to its page
        if link_kinds.MORE.match(label) and first_line.endswith(label) \
                and href.startswith(("http://", "https://")) and first_line != label:
            return first_line[:-len(label)].strip(" -–—|:"), block.element, href
        break
    for bold in block.element.iter("b", "strong"):
        label = folded_text(bold).rstrip(":")
        after = first_line[len(label):].lstrip(":")
        if label and first_line.startswith(label) and (
                (label == first_line.rstrip(":") and "\n" in text)
                or _LEAD_SEPARATOR.match(after)):
            return label, bold, None
        break
    return None


_LEAD_SEPARATOR = re.compile(r"^\s*[–—|:(-]|\s+[–—-]\s")


def _inherit_section_facts(blocks, anchors, section_end, found, held_jobs) -> None:
    """What an openings section says once for all its postings ("To apply, email your
    resume to careers@...", "Applications for all seasonal positions close March 1")
    fills the postings that say nothing of it themselves."""
    for anchor in anchors:
        end = section_end[anchor]
        jobs = [found[i] for i in range(anchor + 1, end) if i in found]
        jobs += [job for i in range(anchor + 1, end) for job in held_jobs.get(i, [])]
        if not jobs:
            continue
        # blocks of the section that belong to no posting: before the first one, after the last
        owned = set()
        for i in range(anchor + 1, end):
            if i in found or i in held_jobs:
                stop = section_end.get(i, i + 1) if blocks[i].kind == "heading" else i + 1
                owned.update(range(i, stop))
        shared = [blocks[i] for i in range(anchor + 1, end)
                  if i not in owned and blocks[i].kind in ("text", "item")]
        apply_url, closes = _section_apply(shared), find_closing(
            "\n".join(b.text for b in shared))
        for job in jobs:
            if apply_url and not job.apply_url:
                job.apply_url = apply_url
                job.evidence.append("apply link of its section")
            if closes and not job.raw.get("closes"):
                job.raw["closes"] = closes


def _section_apply(shared: list[Block]) -> str | None:
    """The one apply link (or application e-mail) a section gives for all its postings."""
    found = set()
    for block in shared:
        for _, href, _, kind in block_link_kinds(block):
            if kind == "apply" or (href.startswith("mailto:")
                                   and link_kinds.APPLY_BY_EMAIL.search(block.text)):
                found.add(href)
    return found.pop() if len(found) == 1 else None


def _heading_chain(blocks, index):
    """The headings above a block, nearest first."""
    parent = blocks[index].parent
    while parent is not None:
        yield parent
        parent = blocks[parent].parent


def _group_heading(blocks, index, anchors) -> str | None:
    """The heading over a group of jobs when it names a department or a site, not
    "Openings" or "Full-Time Positions"."""
    parent = blocks[index].parent
    while parent is not None and parent not in anchors:
        heading = blocks[parent]
        if heading.level >= 2 and department_like(heading.text):
            return heading.text
        parent = heading.parent
    return None


def _group_employment_type(blocks, index) -> str | None:
    """"Part-Time & Seasonal Positions" over a posting: its type, when the group names
    exactly one."""
    parent = blocks[index].parent
    while parent is not None:
        kinds = {parse_employment_type(m.group(0))
                 for m in EMPLOYMENT_WORDS.finditer(blocks[parent].text)}
        if len(kinds) == 1:
            return kinds.pop()
        if kinds:
            return None
        parent = blocks[parent].parent
    return None


def department_like(text: str) -> bool:
    """A group heading that names a department: not "Openings", "Full-Time", "News"."""
    return is_title_like(text) and not _GROUP_NOT_DEPARTMENT.search(text) \
        and not is_noise_title(text) and not OPENINGS_HEADING.search(text)
