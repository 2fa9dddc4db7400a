"""The year in numbers: a page of key figures near the front of the report.

Readers of a Director's report look first for a handful of figures.  Each
figure here is an indicator's value for the report year exactly as its
indicator table prints it, with its change since last year in the words the
``{{< change >}}`` shortcode uses: one judgement (``compute.judgement``) for
every place a change is described, so a change the data do not support is
"little change" here too.  A figure disclosure control hides shows the
report's marker ([c], [low]) and never a number; a count is never set
against Wales.

The figures are the project's ``year-in-numbers`` setting, or, by default, a
key indicator for each quality standard and then a count, leaving out any
figure that cannot be shown.  The page is a list of cards in HTML (a real
list, one card per figure, in a grid that folds to one column on a phone), a
grid of boxes in the PDF and a table with a header row in Word.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from dirreport.assemble import blocks
from dirreport.catalogue import Catalogue, Indicator
from dirreport.compute.indicators import OK, IndicatorResult, Results
from dirreport.config.settings import Config, located_line
from dirreport.errors import Problem
from dirreport.figures.specs import marker_notes, statuses_from_data
from dirreport.lang import i18n
from dirreport.lang.i18n import _
from dirreport.prose import sentences

SHORTCODE = "year-in-numbers"
DEFAULT_COUNT = 9  # a key indicator for each of the eight standards, and one count
COLUMNS = 3  # the PDF's grid; the web page decides its own from the width of the screen


@dataclass(frozen=True)
class KeyFigure:
    """One card: what is measured, its value as printed, and its change in words."""

    id: str
    label: str
    value: str
    change: str
    judgement: str  # better | worse | neutral | little | unknown (as the indicator tables judge it)
    wales: str | None  # the figure for Wales as printed; never for a count
    shown: bool  # False where the value is a marker ([c], [low], [x], [z])


def chosen_ids(config: Config, catalogue: Catalogue, results: Results) -> list[str]:
    """The indicators on the page: the setting's, in its order, or the default choice."""
    if config.year_in_numbers is not None:
        return [i for i in config.year_in_numbers if i in results.indicators]
    shown = [i for i in catalogue.indicators.values() if i.id in results.indicators and _can_show(results, i.id)]
    groups: dict[str, int] = {}  # how many figures each group (adults, children, carers, workforce) has so far
    ids: list[str] = []

    def take(candidates: list[Indicator]) -> None:
        # the group least on the page so far, so adults' and children's services both appear
        best = min(candidates, key=lambda i: (groups.get(i.group, 0), shown.index(i)))
        groups[best.group] = groups.get(best.group, 0) + 1
        ids.append(best.id)

    for standard in sorted(catalogue.standards.values(), key=lambda s: s.number):
        key = [i for i in shown if i.key and i.standard == standard.id]
        if key:
            take(key)
    counts = [i for i in shown if i.unit == "count"]
    if counts and len(ids) < DEFAULT_COUNT:
        # a count of people helped reads better up front than one with no direction
        take([i for i in counts if i.polarity != "none"] or counts)
    return ids[:DEFAULT_COUNT]


def _can_show(results: Results, iid: str) -> bool:
    """A default figure must have a value the disclosure rules let the report print."""
    latest = results.indicators[iid].latest
    return latest.status == OK and latest.value is not None


def unknown_ids(config: Config, results: Results) -> list[Problem]:
    """A figure the setting names that is not an indicator: the setting's line, and how to find the ids."""
    if not config.year_in_numbers:
        return []
    line = located_line(config.root / "_quarto.yml", "dirreport", "year-in-numbers")
    return [
        Problem(
            f"year-in-numbers names '{iid}', which is not an indicator in the catalogue",
            file="_quarto.yml",
            line=line,
            hint="list the indicators with 'dirreport catalogue', or write true for the default choice",
        )
        for iid in config.year_in_numbers
        if iid not in results.indicators
    ]


def key_figure(result: IndicatorResult, lang: str, said_since: str | None = None) -> KeyFigure:
    """A figure as every other part of the report prints it: the table's value, the sentence's change.

    The page's introduction names last year once (``said_since``); a card repeats it only for a change
    measured from another year.
    """
    unit, decimals = result.indicator.unit, result.decimals
    latest = result.latest
    shown = latest.status == OK and latest.value is not None
    change = (
        sentences.change(result, lang, said_since) if shown else _("not shown, so not compared with last year", lang)
    )
    wales = None
    if unit != "count" and result.wales_latest is not None and result.wales_latest.status == OK:
        wales = sentences.point(result.wales_latest, unit, lang, decimals)
    return KeyFigure(
        id=result.indicator.id,
        label=result.indicator.title(lang),
        value=sentences.point(latest, unit, lang, decimals),
        change=change[:1].upper() + change[1:],
        judgement=result.trend.judgement if result.trend.movement != "same" else "neutral",
        wales=wales,
        shown=shown,
    )


def key_figures(config: Config, catalogue: Catalogue, results: Results, lang: str) -> list[KeyFigure]:
    last = previous_year(results)
    return [key_figure(results.indicators[iid], lang, last) for iid in chosen_ids(config, catalogue, results)]


def previous_year(results: Results) -> str | None:
    """The year before the report's, which the page's introduction names, if the results hold it."""
    years = list(results.years)
    return years[years.index(results.year) - 1] if results.year in years and years.index(results.year) else None


def heading(lang: str) -> str:
    return _("The year in numbers", lang)


def block(figures: list[KeyFigure], results: Results, lang: str, anchor: str) -> str:
    """The figures as pandoc Markdown: cards for HTML, a grid for Typst, a table for Word; then the markers' notes."""
    if not figures:
        return ""
    year = i18n.financial_year(results.year, lang)
    last = previous_year(results)
    intro = (
        _(
            "Some of our key figures for {year}, and how they changed since {last_year}.",
            lang,
            year=year,
            last_year=i18n.financial_year(last, lang),
        )
        if last is not None
        else _("Some of our key figures for {year}, and how they changed since the year before.", lang, year=year)
    )
    parts = [
        blocks.md(intro),
        blocks.visible("html", blocks.raw("html", _cards(figures, lang, anchor))),
        blocks.visible("typst", blocks.raw("typst", _grid(figures, lang))),
        blocks.visible("docx", _word_table(figures, year, lang)),
    ]
    points: list[object] = [results.indicators[f.id].latest for f in figures]
    notes = marker_notes(lang, [f.value for f in figures], statuses_from_data(points))
    parts += [f"[{blocks.md(n)}]{{.table-note}}" for n in notes]
    return "\n\n".join(parts) + "\n"


def _cards(figures: list[KeyFigure], lang: str, anchor: str) -> str:
    items = []
    for f in figures:
        wales = f'\n<p class="key-figure-wales">{_html(_wales(f, lang))}</p>' if f.wales else ""
        items.append(
            f'<li class="key-figure key-figure-{f.judgement}" data-indicator="{html.escape(f.id)}">\n'
            f'<p class="key-figure-value">{_html(f.value)}</p>\n'
            f'<p class="key-figure-label">{_html(f.label)}</p>\n'
            f'<p class="key-figure-change">{_html(f.change)}</p>{wales}\n</li>'
        )
    label = html.escape(heading(lang))
    return f'<ul class="key-figures" id="{anchor}" aria-label="{label}">\n' + "\n".join(items) + "\n</ul>"


def _typeset(text: str) -> str:
    """The apostrophe pandoc prints in the rest of the report ("children’s"); raw blocks are not typeset by it."""
    return text.replace("'", "’")


def _html(text: str) -> str:
    return html.escape(_typeset(text), quote=False)


def _typst(text: str) -> str:
    return blocks.typst_string(_typeset(text))


def _wales(figure: KeyFigure, lang: str) -> str:
    return _("Wales: {value}", lang, value=figure.wales)


def _grid(figures: list[KeyFigure], lang: str) -> str:
    cells = []
    for f in figures:
        lines = [
            f'text(size: 15pt, weight: "bold", fill: brand, {_typst(f.value)})',
            f"text(size: 9pt, {_typst(f.label)})",
            f'text(size: 8.5pt, style: "italic", {_typst(f.change)})',
        ]
        if f.wales:
            lines.append(f"text(size: 8.5pt, {_typst(_wales(f, lang))})")
        body = " + parbreak() + ".join(lines)
        cells.append(f"  grid.cell(breakable: false, {{ set par(spacing: 0.5em); {body} }})")
    # brand is the page template's heading colour (report.typ); the grid draws each card's border, so the
    # cards of a row are as tall as its tallest, where blocks of their own would each end with their text
    columns = ", ".join(["1fr"] * COLUMNS)
    return f"#grid(columns: ({columns}), gutter: 8pt, inset: 8pt, stroke: 0.75pt + brand,\n" + ",\n".join(cells) + "\n)"


def _word_table(figures: list[KeyFigure], year: str, lang: str) -> str:
    header = (_("Indicator", lang), year, _("Change since last year", lang), _("Wales", lang))
    rows = [(f.label, f.value, f.change, f.wales or i18n.NOT_APPLICABLE) for f in figures]
    widths = (30, 10, 22, 10)
    right = (False, True, False, True)  # figures right-aligned, words left
    dashes = (
        "|"
        + "|".join("-" * (w - 1) + ":" if r else ":" + "-" * (w - 1) for w, r in zip(widths, right, strict=True))
        + "|"
    )
    lines = ["| " + " | ".join(_cell(h) for h in header) + " |", dashes]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def _cell(text: str) -> str:
    return blocks.md(text).replace("|", "\\|") or " "


def with_default_place(body: str, section: str) -> str:
    """The page at the end of the summary's opening: before its first subheading, or after it all."""
    lines = body.split("\n")
    fence = False
    for n, line in enumerate(lines):
        if line.lstrip().startswith(("```", "~~~")):
            fence = not fence
        if not fence and line.startswith("#"):
            return "\n".join(lines[:n]).rstrip() + "\n\n" + section + "\n\n" + "\n".join(lines[n:])
    return body.rstrip() + "\n\n" + section + "\n"
