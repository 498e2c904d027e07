"""What a link on a careers page is for: applying, a posting document, a detail page."""

from __future__ import annotations

import re

# The whole label: "Apply to serve on a committee" is not a posting's apply link.
APPLY = re.compile(r"^\W*(apply|apply (now|online|here|today|by e-?mail|via e-?mail|in person)|"
                   r"apply for (this|the) (job|position|opening)|submit (an |your )?application|"
                   r"online application|application|begin application|start (an |your )?"
                   r"application|apply on \w+)\W*$", re.I)
DOCUMENT = re.compile(
    r"\b(job|position|recruitment)\s+(announcement|description|bulletin|posting|flyer|"
    r"brochure|profile)|class(ification)?\s+spec(ification)?s?|\bbrochure\b|"
    r"\(pdf\)|\bpdf\b|supplemental questionnaire|recruitment (brochure|profile)", re.I)
# Announcements and bulletins describe one posting: they may stand in for its url.
POSTING_DOCUMENT = re.compile(r"announcement|bulletin|posting|flyer|brochure|profile|\(pdf\)",
                              re.I)
DOCUMENT_URL = re.compile(r"\.(pdf|docx?|rtf)(\?|#|$)", re.I)
SAFE_SCHEMES = ("http://", "https://", "mailto:")


def link_label(anchor) -> str:
    """Visible label of an <a>, else its title or aria-label."""
    text = " ".join(anchor.text_content().split())
    return text or (anchor.get("title") or anchor.get("aria-label") or "").strip()


def classify(label: str, href: str) -> str | None:
    """'apply', 'document' or None for any other link."""
    if not href.lower().startswith(SAFE_SCHEMES):
        return None
    if APPLY.search(label) and not DOCUMENT.search(label):
        return "apply"
    if DOCUMENT.search(label) or DOCUMENT_URL.search(href):
        return "document"
    return None


def document_label(label: str) -> str:
    """The link text as the page shows it ("Job Announcement (PDF, 212 KB)")."""
    return label.strip(" -|:")
