"""A careers page parsed once: decoded text, an lxml tree with absolute links, metadata."""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml import etree
from w3lib.encoding import html_to_unicode

from jobfeed.html import LINE_BREAK, folded_text

# Page furniture that never holds postings; dropped before any strategy looks. (<noscript>
# stays: a script-driven job board's fallback list is often the only list in the HTML.)
_FURNITURE_TAGS = ("script", "style", "template", "svg", "iframe", "nav", "footer",
                   "aside", "form", "header")
# Landmark roles of furniture, and cookie banners and consent dialogs ("cookie-consent",
# "cmplz-cookiebanner", "gdpr-notice").
# (Their attributes, then the elements: a third of the cost of testing every element.)
_ROLE_ATTRIBUTES = etree.XPath("//@role")
_FURNITURE_ROLES = ("navigation", "contentinfo", "banner")
_CONSENT_XPATH = etree.XPath(
    "//*[@class or @id][" + " or ".join(f"contains(concat(@class, ' ', @id), '{word}')"
                                        for word in ("ookie", "onsent", "gdpr", "cmplz")) + "]")
# Only a page that names a cookie banner in its markup pays for looking for one.
_CONSENT_MARKUP = re.compile(r"""(?:class|id)=["'][^"']*(?:cookie|consent|gdpr|cmplz)""", re.I)
# Substrings one of which any match of _CONSENT_MARKUP holds once casefolded ("cook", not
# "cookie": re.I lets a dotless "ı" stand for "i"): a C-level test that skips the regex,
# whose case-blind scan of the whole page cost as much as parsing it.
_CONSENT_WORDS = ("cook", "consent", "gdpr", "cmplz")

# lxml.html's parser asks a Python method for the class of every element it hands to
# Python (a <form> is a FormElement); nothing here uses those classes, so the lookup is
# done in C: every element an HtmlElement, comments and the like as lxml.html has them.
_PARSER = lxml.html.HTMLParser()
_PARSER.set_element_class_lookup(etree.ElementDefaultClassLookup(
    element=lxml.html.HtmlElement, comment=lxml.html.HtmlComment,
    pi=lxml.html.HtmlProcessingInstruction, entity=lxml.html.HtmlEntity))


@dataclass
class Page:
    """The input every extraction strategy shares; parse once, read many times."""

    url: str
    text: str
    encoding: str = "utf-8"
    _cache: dict = field(default_factory=dict, repr=False)
    # What each line of text says (labels.labelled_values), shared by the page's postings.
    label_memo: dict = field(default_factory=dict, repr=False)
    # What fields.parse_employment_type makes of each string (posting.employment_type).
    type_memo: dict = field(default_factory=dict, repr=False)
    # Set by release_full_tree: content_tree may take the whole document and strip it.
    _full_tree_released: bool = field(default=False, repr=False)

    @classmethod
    def from_body(cls, url: str, body: bytes | str, content_type: str | None = None) -> "Page":
        """Decode bytes as the page declares (HTTP header, BOM, meta charset)."""
        if isinstance(body, str):
            return cls(url=url, text=body)
        encoding, text = html_to_unicode(content_type, body)
        return cls(url=url, text=text, encoding=encoding)

    @cached_property
    def full_tree(self):
        """The whole document, links absolute: for metadata and structured data."""
        return self._parse()

    def release_full_tree(self) -> None:
        """The caller is done with full_tree (metadata, structured data, pagination):
        content_tree strips the whole document in place instead of copying it (or parses
        it, when nothing has yet). A later full_tree parses the page again."""
        self._full_tree_released = True

    def _parse(self):
        # lxml rejects str input that still carries an XML encoding declaration.
        text = re.sub(r"^\s*<\?xml[^>]*>", "", self.text)
        tree = lxml.html.document_fromstring(text or "<html></html>", parser=_PARSER)
        # Only links matter here (lxml's make_links_absolute also rewrites every src and
        # CSS url, at several times the cost of the parse).
        base = next((href for element in tree.iter("base")
                     if (href := element.get("href")) is not None), None)
        base = urljoin(self.url, base.strip()) if base else self.url
        parts = urlsplit(base)
        origin = f"{parts.scheme}://{parts.netloc}"
        for element in tree.iter("a", "link", "area"):  # one walk, not one per tag
            href = element.get("href")
            if href is None:
                continue
            href = href.strip()
            if href.startswith(("http://", "https://", "mailto:")):
                continue
            if href.startswith("/") and not href.startswith("//") and "/." not in href:
                element.set("href", origin + href)  # the common case, without urljoin's cost
                continue
            try:
                element.set("href", urljoin(base, href))
            except ValueError:  # a malformed URL (bad IPv6 brackets) stays as it is
                pass
        return tree

    @cached_property
    def content_tree(self):
        """A copy without navigation, header, footer, sidebars, scripts and forms."""
        if self._full_tree_released:
            tree = self.__dict__.pop("full_tree", None)
            tree = tree if tree is not None else self._parse()
        else:
            tree = copy.deepcopy(self.full_tree)  # a C-level copy, far cheaper than a parse
        # One pass over the tree (an XPath union walks it once per branch).
        # Tag and XPath filters run in C: only the furniture itself gets a Python object.
        furniture = [element for element in tree.iter(*_FURNITURE_TAGS)
                     if _is_furniture(element)]
        furniture += [role.getparent() for role in _ROLE_ATTRIBUTES(tree)
                      if role in _FURNITURE_ROLES]
        if _has_consent_markup(self.text):
            furniture += _CONSENT_XPATH(tree)
        for element in furniture:
            if element.getparent() is not None:
                element.drop_tree()
        # A <br> becomes a marker that survives whitespace folding, so block text keeps
        # its lines while the source's own line wraps fold into spaces.
        for br in tree.iter("br"):
            br.tail = LINE_BREAK + (br.tail or "")
        return tree

    @cached_property
    def site_name(self) -> str | None:
        """og:site_name, else the organisation part of <title> ("Careers | City of X")."""
        for value in _SITE_NAME_CONTENT(self.full_tree):
            if value.strip():  # the site's own name for itself: kept, but for "Official Site"
                return _SITE_SUFFIX.sub("", " ".join(value.split())).strip(" -|,") or value
        title = " ".join(self.full_tree.findtext(".//title", "").split())
        parts = [p.strip() for p in _TITLE_SEPARATORS.split(title) if p.strip()]
        named = [p for p in parts if not _PAGE_NAME.match(p)]
        organisational = [p for p in named if _ORG_WORDS.search(p)]
        if organisational:
            return _clean_site_name(organisational[-1])
        if len(named) >= 1 and len(parts) >= 2:  # "Jobs | Harbor Point": the site's name
            return _clean_site_name(named[-1])
        return None

    @property
    def domain(self) -> str:
        host = urlsplit(self.url).hostname or ""
        return host.removeprefix("www.")


_SITE_NAME_CONTENT = etree.XPath("//meta[@property='og:site_name' or @name='og:site_name'"
                                 " or @name='application-name']/@content")
_TITLE_SEPARATORS = re.compile(r"\s+[|\u2013\u2014:•·»>-]\s+|\s*\|\s*")
# Page names, not organisations: "Careers", "Job Openings", "Join Our Team", "Home".
_PAGE_NAME = re.compile(
    r"^(careers?|jobs?|job (openings|opportunities|postings|board)|employment( opportunities)?"
    r"|current (openings|opportunities|vacancies)|open positions|opportunities|join (our|the) "
    r"team|work (with|for) us|human resources|hr|home|welcome|vacancies|internships?|"
    r"careers? at .*|jobs at .*|page \d+)$", re.I)
_SITE_SUFFIX = re.compile(r"\s*[-|:,–—]?\s*(the )?(official )?(web ?site|home ?page|site)"
                          r"( of .*)?$|^(welcome to|official website of)\s+", re.I)


_STATE_SUFFIX = re.compile(
    r",\s*(A[LKZR]|C[AOT]|D[EC]|FL|GA|HI|I[DLNA]|K[SY]|LA|M[EDAINSOT]|N[EVHJMYCD]|O[HKR]|PA|RI|"
    r"S[CD]|T[NX]|UT|V[TA]|W[AVIY]|Alabama|Alaska|Arizona|Arkansas|California|Colorado|"
    r"Connecticut|Delaware|Florida|Georgia|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|"
    r"Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|"
    r"Nebraska|Nevada|New \w+|North \w+|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|"
    r"South \w+|Tennessee|Texas|Utah|Vermont|Virginia|Washington|West Virginia|Wisconsin|"
    r"Wyoming)\s*$")


def _clean_site_name(name: str) -> str:
    """A part of <title>: "City of Alder Creek, CA - Official Website" -> "City of Alder
    Creek"."""
    cleaned = _STATE_SUFFIX.sub("", _SITE_SUFFIX.sub("", name).strip(" -|,")).strip(" -|,")
    return cleaned or name


_ORG_WORDS = re.compile(
    r"\b(city|town|county|village|district|authority|agency|league|association|"
    r"institute|department|commission|council|board|university|college|"
    r"state|borough|parish|township|port|library|transit|inc|llc|foundation|"
    r"society|federation|cities|government|services)\b", re.I)


def _has_consent_markup(text: str) -> bool:
    folded = text.casefold()
    return any(word in folded for word in _CONSENT_WORDS) and bool(_CONSENT_MARKUP.search(text))


def _is_furniture(element) -> bool:
    """A site header, not an article's own <header> (which may hold its title); a search
    or sign-up form, not the <form> an ASP.NET site wraps around the whole page."""
    if element.tag == "header":
        return not any(a.tag in ("main", "article") for a in element.iterancestors())
    if element.tag == "aside":  # a sidebar, unless it is an "Other openings" box
        from jobfeed.extract.evidence import is_openings_heading

        return not any(is_openings_heading(folded_text(h))
                       for h in element.iter("h2", "h3", "h4", "h5", "h6"))
    if element.tag == "form":
        return element.find(".//main") is None and element.find(".//h1") is None \
            and element.find(".//h2") is None
    return True
