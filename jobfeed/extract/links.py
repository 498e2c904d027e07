"""What a link on a careers page is for: applying, a posting document, a detail page."""

from __future__ import annotations

import re

from jobfeed.html import folded_text

# The whole label: "Apply to serve on a committee" is not a posting's apply link.
APPLY = re.compile(r"^\W*(apply|apply (now|online|here|today|by e-?mail|via e-?mail|in person)|"
                   r"apply (now |online )?for (this |the |our |all |these )?([\w-]+ )?"
                   r"(jobs?|positions?|openings?|roles?)|submit (an |your )?application|"
                   r"online application|application|begin application|start (an |your )?"
                   r"application|apply on \w+|solicite( en l[ií]nea| aqu[ií])?|"
                   r"aplique( aqu[ií]| ahora)?|postularse|"
                   r"apply (online |now |here )?(with|at|via|through|on) [^.]{1,60})\W*$", re.I)
DOCUMENT = re.compile(
    r"\b(job|position|recruitment)\s+(announcement|description|bulletin|posting|flyer|"
    r"brochure|profile)|class(ification)?\s+spec(ification)?s?|\bbrochure\b|"
    r"\(pdf\)|\bpdf\b|supplemental questionnaire|recruitment (brochure|profile)|"
    r"descripci[oó]n del (puesto|empleo)|anuncio de (empleo|vacante)|bolet[ií]n|"
    r"\b(view|download|read|see)( the)? (bulletin|announcement|job description|flyer)", re.I)
# PDFs on a careers page that describe no single posting.
NOT_A_POSTING_DOCUMENT = re.compile(r"\b(application|benefits?|salary schedule|pay plan|handbook|agenda|"
                                    r"minutes|roster|guide|policy|policies|form)\b", re.I)
# Words of a document about one posting (not "2026 Pay Plan (PDF)").
POSTING_DOCUMENT_WORDS = re.compile(r"announcement|bulletin|description|posting|flyer|spec|"
                                    r"profile|brochure", re.I)
# Announcements and bulletins describe one posting: they may stand in for its url.
POSTING_DOCUMENT = re.compile(r"announcement|bulletin|posting|flyer|brochure|profile|\(pdf\)",
                              re.I)
DOCUMENT_URL = re.compile(r"\.(pdf|docx?|rtf)(\?|#|$)", re.I)
SAFE_SCHEMES = ("http://", "https://", "mailto:")


def link_label(anchor) -> str:
    """Visible label of an <a>, else its title or aria-label."""
    text = folded_text(anchor)
    return text or (anchor.get("title") or anchor.get("aria-label") or "").strip()


def classify(label: str, href: str) -> str | None:
    """'apply', 'document' or None for any other link."""
    if not href.lower().startswith(SAFE_SCHEMES):
        return None
    document = DOCUMENT.search(label)
    # bilingual labels: "Solicitar / Apply"
    if not document and any(APPLY.search(part) for part in
                            (_BILINGUAL.split(label) if "/" in label else (label,))):
        return "apply"
    if document or DOCUMENT_URL.search(href):
        return "document"
    return None


_BILINGUAL = re.compile(r"\s+/\s+")


def document_label(label: str) -> str:
    """The link text as the page shows it ("Job Announcement (PDF, 212 KB)")."""
    return label.strip(" -|:")

# A sentence around a mailto link that makes it the way to apply.
APPLY_BY_EMAIL = re.compile(r"\b(apply|application|r[ée]sum[ée]|cover letter|submit|send)\b", re.I)
# "Read more" and the like: a link to the posting's own page.
MORE = re.compile(r"^\W*(read|learn|see|view|find out)( the)? (more|full|details|job|posting|"
                  r"position|description)|^\W*(more|full) (info|information|details|"
                  r"description)|^\W*(details|more)\W*$|^\W*view( job| posting)?\W*$", re.I)
# Documents on a careers page that are not postings.
NOT_A_JOB_DOCUMENT = re.compile(
    r"\b(application( form)?|employment application|benefits?( summary| guide)?|salary "
    r"schedule|pay (plan|schedule)|handbook|policy|policies|org(anization(al)?)? chart|"
    r"guide|faq|instructions|form|brochure|annual report|budget|agenda|minutes|map|"
    r"newsletter|description|announcement|bulletin|spec(ification)?s?|flyer|questionnaire)\b",
    re.I)
_FILE_NOTE = re.compile(r"\s*[\[(]\s*(pdf|docx?|doc|rtf)\b[^\])]*[\])]\s*$|\s+-?\s*pdf\s*$",
                        re.I)


def strip_file_note(label: str) -> str:
    """"Maintenance Worker I (PDF, 120 KB)" -> "Maintenance Worker I"."""
    return _FILE_NOTE.sub("", label).strip()
