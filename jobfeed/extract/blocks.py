"""A page as a list of blocks in document order: headings (h1-h6, bold paragraphs,
accordion titles), paragraphs and list items, each knowing the heading above it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import lxml.html

from jobfeed.extract import links as link_kinds
from jobfeed.html import folded_text, leaf_text

HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
PSEUDO_HEADING_LEVEL = 7  # a paragraph that is all bold, used as a heading
ACCORDION_LEVEL = 8  # <summary> of a <details>, or an accordion toggle
BLOCK_TAGS = {
    "div", "section", "article", "main", "p", "ul", "ol", "li", "table", "tbody", "thead",
    "tfoot", "tr", "td", "th", "dl", "dt", "dd", "blockquote", "details", "summary", "header",
    "figure", "figcaption", "address", "pre", "center", *HEADINGS,
}

@dataclass
class Block:
    element: lxml.html.HtmlElement
    kind: str  # "heading", "text" or "item"
    level: int  # heading level; 99 for text
    text: str
    parent: int | None = None  # index of the nearest heading above it in the outline
    # Its links as (anchor, href, label), and their kinds, read once (see `block_links`).
    links: list | None = field(default=None, repr=False, compare=False)
    link_kinds: list | None = field(default=None, repr=False, compare=False)
    # What tests of its text said (see `text_is`): a heading's text is tested again for
    # every record under it.
    said: dict = field(default_factory=dict, repr=False, compare=False)


def page_blocks(root, skip: set | None = None) -> list[Block]:
    """The page's leaf blocks in document order, each knowing its outline parent."""
    skip = skip or set()
    blocks: list[Block] = []
    # Elements that contain other blocks; marked bottom-up once, so the walk stays linear.
    containers = set()
    block_children: dict = {}  # container -> how many of its children have a block tag
    for element in root.iter(*BLOCK_TAGS):
        parent = element.getparent()
        block_children[parent] = block_children.get(parent, 0) + 1
        while parent is not None and parent not in containers:
            containers.add(parent)
            parent = parent.getparent()
    for container in containers:
        if block_children.get(container) == len(container) \
                and not (container.text or "").strip():
            continue  # blocks only: nothing to wrap (the test below, without a loop)
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
                if not len(element) and element.get("class") is None \
                        and element.get("role") is None:  # plain text: none of the below
                    blocks.append(Block(element, "item" if tag == "li" else "text", 99, text))
                elif _is_toggle_title(element, text):  # CMS accordions built of divs
                    blocks.append(Block(element, "heading", ACCORDION_LEVEL, text))
                elif _is_titled(element, text):  # <p class="title">, <div class="job-title">
                    blocks.append(Block(element, "heading", PSEUDO_HEADING_LEVEL, text))
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
    if not (container.text or "").strip():
        for child in container:
            if not _is_block(child, containers):
                break
        else:
            return  # blocks only
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
    tag = element.tag
    return isinstance(tag, str) and (tag in BLOCK_TAGS or element in containers)


_TOGGLE_CLASS = re.compile(r"(toggle|accordion|collapse|collapsible|tab|panel|expand)[-_]?"
                           r"(title|header|heading|label|toggle|trigger|button)", re.I)


def _is_toggle_title(element, text: str) -> bool:
    """An accordion's clickable title: role=button, or a class like "elementor-tab-title"."""
    if len(text) > 120 or "\n" in text:
        return False
    if element.get("role") == "button" or _TOGGLE_CLASS.search(element.get("class", "")):
        return True
    for child in element.iterchildren("a", "button", "span"):
        if _TOGGLE_CLASS.search(child.get("class", "")) or child.get("role") == "button" \
                or (child.tag == "button" and (child.get("aria-expanded") is not None
                                               or _TOGGLE_WORD.search(child.get("class", "")))):
            return True
    return False


_TOGGLE_WORD = re.compile(r"accordion|toggle|collaps|expand", re.I)  # <button class="accordion">


_TITLE_CLASS = re.compile(r"(^|[\s_-])(title|job-?title|position-?title|job-?name|"
                          r"posting-?title|card-?title|job-?head(er|ing)?)($|[\s_-])", re.I)


def _is_titled(element, text: str) -> bool:
    """A block whose class names it a title: cards without heading tags."""
    return len(text) <= 120 and "\n" not in text \
        and bool(_TITLE_CLASS.search(element.get("class", ""))) \
        and "subtitle" not in element.get("class", "").lower()


def _is_bold_heading(element, text: str) -> bool:
    if element.tag not in ("p", "div") or len(text) > 120 or "\n" in text:
        return False
    bold = " ".join(folded_text(b)
                    for b in element.iter("strong", "b"))  # a <p> or <div>: its descendants
    return bool(bold) and bold == " ".join(text.split())


def anchors_of(element):
    """The links in a block (or the block itself when it is a link)."""
    return element.iter("a") if element.tag != "a" else [element]


def text_is(block: Block, test) -> bool:
    """test(block.text), once per block."""
    said = block.said
    if test not in said:
        said[test] = test(block.text)
    return said[test]


def block_links(block: Block) -> list[tuple]:
    """(anchor, href, label) of each link in the block, read once: the outline's stages
    all look at a block's links."""
    if block.links is None:
        block.links = [(anchor, anchor.get("href", ""), link_kinds.link_label(anchor))
                       for anchor in anchors_of(block.element)]
    return block.links


def block_link_kinds(block: Block) -> list[tuple]:
    """(anchor, href, label, kind) of each link in the block: `links.classify`, once."""
    if block.link_kinds is None:
        block.link_kinds = [(anchor, href, label, link_kinds.classify(label, href))
                            for anchor, href, label in block_links(block)]
    return block.link_kinds


def title_links(element):
    """Links of a title: inside it, or the link wrapping a whole card around it."""
    wrapping = next(element.iterancestors("a"), None)
    return ([wrapping] if wrapping is not None and wrapping.get("href") else []) \
        + list(anchors_of(element))
