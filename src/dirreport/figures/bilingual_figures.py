"""One chart and one table for both languages, for the bilingual edition's printed pages.

Side by side, a chart at half an A4 page is too small to read, and a chart
printed in each language, one above the other, doubles the pages.  Published
bilingual reports print each chart once with both languages' words: the
numbers are the same, only the labels differ.  These specifications are
built from the two languages' own, so every label, value and note is the one
each language's edition prints; a label the same in both ("2019-20",
"Glanafon", "84.6%") is printed once.

Each half keeps its language where the format can mark it: the chart's
caption and the table's cells are written by ``assemble.blocks`` as spans
tagged with their language.  Inside the drawn chart the lettering is
drawing, described by the figure's alternative text in both languages.
"""

from __future__ import annotations

from dataclasses import replace

from dirreport.figures.specs import WIDE_IN, ChartSpec, Figure, Table

LINE = "\n"  # the two languages of a label on two lines: each half stays whole
SLASH = " / "  # where the label is one line, such as an axis's title


def both(first: str, second: str, between: str = SLASH) -> str:
    """The two languages' label, or one where they are the same."""
    return first if first == second or not second else f"{first}{between}{second}" if first else second


def _pairwise(first: tuple[str, ...], second: tuple[str, ...], between: str) -> tuple[str, ...]:
    if len(first) != len(second):
        return first
    return tuple(both(a, b, between) for a, b in zip(first, second, strict=True))


def bilingual_spec(first: ChartSpec, second: ChartSpec) -> ChartSpec:
    """The first language's chart with the second language's words beside its own."""
    series = tuple(
        replace(a, label=both(a.label, b.label, LINE), labels=_pairwise(a.labels, b.labels, LINE))
        for a, b in zip(first.series, second.series, strict=False)
    )
    return replace(
        first,
        title=both(first.title, second.title),
        categories=_pairwise(first.categories, second.categories, LINE),
        series=series,
        value_axis=both(first.value_axis, second.value_axis),
        notes=tuple(dict.fromkeys((*first.notes, *second.notes))),
        width_in=WIDE_IN,  # printed only, never on a phone: the text's whole width, so names take fewer lines
    )


def bilingual_figure(first: Figure, second: Figure) -> Figure | None:
    """One figure for both languages: its chart, its alternative text and its data table (None: not alike)."""
    table = bilingual_table(first.table, second.table)
    if table is None or first.spec.kind != second.spec.kind or len(first.spec.series) != len(second.spec.series):
        return None
    return replace(
        first,
        spec=bilingual_spec(first.spec, second.spec),
        caption=both(first.caption, second.caption, LINE),
        alt=f"{first.alt} {second.alt}",
        table=table,
    )


def _notes(first: tuple[str, ...], second: tuple[str, ...]) -> tuple[str, ...]:
    """Each note in both languages, the Welsh and the English of one note together where they pair up."""
    if len(first) == len(second):
        return _pairwise(first, second, LINE)
    return (*first, *second)


def bilingual_table(first: Table, second: Table) -> Table | None:
    """The first language's table with the second's words under its own in every cell that differs.

    Cells are joined with a line break (``LINE``), which ``assemble.blocks`` prints as a break between
    two spans, each tagged with its language.  Tables whose shapes differ (an author's own table written
    differently in each language) are not joined: None.
    """
    if len(first.header) != len(second.header) or len(first.rows) != len(second.rows):
        return None
    if any(len(a) != len(b) for a, b in zip(first.rows, second.rows, strict=True)):
        return None
    return replace(
        first,
        caption=both(first.caption, second.caption, LINE),
        header=_pairwise(first.header, second.header, LINE),
        rows=tuple(_pairwise(a, b, LINE) for a, b in zip(first.rows, second.rows, strict=True)),
        notes=_notes(first.notes, second.notes),
    )


__all__ = ["LINE", "SLASH", "bilingual_figure", "bilingual_spec", "bilingual_table", "both"]
