"""What the narrative claims, held to what is there: written text, cited evidence, bases, the law in force.

These checks read the narrative as an inspector would.  A section still
holding the placeholder ``dirreport new`` wrote is not written; evidence is
looked for in what the author wrote, never in the guidance comment or the
placeholder; a percentage quoted in a sentence on a handful of cases is
flagged; an Act or section cited in a report year before it was in force is
flagged; and the sufficiency section, due from 2026-27, must say something.
"""

from __future__ import annotations

import bisect
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


# "section", "s", "s.", "ss", "adran", "adrannau", "a." before a section number
SECTION_WORD = r"(?:sections?|ss?\.?|adran(?:nau)?|a\.)"
# joining words of a list or a range of sections: "75A, 75B and 75D", "75A to 75D", "75A i 75D"
JOIN = r"(?:,|and|or|to|–|-|a|ac|i|neu|hyd\s+at)"
LAWS = (
    # Royal Assent on 24 March 2025, within the 2024-25 year; its name may be wrapped over lines
    Law(
        N_("the Health and Social Care (Wales) Act 2025"),
        re.compile(
            r"Health\s+and\s+Social\s+Care\s+\(Wales\)\s+Act\s+2025"
            r"|Deddf\s+Iechyd\s+a\s+Gofal\s+Cymdeithasol\s+\(Cymru\)\s+2025",
            re.I,
        ),
        "2024-25",
    ),
    # section 75D of the 2014 Act (report on the sufficiency of accommodation), in force 1 April 2026:
    # named alone, in a list ("sections 75A and 75D") or inside a range ("ss 75A to 75E")
    Law(
        N_("section 75D of the Social Services and Well-being (Wales) Act 2014"),
        re.compile(
            rf"(?<![\w’'])(?:{SECTION_WORD}\s*(?:\d+[A-Z]{{0,2}}\s*{JOIN}\s*)*75D\b"
            rf"|{SECTION_WORD}\s*75[A-D]\s*(?:to|–|-|i|hyd\s+at)\s*75[D-Z]\b)",
            re.I,
        ),
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


# shortcodes that place evidence: a figure, a survey result, a chart or table, a story, a case study
EVIDENCE_CODES: tuple[str, ...] = ("indicator", "metric", "change", "survey", "chart", "table", "quote", "case-study")
EVIDENCE_CODES += ("finance", "complaints", "inspections")
# bodies whose findings are evidence when named
NAMED_SOURCES = re.compile(
    r"Care Inspectorate Wales|\bCIW\b|Arolygiaeth Gofal Cymru|\bAGC\b|Audit Wales|Archwilio Cymru|Estyn\b"
    r"|Social Care Wales|Gofal Cymdeithasol Cymru|Ombudsman|Ombwdsmon|\bLlais\b|Healthwatch|StatsWales"
    r"|Data Cymru|Welsh Government|Llywodraeth Cymru"
)
# what a source does when it is evidence: it found, showed, told us (the verb after the source's name)
FINDING = (
    r"(?:found|finds|find|showed|shows|show|shown|told us|tell us|tells us|identified|highlighted|confirmed|"
    r"concluded|suggests|suggested|dangosodd|dangos|ddangos|canfu|canfod|nododd|cadarnhaodd|dywedodd|ddywedodd)"
)


def cites_evidence(narrative: Narrative, words: tuple[str, ...]) -> bool:
    """Whether what the author wrote (never a comment or placeholder) rests on evidence a reader can check.

    A figure, survey result, chart, table, story or case study placed by a shortcode; a link; a named
    source (Care Inspectorate Wales, Audit Wales …); or an evidence word as the subject of a finding
    ("our audit of case files found …", "dangosodd yr arolwg …").  "We reported that reviews of plans
    were late" names no source: "reported" and "reviews" are not evidence on their own.
    """
    if narrative.links or any(code.name in EVIDENCE_CODES for code in narrative.shortcodes):
        return True
    text = written_text(narrative)
    if NAMED_SOURCES.search(text):
        return True
    nouns = "|".join(re.escape(w) for w in words)
    # Welsh nouns take h after "ein" and "ei" (ein harolwg): the h is allowed before each
    source_first = rf"\bh?(?:{nouns})(?:s|es|au|iadau)?\b(?:\W+\w+){{0,10}}?\W+{FINDING}\b"
    # "dangosodd yr arolwg", "canfu'r archwiliad", "showed our audit"
    finding_first = rf"\b{FINDING}\b(?:\W+\w+){{0,3}}?(?:\W+(?:yr?|ein|an?|the|our)\s+|[’']r\s+)h?(?:{nouns})"
    return any(re.search(pattern, text, re.I) for pattern in (source_first, finding_first))


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
    """Each citation of a law not yet in force, found across line breaks, at the line it starts on."""
    out = []
    numbered = list(prose_lines(narrative))
    text = "\n".join(line for _n, line in numbered)
    starts = [0]
    for _n, line in numbered[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    for law in LAWS:
        if int(year[:4]) >= int(law.first_year[:4]):
            continue
        for match in law.pattern.finditer(text):
            n = numbered[bisect.bisect_right(starts, match.start()) - 1][0]
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
        years = [a for a in args[1:] if a not in ("n", "value")]
        point = next((p for p in result.series if p.year == years[0]), None) if years else result.latest
        if point is None or point.status != "ok":
            return None, ""
        return point.denominator, _("indicator {id}", lang, id=args[0])
    if name == "survey" and args:
        found = [r for r in results.survey_for(args[0]) if len(args) < 2 or r.group == args[1]]
        if len(found) == 1 and found[0].latest is not None and found[0].latest.status == "ok":
            return float(found[0].latest.respondents), _("survey measure {id}", lang, id=args[0])
    return None, ""
