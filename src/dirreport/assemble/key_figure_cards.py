"""The year in numbers laid out: cards in HTML, a grid of boxes in the PDF, a table in Word.

One language's edition prints each figure as a card: its picture and value,
what it measures, its change and the figure for Wales.  The web page is a
real list, one card per figure, in a grid that folds to one column on a phone;
the PDF a grid whose rows are as tall as their tallest card; Word a table with
a header row.

The bilingual edition prints the page once, across the page's full width,
never in each half of its columns, where three cards to a row leave no room for
a figure such as "26.9 diwrnod".  Each card gives its figure once, the words of
its unit in each language under it ("diwrnod / days"), then the Welsh and the
English words, each tagged with its language as every passage of that edition
is, so a screen reader switches voice and Word checks each in its own
dictionary.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from dirreport.assemble import blocks, icons
from dirreport.assemble.year_in_numbers import KeyFigure, heading, previous_year
from dirreport.compute.indicators import Results
from dirreport.figures.specs import marker_notes, statuses_from_data
from dirreport.lang import i18n
from dirreport.lang.bilingual_text import LANG_TAGS
from dirreport.lang.i18n import _

COLUMNS = 3  # the PDF's grid; the web page decides its own from the width of the screen


def _typeset(text: str) -> str:
    """The apostrophe pandoc prints in the rest of the report ("children’s"); raw blocks are not typeset by it."""
    return text.replace("'", "’")


def _html(text: str) -> str:
    return html.escape(_typeset(text), quote=False)


def _typst(text: str) -> str:
    return blocks.typst_string(_typeset(text))


def _wales(figure: KeyFigure, lang: str) -> str:
    return _("Wales: {value}", lang, value=figure.wales)


# --- the page -----------------------------------------------------------------------------------------


def _intro(results: Results, lang: str) -> str:
    year = i18n.financial_year(results.year, lang)
    last = previous_year(results)
    if last is None:
        return _("Some of our key figures for {year}, and how they changed since the year before.", lang, year=year)
    return _(
        "Some of our key figures for {year}, and how they changed since {last_year}.",
        lang,
        year=year,
        last_year=i18n.financial_year(last, lang),
    )


def _notes(figures: Sequence[KeyFigure], results: Results, lang: str) -> list[str]:
    """The markers' notes under the page, as under a table."""
    points: list[object] = [results.indicators[f.id].latest for f in figures]
    notes = marker_notes(lang, [f.value for f in figures], statuses_from_data(points))
    return [f"[{blocks.md(n)}]{{.table-note}}" for n in notes]


def block(figures: Sequence[KeyFigure], results: Results, lang: str, anchor: str) -> str:
    """One language's page as pandoc Markdown: cards for HTML, a grid for Typst, a table for Word; the notes."""
    if not figures:
        return ""
    parts = [
        blocks.md(_intro(results, lang)),
        blocks.visible("html", blocks.raw("html", cards(figures, lang, anchor, heading(lang)))),
        blocks.visible("typst", blocks.raw("typst", grid(figures, lang))),
        blocks.visible("docx", word_table(figures, i18n.financial_year(results.year, lang), lang)),
        *_notes(figures, results, lang),
    ]
    return "\n\n".join(parts) + "\n"


def bilingual_block(by_lang: dict[str, list[KeyFigure]], results: Results, level: int | None, anchor: str) -> str:
    """The bilingual edition's page, once across the page: a bilingual heading (where the page is placed
    by default), each language's introduction side by side, then one set of bilingual cards."""
    langs = list(by_lang)
    rows = [list(zip(langs, figures, strict=True)) for figures in zip(*by_lang.values(), strict=True)]
    if not rows:
        return ""
    parts = []
    if level is not None:
        title = " / ".join(f"[{blocks.md(heading(lang))}]{{lang={_tag(lang)}}}" for lang in langs)
        parts.append(f"{'#' * level} {title} {{#{anchor}}}")
    intro = "\n\n".join(f"::: {{lang={_tag(lang)}}}\n{blocks.md(_intro(results, lang))}\n:::" for lang in langs)
    parts.append("::: {.pair}\n" + intro + "\n:::")
    labelled_by = anchor if level is not None else ""
    parts += [
        blocks.visible("html", blocks.raw("html", bilingual_cards(rows, labelled_by, langs))),
        blocks.visible("typst", blocks.raw("typst", bilingual_grid(rows))),
        blocks.visible("docx", bilingual_word_table(rows)),
    ]
    notes = {lang: _notes(figures, results, lang) for lang, figures in by_lang.items()}
    if any(notes.values()):
        sides = "\n\n".join(f"::: {{lang={_tag(lang)}}}\n" + "\n\n".join(notes[lang]) + "\n:::" for lang in langs)
        parts.append("::: {.pair}\n" + sides + "\n:::")
    return "\n\n".join(parts) + "\n"


# --- one language ------------------------------------------------------------------------------------


def cards(figures: Sequence[KeyFigure], lang: str, anchor: str, label: str) -> str:
    """The web page's list of cards."""
    items = []
    for f in figures:
        wales = f'\n<p class="key-figure-wales">{_html(_wales(f, lang))}</p>' if f.wales else ""
        items.append(
            f'<li class="key-figure key-figure-{f.judgement}" data-indicator="{html.escape(f.id)}">\n'
            f'<p class="key-figure-value">{icons.html(f.icon)}{_html_value(f)}</p>\n'
            f'<p class="key-figure-label">{_html(f.label)}</p>\n'
            f'<p class="key-figure-change">{_html(f.change)}</p>{wales}\n</li>'
        )
    return f'<ul class="key-figures" id="{anchor}" aria-label="{html.escape(label)}">\n' + "\n".join(items) + "\n</ul>"


def _html_value(f: KeyFigure) -> str:
    """The figure large and the words of its unit smaller after it, so "28.3 fesul 10,000" fits its card."""
    if not f.unit_words:
        return f"<span>{_html(f.value)}</span>"
    return f'<span>{_html(f.number)}</span> <span class="key-figure-unit">{_html(f.unit_words)}</span>'


def _typst_value(f: KeyFigure) -> str:
    number = f'text(size: 15pt, weight: "bold", fill: brand, {_typst(f.number if f.unit_words else f.value)})'
    if not f.unit_words:
        return number
    return number + f' + text(size: 10pt, weight: "bold", fill: brand, {_typst(" " + f.unit_words)})'


def grid(figures: Sequence[KeyFigure], lang: str) -> str:
    """The PDF's grid of boxes, three to a row."""
    cells = []
    for f in figures:
        lines = [
            f"{icons.typst(f.icon)} + h(4pt) + {_typst_value(f)}",
            f"text(size: 9pt, {_typst(f.label)})",
            f'text(size: 8.5pt, style: "italic", {_typst(f.change)})',
        ]
        if f.wales:
            lines.append(f"text(size: 8.5pt, {_typst(_wales(f, lang))})")
        cells.append(_cell_of(" + parbreak() + ".join(lines)))
    return _grid_of(cells)


def _cell_of(body: str) -> str:
    return f"  grid.cell(breakable: false, {{ set par(spacing: 0.5em, justify: false); {body} }})"


def _grid_of(cells: list[str]) -> str:
    # brand is the page template's heading colour (report.typ); the grid draws each card's border, so the
    # cards of a row are as tall as its tallest, where blocks of their own would each end with their text
    columns = ", ".join(["1fr"] * COLUMNS)
    return f"#grid(columns: ({columns}), gutter: 8pt, inset: 8pt, stroke: 0.75pt + brand,\n" + ",\n".join(cells) + "\n)"


def word_table(figures: Sequence[KeyFigure], year: str, lang: str) -> str:
    """Word's table: a row per figure, the indicator's title naming it (a count's words need their number)."""
    header = [cell(h) for h in (_("Indicator", lang), year, _("Change since last year", lang), _("Wales", lang))]
    rows = [
        [cell(f.title or f.label), f"{icons.word_markdown(f.icon)} {cell(f.value)}"]
        + [cell(c) for c in (f.change, f.wales or i18n.NOT_APPLICABLE)]
        for f in figures
    ]
    return _pipe(header, rows, widths=(26, 14, 22, 10), right=(False, True, False, True))


def _pipe(header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[int], right: Sequence[bool]) -> str:
    """A pipe table whose header and cells are pandoc Markdown already (figures right-aligned, words left)."""
    dashes = (
        "|"
        + "|".join("-" * (w - 1) + ":" if r else ":" + "-" * (w - 1) for w, r in zip(widths, right, strict=True))
        + "|"
    )
    lines = ["| " + " | ".join(header) + " |", dashes]
    lines += ["| " + " | ".join(c or " " for c in row) + " |" for row in rows]
    return "\n".join(lines)


def cell(text: str) -> str:
    """A table cell's text as Markdown, its bars escaped."""
    return blocks.md(text).replace("|", "\\|") or " "


# --- both languages, once across the page ------------------------------------------------------------


def _tag(lang: str) -> str:
    return LANG_TAGS[lang]


def _units(pair: Sequence[tuple[str, KeyFigure]]) -> list[tuple[str, str]]:
    """Each language's words of the figure's unit, where it has any ("diwrnod", "days")."""
    return [(lang, f.unit_words) for lang, f in pair if f.unit_words]


def bilingual_cards(rows: Sequence[Sequence[tuple[str, KeyFigure]]], labelled_by: str, langs: list[str]) -> str:
    """The bilingual web page's cards: the figure once, then each language's words in an element of its own."""
    items = []
    for pair in rows:
        first = pair[0][1]
        units = " / ".join(f'<span lang="{_tag(lang)}">{_html(words)}</span>' for lang, words in _units(pair))
        unit = f'\n<p class="key-figure-unit">{units}</p>' if units else ""
        sides = []
        for lang, f in pair:
            wales = f'\n<p class="key-figure-wales">{_html(_wales(f, lang))}</p>' if f.wales else ""
            sides.append(
                f'<div class="key-figure-side" lang="{_tag(lang)}">\n'
                f'<p class="key-figure-label">{_html(f.label)}</p>\n'
                f'<p class="key-figure-change">{_html(f.change)}</p>{wales}\n</div>'
            )
        items.append(
            f'<li class="key-figure key-figure-{first.judgement}" data-indicator="{html.escape(first.id)}">\n'
            f'<p class="key-figure-value">{icons.html(first.icon)}<span>{_html(first.number or first.value)}</span></p>'
            f"{unit}\n" + "\n".join(sides) + "\n</li>"
        )
    # the list is named by the page's bilingual heading; placed by a narrative, by the first language's words
    named = (
        f'aria-labelledby="{html.escape(labelled_by)}"'
        if labelled_by
        else f'aria-label="{html.escape(heading(langs[0]))}" lang="{_tag(langs[0])}"'
    )
    return f'<ul class="key-figures key-figures-bilingual" {named}>\n' + "\n".join(items) + "\n</ul>"


def bilingual_grid(rows: Sequence[Sequence[tuple[str, KeyFigure]]]) -> str:
    """The bilingual PDF's grid across the page: the figure once, each language's words set in its language."""
    cells = []
    for pair in rows:
        first = pair[0][1]
        head = (
            f"{icons.typst(first.icon)} + h(4pt) + "
            f'text(size: 15pt, weight: "bold", fill: brand, {_typst(first.number or first.value)})'
        )
        units = _units(pair)
        if units:
            unit = ' + text(size: 9pt, " / ") + '.join(
                f'text(lang: "{lang}", size: 9pt, weight: "bold", {_typst(words)})' for lang, words in units
            )
            head += f" + parbreak() + {unit}"
        sides = []
        for lang, f in pair:
            lines = [
                f"text(size: 9pt, {_typst(f.label)})",
                f'text(size: 8.5pt, style: "italic", {_typst(f.change)})',
            ]
            if f.wales:
                lines.append(f"text(size: 8.5pt, {_typst(_wales(f, lang))})")
            sides.append(f'text(lang: "{lang}", region: "GB", {{ {" + parbreak() + ".join(lines)} }})')
        rule = "line(length: 100%, stroke: 0.4pt + luma(170))"
        cells.append(_cell_of(f"{head} + parbreak() + " + f" + parbreak() + {rule} + parbreak() + ".join(sides)))
    return _grid_of(cells)


def _tagged(text: str, lang: str) -> str:
    """A table cell's words as a span of their language (Word's run language)."""
    return f"[{cell(text)}]{{lang={_tag(lang)}}}"


def bilingual_word_table(rows: Sequence[Sequence[tuple[str, KeyFigure]]]) -> str:
    """Word's bilingual table: the figure once, then a column of each language's words, each run tagged."""
    langs = [lang for lang, _f in rows[0]] if rows else []
    figure = " / ".join(_tagged(_("Figure", lang), lang) for lang in langs)
    header = [figure] + [_tagged(_("What it measures, and its change", lang), lang) for lang in langs]
    body = []
    for pair in rows:
        first = pair[0][1]
        units = " / ".join(_tagged(words, lang) for lang, words in _units(pair))
        row = [
            f"{icons.word_markdown(first.icon)} {cell(first.number or first.value)}" + (f" {units}" if units else "")
        ]
        for lang, f in pair:
            words = f"{f.label}: {f.change}" + (f"; {_wales(f, lang)}" if f.wales else "")
            row.append(_tagged(words, lang))
        body.append(row)
    return _pipe(header, body, widths=(18, 28, 28), right=(True, False, False))
