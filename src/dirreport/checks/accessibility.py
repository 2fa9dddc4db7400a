"""Accessibility: alternative text, link text, table headers and readable English."""

from __future__ import annotations

import re

from dirreport.checks.findings import (
    ERROR,
    VAGUE_LINKS,
    WARNING,
    ReportCard,
)
from dirreport.content.narrative import Narrative
from dirreport.errors import Problem
from dirreport.lang.i18n import _
from dirreport.pipeline.project import Project


def check_accessibility(project: Project, card: ReportCard, readability: bool = True) -> None:
    """Images, headings, links and tables people using assistive technology can follow (errors) and, with
    ``readability``, how hard the English reads (a warning only, so a build's blocking checks leave it out:
    scoring the syllables of every paragraph was the slowest of them)."""
    for lang, narratives in project.narratives.items():
        for narrative in narratives.values():
            for image in narrative.images:
                if not image.alt.strip():
                    card.add(
                        "accessibility",
                        ERROR,
                        Problem(
                            _("image '{src}' has no alternative text", card.lang, src=image.src),
                            file=narrative.path,
                            line=image.span.line,
                            hint=_("describe what it shows inside the brackets: ![description](path)", card.lang),
                        ),
                    )
            previous = None
            for heading in narrative.headings:
                if previous is not None and heading.level > previous + 1:
                    card.add(
                        "accessibility",
                        ERROR,
                        Problem(
                            _(
                                "heading '{heading}' skips from level {before} to level {after}",
                                card.lang,
                                heading=heading.text,
                                before=previous,
                                after=heading.level,
                            ),
                            file=narrative.path,
                            line=heading.line,
                            hint=_("use the next heading level down", card.lang),
                        ),
                    )
                previous = heading.level
            for link in narrative.links:
                if link.text.strip().lower().rstrip(".") in VAGUE_LINKS:
                    card.add(
                        "accessibility",
                        ERROR,
                        Problem(
                            _("link text '{text}' does not say where it goes", card.lang, text=link.text),
                            file=narrative.path,
                            line=link.span.line,
                            hint=_("use words that make sense on their own, e.g. the page's title", card.lang),
                        ),
                    )
            _table_headers(narrative, card)
            if lang == "en" and readability:
                _readability(project, narrative, card)


def _table_headers(narrative: Narrative, card: ReportCard) -> None:
    for n, line in enumerate(narrative.lines, start=1):
        if re.match(r"^\s*\|?\s*:?-{3,}", line) and n >= 2:
            header = narrative.lines[n - 2]
            cells = [c.strip() for c in header.strip().strip("|").split("|")]
            if any(not c for c in cells):
                card.add(
                    "accessibility",
                    ERROR,
                    Problem(
                        _("a table column has no header", card.lang),
                        file=narrative.path,
                        line=n - 1,
                        hint=_("give every column a header", card.lang),
                    ),
                )


def reading_ease(narratives: list[Narrative]) -> float | None:
    """Flesch reading ease of the narratives' running prose; None below 40 words, too little to score."""
    import textstat

    prose = " ".join(text for narrative in narratives for _line, text in narrative.paragraphs)
    prose = re.sub(r"\{\{<.*?>\}\}", "12", prose)
    prose = re.sub(r"[*_`#>\[\]()]", " ", prose)
    if len(prose.split()) < 40:
        return None
    return float(textstat.flesch_reading_ease(prose))


def _readability(project: Project, narrative: Narrative, card: ReportCard) -> None:
    score = reading_ease([narrative])
    if score is None:
        return
    card.readability[narrative.path] = round(score, 1)
    if score < project.config.readability_target:
        card.add(
            "accessibility",
            WARNING,
            Problem(
                _(
                    "reads harder than plain English: Flesch reading ease {score}, target {target}",
                    card.lang,
                    score=f"{score:.0f}",
                    target=f"{project.config.readability_target:g}",
                ),
                file=narrative.path,
                hint=_("use shorter sentences and everyday words", card.lang),
            ),
        )
