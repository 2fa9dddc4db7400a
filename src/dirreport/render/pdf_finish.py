"""What Typst cannot yet say in a PDF, added to the file it wrote (with pikepdf).

- The PDF opens with its bookmarks pane showing (PageMode /UseOutlines), so a
  reader sees the report's chapters at once.
- In a data table each body row's first cell names the row (an indicator, a
  year): it is tagged TH with Scope Row, as HTML's <th scope="row">, so a
  screen reader announces it with each figure.  Typst marks only the header
  row; its row-header cells need a feature flag the Typst package does not offer.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


def finish(path: Path) -> None:
    import pikepdf

    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        pdf.Root.PageMode = pikepdf.Name.UseOutlines
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
