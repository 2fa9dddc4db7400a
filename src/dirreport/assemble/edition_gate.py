"""What an edition must pass before it is published: no shortcode left as text, no draft called final.

Kept apart from assembly so that the full, bilingual and summary editions
refuse the same things in the same words.
"""

from __future__ import annotations

import re

from dirreport.catalogue.model import POPULATION_GROUPS
from dirreport.content import prescribed_form
from dirreport.errors import CheckFailed, InputError, Problem, Withheld
from dirreport.pipeline.project import Project

_NO_VALUE = re.compile(r"indicator (\S+) has no value for (\S+)")


def population_first(project: Project, errors: list[Problem]) -> list[Problem]:
    """A population row missing from the data: said once, at the population file, not at every figure built on it."""
    authority = project.config.authority
    causes: dict[tuple[str, tuple[str, ...]], list[str]] = {}
    symptoms: list[Problem] = []
    for error in errors:
        found = _NO_VALUE.match(error.message)
        indicator = project.catalogue.indicators.get(found.group(1)) if found else None
        if found is None or indicator is None:
            continue
        year = found.group(2)
        missing = tuple(
            band
            for term in (*indicator.numerator, *indicator.denominator)
            if term.kind == "population"
            for band in POPULATION_GROUPS.get(term.ref, ())
            if (authority, year, band) not in project.dataset.population
        )
        if missing:
            symptoms.append(error)
            quoted = causes.setdefault((year, tuple(dict.fromkeys(missing))), [])
            if indicator.id not in quoted:
                quoted.append(indicator.id)
    if not symptoms:
        return errors
    population_file = project.dataset.files.get("population", "data/population.csv")
    first = [
        Problem(
            f"has no population of {authority} for {year}, age {' and '.join(bands)}, so {len(quoted)} "
            f"{'indicator' if len(quoted) == 1 else 'indicators'} quoted in the narratives "
            f"({', '.join(quoted)}) {'has' if len(quoted) == 1 else 'have'} no value",
            file=population_file,
            hint="add "
            + ("a row" if len(bands) == 1 else "rows")
            + " authority,year,age_band,population: "
            + "; ".join(f"{authority},{year},{band},<mid-year estimate>" for band in bands),
        )
        for (year, bands), quoted in causes.items()
    ]
    return [*first, *(e for e in errors if e not in symptoms)]


def cause_first(project: Project, errors: list[Problem]) -> list[Problem]:
    """When the data holds no figures for the authority at all, say so once instead of once per figure quoted."""
    errors = population_first(project, errors)
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
        located = cause_first(project, errors)
        # a quoted [c] or [x] figure is a check that blocks publication (exit 1); anything else is a file to fix
        raise (CheckFailed if all(isinstance(e, Withheld) for e in located) else InputError)(located)
    refuse_leftover_shortcode(markdown, edition)
