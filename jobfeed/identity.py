"""Stable job ids: the same posting keeps its id across runs."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from w3lib.url import canonicalize_url, url_query_cleaner

# Tracking parameters that change between visits but not the page.
_TRACKING_PARAMS = ("utm_source", "utm_medium", "utm_campaign", "utm_term",
                    "utm_content", "gclid", "fbclid", "mc_cid", "mc_eid")


def canonical_url(url: str) -> str:
    """The URL without fragment or tracking parameters, in w3lib's canonical form."""
    cleaned = url_query_cleaner(url, _TRACKING_PARAMS, remove=True, keep_fragments=False)
    return canonicalize_url(cleaned)


def title_key(title: str) -> str:
    """A title reduced to lowercase words, so spacing, dashes and case don't matter."""
    folded = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return " ".join(re.findall(r"[a-z0-9]+", folded.lower()))


def job_id(source: str, *, job_key: str | None = None, own_url: str | None = None,
           title: str | None = None, department: str | None = None) -> str:
    """Derive the id from the platform's job id, else the job's own page, else its title.

    Documents (PDF bulletins) are not used: CMSs re-upload them under new names
    while the posting stays the same.
    """
    if job_key:
        basis = f"key:{job_key.strip()}"
    elif own_url:
        basis = f"url:{canonical_url(own_url)}"
    elif title:
        basis = f"title:{title_key(title)}"
        if department:  # two "Maintenance Worker" posts in two departments are two jobs
            basis += f"|dept:{title_key(department)}"
    else:
        raise ValueError("a job needs a platform id, its own URL or a title to get an id")
    digest = hashlib.sha256(f"{source}\n{basis}".encode()).hexdigest()[:20]
    return f"{slug(source)}-{digest}"


def slug(text: str, max_length: int = 60) -> str:
    """A safe, readable file-name/id fragment: lowercase ascii words joined by '-'."""
    words = title_key(text).replace(" ", "-")
    return words[:max_length].strip("-") or "x"
