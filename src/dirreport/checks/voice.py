"""People's voice for each quality standard: a report should say what people themselves told us.

A standard has people's voice when the report shows, for it, either a case
study or story linked to it (its ``standards`` column) and placed in a
narrative, or a survey result from people who use services or carers — not
staff — shown in its evidence.  A standard without one is a warning: the
figures say what was done, not what it meant to the people it was done for.
"""

from __future__ import annotations

from dataclasses import dataclass

from dirreport.checks.findings import WARNING, ReportCard
from dirreport.compute.indicators import OK
from dirreport.content import prescribed_form
from dirreport.errors import Problem
from dirreport.lang.i18n import _
from dirreport.pipeline.project import Project, narrative_path

STAFF_GROUPS = frozenset({"staff"})


@dataclass(frozen=True)
class Voice:
    """Where a standard's people's voice comes from: placed case studies and stories, survey results."""

    standard: str
    case_studies: tuple[str, ...]
    stories: tuple[str, ...]
    survey: tuple[str, ...]

    @property
    def heard(self) -> bool:
        return bool(self.case_studies or self.stories or self.survey)


def placed(project: Project, shortcode: str) -> set[str]:
    """The ids a shortcode places in the narratives of the editions being built."""
    return {
        code.args[0]
        for lang in project.config.languages
        for narrative in project.narratives.get(lang, {}).values()
        for code in narrative.shortcodes
        if code.name == shortcode and code.args
    }


def voices(project: Project) -> list[Voice]:
    """Each quality standard's people's voice, in the catalogue's order."""
    catalogue, results, dataset = project.catalogue, project.results, project.dataset
    cases, stories = placed(project, "case-study"), placed(project, "quote")
    out = []
    for std in catalogue.standards.values():
        case_ids = tuple(
            c.id for c in dataset.case_studies.values() if c.id in cases and c.consent and std.id in c.standards
        )
        story_ids = tuple(
            s.id for s in dataset.stories.values() if s.id in stories and s.consent and std.id in s.standards
        )
        survey = tuple(
            r.key
            for m in catalogue.survey_for(std.id)
            for r in results.survey_for(m.id)
            if r.group not in STAFF_GROUPS and r.latest is not None and r.latest.status == OK
        )
        out.append(Voice(std.id, case_ids, story_ids, survey))
    return out


def check_voice(project: Project, card: ReportCard) -> None:
    """A warning for each quality standard that no person who uses services or cares speaks to."""
    catalogue = project.catalogue
    parts = {p.heading_id: p.id for p in prescribed_form.places() if p.kind == "part" and p.heading_id}
    file = project.dataset.files.get("case-studies", "data/case-studies.csv")
    heard = {v.standard: v.heard for v in voices(project)}
    for row in card.coverage:
        row.voice = heard.get(row.standard, row.voice)
    for std in catalogue.standards.values():
        if heard[std.id]:
            continue
        part = parts[std.heading_id]
        measures = [m.id for m in catalogue.survey_for(std.id) if any(g not in STAFF_GROUPS for g in m.groups)]
        say = card.lang
        survey_hint = (
            _(
                "or add survey results from people who use services or carers for {measures} to data/survey.csv",
                say,
                measures=", ".join(measures),
            )
            if measures
            else _(
                "or define a survey measure for {id} asked of people who use services or carers in "
                "data/local-catalogue.yml and add its results to data/survey.csv",
                say,
                id=std.id,
            )
        )
        card.add(
            "coverage",
            WARNING,
            Problem(
                _(
                    "quality standard {number} ({id}) has no people's voice: no case study or story linked to it "
                    "is placed in the report, and no survey result from people who use services or carers is "
                    "shown under it (staff surveys do not count)",
                    say,
                    number=std.number,
                    id=std.id,
                ),
                file=narrative_path("en", f"{part}-i"),
                hint=_(
                    "add a case study linked to {id} to {file} (standards column) with the person's consent and "
                    "place it here with {shortcode}, {survey_hint}",
                    say,
                    id=std.id,
                    file=file,
                    shortcode="{{< case-study ID >}}",
                    survey_hint=survey_hint,
                ),
            ),
        )
