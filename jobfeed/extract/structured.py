"""schema.org JobPosting in JSON-LD (objects, arrays, @graph, several blocks) and microdata,
read with extruct, the field's library for embedded metadata."""

from __future__ import annotations

from jobfeed.extract.page import Page
from jobfeed.html import html_to_text, sanitize_html
from jobfeed.model import Job

# extruct loads rdflib on import (~0.4 s): only pages that carry structured data pay it.
DIRECT_APPLY = "directApply: apply on the posting's page"
_PERIODS = {"HOUR": "hour", "DAY": "day", "WEEK": "week", "MONTH": "month", "YEAR": "year",
            "ANNUAL": "year", "ANNUALLY": "year", "HOURLY": "hour", "MONTHLY": "month"}


def structured_jobs(page: Page, organization: str | None) -> list[Job]:
    """Every JobPosting the page declares, in document order (JSON-LD first)."""
    text = page.text
    items: list[dict] = []
    if "application/ld+json" in text:
        from extruct.jsonld import JsonLdExtractor

        try:
            items += JsonLdExtractor().extract_items(page.full_tree, base_url=page.url)
        except ValueError:  # a broken block; the HTML strategies still run
            pass
    if "itemtype" in text and "JobPosting" in text:
        from extruct.w3cmicrodata import MicrodataExtractor

        items += [_from_microdata(item) for item in
                  MicrodataExtractor().extract_items(page.full_tree, page.url)]
    by_id = {}
    nodes = list(_walk(items))  # (nothing below changes them: walked once)
    for node in nodes:  # the full node, not a bare {"@id"} reference to it
        if node.get("@id") and len(node) > len(by_id.get(node["@id"], {})):
            by_id[node["@id"]] = node
    return [_job(page, node, by_id, organization) for node in nodes
            if _is_type(node, "JobPosting") and _text(node.get("title") or node.get("name"))]


def _walk(value):
    """Every dict in nested JSON-LD: arrays, @graph and nested objects."""
    if isinstance(value, list):
        for item in value:
            yield from _walk(item)
    elif isinstance(value, dict):
        yield value
        for key, child in value.items():
            if key != "@context" and isinstance(child, (list, dict)):  # a value holds none
                yield from _walk(child)


def _is_type(node: dict, name: str) -> bool:
    kinds = node.get("@type") or []
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return any(str(kind).rsplit("/", 1)[-1] == name for kind in kinds)


def _from_microdata(item: dict) -> dict:
    """extruct's {type, properties} microdata as a JSON-LD-like dict."""
    if not isinstance(item, dict) or "properties" not in item:
        return item
    types = item.get("type") or []
    node = {"@type": [t.rsplit("/", 1)[-1] for t in (types if isinstance(types, list)
                                                      else [types])]}
    for key, value in item["properties"].items():
        if isinstance(value, list):
            node[key] = [_from_microdata(v) for v in value]
        else:
            node[key] = _from_microdata(value)
    return node


def _resolve(value, by_id):
    """A reference ({"@id": ...}, maybe with a @type) completed from the node it names."""
    if isinstance(value, dict) and value.get("@id") in by_id and by_id[value["@id"]] is not value:
        return {**by_id[value["@id"]], **value}
    return value


def _text(value) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name") or value.get("value") or value.get("@value")
    if value is None or isinstance(value, (dict, list)):
        return None
    text = " ".join(str(value).split())
    return text or None


def _job(page: Page, node: dict, by_id: dict, organization: str | None) -> Job:
    hiring = _resolve(node.get("hiringOrganization"), by_id)
    description_html = node.get("description")
    description_html = description_html if isinstance(description_html, str) else None
    clean_html = sanitize_html(description_html) if description_html else None
    url = _text(node.get("url"))
    job = Job(
        title=_text(node.get("title") or node.get("name")),
        organization=_text(hiring) or organization,
        department=_text(_resolve(node.get("department"), by_id)),
        location=_location(node, by_id),
        employment_type=None,
        salary=_salary(_resolve(node.get("baseSalary") or node.get("estimatedSalary"), by_id)),
        description=html_to_text(clean_html) if clean_html else "",
        description_html=clean_html,
        source_url=page.url,
        job_key=_identifier(node.get("identifier")),
        strategy="json-ld" if "@context" in str(node.get("@context", "")) or node.get("@id")
        else "schema.org",
        evidence=["schema.org JobPosting"],
    )
    raw = {}
    for name, key in (("posted", "datePosted"), ("closes", "validThrough"),
                      ("employment_type", "employmentType")):
        value = node.get(key)
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        if value:
            raw[name] = str(value)
    job.raw = raw
    if url and url.startswith(("http://", "https://")):
        job.url, job.url_is_own_page = url, True
        if node.get("directApply") in (True, "true", "True"):
            job.evidence.append(DIRECT_APPLY)  # apply on the page: unless it links elsewhere
    apply = _resolve(node.get("applicationContact") or node.get("potentialAction"), by_id)
    if isinstance(apply, dict):
        target = apply.get("url") or apply.get("target")
        target = _text(target) if not isinstance(target, dict) else _text(target.get("urlTemplate"))
        if target and target.startswith(("http", "mailto:")):
            job.apply_url = target
        elif apply.get("email"):
            job.apply_url = f"mailto:{_text(apply['email'])}"
    return job


def _identifier(value) -> str | None:
    if isinstance(value, dict):
        value = value.get("value") or value.get("@value") or value.get("name")
    return _text(value)


def _location(node: dict, by_id: dict) -> str | None:
    places = node.get("jobLocation")
    places = places if isinstance(places, list) else [places] if places else []
    names = []
    for place in places:
        place = _resolve(place, by_id)
        if isinstance(place, str):
            names.append(place)
            continue
        if not isinstance(place, dict):
            continue
        address = _resolve(place.get("address"), by_id)
        if isinstance(address, dict):
            parts = [_text(address.get("addressLocality")), _text(address.get("addressRegion"))]
            text = ", ".join(p for p in parts if p)
            names.append(text or _text(address.get("streetAddress")) or "")
        elif isinstance(address, str):
            names.append(address)
        elif _text(place.get("name")):
            names.append(_text(place.get("name")))
    names = [n for n in names if n]
    if not names and str(node.get("jobLocationType", "")).upper() == "TELECOMMUTE":
        return "Remote"
    return "; ".join(dict.fromkeys(names)) or None


def _salary(value) -> dict | None:
    if not isinstance(value, dict):
        return None
    currency = _text(value.get("currency")) or "USD"
    amount = value.get("value")
    if isinstance(amount, dict):
        low = _number(amount.get("minValue"))
        high = _number(amount.get("maxValue"))
        single = _number(amount.get("value"))
        unit = _text(amount.get("unitText")) or _text(value.get("unitText"))
    else:
        low, high, single = None, None, _number(amount)
        unit = _text(value.get("unitText"))
    if low is None and high is None:
        low = single
    if low is None and high is None:
        return None
    return {"min": low, "max": high, "currency": currency.upper(),
            "period": _PERIODS.get((unit or "YEAR").upper(), "year")}


def _number(value):
    try:
        number = float(str(value).replace(",", "").replace("$", ""))
    except (TypeError, ValueError):
        return None
    return int(number) if number.is_integer() else number
