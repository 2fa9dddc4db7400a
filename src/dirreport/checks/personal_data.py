"""Personal data: NHS numbers, National Insurance numbers, emails, phone numbers, postcodes and birth dates."""

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
    return found


KINDS = {  # what personal data a text looks like: whole sentences, so Welsh can word each its own way
    "an email address": N_("looks like an email address ('{text}')"),
    "an NHS number": N_("looks like an NHS number ('{text}')"),
    "a phone number": N_("looks like a phone number ('{text}')"),
    "a National Insurance number": N_("looks like a National Insurance number ('{text}')"),
    "a postcode": N_("looks like a postcode ('{text}')"),
    "a date of birth": N_("looks like a date of birth ('{text}')"),
}


def check_personal_data(project: Project, card: ReportCard) -> None:
    allowed = set(project.config.allow)

    def report(kind: str, text: str, file: str, line: int | None, kind_of_line: str = "line") -> None:
        if text in allowed or text.strip() in allowed:
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
