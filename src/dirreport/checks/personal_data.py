"""Personal data: NHS and National Insurance numbers, emails, phones, postcodes, birth dates, names, addresses.

A person's name is looked for where a title gives it away ("Mrs Gwyneth
Pryce", "Dr Rhys", "Y Parch. Huw Jones"), and a home by its house number
and street ("4 Heol y Dderwen", "12 Station Road").  The people the report
itself names - the Director, those who sign a foreword - are declared in
_quarto.yml and so are never flagged; anything else public goes in allow:.
"""

from __future__ import annotations

import re

from dirreport.checks.findings import (
    ERROR,
    ReportCard,
)
from dirreport.errors import Problem
from dirreport.lang.i18n import N_, _
from dirreport.pipeline.project import Project

EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b")
PHONE = re.compile(r"(?<![\w/])(?:\+44\s?\(?0?\)?|0)(?:\d[\s-]?){9,10}(?!\d)")
NHS = re.compile(r"(?<!\d)(\d{3})[\s-]?(\d{3})[\s-]?(\d{4})(?!\d)")
NINO = re.compile(
    r"\b(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b", re.IGNORECASE
)
POSTCODE = re.compile(r"\b(?:[A-Z]{1,2}\d[A-Z\d]?|GIR)\s?\d[ABD-HJLNP-UW-Z]{2}\b", re.IGNORECASE)
DATE = r"(?:\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)\d{2}|\d{1,2}\s+[A-Za-zŵŷ]+\s+(?:19|20)\d{2})"
# a title, English or Welsh, then a capitalised name of one to three words or initials
TITLES = (
    r"Mrs|Mr|Ms|Miss|Mx|Dr|Prof|Professor|Dame|Rev|Revd|Meistr|Mistar|Meistres|Y\s+Parch|Y\s+Parchedig|Parch"
    r"|Yr\s+Athro"
)
NAME_WORD = r"[A-ZÀ-ÖØ-ÞŴŶ](?:[\w’'-]*[\w]|\.)?"
TITLED_NAME = re.compile(rf"(?<![\w-])(?:{TITLES})\.?\s+({NAME_WORD}(?:\s+{NAME_WORD}){{0,2}})")
STREET_EN = r"Road|Street|Lane|Avenue|Close|Drive|Crescent|Terrace|Gardens|Grove|Court|Square|Way|Walk|Row|Mews"
STREET_CY = r"Heol|Ffordd|Stryd|Lôn|Lon|Rhodfa|Cilgant|Teras|Clos|Cwrt|Llwybr|Rhes|Maes|Stad"
ADDRESS = re.compile(
    rf"(?<![\w.,/£$-])\d{{1,4}}[A-Za-z]?,?\s+"
    rf"(?:(?:[A-Z][\w’'-]+\s+){{1,3}}(?:{STREET_EN})\b|(?:{STREET_CY})(?:[’']r)?\s+(?:[\w’'-]+\s+){{0,2}}[A-Z][\w’'-]+)"
)
BIRTH = re.compile(
    rf"(?:born|date of birth|d\.?o\.?b\.?|ganwyd|dyddiad geni)\W{{0,20}}(?:on\s+|ar\s+)?{DATE}", re.IGNORECASE
)


def nhs_number_valid(digits: str) -> bool:
    """The NHS number's modulus 11 check digit."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * (10 - i) for i, d in enumerate(digits[:9]))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def personal_data_in(text: str) -> list[tuple[str, str]]:
    """(kind, matched text) for everything in the text that looks like personal data."""
    found: list[tuple[str, str]] = []
    found += [("an email address", m.group(0)) for m in EMAIL.finditer(text)]
    for m in NHS.finditer(text):
        if nhs_number_valid("".join(m.groups())):
            found.append(("an NHS number", m.group(0)))
    nhs_spans = {m.span() for m in NHS.finditer(text) if nhs_number_valid("".join(m.groups()))}
    for m in PHONE.finditer(text):
        if not any(a <= m.start() < b for a, b in nhs_spans):
            found.append(("a phone number", m.group(0).strip()))
    found += [("a National Insurance number", m.group(0)) for m in NINO.finditer(text)]
    found += [("a postcode", m.group(0)) for m in POSTCODE.finditer(text)]
    found += [("a date of birth", m.group(0)) for m in BIRTH.finditer(text)]
    found += [("a person's name", m.group(0)) for m in TITLED_NAME.finditer(text)]
    found += [("a street address", m.group(0)) for m in ADDRESS.finditer(text)]
    return found


def declared_names(project: Project) -> set[str]:
    """The people the report names by its own settings: the Director and whoever signs a foreword."""
    config = project.config
    names = {config.director} if config.director else set()
    for foreword in config.forewords:
        if foreword.name is not None:
            names |= {foreword.name.en, foreword.name.cy}
    return {n.strip() for n in names if n and n.strip()}


def is_allowed(kind: str, text: str, allowed: set[str], names: set[str]) -> bool:
    """In allow:, or a declared person's name after a title ("Dr Rhian Ellis-Morgan")."""
    if text in allowed or text.strip() in allowed:
        return True
    if kind == "a person's name":
        m = TITLED_NAME.match(text)
        person = m.group(1) if m else text
        return any(person == n or n.startswith(person + " ") or n.endswith(" " + person) for n in names | allowed)
    return False


KINDS = {  # what personal data a text looks like: whole sentences, so Welsh can word each its own way
    "an email address": N_("looks like an email address ('{text}')"),
    "an NHS number": N_("looks like an NHS number ('{text}')"),
    "a phone number": N_("looks like a phone number ('{text}')"),
    "a National Insurance number": N_("looks like a National Insurance number ('{text}')"),
    "a postcode": N_("looks like a postcode ('{text}')"),
    "a date of birth": N_("looks like a date of birth ('{text}')"),
    "a person's name": N_("looks like a person's name ('{text}')"),
    "a street address": N_("looks like a street address ('{text}')"),
}


def check_personal_data(project: Project, card: ReportCard) -> None:
    allowed = set(project.config.allow)
    names = declared_names(project)

    def report(kind: str, text: str, file: str, line: int | None, kind_of_line: str = "line") -> None:
        if is_allowed(kind, text, allowed, names):
            return
        card.add(
            "personal-data",
            ERROR,
            Problem(
                _(KINDS[kind], card.lang, text=_mask(text)),
                file=file,
                line=line,
                position_kind=kind_of_line,
                hint=_(
                    "remove it; if it is not personal data (e.g. a public switchboard number), add it to "
                    "allow: in _quarto.yml",
                    card.lang,
                ),
            ),
        )

    for narratives in project.narratives.values():
        for narrative in narratives.values():
            for n, line in enumerate(narrative.lines, start=1):
                if n < narrative.body_start:
                    continue
                clean = re.sub(r"\{\{<.*?>\}\}", " ", line)
                for kind, text in personal_data_in(clean):
                    report(kind, text, narrative.path, n)
    stories = project.dataset.files.get("stories", "data/stories.csv")
    used = {
        c.args[0]
        for ns in project.narratives.values()
        for n in ns.values()
        for c in n.shortcodes
        if c.name == "quote" and c.args
    }
    for story in project.dataset.stories.values():
        for lang in ("en", "cy"):
            for kind, text in personal_data_in(story.text.get(lang, "") + " " + story.attribution.get(lang, "")):
                report(kind, text, stories, story.row, "row")
        if story.id in used and not story.consent:
            card.add(
                "personal-data",
                ERROR,
                Problem(
                    _("story {id} is quoted but has no consent", card.lang, id=story.id),
                    file=stories,
                    line=story.row,
                    position_kind="row",
                    hint=_("remove the quote, or record the person's consent", card.lang),
                ),
            )
    cases = project.dataset.files.get("case-studies", "data/case-studies.csv")
    placed = {
        c.args[0]
        for ns in project.narratives.values()
        for n in ns.values()
        for c in n.shortcodes
        if c.name == "case-study" and c.args
    }
    for case in project.dataset.case_studies.values():
        for lang in ("en", "cy"):
            for kind, text in personal_data_in(" \n".join(case.texts(lang))):
                report(kind, text, cases, case.row, "row")
        if case.id in placed and not case.consent:
            card.add(
                "personal-data",
                ERROR,
                Problem(
                    _("case study {id} is placed in the report but has no consent", card.lang, id=case.id),
                    file=cases,
                    line=case.row,
                    position_kind="row",
                    hint=_("remove its {{< case-study >}} shortcode, or record the person's consent", card.lang),
                ),
            )


def _mask(text: str) -> str:
    return text if len(text) <= 4 else text[:2] + "…" + text[-2:]
