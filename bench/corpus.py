"""A synthetic corpus of careers sites, like tests/fixtures/pages but thousands of them.

Every site lives under its own path prefix (/s0001/...) on one local server. Its
template is picked by its number, so any first N sites hold every template in the
same proportions. About ten jobs a site; the same (sites, seed, today) always gives
the same bytes, so an unchanged re-run really is unchanged.

Templates (modelled on the fixtures):
  headings      h3 per posting with labelled lines, apply and PDF links (WordPress)
  table         Position | Department | Salary | Closing date, titles link PDFs (CivicPlus)
  cards         Bootstrap cards with location, type badge and "Apply Now" buttons
  jsonld        a listing whose postings are all in one JSON-LD @graph
  detail        a listing of title links only; each posting's own page has the fields
  paginated     postings spread over three listing pages linked by rel=next
  strong        <p><strong>Title</strong></p> postings between <hr> (Joomla)
  detail-jsonld a listing of title links; each posting's page carries JSON-LD
  accordion     <details><summary>Title</summary> with a <dl> of facts
"""

from __future__ import annotations

import html
import json
import random
from dataclasses import dataclass, field
from datetime import date, timedelta

TEMPLATES = ("headings", "table", "cards", "jsonld", "detail", "paginated", "strong",
             "detail-jsonld", "accordion")

_PLACES = ("Alder", "Birch", "Cedar", "Dover", "Elm", "Fenwick", "Granite", "Harbor",
           "Iron", "Juniper", "Kestrel", "Laurel", "Maple", "North", "Oak", "Pine",
           "Quarry", "Ridge", "Sierra", "Tamarack", "Union", "Valley", "Willow", "Yarrow")
_SUFFIXES = ("Creek", "Falls", "Point", "Springs", "Bay", "Hills", "Mesa", "Grove", "Harbor",
             "Heights", "Crossing", "Valley")
_KINDS = ("City of {}", "Town of {}", "County of {}", "{} Water District",
          "{} Transit Authority", "{} Library District", "{} Unified School District",
          "{} Parks and Recreation District", "{} Sanitation District", "{} Port District")
_TITLES = (
    "Senior Planner", "Associate Planner", "Water Resources Technician", "Library Assistant",
    "Deputy City Attorney", "Accounting Technician", "Maintenance Worker II",
    "Police Officer", "Firefighter/Paramedic", "Recreation Coordinator", "Civil Engineer",
    "Building Inspector", "Administrative Assistant", "GIS Analyst", "Human Resources Analyst",
    "Utility Line Technician", "Police Telecommunicator", "Town Clerk", "Park Ranger",
    "Seasonal Park Attendant", "Equipment Mechanic", "Code Enforcement Officer",
    "Management Analyst", "Payroll Specialist", "Information Technology Specialist",
    "Wastewater Treatment Plant Operator III", "Laboratory Analyst I", "Custodian",
    "Bus Operator", "Transit Planner", "Librarian I - Youth Services", "Library Page",
    "Finance Director", "Assistant City Manager", "Permit Technician", "Street Sweeper Operator",
    "Senior Accountant", "Water Distribution Operator II", "Lifeguard", "Aquatics Supervisor",
    "Community Services Officer", "Crime Analyst", "Fleet Manager", "Purchasing Agent",
    "Records Clerk", "Traffic Engineer", "Environmental Specialist", "Volunteer Coordinator",
    "Recreation Leader", "Budget Analyst", "Network Administrator", "Engineering Intern",
)
_DEPARTMENTS = ("Public Works", "Community Development", "Finance", "Human Resources",
                "Parks & Recreation", "Police", "Fire", "Library", "Public Utilities",
                "Administration", "Information Technology", "City Attorney", "Transit Operations")
_TYPES = ("Full-time", "Part-time", "Full-time, exempt", "Seasonal", "Temporary",
          "Internship", "Full-time, non-exempt", "Part-time (20 hrs/week)")
_DUTIES = (
    "Performs skilled work in the operation, maintenance and repair of {dept} facilities "
    "and equipment, and keeps accurate records of the work done.",
    "Plans, organises and reviews the work of staff; prepares reports, budgets and "
    "presentations for the governing board and the public.",
    "Responds to requests from residents, businesses and other agencies, explains policies "
    "and procedures, and resolves complaints courteously.",
    "Requires a valid driver's license and the ability to work evenings, weekends and "
    "holidays as assigned. Two years of related experience are desirable.",
    "Uses modern office software and the department's specialised systems; learns new "
    "tools quickly and trains others in their use.",
    "Participates in the after-hours on-call rotation and emergency response; must live "
    "within 45 minutes of the service area.",
)


@dataclass
class SiteJob:
    title: str
    slug: str
    department: str
    location: str
    employment_type: str
    salary: str
    posted: str
    closes: str
    description: str
    # Typed values for JSON-LD templates.
    posted_iso: str = ""
    closes_iso: str = ""
    salary_min: float = 0.0
    salary_max: float = 0.0
    salary_unit: str = "YEAR"


@dataclass
class Site:
    number: int
    template: str
    organization: str
    prefix: str  # "/s0001"
    jobs: list[SiteJob]
    pages: dict[str, bytes] = field(default_factory=dict)  # path -> body

    @property
    def name(self) -> str:
        return f"s{self.number:04d}"

    @property
    def start_path(self) -> str:
        return f"{self.prefix}/careers"


def generate(sites: int, *, seed: int = 1, today: date | None = None,
             base_url: str = "http://127.0.0.1") -> list[Site]:
    """`sites` sites with their pages; links are absolute against `base_url`'s origin."""
    today = today or date.today()
    return [make_site(n, seed=seed, today=today, base_url=base_url) for n in range(1, sites + 1)]


def make_site(number: int, *, seed: int, today: date, base_url: str) -> Site:
    rng = random.Random(seed * 1_000_003 + number)
    template = TEMPLATES[(number - 1) % len(TEMPLATES)]
    place = f"{rng.choice(_PLACES)} {rng.choice(_SUFFIXES)}"
    organization = rng.choice(_KINDS).format(place)
    prefix = f"/s{number:04d}"
    count = rng.randint(8, 12)
    titles = rng.sample(_TITLES, count)
    jobs = [_job(rng, title, place, today) for title in titles]
    site = Site(number, template, organization, prefix, jobs)
    builder = _BUILDERS[template]
    for path, body in builder(site, rng, base_url).items():
        site.pages[path] = body.encode("utf-8")
    return site


def _slug(title: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in title.lower()).split())


def _job(rng: random.Random, title: str, place: str, today: date) -> SiteJob:
    posted = today - timedelta(days=rng.randint(0, 30))
    closes = today + timedelta(days=rng.randint(5, 45))
    unit = rng.choice(("YEAR", "YEAR", "MONTH", "HOUR"))
    if unit == "YEAR":
        low = rng.randrange(42_000, 130_000, 10)
        high = round(low * rng.uniform(1.15, 1.35), -1)
        salary = rng.choice(("${:,.0f} – ${:,.0f} annually", "${:,.0f} - ${:,.0f} per year",
                             "${:,.0f} to ${:,.0f}/year")).format(low, high)
    elif unit == "MONTH":
        low = rng.randrange(3_800, 11_000, 10)
        high = round(low * rng.uniform(1.15, 1.3), -1)
        salary = "${:,.0f} - ${:,.0f} monthly".format(low, high)
    else:
        low = round(rng.uniform(16, 48), 2)
        high = round(low * rng.uniform(1.1, 1.3), 2)
        salary = rng.choice(("${:.2f} - ${:.2f} per hour", "${:.2f}–${:.2f}/hour")).format(low, high)
    posted_text = rng.choice((
        f"{posted:%B} {posted.day}, {posted.year}", f"{posted:%m/%d/%Y}", posted.isoformat(),
        f"{posted:%b} {posted.day}, {posted.year}", f"{posted.day} {posted:%B %Y}",
        f"{(today - posted).days} days ago" if (today - posted).days > 1 else "yesterday",
    ))
    closes_text = rng.choice((
        f"{closes:%B} {closes.day}, {closes.year} at 5:00 PM", f"{closes:%m/%d/%Y}",
        f"{closes:%A}, {closes:%B} {closes.day}, {closes.year}", f"{closes:%b} {closes.day}",
        "Open until filled", "Continuous", f"{closes:%B} {closes.day}, {closes.year}",
    ))
    department = rng.choice(_DEPARTMENTS)
    duties = rng.sample(_DUTIES, 3)
    description = " ".join(d.format(dept=department.lower()) for d in duties)
    return SiteJob(
        title=title, slug=_slug(title), department=department,
        location=f"{place}, {rng.choice(('CA', 'OR', 'WA', 'NV', 'AZ', 'CO'))}",
        employment_type=rng.choice(_TYPES), salary=salary, posted=posted_text,
        closes=closes_text, description=description, posted_iso=posted.isoformat(),
        closes_iso=closes.isoformat(), salary_min=low, salary_max=high, salary_unit=unit)


# --- page furniture ------------------------------------------------------------------

def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _chrome(site: Site, title: str, main: str, *, head_extra: str = "",
            base_url: str = "") -> str:
    """A CMS page around `main`: head, banner, navigation, breadcrumb, footer, scripts."""
    p, org = site.prefix, _e(site.organization)
    nav = "\n".join(
        f'      <li class="nav-item"><a class="nav-link" href="{p}/{path}">{label}</a></li>'
        for path, label in (("residents", "Residents"), ("business", "Business"),
                            ("departments", "Departments"), ("council", "City Council"),
                            ("news", "News"), ("calendar", "Calendar"), ("careers", "Careers"),
                            ("contact", "Contact Us")))
    footer_links = "\n".join(
        f'        <li><a href="{p}/{path}">{label}</a></li>'
        for path, label in (("public-records", "Public Records"), ("accessibility",
                            "Accessibility"), ("privacy", "Privacy Policy"),
                            ("site-map", "Site Map"), ("employee-portal", "Employee Portal")))
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_e(title)} | {org}</title>
<meta property="og:site_name" content="{org}">
<meta property="og:title" content="{_e(title)}">
<link rel="stylesheet" href="{p}/static/css/site.min.css?v=41">
<link rel="stylesheet" href="{p}/static/css/print.css" media="print">
<link rel="icon" href="{p}/favicon.ico">
{head_extra}
<script>window.dataLayer = window.dataLayer || []; function gtag(){{dataLayer.push(arguments);}} gtag('js', new Date()); gtag('config', 'G-XXXXXXX');</script>
</head>
<body class="page-careers">
<a class="skip-link" href="#main">Skip to main content</a>
<div class="alert-banner" role="region" aria-label="Alerts"><p>Offices will be closed for the holiday. Online services remain available. <a href="{p}/alerts">All alerts</a></p></div>
<header class="site-header">
  <div class="container">
    <a class="logo" href="{p}/"><img src="{p}/images/logo.png" alt="{org}" width="240" height="64"></a>
    <form class="site-search" role="search" action="{p}/search"><label for="q" class="sr-only">Search</label><input id="q" name="q" type="search" placeholder="Search..."><button type="submit">Search</button></form>
    <nav class="primary-nav" aria-label="Main navigation">
    <ul class="nav">
{nav}
    </ul>
    </nav>
  </div>
</header>
<div class="container">
  <nav class="breadcrumb" aria-label="Breadcrumb"><ol><li><a href="{p}/">Home</a></li><li><a href="{p}/departments/human-resources">Human Resources</a></li><li aria-current="page">{_e(title)}</li></ol></nav>
</div>
<main id="main" class="container content">
{main}
</main>
<aside class="sidebar" aria-label="Related">
  <h2>Quick links</h2>
  <ul><li><a href="{p}/benefits">Benefits summary</a></li><li><a href="{p}/salary-schedule">Salary schedule</a></li><li><a href="{p}/job-alerts">Sign up for job alerts</a></li><li><a href="{p}/volunteer">Volunteer</a></li></ul>
</aside>
<footer class="site-footer">
  <div class="container">
    <p class="footer-org">{org}</p>
    <address>100 Main Street &middot; 555-0130 &middot; <a href="mailto:info@example.org">info@example.org</a></address>
    <ul class="footer-links">
{footer_links}
    </ul>
    <p class="copyright">&copy; {org}. All rights reserved. Website by CivicSites.</p>
  </div>
</footer>
<script src="{p}/static/js/jquery.min.js"></script>
<script src="{p}/static/js/site.min.js?v=41"></script>
</body>
</html>
"""


def _intro(site: Site) -> str:
    return (f'<h1>Employment Opportunities</h1>\n<p class="lede">Thank you for your interest '
            f"in working for the {_e(site.organization)}. We are an equal opportunity employer "
            "and value a workforce that reflects the community we serve. Read each posting "
            "for its minimum qualifications, then apply online before the closing date.</p>\n"
            '<p>Questions? Contact Human Resources at 555-0135 or '
            '<a href="mailto:hr@example.org">hr@example.org</a>.</p>\n')


def _outro() -> str:
    return ("<h2>Benefits</h2>\n<p>Medical, dental and vision coverage, a defined-benefit "
            "pension, eleven paid holidays, and tuition reimbursement.</p>\n"
            "<h2>Equal opportunity</h2>\n<p>We do not discriminate on the basis of race, "
            "colour, religion, sex, national origin, age or disability.</p>\n")


def _url(base: str, path: str) -> str:
    return base + path


# --- templates -----------------------------------------------------------------------

def _headings(site: Site, rng: random.Random, base: str) -> dict[str, str]:
    p = site.prefix
    parts = [_intro(site), "<h2>Current Openings</h2>"]
    for job in site.jobs:
        parts.append(f"""<div class="job-posting">
<h3>{_e(job.title)}</h3>
<p><strong>Department:</strong> {_e(job.department)}<br>
<strong>Location:</strong> {_e(job.location)}<br>
<strong>Salary:</strong> {_e(job.salary)}<br>
<strong>Closing date:</strong> {_e(job.closes)}</p>
<p>{_e(job.description)}</p>
<p><a href="{p}/docs/{job.slug}.pdf">Job Description (PDF)</a> | <a href="{p}/apply/{job.slug}">Apply Online</a></p>
</div>""")
    parts.append(_outro())
    return {site.start_path: _chrome(site, "Careers", "\n".join(parts))}


def _table(site: Site, rng: random.Random, base: str) -> dict[str, str]:
    p = site.prefix
    rows = "\n".join(
        f'<tr><td><a href="{p}/DocumentCenter/View/{1000 + i}/{job.slug}-bulletin.pdf">'
        f"{_e(job.title)}</a></td><td>{_e(job.department)}</td><td>{_e(job.salary)}</td>"
        f"<td>{_e(job.closes)}</td></tr>" for i, job in enumerate(site.jobs))
    main = f"""{_intro(site)}
<h2>Current Job Openings</h2>
<table class="fr-table job-openings">
<thead><tr><th>Position</th><th>Department</th><th>Salary</th><th>Closing Date</th></tr></thead>
<tbody>
{rows}
</tbody>
</table>
<p>Apply online through our <a href="{p}/apply">application portal</a>.</p>
<h2>Benefits at a glance</h2>
<table class="fr-table"><tr><th>Benefit</th><th>Details</th></tr>
<tr><td>Medical</td><td>Three plans, 90% employer-paid</td></tr>
<tr><td>Retirement</td><td>Defined-benefit pension and 457(b) plan</td></tr>
<tr><td>Leave</td><td>Eleven holidays, vacation and sick leave</td></tr></table>
"""
    return {site.start_path: _chrome(site, "Current Job Openings", main)}


def _cards(site: Site, rng: random.Random, base: str) -> dict[str, str]:
    p = site.prefix
    cards = "\n".join(f"""  <div class="col">
    <div class="card h-100 job-card">
      <div class="card-body">
        <h4 class="card-title">{_e(job.title)}</h4>
        <p class="card-text text-muted"><i class="bi bi-geo-alt"></i> {_e(job.location)}</p>
        <span class="badge bg-secondary">{_e(job.employment_type)}</span>
        <p class="card-text">Salary: {_e(job.salary)}</p>
        <p class="card-text">Posted: {_e(job.posted)}</p>
        <p class="card-text">{_e(job.description)}</p>
      </div>
      <div class="card-footer"><a href="{p}/careers/apply?job={job.slug}" class="btn btn-primary">Apply Now</a></div>
    </div>
  </div>""" for job in site.jobs)
    main = f"""{_intro(site)}
<section id="why" class="mb-5"><div class="row">
  <div class="col"><div class="card"><div class="card-body"><h4 class="card-title">Why work here</h4><p class="card-text">Meaningful work close to home.</p></div></div></div>
  <div class="col"><div class="card"><div class="card-body"><h4 class="card-title">Job alerts</h4><p class="card-text">Get an email when a new job is posted.</p></div></div></div>
</div></section>
<h2 id="openings">Open positions</h2>
<div class="row row-cols-1 row-cols-md-2 g-4">
{cards}
</div>
"""
    return {site.start_path: _chrome(site, "Careers", main)}


def _posting_ld(site: Site, job: SiteJob, base: str) -> dict:
    return {
        "@type": "JobPosting",
        "title": job.title,
        "description": f"<p>{_e(job.description)}</p>",
        "datePosted": job.posted_iso,
        "validThrough": f"{job.closes_iso}T17:00:00-08:00",
        "employmentType": "PART_TIME" if "Part" in job.employment_type else "FULL_TIME",
        "hiringOrganization": {"@type": "GovernmentOrganization", "name": site.organization},
        "jobLocation": {"@type": "Place", "address": {
            "@type": "PostalAddress", "addressLocality": job.location.split(",")[0],
            "addressRegion": job.location.split(", ")[-1], "addressCountry": "US"}},
        "baseSalary": {"@type": "MonetaryAmount", "currency": "USD", "value": {
            "@type": "QuantitativeValue", "minValue": job.salary_min,
            "maxValue": job.salary_max, "unitText": job.salary_unit}},
        "url": _url(base, f"{site.prefix}/careers/{job.slug}/"),
    }


def _jsonld(site: Site, rng: random.Random, base: str) -> dict[str, str]:
    p = site.prefix
    graph = {"@context": "https://schema.org", "@graph": [
        {"@type": "WebPage", "url": _url(base, site.start_path), "name": "Careers"},
        *(_posting_ld(site, job, base) for job in site.jobs)]}
    head = f'<script type="application/ld+json">{json.dumps(graph)}</script>'
    items = "\n".join(
        f'<li><a href="{p}/careers/{job.slug}/">{_e(job.title)}</a> &ndash; {_e(job.location)}'
        f" &middot; closes {_e(job.closes_iso)}</li>" for job in site.jobs)
    main = f"{_intro(site)}\n<h2>Open positions</h2>\n<ul class=\"job-list\">\n{items}\n</ul>\n"
    return {site.start_path: _chrome(site, "Careers", main, head_extra=head)}


def _detail_page(site: Site, job: SiteJob) -> str:
    p = site.prefix
    main = f"""<article class="job-posting">
<h1>{_e(job.title)}</h1>
<table class="job-summary">
<caption class="sr-only">Position summary</caption>
<tbody>
<tr><th scope="row">Department</th><td>{_e(job.department)}</td></tr>
<tr><th scope="row">Location</th><td>{_e(job.location)}</td></tr>
<tr><th scope="row">Employment type</th><td>{_e(job.employment_type)}</td></tr>
<tr><th scope="row">Salary</th><td>{_e(job.salary)}</td></tr>
<tr><th scope="row">Posted</th><td>{_e(job.posted)}</td></tr>
<tr><th scope="row">Closing date</th><td>{_e(job.closes)}</td></tr>
</tbody>
</table>
<h2>The position</h2>
<p>{_e(job.description)}</p>
<h2>Minimum qualifications</h2>
<ul><li>High school diploma or equivalent.</li><li>Two years of related experience.</li><li>A valid driver's license.</li></ul>
<p><a href="{p}/docs/{job.slug}-class-spec.pdf">Class Specification</a> <a class="usa-button" href="{p}/apply/{job.slug}">Apply Now</a></p>
</article>"""
    return _chrome(site, job.title, main)


def _detail(site: Site, rng: random.Random, base: str) -> dict[str, str]:
    p = site.prefix
    items = "\n".join(f'<li><a href="{p}/jobs/{job.slug}">{_e(job.title)}</a></li>'
                      for job in site.jobs)
    main = f"""{_intro(site)}
<h2>Current openings</h2>
<ul class="job-listing">
{items}
</ul>
<h2>Before you apply</h2>
<ul><li><a href="{p}/jobs/how-to-apply">How to apply</a> &ndash; step-by-step instructions</li>
<li><a href="{p}/jobs/benefits">Benefits summary</a> &ndash; medical, retirement and leave</li></ul>
"""
    pages = {site.start_path: _chrome(site, "Job Openings", main)}
    for job in site.jobs:
        pages[f"{p}/jobs/{job.slug}"] = _detail_page(site, job)
    return pages


def _paginated(site: Site, rng: random.Random, base: str) -> dict[str, str]:
    p = site.prefix
    chunks = [site.jobs[0:4], site.jobs[4:8], site.jobs[8:]]
    pages = {}
    for number, chunk in enumerate(chunks, 1):
        path = site.start_path if number == 1 else f"{site.start_path}/page/{number}/"
        articles = "\n".join(f"""<article class="job type-job">
  <header class="entry-header"><h2 class="entry-title">{_e(job.title)}</h2></header>
  <div class="entry-summary">
    <ul class="job-meta">
      <li><span class="label">Location:</span> {_e(job.location)}</li>
      <li><span class="label">Type:</span> {_e(job.employment_type)}</li>
      <li><span class="label">Salary:</span> {_e(job.salary)}</li>
      <li><span class="label">Posted:</span> {_e(job.posted)}</li>
      <li><span class="label">Closes:</span> {_e(job.closes)}</li>
    </ul>
    <p>{_e(job.description)}</p>
    <p><a href="{p}/apply/{job.slug}">Apply for this job</a></p>
  </div>
</article>""" for job in chunk)
        links = []
        if number > 1:
            prev = site.start_path if number == 2 else f"{site.start_path}/page/{number - 1}/"
            links.append(f'<a class="prev page-numbers" rel="prev" href="{prev}">&laquo; Previous</a>')
        if number < len(chunks):
            links.append(f'<a class="next page-numbers" rel="next" '
                         f'href="{site.start_path}/page/{number + 1}/">Next &raquo;</a>')
        main = (f"<h1>Careers</h1>\n<p>Showing page {number} of {len(chunks)}.</p>\n"
                f"{articles}\n<nav class=\"pagination\">{' '.join(links)}</nav>\n")
        pages[path] = _chrome(site, "Careers" if number == 1 else f"Careers - Page {number}", main)
    return pages


def _strong(site: Site, rng: random.Random, base: str) -> dict[str, str]:
    p = site.prefix
    parts = [_intro(site), "<p><strong>How to Apply</strong></p>",
             "<p>Submit an employment application for each position.</p>"]
    for job in site.jobs:
        parts.append(f"""<hr>
<p><strong>{_e(job.title)}</strong></p>
<p>{_e(job.description)}</p>
<p>Salary: {_e(job.salary)}<br>Final filing date: {_e(job.closes)}</p>
<p><a href="{p}/images/employment/{job.slug}-Bulletin.pdf">Job Bulletin</a> | <a href="{p}/employment/apply?position={job.slug}">Apply</a></p>""")
    parts.append("<hr>\n<p><strong>Equal Opportunity Employer</strong></p>"
                 "<p>The District is an equal opportunity employer.</p>")
    return {site.start_path: _chrome(site, "Employment", "\n".join(parts))}


def _detail_jsonld(site: Site, rng: random.Random, base: str) -> dict[str, str]:
    p = site.prefix
    items = "\n".join(f'<li><a href="{p}/careers/{job.slug}/">{_e(job.title)}</a></li>'
                      for job in site.jobs)
    main = f"{_intro(site)}\n<h2>Current openings</h2>\n<ul class=\"job-listing\">\n{items}\n</ul>\n"
    pages = {site.start_path: _chrome(site, "Careers", main)}
    for job in site.jobs:
        ld = {"@context": "https://schema.org", **_posting_ld(site, job, base)}
        head = f'<script type="application/ld+json">{json.dumps(ld)}</script>'
        body = f"""<h1>{_e(job.title)}</h1>
<ul class="job-facts"><li><strong>Department:</strong> {_e(job.department)}</li>
<li><strong>Location:</strong> {_e(job.location)}</li>
<li><strong>Salary:</strong> {_e(job.salary)}</li></ul>
<p>{_e(job.description)}</p>
<p><a class="btn" href="{p}/careers/{job.slug}/apply">Apply Now</a></p>"""
        pages[f"{p}/careers/{job.slug}/"] = _chrome(site, job.title, body, head_extra=head)
    return pages


def _accordion(site: Site, rng: random.Random, base: str) -> dict[str, str]:
    p = site.prefix
    parts = [_intro(site), '<h2 id="open-positions">Open Positions</h2>']
    for job in site.jobs:
        parts.append(f"""<details class="job" id="job-{job.slug}">
  <summary>{_e(job.title)}</summary>
  <dl class="job-facts">
    <dt>Department</dt><dd>{_e(job.department)}</dd>
    <dt>Employment type</dt><dd>{_e(job.employment_type)}</dd>
    <dt>Salary</dt><dd>{_e(job.salary)}</dd>
    <dt>Closing date</dt><dd>{_e(job.closes)}</dd>
  </dl>
  <p>{_e(job.description)}</p>
  <p><a href="{p}/media/hr/{job.slug}.pdf">Job Description</a> &middot; <a class="button" href="{p}/apply/{job.slug}">Apply</a></p>
</details>""")
    parts.append(_outro())
    return {site.start_path: _chrome(site, "Employment Opportunities", "\n".join(parts))}


_BUILDERS = {"headings": _headings, "table": _table, "cards": _cards, "jsonld": _jsonld,
             "detail": _detail, "paginated": _paginated, "strong": _strong,
             "detail-jsonld": _detail_jsonld, "accordion": _accordion}

ROBOTS_TXT = b"User-agent: *\nDisallow: /private/\n"


def sources_yaml(sites: list[Site], base_url: str) -> str:
    """A sources file with one entry per site."""
    lines = ["sources:"]
    for site in sites:
        lines += [f"  - name: {site.name}",
                  f"    organization: {json.dumps(site.organization)}",
                  f"    start_urls: [{base_url}{site.start_path}]"]
    return "\n".join(lines) + "\n"
