"""What makes a block of a careers page a posting: words, links, money and dates."""

from __future__ import annotations

import re

from jobfeed.extract.labels import (EMPLOYMENT_TERMS, EMPLOYMENT_WORDS, OPEN_UNTIL_FILLED,
                                    UNTIL_FILLED_WORDS, case_blind_words, find_salary,
                                    labelled_values, lowered_or_none, may_hold)

# Headings that open a list of postings.
OPENINGS_HEADING = re.compile(
    r"^\W*((current|open|available|active|recent|all( current)?|latest|featured|seasonal|other|"
    r"full[- ]time|part[- ]time|temporary|summer|winter|year[- ]round)\s+)?"
    r"((job|employment|career|staff|position)\s+)?"
    r"(openings?|opportunities|positions|vacancies|vacancy|postings|listings|jobs|"
    r"recruitments|roles)\b|"
    r"\b(career|employment|job) opportunities\b|\bjob (openings|postings|listings|board)\b|"
    r"\bopen positions\b|\bnow hiring\b|\bwe'?re hiring\b|\balso hiring\b|\bhiring now\b|"
    r"^\W*(current |paid |open )?"
    r"internships?\W*$|\binternship (openings|opportunities|positions)\b|"
    r"\bcurrent (openings|vacancies|recruitments)\b", re.I)

# Titles that are about the process or the organisation, never a posting.
NOT_A_POSTING = re.compile(
    r"^\W*(how to apply|apply|application|benefits?|employee benefits|equal (employment )?"
    r"opportunity|eeo|questions|contact|about|why (work|join)|our (values|mission|culture|"
    r"team|staff|benefits|people)|meet (the|our)|values|mission|culture|faq|frequently asked|"
    r"no (current )?(openings|vacancies|positions|jobs)|selection process|hiring process|"
    r"recruitment process|veterans|reasonable accommodation|accommodations?|disclaimer|"
    r"job alerts?|notify me|stay connected|sign up|subscribe|news|latest news|events|"
    r"upcoming events|calendar|board|committees?|resources|helpful|related|quick links|"
    r"links|notices?|follow us|connect|share|duties|responsibilities|essential (functions|"
    r"duties)|examples of duties|qualifications|minimum qualifications|requirements|"
    r"education|experience|knowledge|skills|abilities|licen[cs]es?|certifications?|"
    r"working conditions|physical demands|supplemental|special requirements|overview|"
    r"summary|description|details|compensation|salary|pay|schedule|location|the position|"
    r"the ideal candidate|the (city|county|district|town|community)|about the|"
    r"additional information|more information|important|note|documents?|forms?|"
    r"testimonials?|what .* say|internship program|volunteer opportunities|volunteer with|"
    r"volunteering|(civil service )?exam(ination)?s?|testing|test dates|eligibility lists?|"
    r"explorers?|ride-?alongs?|(recruitment |hiring )?(timeline|schedule of dates)|"
    r"(department|division|title|position|salary|location|closing date|posted|type)\W*$|"
    r"employment application|application forms?|search|menu|home|breadcrumbs?|"
    r"cookie|privacy|translate|language|before you apply|other ways|ways to (serve|help|"
    r"get involved)|get involved|view all|see all|all (jobs|openings|positions)|more (jobs|"
    r"openings)|browse|(open|visit|go to|view|search) (the |our )?(job board|jobs)|"
    r"(get |receive |sign up for )?(career|job|email) alerts|post (a|an|your) (job|opening|"
    r"position))\b|\b(resources|internship program|hiring\?)|"
    r"\b(working (for|at|with)|work (for|at|with) (us|the)|life at|examinations?|"
    r"ride-?alongs?|explorers?)\b|\b(program|programme|camp|academy)\W*$|"
    r"\b(actions|decisions|meetings?|hearings?)\W*$|"
    r"\b(events|news|resources|links|faqs?|updates|announcements|"
    r"press releases|calendar|agendas|minutes|notices|documents|forms)\W*$", re.I)
# Headings inside one posting: its duties, requirements, how to apply.
SUBSECTION = re.compile(
    r"^\W*(what you('ll)? (bring|do|need)|who you are|about (you|the (role|job|position))|"
    r"(key |essential |typical |examples of )?(duties|responsibilities|functions)|"
    r"(minimum |desired |preferred |required )?(qualifications|requirements|skills|"
    r"experience|education)|the ideal candidate|what we offer|(salary and )?benefits|"
    r"compensation( and benefits)?|perks|how to apply|application process|selection process|"
    r"working conditions|physical demands|supplemental (information|questions)|"
    r"special requirements|licen[cs]es?( and certifications?)?|knowledge|abilities|"
    r"overview|summary|description|position (summary|description)|to apply|"
    r"definition|distinguishing characteristics|supervision)\b", re.I)
NO_OPENINGS = re.compile(r"\bno (current |open )?(job )?(openings|vacancies|positions|"
                         r"opportunities)\b|\bnot (currently )?(hiring|recruiting)\b|"
                         r"\b(does|do) not (currently )?have any (current |open )?(job )?"
                         r"(openings|vacancies|positions)\b", re.I)


def says_none_open(text: str) -> bool:
    """NO_OPENINGS is in the text: "no current openings", "not hiring", "does not have
    any openings" (each holds "no " or "not ", a cheap test before the regex)."""
    lowered = text.lower()
    return ("no " in lowered or "not " in lowered) and NO_OPENINGS.search(text) is not None


# (Only tested, never read: the words grouped by first letter, several times as fast.)
JOB_WORDS = re.compile(r"\b(" + case_blind_words(
    r"manager|director|coordinator|specialist|officer|technician|assistant|analyst|"
    r"engineer|clerk|worker|operator|planner|accountant|librarian|intern|supervisor|"
    r"inspector|attorney|administrator|ranger|firefighter|police|sheriff|deputy|dispatcher|"
    r"telecommunicator|mechanic|lifeguard|aide|leader|counsel+or|associate|representative|"
    r"secretary|chief|superintendent|attendant|custodian|driver|nurse|advocate|generalist|"
    r"trainee|page|apprentice|electrician|laborer|maintenance|crew|foreman|lead|designer|"
    r"developer|architect|scientist|biologist|auditor|treasurer|controller|receptionist|"
    r"cashier|instructor|teacher|curator|paralegal|investigator|examiner|appraiser|"
    r"assessor|caseworker|therapist|paramedic|emt|correctional|detention|guard|janitor|"
    r"groundskeeper|gardener|arborist|buyer|fellow|fellowship|coach|steward|"
    r"agent|scheduler|writer|editor|strategist|consultant|advisor|adviser|liaison|"
    r"i{1,3}|iv|trainer|recruiter|generalist|estimator|surveyor|"
    r"drafter|helper|porter|cook|server|bus operator|tech") + r")\b")
JOB_URL = re.compile(r"/(jobs?|careers?|employment|postings?|positions?|openings?|vacanc|"
                     r"recruit|opportunit)|[?&](job|jobid|posting|req)[_-]?(id)?=", re.I)
CLOSING_WORDS = re.compile(r"\b(clos(es|ing)|deadline|final filing|apply by|filing date|"
                           r"open until|until filled|continuous)\b", re.I)
# Words each match of CLOSING_WORDS or OPEN_UNTIL_FILLED holds.
_CLOSING_TERMS = ("clos", "deadline", "filing", "apply by", *UNTIL_FILLED_WORDS)
_SENTENCE_END = re.compile(r"[.!?]\s*$")
_ABBREVIATION_END = re.compile(r"\b[A-Z][a-z]{0,3}\.$")  # "Sr.", "Asst."
_LETTER = re.compile(r"[A-Za-zÀ-ÿ]")
_QUESTION_START = re.compile(r"^(how|what|why|when|where|who|can|do|does|is|are|will|"
                             r"should)\b", re.I)


def is_title_like(text: str) -> bool:
    """Short, name-like text: not a sentence, a question or a date."""
    text = text.strip()
    if not (2 <= len(text) <= 110) or "\n" in text:
        return False
    if len(text.split()) > 15 or _QUESTION_START.match(text) or text.endswith("?"):
        return False
    if _SENTENCE_END.search(text) and not _ABBREVIATION_END.search(text):
        return False
    return bool(_LETTER.search(text))


# "Jobs with airport tenants", "Other jobs in the region": openings of someone else.
_OTHERS_OPENINGS = re.compile(r"\b(with|tenants?|partners?|elsewhere|related|outside|"
                              r"external|nearby|regional|in the (area|region)|typically|"
                              r"usually|past|previous|future|recently|filled)\b", re.I)


def is_openings_heading(text: str) -> bool:
    """"Career Opportunities", "Current Openings": a heading over this employer's postings."""
    return len(text) <= 80 and bool(OPENINGS_HEADING.search(text)) \
        and not _OTHERS_OPENINGS.search(text) and not is_noise_title(text)


# A link or heading naming a kind of jobs, not one: "Certificated (Teaching) Employment".
CATEGORY_TITLE = re.compile(r"\b(employment|careers?|jobs|opportunities|openings|positions|"
                            r"vacancies|listings)\W*$", re.I)


# Programmes, not positions, even with a job word in them: "Junior Lifeguard Camp".
_PROGRAM = re.compile(r"\b(camp|programs?|programmes?|academy|explorers?( post \d+)?|"
                      r"ride-?alongs?|classes|lessons)\W*$", re.I)
_TITLE_PART_END = re.compile(r"\s[-–—]\s|,\s|\(")
_BILINGUAL = re.compile(r"\s+/\s+")
_PROGRAM_TERMS = ("camp", "program", "academy", "explorer", "ride", "classes", "lessons")


def is_noise_title(text: str) -> bool:
    """About the process or the organisation; "Benefits Coordinator" is still a job."""
    # the programme must be the thing named, not a part of a job's title after a dash or comma
    if says_none_open(text) or (may_hold(lowered_or_none(text), _PROGRAM_TERMS)
                                and _PROGRAM.search(_TITLE_PART_END.split(text, 1)[0])):
        return True
    if JOB_WORDS.search(text):
        return False
    # bilingual headings: "Beneficios / Benefits"
    return any(NOT_A_POSTING.search(part) for part in _BILINGUAL.split(text))


def content_evidence(text: str, memo: dict | None = None) -> tuple[int, list[str]]:
    """Points and reasons from a block's text: money, closing dates, labelled fields.
    `memo`: the page's, for labelled_values."""
    points, reasons = 0, []
    labels = labelled_values(text, memo)
    if "salary" in labels or find_salary(text):
        points += 2
        reasons.append("salary")
    lowered = lowered_or_none(text)
    if "closes" in labels or (may_hold(lowered, _CLOSING_TERMS) and (
            CLOSING_WORDS.search(text) or OPEN_UNTIL_FILLED.search(text))):
        points += 2
        reasons.append("closing date")
    for name in ("location", "department", "employment_type"):  # "Posted on": news too
        if name in labels:
            points += 1
            reasons.append(f"{name} label")
    if "employment_type" not in labels and may_hold(lowered, EMPLOYMENT_TERMS) \
            and EMPLOYMENT_WORDS.search(text[:300]):
        points += 1
        reasons.append("employment type")
    return points, reasons


def title_evidence(title: str) -> tuple[int, list[str]]:
    if JOB_WORDS.search(title):
        return 1, ["job-title words"]
    return 0, []


# A group of past postings: "Archived Recruitments (Closed)", "Closed Positions".
CLOSED_GROUP = re.compile(
    r"\b(archived?|closed|past|previous|filled|expired|former)\b.{0,30}\b(recruitments?|"
    r"postings?|positions?|openings?|jobs?|vacancies|opportunities)\b|^\W*(archives?|"
    r"closed|filled)\W*$", re.I)
# A posting marked as over: "Accountant II - CLOSED", "This recruitment has closed".
CLOSED_POSTING = re.compile(
    r"[-–(\[]\s*(closed|filled|cancel+ed|expired|no longer accepting)\b|"
    r"\bthis (recruitment|position|posting|job|vacancy) (has|is) (now )?(been )?"
    r"(closed|filled|cancel+ed)\b|\bno longer accepting applications\b|"
    r"^\W*(closed|filled)\W", re.I)


_CLOSED_TERMS = ("closed", "filled", "cancel", "expired", "no longer accepting")  # in each match


def is_closed_posting(title: str, description: str) -> bool:
    return bool(may_hold(lowered_or_none(title), _CLOSED_TERMS) and CLOSED_POSTING.search(title)
                or may_hold(lowered_or_none(description[:300]), _CLOSED_TERMS)
                and CLOSED_POSTING.search(description[:300]))
