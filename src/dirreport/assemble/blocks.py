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
from pathlib import Path

from dirreport.figures.charts import WIDTH_IN as CHART_WIDTH_IN
from dirreport.figures.specs import Figure, Table

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


def pipe_table(table: Table, caption: str, anchor: str | None = None) -> str:
    """A pipe table with header row and caption; widths follow the text so long labels wrap."""
    cols = len(table.header)
    aligns = table.align or ("l",) * cols
    widths = []
    for i in range(cols):
        longest = max([len(table.header[i]) // 2, *(len(r[i]) for r in table.rows)])
        # numbers need room to stay on one line; long labels may wrap
        # figures need room to stay on one line ("59.9%", "▲ Worsened"); long labels may wrap
        widths.append(min(max(longest, 11 if i == 0 else 13), 60 if i == 0 else 28))
    total = sum(widths) or 1
    dashes = []
    for i in range(cols):
        n = max(3, round(72 * widths[i] / total))
        sep = "-" * n
        dashes.append(f"{sep[:-1]}:" if aligns[i] == "r" else f":{sep[:-1]}")
    lines = ["| " + " | ".join(_cell(h) for h in table.header) + " |", "|" + "|".join(dashes) + "|"]
    for row in table.rows:
        lines.append("| " + " | ".join(_cell(c) for c in row) + " |")
    label = f" {{#{anchor}}}" if anchor else ""
    lines.append("")
    lines.append(f": {md(caption)}{label}")
    out = "\n".join(lines)
    if table.notes:
        out += "\n\n" + "\n\n".join(f"[{md(n)}]{{.table-note}}" for n in table.notes)
    return out


def _cell(text: str) -> str:
    return md(text).replace("|", "\\|") or " "


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


def figure_blocks(
    figure: Figure,
    number_caption: str,
    data_link: str,
    inline_svg: bool = True,
    data_href: str | None = None,
) -> str:
    """One figure in all three formats, each showing the same caption and alternative text.

    Its data link goes to its table in the appendix, or to the spreadsheet published beside the report.
    """
    href = data_href or f"#{table_anchor(figure.table, figure.spec.lang)}"
    anchor = f"fig-{figure.id.replace('/', '-').lower()}-{figure.spec.lang}"
    # the web page carries its charts as inline SVG, put in by the renderer from the drawn file: assembly only
    # names the chart, so it never waits for a drawing or reads one
    chart = f' data-chart="{anchor}"' if inline_svg else ""
    picture = f'<img src="charts/{svg_name(figure)}" alt="{html.escape(figure.alt)}"{chart}>'
    html_block = raw(
        "html",
        f'<figure id="{anchor}" class="chart">\n{picture}\n'
        f"<figcaption>{html.escape(number_caption)}</figcaption>\n</figure>",
    )
    typst_block = raw(
        "typst",
        f'#figure(image("charts/{svg_name(figure)}", alt: {typst_string(figure.alt)}, width: {CHART_WIDTH_IN}in), '
        f"caption: {typst_string(number_caption)})",
    )
    docx_block = (
        f"![{md(number_caption)}](charts/{png_name(figure)}){{#{anchor} "
        f'alt="{_attr(figure.alt)}" width="{CHART_WIDTH_IN}in"}}'
    )
    return (
        "\n\n".join(
            [
                visible("html", html_block),
                visible("typst", typst_block),
                visible("docx", docx_block),
            ]
        )
        + f"\n\n[{md(data_link)}]({href}){{.data-link}}\n"
    )


def _attr(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")


def svg_name(figure: Figure) -> str:
    return f"{figure.spec.kind}-{figure.spec.digest()}.svg"


def png_name(figure: Figure) -> str:
    return f"{figure.spec.kind}-{figure.spec.digest()}.png"


def table_anchor(table: Table, lang: str) -> str:
    """Anchors carry the language: the bilingual edition holds both languages' tables."""
    return f"tbl-{table.id.replace('/', '-').lower()}-{lang}"
