"""One posting built from its title block and the blocks under it: links, labelled
facts, description text and sanitised HTML, and its url."""

from __future__ import annotations

import re

import lxml.html

from jobfeed.extract import links as link_kinds
from jobfeed.extract.blocks import Block, block_link_kinds, block_links, title_links
from jobfeed.extract.labels import (EMPLOYMENT_TERMS, EMPLOYMENT_WORDS, OPEN_UNTIL_FILLED,
                                    UNTIL_FILLED_WORDS, find_closing, find_employment_phrase,
                                    find_salary, labelled_values, lowered_or_none, may_hold)
from jobfeed.extract.page import Page
from jobfeed.fields import parse_employment_type
from jobfeed.html import folded_text, sanitize_html
from jobfeed.identity import slug
from jobfeed.model import Job

_LINK_ROW_FILLER = re.compile(r"[\s|•·/,;:–—-]+")


def job_from_group(page: Page, title: Block, body: list[Block], organization: str | None,
                   evidence: list[str], html_element=None) -> Job:
    """A posting from its title block and the blocks under it."""
    apply_url, documents, own_url = None, [], None
    for anchor in title_links(title.element):
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
        for _, href, label, kind in block_link_kinds(block):
            if href.startswith("mailto:") and email_apply is None \
                    and link_kinds.APPLY_BY_EMAIL.search(block.text):
                email_apply = href
            if kind == "apply" and apply_url is None:
                apply_url = href
            elif kind is None and own_url is None and link_kinds.MORE.match(label) \
                    and href.startswith(("http://", "https://")):
                own_url = href  # "Read the full description": the posting's own page
            elif kind == "document" and all(d["url"] != href for d in documents) \
                    and not link_kinds.NOT_A_POSTING_DOCUMENT.search(label):  # not the form
                documents.append({"label": link_kinds.document_label(label), "url": href})
    if html_element is not None:
        description_html = sanitize_html(lxml.html.tostring(
            html_element, encoding="unicode", with_tail=False))
    else:
        description_html = _blocks_html(described)
    apply_url = apply_url or email_apply
    description = "\n".join(b.text for b in described)  # list items carry their "- "
    raw = {**class_values(described, page), **labelled_values(description, page.label_memo)}
    if "salary" not in raw and (salary := find_salary(description)):
        raw["salary"] = salary
    lowered = lowered_or_none(description)
    if "closes" not in raw and may_hold(lowered, UNTIL_FILLED_WORDS) \
            and (until := OPEN_UNTIL_FILLED.search(description)):
        raw["closes"] = until.group(0)
    if "closes" not in raw and (closing := find_closing(description)):
        raw["closes"] = closing
    if not employment_type(page, raw.get("employment_type")):  # "Schedule: evenings": none
        stated = may_hold(lowered_or_none(title.text), EMPLOYMENT_TERMS) \
            and EMPLOYMENT_WORDS.search(title.text)
        stated = stated.group(0) if stated else find_employment_phrase(description)
        if stated:
            raw["employment_type"] = stated
    title_text, number = _split_job_number(title.text)
    job = Job(
        title=title_text,
        job_key=number,
        organization=raw.get("organization") or organization,
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
_B, _E = r"(?:^|[\s_-])", r"(?:$|[\s_-])"  # class-name word edges: "tile__pay", "job-loc"
_CLASS_FIELDS = [
    ("location", re.compile(rf"locat|{_B}loc{_E}|geo|map-?marker|map-?pin|{_B}pin{_E}|place|"
                            r"address", re.I)),
    ("salary", re.compile(rf"salar|{_B}pay{_E}|wage|compensation|cash|money|dollar", re.I)),
    ("closes", re.compile(rf"clos|deadline|expir|calendar|{_B}due{_E}", re.I)),
    ("posted", re.compile(rf"posted|publish|{_B}date{_E}", re.I)),
    ("department", re.compile(rf"depart|{_B}dept{_E}|division|{_B}team{_E}", re.I)),
    ("organization", re.compile(rf"agency|employer|{_B}org(anization)?{_E}|company", re.I)),
    ("employment_type", re.compile(rf"{_B}(type|status){_E}|job-?type|employment|schedule|badge",
                                   re.I)),
]

# Any of them: most classes ("card-body", "btn") name no field.
_ANY_CLASS_FIELD = re.compile("|".join(pattern.pattern for _, pattern in _CLASS_FIELDS), re.I)


def employment_type(page: Page | None, value) -> str | None:
    """fields.parse_employment_type of a raw value; of a string, once per page."""
    if page is None or not isinstance(value, str):
        return parse_employment_type(value)
    memo = page.type_memo
    if value not in memo:
        memo[value] = parse_employment_type(value)
    return memo[value]


def class_values(blocks: list[Block], page: Page | None = None) -> dict[str, str]:
    """Short unlabelled texts whose class names their field: a <span class="job-closes">,
    or a line led by an icon (<i class="icon-pin">). `page`: the page's, for its memo."""
    found: dict[str, str] = {}
    for block in blocks:
        block_text = None
        for element in block.element.iter():
            classes = element.get("class")
            if not classes or not _ANY_CLASS_FIELD.search(classes):
                continue
            # The first field still missing that the class names (its text read only then).
            name = next((name for name, pattern in _CLASS_FIELDS
                         if name not in found and pattern.search(classes)), None)
            if name is None:
                continue
            if block_text is None:
                block_text = block.text.lstrip("- ").strip()
            text = folded_text(element) or block_text  # an empty icon names the line it leads
            if not text or "\n" in text or len(text) > 80 or ":" in text[:25]:
                continue
            if name == "employment_type" and not employment_type(page, text):
                continue  # a "badge" saying "Now Hiring", not a type
            found[name] = text
    return found


_JOB_NUMBER = re.compile(r"\s*[(\[]?\s*(?:job|posting|req|recruitment)?\s*(?:#|no\.)\s*"
                         r"(?P<number>[A-Z]{0,4}-?\d{2,}[\w-]*)\s*[)\]]?\s*$", re.I)


def _split_job_number(title: str) -> tuple[str, str | None]:
    """"Senior Planner #4837" -> ("Senior Planner", "4837"): the number is the posting's id."""
    if "#" not in title and "no." not in title.lower():  # what every number needs
        return title, None
    match = _JOB_NUMBER.search(title)
    if not match or match.start() == 0:
        return title, None
    return title[:match.start()].rstrip(" -–—,"), match.group("number")


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


def _is_link_row(block: Block) -> bool:
    """A line made only of links and separators: "Job Announcement | Apply"."""
    links = block_links(block)
    if not links:
        return False
    rest = block.text
    for _, _, label in links:
        rest = rest.replace(label, " ", 1)
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
