"""Evidence for each quality standard: the narrative, indicators, survey results and last year's points behind it."""

from __future__ import annotations

from dirreport.checks.claims import cites_evidence
from dirreport.checks.findings import (
    ERROR,
    EVIDENCE_WORDS,
    WARNING,
    ReportCard,
    StandardCoverage,
)
from dirreport.compute.indicators import OK, weakest
from dirreport.content import prescribed_form
from dirreport.content.narrative import Narrative
from dirreport.errors import Problem
from dirreport.lang.i18n import _
from dirreport.pipeline.last_year import IMPROVE_HEADINGS
from dirreport.pipeline.project import Project, narrative_path


def narratives_of_part(project: Project, part: str, lang: str = "en") -> list[Narrative]:
    """The part's sections (i) to (iv), then the sections of its own the authority declared in it."""
    found = project.narratives.get(lang, {})
    own = tuple(s.file for s in project.config.sections if s.parent == part)
    return [found[p] for p in (f"{part}-i", f"{part}-ii", f"{part}-iii", f"{part}-iv", *own) if p in found]


def check_coverage(project: Project, card: ReportCard) -> None:
    results, catalogue, say = project.results, project.catalogue, card.lang
    heading_parts = {p.heading_id: p.id for p in prescribed_form.places() if p.kind == "part" and p.heading_id}
    for std in catalogue.standards.values():
        part = heading_parts[std.heading_id]
        row = StandardCoverage(std.id)
        card.coverage.append(row)
        label = {"number": std.number, "id": std.id, "year": results.year}
        where = narrative_path("en", f"{part}-ii")
        row.indicators = sum(
            1 for i in catalogue.indicators_for(std.id) if results.indicators[i.id].latest.status == OK
        )
        row.survey = sum(
            1
            for m in catalogue.survey_for(std.id)
            for r in results.survey_for(m.id)
            if r.latest is not None and r.latest.status == OK
        )
        if row.indicators == 0 and row.survey == 0:
            card.add(
                "coverage",
                ERROR,
                Problem(
                    _(
                        "quality standard {number} ({id}) has no evidence: no indicator and no survey result for "
                        "{year}",
                        say,
                        **label,
                    ),
                    file=where,
                    hint=_("add the metrics and survey results that evidence it", say),
                ),
            )
        elif row.indicators == 0:
            card.add(
                "coverage",
                WARNING,
                Problem(
                    _("quality standard {number} ({id}) has no indicator with a value for {year}", say, **label),
                    file=where,
                    hint=_("add the metrics its indicators use", say),
                ),
            )
        elif row.survey == 0:
            card.add(
                "coverage",
                WARNING,
                Problem(
                    _("quality standard {number} ({id}) has no survey result", say, **label),
                    file=where,
                    hint=_("add a national or local survey measure for it", say),
                ),
            )
        for lang in project.config.languages:
            for narrative in narratives_of_part(project, part, lang):
                if narrative.status != "final":
                    row.narrative_final = False  # an error of its own in checks/written.py
        english = {n.path.rsplit("/", 1)[-1][:-3]: n for n in narratives_of_part(project, part, "en")}
        improve = english.get(f"{part}-iii")
        if improve is not None:
            headings = tuple(IMPROVE_HEADINGS.values())
            row.improvement_point = any(h.text.strip().lower().startswith(headings) for h in improve.headings)
            if not row.improvement_point:
                card.add(
                    "coverage",
                    WARNING,
                    Problem(
                        _("has no 'What we need to improve' list", say),
                        file=improve.path,
                        hint=_(
                            "an honest self-assessment names what must get better; add a heading "
                            "'What we need to improve' with the points",
                            say,
                        ),
                    ),
                )
        evidence = english.get(f"{part}-ii")
        if evidence is not None:
            row.evidence_cited = cites_evidence(evidence, EVIDENCE_WORDS)
            if not row.evidence_cited:
                card.add(
                    "coverage",
                    WARNING,
                    Problem(
                        _("cites no research or evidence", say),
                        file=evidence.path,
                        hint=_("say how you know: audits, reviews, research, feedback", say),
                    ),
                )
    for result in weakest(results):
        std = catalogue.standards[result.indicator.standard]
        part = heading_parts[std.heading_id]
        mentioned = any(
            result.indicator.id in code.args for n in narratives_of_part(project, part) for code in n.shortcodes
        )
        mentioned = mentioned or any(
            result.indicator.id in code.args for n in project.narratives.get("en", {}).values() for code in n.shortcodes
        )
        if not mentioned:
            card.add(
                "coverage",
                WARNING,
                Problem(
                    _(
                        "{id} is one of the weakest indicators (worse than last year or than Wales) but no narrative "
                        "mentions it",
                        say,
                        id=result.indicator.id,
                    ),
                    file=narrative_path("en", f"{part}-i"),
                    hint=_(
                        "an honest report explains it; add {shortcode} with what is being done",
                        say,
                        shortcode=f"{{{{< indicator {result.indicator.id} >}}}}",
                    ),
                ),
            )
