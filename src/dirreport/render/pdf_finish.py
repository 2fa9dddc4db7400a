"""What Typst cannot yet say in a PDF, added to the file it wrote (with pikepdf).

- The PDF opens with its bookmarks pane showing (PageMode /UseOutlines), so a
  reader sees the report's chapters at once.
- In a data table each body row's first cell names the row (an indicator, a
  year): it is tagged TH with Scope Row, as HTML's <th scope="row">, so a
  screen reader announces it with each figure.  Typst marks only the header
  row; its row-header cells need a feature flag the Typst package does not offer.
- In the bilingual edition, each half of the page furniture ("Tudalen / Page",
  the council's two names) is marked with its own /Lang inside the header's and
  footer's artifact: Typst writes furniture as one artifact with no language,
  so its English half was read in the document's Welsh.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

TEXT_SHOWING = {"Tj", "TJ", "'", '"'}


def finish(path: Path, parts: Mapping[str, Sequence[tuple[str, str]]] | None = None, sample: bool = False) -> None:
    """``parts`` is the bilingual edition's labels by language (metadata's language-parts); None for one language."""
    import pikepdf

    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        pdf.Root.PageMode = pikepdf.Name.UseOutlines
        if parts:
            _furniture_languages(pdf, parts, sample)
        root = pdf.Root.get("/StructTreeRoot")
        if root is not None:
            for table in _elements(root, "/Table"):
                _row_headers(table)
        pdf.save(path, deterministic_id=True)


def _kids(node: Any) -> list[Any]:
    import pikepdf

    kids = node.get("/K")
    if isinstance(kids, pikepdf.Array):
        return [k for k in kids if isinstance(k, pikepdf.Dictionary)]
    if isinstance(kids, pikepdf.Dictionary):
        return [kids]
    return []


def _elements(node: Any, role: str) -> list[Any]:
    found = []
    stack = [node]
    while stack:
        current = stack.pop()
        if str(current.get("/S", "")) == role:
            found.append(current)
            continue
        stack.extend(reversed(_kids(current)))
    return found


def _rows(table: Any) -> list[tuple[Any, bool]]:
    """(row, in the table's header) for each TR, in order."""
    rows = []
    for kid in _kids(table):
        role = str(kid.get("/S", ""))
        if role == "/TR":
            rows.append((kid, False))
        elif role in ("/THead", "/TBody", "/TFoot"):
            rows.extend((tr, role == "/THead") for tr in _kids(kid) if str(tr.get("/S", "")) == "/TR")
    return rows


def _row_headers(table: Any) -> None:
    import pikepdf

    for row, in_header in _rows(table):
        cells = [c for c in _kids(row) if str(c.get("/S", "")) in ("/TD", "/TH")]
        if in_header or not cells or str(cells[0].S) == "/TH":
            continue
        first = cells[0]
        first.S = pikepdf.Name.TH
        first.A = pikepdf.Dictionary(O=pikepdf.Name.Table, Scope=pikepdf.Name.Row)


def _languages_of(halves: Sequence[tuple[str, str]]) -> list[str | None]:
    """One label's text pieces as Typst writes them: each half, with the " / " between them untagged."""
    out: list[str | None] = []
    for i, (tag, _text) in enumerate(halves):
        out += ([None] if i else []) + [tag]
    return out


def _furniture_languages(pdf: Any, parts: Mapping[str, Sequence[tuple[str, str]]], sample: bool) -> None:
    """Mark each language's half of the header and footer with its /Lang, inside their pagination artifacts.

    The template prints the running head then the year, and (the sample label,) the page label then the
    number: the artifact's text pieces in that order.  Where a page's pieces do not match that count, the
    page is left as Typst wrote it rather than tagged wrongly.
    """
    import pikepdf

    header = [*_languages_of(parts.get("running-head", ())), None]
    footer = [
        *(_languages_of(parts.get("sample-label", ())) if sample else []),
        *_languages_of(parts.get("page-label", ())),
    ]
    footer.append(None)
    for page in pdf.pages:
        operations: list[Any] = list(pikepdf.parse_content_stream(page))
        out: list[Any] = []
        changed = False
        i = 0
        while i < len(operations):
            operands, operator = operations[i]
            expected = _pagination(operands, str(operator), header, footer)
            if expected is None:
                out.append(operations[i])
                i += 1
                continue
            end, depth = i + 1, 1
            while end < len(operations) and depth:
                name = str(operations[end][1])
                depth += 1 if name in ("BDC", "BMC") else -1 if name == "EMC" else 0
                end += 1
            inside = operations[i:end]
            shown = [k for k, (_o, op) in enumerate(inside) if str(op) in TEXT_SHOWING]
            if len(shown) != len(expected):
                out += inside
            else:
                changed = True
                tags = dict(zip(shown, expected, strict=True))
                for k, operation in enumerate(inside):
                    tag = tags.get(k)
                    if tag is None:
                        out.append(operation)
                        continue
                    properties = pikepdf.Dictionary(Lang=pikepdf.String(tag))
                    out += [
                        pikepdf.ContentStreamInstruction([pikepdf.Name.Span, properties], pikepdf.Operator("BDC")),
                        operation,
                        pikepdf.ContentStreamInstruction([], pikepdf.Operator("EMC")),
                    ]
            i = end
        if changed:
            page.Contents = pdf.make_stream(pikepdf.unparse_content_stream(out))


def _pagination(
    operands: Any, operator: str, header: list[str | None], footer: list[str | None]
) -> list[str | None] | None:
    """The languages expected in a header's or footer's artifact that this operation opens, else None."""
    import pikepdf

    if operator != "BDC" or len(operands) < 2 or operands[0] != pikepdf.Name.Artifact:
        return None
    properties = operands[1]
    if not isinstance(properties, pikepdf.Dictionary) or properties.get("/Type") != pikepdf.Name.Pagination:
        return None
    attached = [str(a) for a in properties.get("/Attached", [])]
    return header if "/Top" in attached else footer if "/Bottom" in attached else None
