"""Pandoc-Markdown building blocks: escaped text, tables, figures for each output format.

The assembled document is Quarto-compatible Markdown.  Generated text is
escaped here so that an authority name with an asterisk, or a metric label
with a bracket, cannot change the document's structure.  Figures are emitted
once per format inside Quarto's ``content-visible`` divs: inline SVG with a
<title> for HTML, a Typst figure with alternative text for PDF, a PNG with a
description for Word.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from dirreport.figures.specs import Figure, Table
from dirreport.lang.bilingual_text import LANG_TAGS

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#+!|^~$@])")


def md(text: str) -> str:
    """Text that pandoc will print literally, whatever characters it holds."""
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return re.sub(r"^(\s*)(\d+)\.", r"\1\2\\.", text).replace("\n", " ")


def typst_string(text: str) -> str:
    """A Typst string literal."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return f'"{escaped}"'


def raw(fmt: str, content: str) -> str:
    fence = "```"
    while fence in content:
        fence += "`"
    return f"{fence}{{={fmt}}}\n{content}\n{fence}"


def visible(fmt: str, content: str) -> str:
    return f'::: {{.content-visible when-format="{fmt}"}}\n{content}\n:::'


def pipe_table(
    table: Table,
    caption: str,
    anchor: str | None = None,
    langs: tuple[str, str] | None = None,
    names_apart: bool = False,
) -> str:
    """A pipe table with header row and caption; widths follow the text so long labels wrap.

    ``langs`` marks a bilingual table (``figures.bilingual_figures``): a cell's two lines are its two
    languages, each printed as a span tagged with its own, with a line break between; with ``names_apart``,
    a first column of names in two languages is printed as two columns, one for each.
    """
    columns = _columns(table, langs, names_apart)
    widths = []
    for i, (texts, _align, _cell_of) in enumerate(columns):
        longest = max([_width(texts[0]) // 2, *(_width(t) for t in texts[1:])])
        # figures need room to stay on one line ("59.9%", "▲ Worsened"); long labels may wrap
        name = i == 0 or (i == 1 and len(columns) > len(table.header))
        widths.append(min(max(longest, 11 if name else 13), 60 if name else 28))
    total = sum(widths) or 1
    dashes = []
    for (_texts, align, _cell_of), width in zip(columns, widths, strict=True):
        sep = "-" * max(3, round(72 * width / total))
        dashes.append(f"{sep[:-1]}:" if align == "r" else f":{sep[:-1]}")
    rendered = [[cell_of(text) for text in texts] for texts, _align, cell_of in columns]
    lines = ["| " + " | ".join(row) + " |" for row in zip(*rendered, strict=True)]
    lines.insert(1, "|" + "|".join(dashes) + "|")
    label = f" {{#{anchor}}}" if anchor else ""
    lines.append("")
    lines.append(f": {md(caption) if langs is None else bilingual_inline(caption, langs)}{label}")
    out = "\n".join(lines)
    for note in table.notes:
        out += f"\n\n[{md(note) if langs is None else bilingual_inline(note, langs)}]{{.table-note}}"
    return out


Column = tuple[list[str], str, Callable[[str], str]]  # header and rows' texts, alignment, how a cell is printed


def _columns(table: Table, langs: tuple[str, str] | None, names_apart: bool) -> list[Column]:
    """The table's columns; a bilingual table whose names differ by language has a name column for each.

    Stacked in one cell, an indicator's Welsh and English names take as many lines as the two together;
    side by side, only as many as the longer.  Those names are most of the bilingual edition's tables, and
    its tables most of what makes it longer than one language's.
    """
    aligns = table.align or ("l",) * len(table.header)
    texts = [[table.header[i], *(row[i] for row in table.rows)] for i in range(len(table.header))]
    if langs is None:
        return [(column, align, _cell) for column, align in zip(texts, aligns, strict=True)]
    both = [(column, align, _bilingual_cell_in(langs)) for column, align in zip(texts, aligns, strict=True)]
    names = texts[0]
    if not names_apart or not table.rows or any(len(name.split("\n")) != 2 for name in names):
        return both
    halves = [name.split("\n") for name in names]
    return [
        *(([half[n] for half in halves], aligns[0], _cell_in(lang)) for n, lang in enumerate(langs)),
        *both[1:],
    ]


def _cell_in(lang: str) -> Callable[[str], str]:
    return lambda text: f'[{md(text)}]{{lang="{LANG_TAGS[lang]}"}}'.replace("|", "\\|")


def _bilingual_cell_in(langs: tuple[str, str]) -> Callable[[str], str]:
    return lambda text: _bilingual_cell(text, langs)


def _width(text: str) -> int:
    """A cell's width in characters: its longest line (a bilingual cell has one per language)."""
    return max((len(line) for line in text.split("\n")), default=0)


def _cell(text: str) -> str:
    return md(text).replace("|", "\\|") or " "


LINE_BREAK = "[]{.line-break}"  # pairs.lua makes it a line break in every format: a pipe table's cell has none


def bilingual_inline(text: str, langs: tuple[str, str]) -> str:
    """Text whose two lines are two languages: each half a span tagged with its language, a break between.

    Text of one line is the same in both languages ("84.6%", "2019-20") and is printed once, untagged,
    in the document's language.
    """
    halves = text.split("\n")
    if len(halves) != 2:
        return md(text)
    spans = (f'[{md(half)}]{{lang="{LANG_TAGS[lang]}"}}' for half, lang in zip(halves, langs, strict=True))
    return LINE_BREAK.join(spans)


def _bilingual_cell(text: str, langs: tuple[str, str]) -> str:
    return bilingual_inline(text, langs).replace("|", "\\|") or " "


def svg_inline(svg_path: Path, alt: str, element_id: str) -> str:
    """The SVG as markup in the page, labelled by its own <title> so screen readers read the alt text."""
    svg = svg_path.read_text(encoding="utf-8")
    start = svg.find("<svg")
    svg = svg[start:]
    title_id = f"{element_id}-title"
    svg = svg.replace(
        "<svg ",
        f'<svg role="img" aria-labelledby="{title_id}" focusable="false" ',
        1,
    )
    head_end = svg.find(">") + 1
    svg = svg[:head_end] + f'\n<title id="{title_id}">{html.escape(alt)}</title>' + svg[head_end:]
    svg = re.sub(r'width="[\d.]+pt" height="[\d.]+pt"', 'style="width:100%;height:auto"', svg, count=1)
    return _unique_svg_ids(svg, element_id)


def _unique_svg_ids(svg: str, prefix: str) -> str:
    """Matplotlib reuses ids such as 'DejaVuSans-41' in every SVG; several inline charts need distinct ids."""
    ids = set(re.findall(r'\bid="([^"]+)"', svg))
    keep = {f"{prefix}-title"}
    for ident in sorted(ids - keep, key=len, reverse=True):
        new = f"{prefix}-{ident}"
        svg = svg.replace(f'id="{ident}"', f'id="{new}"')
        svg = svg.replace(f"#{ident})", f"#{new})").replace(f'"#{ident}"', f'"#{new}"')
    return svg


@dataclass(frozen=True)
class Printed:
    """How the bilingual edition prints a figure or table in the PDF and Word, where the web page has both.

    ``follows``: this is the second language's; it stands in a slot that the first language's bilingual
    one fills (resources/pairs.lua), printed only where there is none.  ``merged``: the first language's
    bilingual one (from ``figures.bilingual_figures``), with its numbered caption in both languages (a
    line each) and the two languages in order.
    """

    follows: bool = False
    merged: Figure | Table | None = None
    caption: str = ""
    langs: tuple[str, str] = ("cy", "en")
    links: tuple[DataLink, ...] = ()  # the second language's link to the figure's data


ONE_LANGUAGE = Printed()


def figure_blocks(
    figure: Figure,
    number_caption: str,
    data_link: str,
    inline_svg: bool = True,
    data_href: str | None = None,
    printed: Printed = ONE_LANGUAGE,
) -> str:
    """One figure in all three formats, each showing the same caption and alternative text.

    Its data link goes to its table in the appendix, or to the spreadsheet published beside the report.
    """
    href = data_href or f"#{table_anchor(figure.table, figure.spec.lang)}"
    anchor = figure_anchor(figure)
    # the web page carries its charts as inline SVG, put in by the renderer from the drawn file: assembly only
    # names the chart, so it never waits for a drawing or reads one
    chart = f' data-chart="{anchor}"' if inline_svg else ""
    picture = f'<img src="charts/{svg_name(figure)}" alt="{html.escape(figure.alt)}"{chart}>'
    html_block = raw(
        "html",
        f'<figure id="{anchor}" class="chart">\n{picture}\n'
        f"<figcaption>{html.escape(number_caption)}</figcaption>\n</figure>",
    )
    link = DataLink(data_link, href, figure.spec.lang)
    if isinstance(printed.merged, Figure):
        halves = printed.caption.split("\n")
        captions = [(half, lang) for half, lang in zip(halves, printed.langs, strict=False)]
        pages = _printed_figure(
            printed.merged,
            bilingual_inline(printed.caption, printed.langs),
            _typst_caption(captions, [link, *printed.links]),
        )
        paper = visible("typst,docx", f"::: {{#{anchor} .bilingual-figure}}\n{pages}\n:::")
    elif printed.follows:
        pages = _printed_figure(figure, md(number_caption), _typst_caption([(number_caption, None)], [link]))
        paper = visible("typst,docx", f"::: {{#{anchor} .figure-slot}}\n{pages}\n:::")
    else:
        paper = _printed_figure(figure, md(number_caption), _typst_caption([(number_caption, None)], [link]), anchor)
    # in the PDF the data link is in the figure's caption, so it moves with the figure wherever it is placed
    after = visible("html,docx", f"[{md(data_link)}]({href}){{.data-link}}")
    return f"{visible('html', html_block)}\n\n{paper}\n\n{after}\n"


@dataclass(frozen=True)
class DataLink:
    """A figure's link to its data: the words, where it goes (``#anchor`` or a file) and their language."""

    label: str
    href: str
    lang: str

    def typst(self, tagged: bool) -> str:
        target = f"<{self.href[1:]}>" if self.href.startswith("#") else typst_string(self.href)
        words = _typst_text(self.label, self.lang if tagged else None)
        return f'#text(weight: "regular")[#link({target})[{words}]]'


def _printed_figure(figure: Figure, docx_caption: str, typst_caption: str, anchor: str | None = None) -> str:
    """The figure in the PDF (a Typst figure of the drawn SVG) and in Word (a picture of the drawn PNG).

    In the PDF a figure floats (``placement: auto``) to the top or foot of a page, so the text after it
    fills the page rather than leaving a gap where a tall chart does not fit.
    """
    width = f"{figure.spec.width_in}in"
    typst_block = raw(
        "typst",
        f'#figure(image("charts/{svg_name(figure)}", alt: {typst_string(figure.alt)}, width: {width}), '
        f"placement: auto, caption: {typst_caption})",
    )
    label = f"#{anchor} " if anchor else ""
    docx_block = f'![{docx_caption}](charts/{png_name(figure)}){{{label}alt="{_attr(figure.alt)}" width="{width}"}}'

    return visible("typst", typst_block) + "\n\n" + visible("docx", docx_block)


def _typst_text(text: str, lang: str | None) -> str:
    body = f"#{typst_string(text)}"
    return f"#text({_typst_lang(lang)})[{body}]" if lang else body


def _typst_caption(captions: Sequence[tuple[str, str | None]], links: Sequence[DataLink]) -> str:
    """A caption as Typst content: a line for each language's caption, then the data links on one line.

    A bilingual figure's lines each carry their own language; a one-language figure's carry none, so they
    are read in the edition's.
    """
    tagged = len(captions) > 1
    lines = [_typst_text(text, lang if tagged else None) for text, lang in captions]
    lines.append(" #h(2em) ".join(link.typst(tagged) for link in links))
    return "[" + " #linebreak() ".join(lines) + "]"


def _typst_lang(lang: str) -> str:
    language, region = LANG_TAGS[lang].split("-")
    return f'lang: "{language}", region: "{region}"'


def figure_anchor(figure: Figure) -> str:
    return f"fig-{figure.id.replace('/', '-').lower()}-{figure.spec.lang}"


def table_blocks(table: Table, caption: str, anchor: str, printed: Printed = ONE_LANGUAGE) -> str:
    """A numbered table; in the bilingual edition, one table for both languages in the PDF and Word."""
    own = pipe_table(table, caption, anchor)
    if isinstance(printed.merged, Table):
        # Typst sizes each column to its text, so two narrower name columns take fewer lines than one of two
        # names; Word's fixed widths would squeeze them where the figures' columns are wide: stacked there
        pdf = pipe_table(printed.merged, printed.caption, None, printed.langs, names_apart=True)
        word = pipe_table(printed.merged, printed.caption, None, printed.langs)
        paper = f"::: {{#{anchor} .bilingual-figure}}\n{visible('typst', pdf)}\n\n{visible('docx', word)}\n:::"
        return visible("html", own) + "\n\n" + visible("typst,docx", paper)
    if printed.follows:
        slot = f"::: {{#{anchor} .figure-slot}}\n{pipe_table(table, caption)}\n:::"
        return visible("html", own) + "\n\n" + visible("typst,docx", slot)
    return own


def _attr(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")


def svg_name(figure: Figure) -> str:
    return f"{figure.spec.kind}-{figure.spec.digest()}.svg"


def png_name(figure: Figure) -> str:
    return f"{figure.spec.kind}-{figure.spec.digest()}.png"


def table_anchor(table: Table, lang: str) -> str:
    """Anchors carry the language: the bilingual edition holds both languages' tables."""
    return f"tbl-{table.id.replace('/', '-').lower()}-{lang}"
