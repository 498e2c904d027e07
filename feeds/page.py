"""index.html: the open jobs for people, searchable in the browser with no server.

The list is plain HTML, readable with scripts off; a small inline script adds the
search box and filters (the same keyword language as the feeds file). A
Content-Security-Policy lets only that script and style run, so nothing a careers
page smuggled into a job could execute even if it got past escaping.
"""

from __future__ import annotations

import base64
import hashlib
import html
from datetime import date, datetime

from feeds.filters import annual
from feeds.meta import (FeedMeta, clean, closing_line, entry_link, feed_updated,
                        format_salary, safe_url)
from jobfeed.html import strip_forbidden

SEARCH_TEXT_LIMIT = 600  # characters of description the search box looks in

STYLE = """
:root { color-scheme: light dark; --fg: #1b1f24; --bg: #fff; --muted: #57606a;
  --line: #d0d7de; --accent: #0a58ca; --card: #f6f8fa; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6edf3; --bg: #0d1117; --muted: #9da7b3; --line: #30363d;
    --accent: #6cb6ff; --card: #161b22; } }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
  white-space: nowrap; }
body { margin: 0; font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: var(--fg); background: var(--bg); overflow-wrap: anywhere; }
header, main, footer { max-width: 60rem; margin: 0 auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin: 1rem 0 .25rem; }
h2 { font-size: 1.25rem; margin: 1.5rem 0 .5rem; }
h3 { font-size: 1.05rem; margin: 0 0 .25rem; }
a { color: var(--accent); }
a:focus-visible, input:focus-visible, select:focus-visible, button:focus-visible {
  outline: 3px solid var(--accent); outline-offset: 2px; }
.skip { position: absolute; left: -999rem; }
.skip:focus { left: 1rem; top: 1rem; background: var(--bg); padding: .5rem; z-index: 1; }
.muted { color: var(--muted); }
form { display: grid; gap: .75rem 1rem; align-items: end;
  grid-template-columns: repeat(auto-fit, minmax(min(100%, 9.5rem), 1fr)); }
form .wide { grid-column: 1 / -1; }
label { display: block; font-weight: 600; margin-bottom: .2rem; }
input, select, button { font: inherit; width: 100%; padding: .45rem .5rem; color: var(--fg);
  background: var(--bg); border: 1px solid var(--line); border-radius: .35rem; min-height: 2.75rem; }
button { cursor: pointer; background: var(--card); }
.help { font-size: .875rem; margin: .2rem 0 0; }
.jobs { list-style: none; padding: 0; margin: 0; display: grid; gap: .75rem; }
.job { background: var(--card); border: 1px solid var(--line); border-radius: .5rem;
  padding: .75rem 1rem; }
.job p { margin: .2rem 0; }
.job dl { display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; margin: .25rem 0; }
.job dl div { display: flex; gap: .35rem; }
.job dt { color: var(--muted); }
.job dd { margin: 0; }
.links { display: flex; flex-wrap: wrap; gap: .5rem 1rem; margin: .25rem 0 0; }
.feeds { padding-left: 1.25rem; }
.feeds li { margin: .25rem 0; }
footer { margin: 2rem auto; }
"""

SCRIPT = r"""
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var list = document.getElementById("jobs");
  var status = document.getElementById("count");
  var none = document.getElementById("none");
  var items = Array.prototype.slice.call(list.children);
  items.forEach(function (li, i) { li.dataset.order = String(i); });
  var total = items.length;
  // How many jobs are open in all: more than are listed when the page is capped.
  var open = Number(list.getAttribute("data-open")) || total;
  function count(n) { return n.toLocaleString("en-US"); }

  function fold(text) {
    return (text || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function words(text) { return fold(text).match(/[\p{L}\p{N}_]+/gu) || []; }

  // The feeds file's keyword language: words, "a phrase", OR, -word, prefix*.
  function parse(text) {
    var groups = [[]], re = /(-?)"([^"]*)"?|(\S+)/g, m;
    while ((m = re.exec(text)) !== null) {
      if (m[3] === "OR") { groups.push([]); continue; }
      var negated = m[1] === "-", phrase = m[2], prefix = false;
      if (m[3] !== undefined) {
        negated = m[3].length > 1 && m[3].charAt(0) === "-";
        phrase = negated ? m[3].slice(1) : m[3];
        prefix = /\*$/.test(phrase);
      }
      var w = words(phrase);
      if (w.length) groups[groups.length - 1].push({ words: w, negated: negated, prefix: prefix });
    }
    return groups.filter(function (g) { return g.length; });
  }
  function found(term, hay) {
    var n = term.words.length;
    for (var s = 0; s + n <= hay.length; s++) {
      var ok = true;
      for (var k = 0; k < n && ok; k++) {
        var want = term.words[k], got = hay[s + k];
        ok = (k === n - 1 && term.prefix) ? got.indexOf(want) === 0 : got === want;
      }
      if (ok) return true;
    }
    return false;
  }
  function matchesQuery(groups, hay) {
    if (!groups.length) return true;
    return groups.some(function (g) {
      return g.every(function (t) { return found(t, hay) !== t.negated; });
    });
  }

  var haystacks = items.map(function (li) { return words(li.dataset.text); });
  var fields = ["q", "org", "loc", "type", "min", "sort"];

  function apply() {
    var q = parse(form.q.value), org = form.org.value, type = form.type.value;
    var loc = " " + words(form.loc.value).join(" ") + " ";
    var min = parseFloat(form.min.value);
    var shown = 0;
    items.forEach(function (li, i) {
      var ok = matchesQuery(q, haystacks[i])
        && (!org || li.dataset.org === org)
        && (!type || li.dataset.type === type)
        && (loc === "  " || (" " + words(li.dataset.loc).join(" ") + " ").indexOf(loc) !== -1)
        && (isNaN(min) || (li.dataset.salary !== "" && parseFloat(li.dataset.salary) >= min));
      li.hidden = !ok;
      if (ok) shown++;
    });
    var order = items.slice();
    if (form.sort.value === "closing") {
      order.sort(function (a, b) {
        var x = a.dataset.closes || "9999", y = b.dataset.closes || "9999";
        return x < y ? -1 : x > y ? 1 : a.dataset.order - b.dataset.order;
      });
    }
    order.forEach(function (li) { list.appendChild(li); });
    status.textContent = open > total && shown === total
        ? "Showing the newest " + count(total) + " of " + count(open) + " open jobs"
      : open > total ? "Showing " + count(shown) + " of the newest " + count(total) + " open jobs"
      : total === 1 && shown === 1 ? "Showing the only open job"
      : shown === total ? "Showing all " + count(total) + " open jobs"
      : "Showing " + count(shown) + " of " + count(total) + " open "
        + (total === 1 ? "job" : "jobs");
    none.hidden = shown !== 0 || total === 0;
    var params = new URLSearchParams();
    fields.forEach(function (name) { if (form[name].value) params.set(name, form[name].value); });
    try {
      history.replaceState(null, "", params.toString() ? "?" + params : location.pathname);
    } catch (e) { /* file:// pages may refuse; the filters still work */ }
  }

  var initial = new URLSearchParams(location.search);
  fields.forEach(function (name) { if (initial.get(name)) form[name].value = initial.get(name); });
  form.hidden = false;
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  apply();
})();
"""

_TYPES = ("full-time", "part-time", "temporary", "seasonal", "internship", "contract",
          "volunteer")


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


CSP = (f"default-src 'none'; script-src {_hash(SCRIPT)}; style-src {_hash(STYLE)}; "
       "img-src 'self' data:; base-uri 'none'; form-action 'none'")


def render_index(jobs: list[dict], feeds: list[FeedMeta], title: str, now: datetime,
                 language: str = "en", *, total: int | None = None,
                 updated: datetime | None = None) -> bytes:
    """The page; a pure function of its inputs (`now` only dates an empty list).

    `jobs` are the ones listed, newest first; when the publisher lists only the newest,
    `total` says how many are open in all and `updated` when the newest of them changed.
    """
    esc = _esc
    jobs = [clean(job) for job in jobs]
    updated = updated or feed_updated(jobs, now)
    total = len(jobs) if total is None else max(total, len(jobs))
    capped = total > len(jobs)
    order = f"the newest {len(jobs):,} listed here" if capped else "newest first"
    open_attribute = f' data-open="{total}"' if capped else ""  # the script says "of N"
    organizations = sorted({j["organization"] for j in jobs if j.get("organization")},
                           key=str.casefold)
    locations = sorted({j["location"] for j in jobs if j.get("location")}, key=str.casefold)
    types = [t for t in _TYPES if any(j.get("employment_type") == t for j in jobs)]
    main_feed = next((f for f in feeds if f.group == "all"), None)

    out = [
        "<!doctype html>",
        f'<html lang="{esc(language)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta http-equiv="Content-Security-Policy" content="{esc(CSP)}">',
        '<meta name="referrer" content="no-referrer">',
        '<link rel="icon" href="data:,">',  # no favicon request, no 404 in the logs
        f"<title>{esc(title)}: open jobs</title>",
    ]
    if main_feed:
        for extension, kind in (("rss", "application/rss+xml"), ("atom", "application/atom+xml"),
                                ("json", "application/feed+json")):
            out.append(f'<link rel="alternate" type="{kind}" title="{esc(main_feed.title)}" '
                       f'href="{esc(main_feed.slug)}.{extension}">')
    out += [
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        '<a class="skip" href="#jobs-heading">Skip to the jobs</a>',
        "<header>",
        f"<h1>{esc(title)}</h1>",
        f'<p class="muted">{total:,} open {"job" if total == 1 else "jobs"}, {order}'
        f' · updated <time datetime="{updated:%Y-%m-%dT%H:%M:%SZ}">'
        f"{updated:%Y-%m-%d %H:%M} UTC</time> · "
        '<a href="#subscribe-heading">subscribe to a feed</a></p>',
        "</header>",
        "<main>",
        '<section aria-labelledby="search-heading">',
        '<h2 id="search-heading">Search and filter</h2>',
        '<form id="filters" role="search" hidden>',
        '<div class="wide"><label for="q">Keywords</label>',
        '<input id="q" name="q" type="search" autocomplete="off" '
        'aria-describedby="q-help" placeholder="e.g. &quot;park ranger&quot; OR planner">',
        '<p id="q-help" class="help muted">Words are all looked for in the title and description;'
        ' use quotes for a phrase, OR for either, and -word to leave a word out.</p></div>',
        '<div><label for="org">Organization</label><select id="org" name="org">',
        '<option value="">All organizations</option>',
        *(f'<option value="{esc(o)}">{esc(o)}</option>' for o in organizations),
        "</select></div>",
        '<div><label for="loc">Location</label>',
        '<input id="loc" name="loc" type="text" list="locations" autocomplete="off">',
        '<datalist id="locations">',
        *(f'<option value="{esc(place)}"></option>' for place in locations),
        "</datalist></div>",
        '<div><label for="type">Employment type</label><select id="type" name="type">',
        '<option value="">Any type</option>',
        *(f'<option value="{t}">{t}</option>' for t in types),
        "</select></div>",
        '<div><label for="min">Minimum salary, a year</label>',
        '<input id="min" name="min" type="number" min="0" step="1000" inputmode="numeric"></div>',
        '<div><label for="sort">Order</label><select id="sort" name="sort">',
        '<option value="">Newest first</option>',
        '<option value="closing">Closing soonest</option></select></div>',
        '<div><button type="reset">Clear all filters</button></div>',
        "</form>",
        f'<p id="count" role="status" aria-live="polite">{_count(len(jobs), total)}</p>',
        "</section>",
        '<section aria-labelledby="jobs-heading">',
        '<h2 id="jobs-heading">Open jobs</h2>',
        "" if jobs else "<p>No open jobs right now. Subscribe to a feed below to hear of "
                        "the next one.</p>",
        *([f'<p id="capped">This page lists the newest {len(jobs):,} of the {total:,} open '
           "jobs; the search and filters look only at these. For the others, subscribe to "
           '<a href="#subscribe-heading">a feed</a>'
           + (": each source has its own" if any(f.group == "source" for f in feeds) else "")
           + ".</p>"] if capped else []),
        f'<ol id="jobs" class="jobs"{open_attribute}>',
        *(_job_item(job) for job in jobs),
        "</ol>",
        '<p id="none" hidden>No open job matches these filters. '
        "Try fewer words, or clear the filters.</p>",
        "</section>",
        _subscribe(feeds),
        "</main>",
        '<footer class="muted"><p>Made with jobfeed from the organisations\' own careers '
        "pages. Each posting links to its source; check it before you apply.</p></footer>",
        f"<script>{SCRIPT}</script>",
        "</body>",
        "</html>",
        "",
    ]
    return strip_forbidden("\n".join(out)).encode("utf-8")


def _count(listed: int, total: int) -> str:
    """What the status line says before any filter (the script says the same)."""
    if total > listed:
        return f"Showing the newest {listed:,} of {total:,} open jobs"
    return "Showing the only open job" if listed == 1 else f"Showing all {listed:,} open jobs"


def _esc(value) -> str:
    return html.escape(str(value), quote=True)


def _job_item(job: dict) -> str:
    esc = _esc
    salary = job.get("salary")
    yearly = annual(salary)
    search = " ".join(filter(None, (
        job.get("title"), job.get("organization"), job.get("department"), job.get("location"),
        (job.get("description") or "")[:SEARCH_TEXT_LIMIT])))
    anchor = f"job-{esc(job['id'])}"
    link = entry_link(job)
    heading = (f'<a href="{esc(link)}">{esc(job["title"])}</a>' if link
               else esc(job["title"]))
    facts = []
    if job.get("location"):
        facts.append(("Location", esc(job["location"])))
    if format_salary(salary):
        facts.append(("Salary", esc(format_salary(salary))))
    if job.get("employment_type"):
        facts.append(("Type", esc(job["employment_type"])))
    if job.get("closes"):
        facts.append(("Closes", _date(job["closes"])))
    elif closing_line(job):
        facts.append(("Closes", "open until filled"))
    facts.append(("Listed", _date(job["first_seen"][:10])))
    links = []
    if link:
        links.append(f'<a href="{esc(link)}">View posting<span class="sr"> for '
                     f'{esc(job["title"])}</span></a>')
    apply_url = safe_url(job.get("apply_url"))
    if apply_url:
        links.append(f'<a href="{esc(apply_url)}">Apply<span class="sr"> for '
                     f'{esc(job["title"])}</span></a>')
    for document in job.get("documents") or []:
        url = safe_url(document.get("url")) if isinstance(document, dict) else None
        if url:
            links.append(f'<a href="{esc(url)}">{esc(document.get("label") or "Document")}</a>')
    organization = " · ".join(filter(None, (job.get("organization"), job.get("department"))))
    return "\n".join([
        f'<li class="job" data-org="{esc(job.get("organization") or "")}" '
        f'data-loc="{esc(job.get("location") or "")}" '
        f'data-type="{esc(job.get("employment_type") or "")}" '
        f'data-salary="{"" if yearly is None else f"{yearly:.0f}"}" '
        f'data-closes="{esc(job.get("closes") or "")}" data-text="{esc(search)}">',
        f'<article aria-labelledby="{anchor}">',
        f'<h3 id="{anchor}">{heading}</h3>',
        f'<p class="muted">{esc(organization)}</p>' if organization else "",
        "<dl>" + "".join(f"<div><dt>{name}</dt><dd>{value}</dd></div>"
                         for name, value in facts) + "</dl>",
        f'<p class="links">{" ".join(links)}</p>' if links else "",
        "</article>",
        "</li>",
    ])


def _date(value: str) -> str:
    try:
        day = date.fromisoformat(value)
    except (TypeError, ValueError):
        return _esc(value)
    return f'<time datetime="{day.isoformat()}">{day.day} {day:%b %Y}</time>'


def _subscribe(feeds: list[FeedMeta]) -> str:
    esc = _esc
    parts = ['<section aria-labelledby="subscribe-heading">',
             '<h2 id="subscribe-heading">Subscribe</h2>',
             "<p>Follow new openings in your feed reader: each job appears once, and leaves "
             "when it closes. Every feed comes as RSS, Atom and JSON Feed; "
             '<a href="feeds.opml">all feeds as one OPML file</a> imports them at once.</p>']
    for group, heading in (("all", "Everything"), ("filter", "Filtered feeds"),
                           ("source", "By source")):
        members = [f for f in feeds if f.group == group]
        if not members:
            continue
        parts.append(f"<h3>{heading}</h3>")
        parts.append('<ul class="feeds">')
        for meta in members:
            label = esc(meta.label)
            parts.append(
                f"<li>{label}: "
                f'<a href="{esc(meta.slug)}.rss" type="application/rss+xml">'
                f'RSS<span class="sr"> feed of {label}</span></a> · '
                f'<a href="{esc(meta.slug)}.atom" type="application/atom+xml">'
                f'Atom<span class="sr"> feed of {label}</span></a> · '
                f'<a href="{esc(meta.slug)}.json" type="application/feed+json">'
                f'JSON Feed<span class="sr"> of {label}</span></a></li>')
        parts.append("</ul>")
    parts.append("</section>")
    return "\n".join(parts)
