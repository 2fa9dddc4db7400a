"""The summary edition's reading ease: a summary for the public is held to its own, stricter target.

The full report's sections are each held to ``readability-target``; the
summary (``summary: {readability-target: 60}``) is read by people who will
not read the full report, often young people, so the prose it is made from
(the Director's summary and the priorities) is scored as one text against the
summary's own target.  Flesch reading ease is an English measure; the Welsh
summary is the translation of the same text.
"""

from __future__ import annotations

from dirreport.assemble.summary import PLACES
from dirreport.checks.accessibility import reading_ease
from dirreport.checks.findings import WARNING, ReportCard
from dirreport.errors import Problem
from dirreport.lang.i18n import _
from dirreport.pipeline.project import Project

EDITION = "en-summary"


def check_summary(project: Project, card: ReportCard) -> None:
    settings = project.config.summary
    if not settings.enabled or "en" not in project.config.languages:
        return
    narratives = [n for pid in PLACES if (n := project.narratives.get("en", {}).get(pid)) is not None]
    score = reading_ease(narratives)
    if score is None:
        return
    card.readability[EDITION] = round(score, 1)
    if score < settings.readability_target:
        card.add(
            "accessibility",
            WARNING,
            Problem(
                _(
                    "the summary edition reads harder than its target: Flesch reading ease {score}, target {target}",
                    card.lang,
                    score=f"{score:.0f}",
                    target=f"{settings.readability_target:g}",
                ),
                file=narratives[0].path,
                hint=_(
                    "the summary is made from this section and the priorities: use shorter sentences and "
                    "everyday words, or set summary: {setting} in _quarto.yml",
                    card.lang,
                    setting="{readability-target: ...}",
                ),
            ),
        )
