"""What an edition must pass before it is published: no shortcode left as text, no draft called final.

Kept apart from assembly so that the full, bilingual and summary editions
refuse the same things in the same words.
"""

from __future__ import annotations

from dirreport.content import prescribed_form
from dirreport.errors import InputError, Problem
from dirreport.pipeline.project import Project


def cause_first(project: Project, errors: list[Problem]) -> list[Problem]:
    """When the data holds no figures for the authority at all, say so once instead of once per figure quoted."""
    authority = project.config.authority
    if any(a == authority for a, _y, _c in project.dataset.metrics):
        return errors
    empty = not project.dataset.metrics  # no comparators either: comparison charts are symptoms too
    symptoms = [
        e
        for e in errors
        if " has no value for " in e.message or (empty and "no other authorities' figures" in e.message)
    ]
    if not symptoms:
        return errors
    metrics_file = project.dataset.files.get("metrics", "data/metrics.csv")
    cause = Problem(
        f"has no figures for {authority}, so none of the figures the narratives quote has a value",
        file=metrics_file,
        line=2,
        position_kind="row",
        hint="add the authority's figures (authority,year,metric,value), import a StatsWales table with "
        "'dirreport data import FILE', or check the authority code in _quarto.yml",
    )
    return [cause, *(e for e in errors if e not in symptoms)]


def refuse_leftover_shortcode(markdown: str, edition: str) -> None:
    """Nothing of the form {{< may reach a published report: the narrative checks should have found it first."""
    from dirreport.content.integrity import leftover_shortcode

    found = leftover_shortcode(markdown)
    if found is not None:
        raise InputError(
            Problem(
                f"the {edition} report would print '{found.strip()}' as text",
                file="narratives/",
                hint="a shortcode is not closed or was written into a template or a data file; "
                "search the narratives, templates and data for {{<",
            )
        )


def is_draft_edition(project: Project, languages: list[str]) -> bool:
    """Any section in these languages missing or not marked final makes the edition a draft."""
    places = [
        p
        for p in prescribed_form.narrative_places_of(project.config)
        if prescribed_form.in_force(p, project.config.year)
    ]
    for lang in languages:
        narratives = project.narratives.get(lang, {})
        if any(p.id not in narratives for p in places):
            return True
        if any(n.status != "final" for n in narratives.values()):
            return True
    return False


def refuse_unpublishable(project: Project, errors: list[Problem], markdown: str, edition: str) -> None:
    """Every edition's last word before publication: its assembly's problems, then a shortcode left as text."""
    if errors:
        raise InputError(cause_first(project, errors))
    refuse_leftover_shortcode(markdown, edition)
