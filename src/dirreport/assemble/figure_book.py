"""Figures and tables numbered in reading order, remembered for the appendix and the downloads."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from markupsafe import Markup

from dirreport.assemble import blocks
from dirreport.assemble.blocks import ONE_LANGUAGE, Printed
from dirreport.figures.bilingual_figures import bilingual_figure, bilingual_table
from dirreport.figures.specs import (
    Figure,
    Table,
)
from dirreport.lang.i18n import _

BAR_KINDS = ("survey", "composition")  # charts of bars, one for each category


class FigureBook:
    """Numbers figures and tables in reading order and remembers them for the appendix and downloads."""

    def __init__(
        self, lang: str, cache_dir: Path, engine: str, data_file: str | None = None, colour: str = "#12436D"
    ) -> None:
        self.lang = lang
        self.colour = colour  # the brand's primary colour, for the authority's own series in every chart
        self.cache_dir = cache_dir
        self.engine = engine
        self.data_file = data_file  # set when the data behind the charts is only downloaded, not printed
        self.figures: list[Figure] = []
        self.tables: list[tuple[str, Table]] = []
        self.by_id: dict[str, Figure] = {}
        self.summary_number: int | None = None
        self.captions: dict[str, str] = {}  # each figure's and table's numbered caption, by id
        self.tables_by_id: dict[str, Table] = {}
        self.links: dict[str, blocks.DataLink] = {}  # each figure's link to its data
        # the bilingual edition: the second language's book follows (its figures stand in slots) and the
        # first's prints one figure for both, from the twin its partner made for the same place
        self.follows = False
        self.partner: FigureBook | None = None
        self.merged: list[Figure] = []  # the bilingual figures to draw

    def lead(self, partner: FigureBook) -> None:
        """Print one figure and table for both languages in the PDF and Word, with ``partner``'s words."""
        self.partner = partner
        partner.follows = True

    def _printed_figure(self, fig: Figure, caption: str) -> Printed:
        if self.follows:
            return Printed(follows=True)
        if self.partner is None or (twin := self.partner.by_id.get(fig.id)) is None:
            return ONE_LANGUAGE
        merged = bilingual_figure(fig, twin)
        if merged is None:
            return ONE_LANGUAGE
        if merged not in self.merged:
            self.merged.append(merged)
        return Printed(
            merged=merged,
            caption=f"{caption}\n{self.partner.captions[fig.id]}",
            langs=self._langs(),
            links=(self.partner.links[fig.id],),
        )

    def _printed_table(self, table: Table, caption: str, key: str) -> Printed:
        if self.follows:
            return Printed(follows=True)
        if self.partner is None or (twin := self.partner.tables_by_id.get(key)) is None:
            return ONE_LANGUAGE
        merged = bilingual_table(table, twin)
        if merged is None:
            return ONE_LANGUAGE
        return Printed(merged=merged, caption=f"{caption}\n{self.partner.captions[key]}", langs=self._langs())

    def _langs(self) -> tuple[str, str]:
        assert self.partner is not None
        return (self.lang, self.partner.lang)

    def figure(self, fig: Figure | None) -> Markup:
        if fig is None:
            return Markup("")
        if fig.spec.kind in BAR_KINDS and len(fig.spec.categories) == 1:
            # a chart of one bar shows nothing a row of figures does not: its table, captioned as the chart
            return self.table(replace(fig.table, caption=fig.caption))
        if fig.spec.colour != self.colour:
            fig = replace(fig, spec=replace(fig.spec, colour=self.colour))
        if fig.id in self.by_id:
            fig = self.by_id[fig.id]
        else:
            self.figures.append(fig)
            self.by_id[fig.id] = fig
        number = self.figures.index(fig) + 1
        caption = _("Figure {n}: {title}", self.lang, n=number, title=fig.caption)
        if self.data_file:
            data_label = _("Data for figure {n}: table A{n} in the spreadsheet", self.lang, n=number)
        else:
            data_label = _("Data for figure {n}: table A{n}", self.lang, n=number)
        self.captions[fig.id] = caption
        href = self.data_file or f"#{blocks.table_anchor(fig.table, self.lang)}"
        self.links[fig.id] = blocks.DataLink(data_label, href, self.lang)
        printed = self._printed_figure(fig, caption)
        return Markup(
            blocks.figure_blocks(
                fig, caption, data_label, inline_svg=self.engine == "pandoc", data_href=href, printed=printed
            )
        )

    def table(self, table: Table) -> Markup:
        self.tables.append((str(len(self.tables) + 1), table))
        caption = _("Table {n}: {caption}", self.lang, n=len(self.tables), caption=table.caption)
        self.captions[table.id] = caption
        self.tables_by_id[table.id] = table
        printed = self._printed_table(table, caption, table.id)
        return Markup(blocks.table_blocks(table, caption, blocks.table_anchor(table, self.lang), printed))

    def summary(self, table: Table) -> Markup:
        """The at-a-glance table, printed once: where the narrative places it, else where the template does."""
        if self.summary_number is not None:
            return Markup("")
        markup = self.table(table)
        self.summary_number = len(self.tables)
        return markup

    def numbered_tables(self) -> list[tuple[str, Table]]:
        """Body tables by number, then each figure's data table as A1, A2, ..."""
        return [*self.tables, *((f"A{n}", fig.table) for n, fig in enumerate(self.figures, start=1))]

    def appendix_tables(self) -> list[Markup]:
        if self.data_file:
            return []  # downloaded, not printed
        out = []
        for n, fig in enumerate(self.figures, start=1):
            caption = _("Table A{n}: data for figure {n}, {title}", self.lang, n=n, title=fig.caption)
            key = f"appendix:{fig.id}"
            self.captions[key] = caption
            self.tables_by_id[key] = fig.table
            printed = self._printed_table(fig.table, caption, key)
            anchor = blocks.table_anchor(fig.table, self.lang)
            out.append(Markup(blocks.table_blocks(fig.table, caption, anchor, printed)))
        return out


def data_files(book: FigureBook) -> str:
    """The downloads that hold the data behind the charts, where the report does not print it."""
    return f"{book.data_file}, {book.data_file.removesuffix('.xlsx')}.csv" if book.data_file else ""
