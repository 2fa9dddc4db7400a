"""What the narrative claims, held to what is there: written text, cited evidence, bases, the law in force.

These checks read the narrative as an inspector would.  A section still
holding the placeholder ``dirreport new`` wrote is not written; evidence is
looked for in what the author wrote, never in the guidance comment or the
placeholder; a percentage quoted in a sentence on a handful of cases is
flagged; an Act or section cited in a report year before it was in force is
flagged; and the sufficiency section, due from 2026-27, must say something.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from dirreport.content import prescribed_form
from dirreport.content.narrative import Narrative
from dirreport.errors import Problem
from dirreport.lang.i18n import N_, _
from dirreport.pipeline.project import Project

# the scaffold's placeholder in each language (scaffold.stub), and the translation marker
PLACEHOLDER_MARKERS = ("[Placeholder:", "[Dalfan:")
COMMENT = re.compile(r"<!--.*?-->", re.S)
# a percentage in a sentence resting on fewer cases than this is flagged: one case more or less moves
# it by over three percentage points
SMALL_BASE = 30


@dataclass(frozen=True)
class Law:
    """An Act or a section the tool knows the start of, and how a narrative names it."""

    name: str
    pattern: re.Pattern[str]
    first_year: str  # the first report year (financial year) in which it is in force


LAWS = (
    # Royal Assent on 24 March 2025, within the 2024-25 year
    Law(
        N_("the Health and Social Care (Wales) Act 2025"),
        re.compile(r"Health and Social Care \(Wales\) Act 2025|Deddf Iechyd a Gofal Cymdeithasol \(Cymru\) 2025", re.I),
        "2024-25",
    ),
    # section 75D of the 2014 Act (report on the sufficiency of accommodation), in force 1 April 2026
    Law(
        N_("section 75D of the Social Services and Well-being (Wales) Act 2014"),
        re.compile(r"\b(?:section|sections|s\.|adran|adrannau)\s*75D\b", re.I),
        "2026-27",
    ),
)


@dataclass(frozen=True)
class Claim:
    severity: str  # error | warning
    section: str  # the report card's section
    problem: Problem


def prose_lines(narrative: Narrative) -> Iterator[tuple[int, str]]:
    """The body's lines as the author wrote them: HTML comments blanked (line numbers kept)."""
    body_start = narrative.body_start
    text = "\n".join(narrative.lines[body_start - 1 :])
    text = COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    for offset, line in enumerate(text.split("\n")):
        yield body_start + offset, line


def written_text(narrative: Narrative) -> str:
    """What the author wrote: no comments, no placeholder, no headings, no shortcodes."""
    kept = []
    for _n, line in prose_lines(narrative):
        if any(marker in line for marker in PLACEHOLDER_MARKERS) or line.lstrip().startswith("#"):
            continue
        kept.append(re.sub(r"\{\{<.*?>\}\}", " ", line))
    return " ".join(" ".join(kept).split())


def placeholder_lines(narrative: Narrative) -> list[int]:
    return [n for n, line in prose_lines(narrative) if any(m in line for m in PLACEHOLDER_MARKERS)]


def cites_evidence(narrative: Narrative, words: tuple[str, ...]) -> bool:
    """A link, or one of the evidence words, in what the author wrote (never in a comment or placeholder)."""
    if narrative.links:
        return True
    text = written_text(narrative).lower()
    return any(re.search(rf"\b{re.escape(w)}", text) for w in words)


def narrative_claims(project: Project, lang: str = "en") -> list[Claim]:
    """Every claim's problem, written in ``lang`` (the report card's language)."""
    out: list[Claim] = []
    year = project.config.year
    for narratives in project.narratives.values():
        for place_id, narrative in narratives.items():
            for line in placeholder_lines(narrative):
                out.append(
                    Claim(
                        "error",
                        "narrative",
                        Problem(
                            _("still holds the placeholder 'dirreport new' wrote", lang),
                            file=narrative.path,
                            line=line,
                            hint=_("write the section in place of the placeholder line", lang),
                        ),
                    )
                )
            out += _laws(narrative, year, lang)
            if place_id in prescribed_form.FROM_YEAR and not written_text(narrative):
                out.append(
                    Claim(
                        "error",
                        "coverage",
                        Problem(
                            _(
                                "is empty: from the 2026-27 report on, section 75D of the 2014 Act requires an "
                                "account of the steps taken to secure sufficient accommodation for looked after "
                                "children",
                                lang,
                            ),
                            file=narrative.path,
                            line=narrative.body_start,
                            hint=_(
                                "describe the sufficiency plan's steps, the places they made available and the "
                                "applications for supplementary placements",
                                lang,
                            ),
                        ),
                    )
                )
    out += _bases(project, lang)
    return out


def _laws(narrative: Narrative, year: str, lang: str = "en") -> list[Claim]:
    out = []
    for n, line in prose_lines(narrative):
        for law in LAWS:
            if int(year[:4]) < int(law.first_year[:4]) and law.pattern.search(line):
                out.append(
                    Claim(
                        "warning",
                        "narrative",
                        Problem(
                            _(
                                "cites {law}, which is not in force in the report year {year} (it applies from "
                                "{first_year})",
                                lang,
                                law=_(law.name, lang),
                                year=year,
                                first_year=law.first_year,
                            ),
                            file=narrative.path,
                            line=n,
                            hint=_("describe the law in force in the year, or speak of the change to come", lang),
                        ),
                    )
                )
    return out


def _bases(project: Project, lang: str) -> list[Claim]:
    """Percentages quoted in sentences on fewer than SMALL_BASE cases."""
    results = project.results
    out = []
    for narratives in project.narratives.values():
        for narrative in narratives.values():
            for code in narrative.shortcodes:
                base, what = _base_of(code.name, code.args, project, lang)
                if base is not None and 0 < base < SMALL_BASE:
                    out.append(
                        Claim(
                            "warning",
                            "data",
                            Problem(
                                _(
                                    "quotes {what} as a percentage of only {base} cases (fewer than {small}) for "
                                    "{year}",
                                    lang,
                                    what=what,
                                    base=f"{base:g}",
                                    small=SMALL_BASE,
                                    year=results.year,
                                ),
                                file=narrative.path,
                                line=code.span.line,
                                hint=_(
                                    "give the counts instead, or with it ('n', e.g. {shortcode}), so a reader sees "
                                    "how few cases it rests on",
                                    lang,
                                    shortcode="{{< indicator ID n >}}",
                                ),
                            ),
                        )
                    )
    return out


def _base_of(name: str, args: tuple[str, ...], project: Project, lang: str = "en") -> tuple[float | None, str]:
    results = project.results
    if name == "indicator" and args and args[0] in results.indicators:
        result = results.indicators[args[0]]
        if result.indicator.unit != "percent":
            return None, ""
        years = [a for a in args[1:] if a != "n"]
        point = next((p for p in result.series if p.year == years[0]), None) if years else result.latest
        if point is None or point.status != "ok":
            return None, ""
        return point.denominator, _("indicator {id}", lang, id=args[0])
    if name == "survey" and args:
        found = [r for r in results.survey_for(args[0]) if len(args) < 2 or r.group == args[1]]
        if len(found) == 1 and found[0].latest is not None and found[0].latest.status == "ok":
            return float(found[0].latest.respondents), _("survey measure {id}", lang, id=args[0])
    return None, ""
