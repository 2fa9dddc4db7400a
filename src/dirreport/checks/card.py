"""The report card: is the report ready for CIW and safe to publish?

Checks are grouped as a Director and Care Inspectorate Wales would read them:
evidence for each quality standard, the data, the translation, accessibility,
personal data and disclosure control.  Errors block publication
(``dirreport build`` refuses without ``--draft``); warnings are for the
author to weigh.  Every finding names its file and line where it has one.
"""

from __future__ import annotations

from dirreport.checks.accessibility import check_accessibility
from dirreport.checks.assembly import check_assembly
from dirreport.checks.claims import narrative_claims
from dirreport.checks.contradictions import contradictions
from dirreport.checks.coverage import check_coverage
from dirreport.checks.data import check_data
from dirreport.checks.disclosure import check_disclosure
from dirreport.checks.findings import (
    ERROR,
    WARNING,
    Finding,
    ReportCard,
    StandardCoverage,
)
from dirreport.checks.personal_data import check_personal_data
from dirreport.checks.report import render_card
from dirreport.checks.summary import check_summary
from dirreport.checks.translation import check_translation
from dirreport.checks.units import doubled_units
from dirreport.checks.voice import check_voice
from dirreport.checks.written import unwritten
from dirreport.errors import Problem
from dirreport.pipeline.project import Project


def run_checks(project: Project, assembled: bool = False, lang: str = "en", advisory: bool = True) -> ReportCard:
    """Every check; ``assembled`` says the editions were already assembled without error (a build).

    ``lang`` is the language of the card: the checks write their findings in it through the message catalogue.
    Without ``advisory``, the checks that can only warn and take time (readability) are left out.
    """
    card = ReportCard(lang=lang)
    if not assembled:
        check_assembly(project, card)
    check_coverage(project, card)
    check_voice(project, card)
    check_data(project, card)
    check_translation(project, card)
    check_accessibility(project, card, readability=advisory)
    if advisory:  # the summary's reading ease can only warn; scoring it loads a pronouncing dictionary
        check_summary(project, card)
    check_personal_data(project, card)
    check_disclosure(project, card)
    claims = [
        *unwritten(project, lang),
        *narrative_claims(project, lang),
        *contradictions(project, lang),
        *doubled_units(project, lang),
    ]
    for claim in claims:
        card.add(claim.section, claim.severity, claim.problem)
    for problem in project.warnings:
        card.add(problem.category or "narrative", ERROR, problem)
    return card


def blocking_problems(project: Project, assembled: bool = False) -> list[Problem]:
    """What stops publication: the card's errors, without the advisory checks that could only add warnings."""
    return [f.problem for f in run_checks(project, assembled, advisory=False).errors]


__all__ = [
    "ERROR",
    "WARNING",
    "Finding",
    "ReportCard",
    "StandardCoverage",
    "blocking_problems",
    "render_card",
    "run_checks",
]
