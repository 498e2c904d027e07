"""Postings as sections under headings: a title heading, then description, bullets, links."""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.html

from jobfeed.extract import links as link_kinds
from jobfeed.extract.labels import (EMPLOYMENT_WORDS, OPEN_UNTIL_FILLED, find_salary,
                                    labelled_values)
from jobfeed.extract.page import Page
from jobfeed.html import element_text, sanitize_html
from jobfeed.identity import slug
from jobfeed.model import Job

HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
PSEUDO_HEADING_LEVEL = 7  # a paragraph that is all bold, used as a heading
_BLOCK_TAGS = {
    "div", "section", "article", "main", "p", "ul", "ol", "li", "table", "tbody", "thead",
    "tfoot", "tr", "td", "th", "dl", "dt", "dd", "blockquote", "details", "summary", "header",
    "figure", "figcaption", "address", "pre", "center", *HEADINGS,
}

# Headings that open a list of postings.
OPENINGS_HEADING = re.compile(
    r"\b(career opportunities|(current|open|available|job|employment|staff) "
    r"(openings|opportunities|positions|vacancies|postings|listings)|open positions|"
    r"vacanc(y|ies)|internships?( opportunities)?|now hiring|we'?re hiring|job board|"
    r"jobs at|careers at|join our staff)\b", re.I)
# Headings inside such a section that are about the process, not a posting.
NOT_A_POSTING = re.compile(
    r"^(how to apply|application process|benefits|equal (employment )?opportunity|eeo|"
    r"questions|contact( us)?|about( us)?|why work|our (values|mission|culture)|faq|"
    r"frequently asked|no (current )?(openings|vacancies|positions)|selection process|"
    r"veterans'? preference|reasonable accommodation|disclaimer|join our talent|"
    r"job alerts?|stay connected|sign up)\b", re.I)
NO_OPENINGS = re.compile(r"\bno (current |open )?(job )?(openings|vacancies|positions|"
                         r"opportunities)\b|\bnot (currently )?(hiring|recruiting)\b", re.I)
_LINK_ROW_FILLER = re.compile(r"[\s|•·/,;:–—-]+")


@dataclass
class Block:
    element: lxml.html.HtmlElement
    kind: str  # "heading", "text" or "item"
    level: int  # heading level; 99 for text
    text: str


def page_blocks(root) -> list[Block]:
    """The page's leaf blocks in document order: headings, paragraphs, list items."""
    blocks: list[Block] = []
    # Elements that contain other blocks; marked bottom-up once, so the walk stays linear.
    containers = set()
    for element in root.iter(*_BLOCK_TAGS):
        parent = element.getparent()
        while parent is not None and parent not in containers:
            containers.add(parent)
            parent = parent.getparent()

    def walk(element):
        tag = element.tag if isinstance(element.tag, str) else None
        if tag is None:
            return
        if tag in HEADINGS:
            text = element_text(element).replace("\n", " ")
            if text:
                blocks.append(Block(element, "heading", HEADINGS[tag], text))
            return
        if tag in _BLOCK_TAGS and element not in containers:
            text = element_text(element)
            if text:
                if _is_bold_heading(element, text):
                    blocks.append(Block(element, "heading", PSEUDO_HEADING_LEVEL, text))
                else:
                    blocks.append(Block(element, "item" if tag == "li" else "text", 99, text))
            return
        for child in element:
            walk(child)

    walk(root)
    return blocks


def _is_bold_heading(element, text: str) -> bool:
    if element.tag not in ("p", "div") or len(text) > 120 or "\n" in text:
        return False
    bold = " ".join(" ".join(b.text_content().split())
                    for b in element.xpath(".//strong|.//b"))
    return bool(bold) and bold == " ".join(text.split())


def openings_sections(blocks: list[Block], heading: re.Pattern = OPENINGS_HEADING):
    """(start, end) index ranges of the blocks under each openings heading."""
    for index, block in enumerate(blocks):
        if block.kind == "heading" and len(block.text) <= 80 and heading.search(block.text):
            end = next((j for j in range(index + 1, len(blocks))
                        if blocks[j].kind == "heading" and blocks[j].level <= block.level),
                       len(blocks))
            yield index + 1, end


def jobs_in_section(page: Page, blocks: list[Block], organization: str | None,
                    evidence: str) -> list[Job]:
    """Split a section at its top-level headings; each group is a posting."""
    if not any(b.kind == "heading" for b in blocks):
        return []
    if blocks[0].kind != "heading" and NO_OPENINGS.search(blocks[0].text):
        return []
    title_level = min(b.level for b in blocks if b.kind == "heading")
    groups: list[tuple[Block, list[Block]]] = []
    for block in blocks:
        if block.kind == "heading" and block.level == title_level:
            groups.append((block, []))
        elif groups:
            groups[-1][1].append(block)
    return [job_from_group(page, title, body, organization, [evidence])
            for title, body in groups if not NOT_A_POSTING.search(title.text)]


def job_from_group(page: Page, title: Block, body: list[Block], organization: str | None,
                   evidence: list[str]) -> Job:
    """A posting from its title block and the blocks under it."""
    apply_url, documents, own_url = None, [], None
    for anchor in _anchors(title.element):
        kind = link_kinds.classify(link_kinds.link_label(anchor), anchor.get("href", ""))
        if kind is None and anchor.get("href", "").startswith(("http://", "https://")):
            own_url = anchor.get("href")
    described: list[Block] = []
    for block in body:
        if _is_link_row(block):
            pass
        else:
            described.append(block)
        for anchor in _anchors(block.element):
            href = anchor.get("href", "")
            label = link_kinds.link_label(anchor)
            kind = link_kinds.classify(label, href)
            if kind == "apply" and apply_url is None:
                apply_url = href
            elif kind == "document" and all(d["url"] != href for d in documents):
                documents.append({"label": link_kinds.document_label(label), "url": href})
    description_html = _blocks_html(described)
    description = "\n".join(b.text for b in described)  # list items carry their "- "
    raw = labelled_values(description)
    if "salary" not in raw and (salary := find_salary(description)):
        raw["salary"] = salary
    if "closes" not in raw and (until := OPEN_UNTIL_FILLED.search(description)):
        raw["closes"] = until.group(0)
    if "employment_type" not in raw and (kind := EMPLOYMENT_WORDS.search(title.text)):
        raw["employment_type"] = kind.group(0)
    if documents:
        evidence = evidence + ["links: " + ", ".join(d["label"] for d in documents)]
    if apply_url:
        evidence = evidence + ["apply link"]
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
        strategy="sections",
        evidence=evidence,
    )
    set_url(job, page, own_url, title.element)
    return job


def set_url(job: Job, page: Page, own_url: str | None, anchor_element) -> None:
    """Own page, else the posting document, else the listing with a #fragment."""
    posting_docs = [d for d in job.documents if link_kinds.POSTING_DOCUMENT.search(d["label"])]
    if own_url:
        job.url, job.url_is_own_page = own_url, True
    elif posting_docs or job.documents:
        job.url = (posting_docs or job.documents)[0]["url"]
    else:
        fragment = anchor_element.get("id") or slug(job.title)
        job.url = f"{page.url.split('#')[0]}#{fragment}"


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
        html = lxml.html.tostring(block.element, encoding="unicode", with_tail=False)
        parts.append(html)
    if in_list:
        parts.append("</ul>")
    return sanitize_html("".join(parts))
