"""Postings in the page's outline: headings with the blocks under them, and blocks led by a
link to the posting (list items, table cells, paragraphs). A block is a job when its
evidence says so; headings that hold jobs are containers (departments, "Current Openings")."""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.html

from jobfeed.extract import links as link_kinds
from jobfeed.extract.evidence import (JOB_URL, JOB_WORDS, OPENINGS_HEADING, content_evidence,
                                      is_noise_title, is_title_like, title_evidence)
from jobfeed.extract.labels import (EMPLOYMENT_WORDS, OPEN_UNTIL_FILLED, TITLE_LABEL,
                                    TITLE_LINE, find_closing, find_employment_phrase,
                                    find_salary, labelled_values)
from jobfeed.fields import parse_employment_type
from jobfeed.extract.page import Page
from jobfeed.html import leaf_text, sanitize_html
from jobfeed.identity import slug, title_key
from jobfeed.model import Job

HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
PSEUDO_HEADING_LEVEL = 7  # a paragraph that is all bold, used as a heading
ACCORDION_LEVEL = 8  # <summary> of a <details>, or an accordion toggle
BLOCK_TAGS = {
    "div", "section", "article", "main", "p", "ul", "ol", "li", "table", "tbody", "thead",
    "tfoot", "tr", "td", "th", "dl", "dt", "dd", "blockquote", "details", "summary", "header",
    "figure", "figcaption", "address", "pre", "center", *HEADINGS,
}
THRESHOLD = 3  # points of evidence that make a block a posting
_LINK_ROW_FILLER = re.compile(r"[\s|•·/,;:–—-]+")
_GROUP_NOT_DEPARTMENT = re.compile(
    r"\b(careers?|jobs?|employment|openings?|positions?|opportunit|vacanc|postings?|"
    r"full[- ]?time|part[- ]?time|seasonal|temporary|internships?|featured|regular|"
    r"recruitments?|listings?|hiring)\b", re.I)


@dataclass
class Block:
    element: lxml.html.HtmlElement
    kind: str  # "heading", "text" or "item"
    level: int  # heading level; 99 for text
    text: str
    parent: int | None = None  # index of the nearest heading above it in the outline


def page_blocks(root, skip: set | None = None) -> list[Block]:
    """The page's leaf blocks in document order, each knowing its outline parent."""
    skip = skip or set()
    blocks: list[Block] = []
    # Elements that contain other blocks; marked bottom-up once, so the walk stays linear.
    containers = set()
    for element in root.iter(*BLOCK_TAGS):
        parent = element.getparent()
        while parent is not None and parent not in containers:
            containers.add(parent)
            parent = parent.getparent()
    for container in containers:
        _wrap_inline_runs(container, containers)

    def walk(element):
        tag = element.tag if isinstance(element.tag, str) else None
        if tag is None:
            return
        if element in skip:  # postings another strategy took (a job table): a placeholder
            blocks.append(Block(element, "jobs", 99, ""))
            return
        if tag in HEADINGS or tag == "summary":
            text = leaf_text(element).replace("\n", " ")
            if text:
                level = HEADINGS.get(tag, ACCORDION_LEVEL)
                blocks.append(Block(element, "heading", level, text))
            return
        if tag in BLOCK_TAGS and element not in containers:
            text = leaf_text(element)
            if text and tag == "li":
                text = "- " + text
            if text:
                if _is_toggle_title(element, text):  # CMS accordions built of divs
                    blocks.append(Block(element, "heading", ACCORDION_LEVEL, text))
                elif _is_bold_heading(element, text):
                    blocks.append(Block(element, "heading", PSEUDO_HEADING_LEVEL, text))
                else:
                    blocks.append(Block(element, "item" if tag == "li" else "text", 99, text))
            return
        for child in element:
            walk(child)

    walk(root)
    stack: list[int] = []
    for index, block in enumerate(blocks):
        if block.kind == "heading":
            while stack and blocks[stack[-1]].level >= block.level:
                stack.pop()
            block.parent = stack[-1] if stack else None
            stack.append(index)
        else:
            block.parent = stack[-1] if stack else None
    return blocks


def _wrap_inline_runs(container, containers: set) -> None:
    """Loose text and inline elements beside blocks ("<div><h3/>...<a>Apply</a></div>",
    a badge before a card's title) become blocks of their own, so nothing is lost."""
    if not (container.text or "").strip() and all(
            _is_block(child, containers) for child in container):
        return
    children, run = [], None

    def new_run(text=None):
        element = lxml.html.Element("div")
        element.text = text
        return element

    if (container.text or "").strip():
        run = new_run(container.text)
    container.text = None
    for child in list(container):
        if _is_block(child, containers):
            tail, child.tail = child.tail, None
            if run is not None:
                children.append(run)
                run = None
            children.append(child)
            if (tail or "").strip():
                run = new_run(tail)
        else:
            if run is None:
                run = new_run()
            run.append(child)  # moves the child with its tail
    if run is not None:
        children.append(run)
    container[:] = children


def _is_block(element, containers: set) -> bool:
    """A block tag, or any element holding blocks (an ASP.NET <form>, a <span> around divs)."""
    return isinstance(element.tag, str) and (element.tag in BLOCK_TAGS or element in containers)


_TOGGLE_CLASS = re.compile(r"(toggle|accordion|collapse|collapsible|tab|panel|expand)[-_]?"
                           r"(title|header|heading|label|toggle|trigger|button)", re.I)


def _is_toggle_title(element, text: str) -> bool:
    """An accordion's clickable title: role=button, or a class like "elementor-tab-title"."""
    if len(text) > 120 or "\n" in text:
        return False
    if element.get("role") == "button" or _TOGGLE_CLASS.search(element.get("class", "")):
        return True
    return any(_TOGGLE_CLASS.search(child.get("class", "")) or child.get("role") == "button"
               for child in element.iterchildren("a", "button", "span"))


def _is_bold_heading(element, text: str) -> bool:
    if element.tag not in ("p", "div") or len(text) > 120 or "\n" in text:
        return False
    bold = " ".join(" ".join(b.text_content().split())
                    for b in element.xpath(".//strong|.//b"))
    return bool(bold) and bold == " ".join(text.split())


def outline_jobs(page: Page, blocks: list[Block], organization: str | None) -> list[Job]:
    """Every posting in the outline, in page order."""
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

    for index, job in found.items():
        if not job.department:
            job.department = _department(blocks, index, found, anchors, section_end)
        if not parse_employment_type(job.raw.get("employment_type")):
            group_type = _group_employment_type(blocks, index)
            if group_type:
                job.raw["employment_type"] = group_type
    return [found[i] for i in sorted(found)]


def _heading_job(page, blocks, index, cards, section_end, vouching, flat_children,
                 organization, found, weak) -> bool:
    """Decide whether the heading at `index` is a posting; record it in `found`."""
    block, end = blocks[index], section_end[index]
    if not is_title_like(block.text) or is_noise_title(block.text):
        return False
    body = cards.get(index) or blocks[index + 1:end]
    text = "\n".join(b.text for b in body)
    points, reasons = content_evidence(text)
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


def _cards(blocks: list[Block]) -> dict[int, list[Block]]:
    """For a heading alone in its box (a card, a job item), every other block of that box,
    also those before the heading (a "Full-Time" badge over the title)."""
    heading_count: dict = {}
    for block in blocks:
        if block.kind == "heading":
            for ancestor in block.element.iterancestors():
                heading_count[ancestor] = heading_count.get(ancestor, 0) + 1
    by_element = {block.element: block for block in blocks}
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


def openings_headings(blocks: list[Block]) -> set[int]:
    """Indexes of headings like "Career Opportunities" or "Current Openings"."""
    return {i for i, b in enumerate(blocks) if b.kind == "heading" and len(b.text) <= 80
            and OPENINGS_HEADING.search(b.text) and not is_noise_title(b.text)}


def says_no_openings(blocks: list[Block], anchors: set[int] | None = None) -> bool:
    """"There are no current openings" right under the openings heading (or anywhere, on
    a page without one) means nothing on the page is a posting."""
    from jobfeed.extract.evidence import NO_OPENINGS

    anchors = openings_headings(blocks) if anchors is None else anchors
    for index, block in enumerate(blocks):
        if block.kind != "heading" and NO_OPENINGS.search(block.text) and len(block.text) < 300:
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
                    or is_noise_title(block.text) or not is_title_like(block.text):
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


def _link_points(body: list[Block]) -> int:
    """An apply link, or a link to the posting's bulletin or job description."""
    points = 0
    for block in body:
        for anchor in _anchors(block.element):
            label = link_kinds.link_label(anchor)
            kind = link_kinds.classify(label, anchor.get("href", ""))
            if kind == "apply" or (kind == "document" and link_kinds.DOCUMENT.search(label)
                                   and not link_kinds.NOT_A_POSTING_DOCUMENT.search(label)):
                points = 3
    return points


def _title_link_kind(block: Block) -> str | None:
    """'job' when the heading links to a /jobs/-like page, 'other' for another link."""
    for anchor in _anchors(block.element):
        href = anchor.get("href", "")
        if href.startswith(("http://", "https://")):
            return "job" if JOB_URL.search(href) else "other"
    return None


def _title_link_points(block: Block) -> int:
    """A title linking to its own page under /jobs/, /careers/...: strong evidence."""
    for anchor in _anchors(block.element):
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
            anchor = next(iter(_anchors(value.element)), None)
            href = anchor.get("href", "") if anchor is not None else ""
            title = value.text.split("\n", 1)[0]
            element = anchor if anchor is not None and link_kinds.link_label(anchor) == title \
                and href.startswith(("http://", "https://")) else value.element
            leads[index] = (title, element, href if element is anchor else None,
                            {index, index + 1})
        elif (lead := _lead(block)) is not None:
            leads[index] = (*lead, {index})
    # Only plausible titles count: a "Job Description (PDF)" link in a <dl> is a field.
    return {index: lead for index, lead in leads.items() if _plausible_title(lead[0], lead[2])}


def _plausible_title(title: str, href: str | None) -> bool:
    title = link_kinds.strip_file_note(title)
    if not is_title_like(title) or is_noise_title(title) or link_kinds.DOCUMENT.search(title) \
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
    points, reasons = content_evidence("\n".join(b.text for b in body))
    points += _link_points(box)
    title_points, title_reasons = title_evidence(title)
    points += title_points + (1 if href and JOB_URL.search(href) else 0)
    if not href and len(used) == 1:  # a bold line alone proves little
        points -= 1
    anchor_points, anchor_reason = _anchor_points(blocks, index, anchors)
    points += anchor_points
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
        anchor = next(iter(_anchors(block.element)), None)
        href = anchor.get("href", "") if anchor is not None else ""
        own = anchor if anchor is not None and link_kinds.link_label(anchor) == labelled["value"] \
            and href.startswith(("http://", "https://")) else None
        return labelled["value"], own if own is not None else block.element, \
            href if own is not None else None
    for anchor in _anchors(block.element):
        label = link_kinds.link_label(anchor)
        href = anchor.get("href", "")
        if label and text.startswith(label) and href.startswith(("http://", "https://")):
            return label, anchor, href
        break
    for bold in block.element.iter("b", "strong"):
        label = " ".join(bold.text_content().split()).rstrip(":")
        after = first_line[len(label):].lstrip(":")
        if label and first_line.startswith(label) and (
                (label == first_line.rstrip(":") and "\n" in text)
                or _LEAD_SEPARATOR.match(after)):
            return label, bold, None
        break
    return None


_LEAD_SEPARATOR = re.compile(r"^\s*[–—|:(-]|\s+[–—-]\s")


def _department(blocks, index, found, anchors, section_end) -> str | None:
    """The heading over a group of jobs, when it names a department, not "Openings"."""
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


def job_from_group(page: Page, title: Block, body: list[Block], organization: str | None,
                   evidence: list[str], html_element=None) -> Job:
    """A posting from its title block and the blocks under it."""
    apply_url, documents, own_url = None, [], None
    for anchor in _anchors(title.element):
        href = anchor.get("href", "")
        kind = link_kinds.classify(link_kinds.link_label(anchor), href)
        if kind == "document":
            documents.append({"label": link_kinds.document_label(
                link_kinds.link_label(anchor)), "url": href, "title_link": True})
        elif kind is None and href.startswith(("http://", "https://")):
            own_url = href
    described: list[Block] = []
    email_apply = None  # "Email a cover letter and resume to <a href=mailto:..>"
    for block in body:
        if not _is_link_row(block):
            described.append(block)
        for anchor in _anchors(block.element):
            href = anchor.get("href", "")
            label = link_kinds.link_label(anchor)
            kind = link_kinds.classify(label, href)
            if href.startswith("mailto:") and email_apply is None \
                    and link_kinds.APPLY_BY_EMAIL.search(block.text):
                email_apply = href
            if kind == "apply" and apply_url is None:
                apply_url = href
            elif kind is None and own_url is None and link_kinds.MORE.match(label) \
                    and href.startswith(("http://", "https://")):
                own_url = href  # "Read the full description": the posting's own page
            elif kind == "document" and all(d["url"] != href for d in documents):
                documents.append({"label": link_kinds.document_label(label), "url": href})
    if html_element is not None:
        description_html = sanitize_html(lxml.html.tostring(
            html_element, encoding="unicode", with_tail=False))
    else:
        description_html = _blocks_html(described)
    apply_url = apply_url or email_apply
    description = "\n".join(b.text for b in described)  # list items carry their "- "
    raw = {**class_values(described), **labelled_values(description)}
    if "salary" not in raw and (salary := find_salary(description)):
        raw["salary"] = salary
    if "closes" not in raw and (until := OPEN_UNTIL_FILLED.search(description)):
        raw["closes"] = until.group(0)
    if "closes" not in raw and (closing := find_closing(description)):
        raw["closes"] = closing
    if not parse_employment_type(raw.get("employment_type")):  # "Schedule: evenings" says none
        stated = EMPLOYMENT_WORDS.search(title.text)
        stated = stated.group(0) if stated else find_employment_phrase(description)
        if stated:
            raw["employment_type"] = stated
    job = Job(
        title=title.text,
        organization=organization,
        department=raw.get("department"),
        location=raw.get("location"),
        employment_type=raw.get("employment_type"),
        apply_url=apply_url,
        documents=documents,
        description=description,
        description_html=description_html or None,
        source_url=page.url,
        raw=raw,
        strategy="headings",
        evidence=evidence,
        position=title.element.sourceline or 0,
    )
    set_url(job, page, own_url, title.element)
    return job


# CMS class names that say what a short line is: "list-meta-location", an icon "bi-geo-alt".
_CLASS_FIELDS = [
    ("location", re.compile(r"locat|geo|map-?marker|map-?pin|\bpin\b|place|address", re.I)),
    ("salary", re.compile(r"salar|\bpay\b|wage|compensation|cash|money|dollar", re.I)),
    ("closes", re.compile(r"clos|deadline|expir|calendar|\bdue\b", re.I)),
    ("posted", re.compile(r"posted|publish", re.I)),
    ("department", re.compile(r"depart|\bdept\b|division|agency", re.I)),
    ("employment_type", re.compile(r"\btype\b|job-?type|employment|schedule|badge", re.I)),
]


def class_values(blocks: list[Block]) -> dict[str, str]:
    """Short unlabelled lines whose class (or icon's class) names their field."""
    found: dict[str, str] = {}
    for block in blocks:
        text = block.text.lstrip("- ").strip()
        if not text or "\n" in text or len(text) > 80 or ":" in text[:25]:
            continue
        classes = " ".join(element.get("class", "") for element in block.element.iter())
        for name, pattern in _CLASS_FIELDS:
            if name not in found and pattern.search(classes):
                found[name] = text
                break
    return found


def set_url(job: Job, page: Page, own_url: str | None, anchor_element) -> None:
    """Own page, else the posting document, else the listing with a #fragment."""
    posting_docs = [d for d in job.documents
                    if link_kinds.POSTING_DOCUMENT.search(d["label"] + " " + d["url"])
                    or d.get("title_link")]
    if own_url and not link_kinds.DOCUMENT_URL.search(own_url):
        job.url, job.url_is_own_page = own_url, True
        job.detail_url = own_url
    elif posting_docs or job.documents:
        job.url = (posting_docs or job.documents)[0]["url"]
    else:
        fragment = anchor_element.get("id") or slug(job.title)
        job.url = f"{page.url.split('#')[0]}#{fragment}"
    # A title that is itself the PDF link is the url, not one of the documents.
    job.documents = [{"label": d["label"], "url": d["url"]} for d in job.documents
                     if not d.get("title_link")]


def _anchors(element):
    return element.iter("a") if element.tag != "a" else [element]


def _is_link_row(block: Block) -> bool:
    """A line made only of links and separators: "Job Announcement | Apply"."""
    anchors = list(_anchors(block.element))
    if not anchors:
        return False
    rest = block.text
    for anchor in anchors:
        rest = rest.replace(link_kinds.link_label(anchor), " ", 1)
    return not _LINK_ROW_FILLER.sub("", rest)


def _blocks_html(blocks: list[Block]) -> str:
    """Sanitised HTML of the blocks; runs of list items are wrapped back in a <ul>."""
    parts, in_list = [], False
    for block in blocks:
        if block.kind == "item" and not in_list:
            parts.append("<ul>")
            in_list = True
        elif block.kind != "item" and in_list:
            parts.append("</ul>")
            in_list = False
        parts.append(lxml.html.tostring(block.element, encoding="unicode", with_tail=False))
    if in_list:
        parts.append("</ul>")
    return sanitize_html("".join(parts))
