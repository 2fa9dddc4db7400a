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

import re
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


# where a header's or footer's artifact opens, and the marked-content operators that nest inside it
_ARTIFACT = re.compile(rb"/Artifact\s*<<[^>]*/Pagination[^>]*>>\s*BDC")
_MARKED = re.compile(rb"\b(BDC|BMC|EMC)\b")


def _furniture_languages(pdf: Any, parts: Mapping[str, Sequence[tuple[str, str]]], sample: bool) -> None:
    """Mark each language's half of the header and footer with its /Lang, inside their pagination artifacts.

    The template prints the running head then the year, and (the sample label,) the page label then the
    number: the artifact's text pieces in that order.  Where a page's pieces do not match that count, the
    page is left as Typst wrote it rather than tagged wrongly.  Only the artifacts' bytes are parsed: a
    page's whole content is some three thousand operations, its furniture a few dozen.
    """
    import pikepdf

    header = [*_languages_of(parts.get("running-head", ())), None]
    footer = [
        *(_languages_of(parts.get("sample-label", ())) if sample else []),
        *_languages_of(parts.get("page-label", ())),
    ]
    footer.append(None)
    for page in pdf.pages:
        contents = page.obj.get("/Contents")
        if not isinstance(contents, pikepdf.Stream):
            continue  # Typst writes one stream a page; anything else is left as it is
        raw = contents.read_bytes()
        pieces: list[bytes] = []
        done = 0
        for start, end in _artifact_spans(raw):
            operations = list(pikepdf.parse_content_stream(pikepdf.Stream(pdf, raw[start:end])))
            tagged = _tag_artifact(operations, header, footer)
            if tagged is not None:
                pieces += [raw[done:start], pikepdf.unparse_content_stream(tagged)]
                done = end
        if done:
            page.Contents = pdf.make_stream(b"".join([*pieces, raw[done:]]))


def _artifact_spans(raw: bytes) -> list[tuple[int, int]]:
    """The byte range of each pagination artifact, from its BDC to the EMC that closes it."""
    spans = []
    for opening in _ARTIFACT.finditer(raw):
        depth = 1
        for marked in _MARKED.finditer(raw, opening.end()):
            depth += -1 if marked.group() == b"EMC" else 1
            if depth == 0:
                spans.append((opening.start(), marked.end()))
                break
    return spans


def _tag_artifact(operations: list[Any], header: list[str | None], footer: list[str | None]) -> list[Any] | None:
    """One artifact's operations with each text piece wrapped in a /Lang span; None if it is not what the
    template prints (a count of pieces that does not match, or not one whole artifact)."""
    import pikepdf

    if not operations:
        return None
    operands, operator = operations[0]
    expected = _pagination(operands, str(operator), header, footer)
    depth = 0
    for _operands, op in operations:
        name = str(op)
        depth += 1 if name in ("BDC", "BMC") else -1 if name == "EMC" else 0
    shown = [k for k, (_o, op) in enumerate(operations) if str(op) in TEXT_SHOWING]
    if expected is None or depth != 0 or str(operations[-1][1]) != "EMC" or len(shown) != len(expected):
        return None
    tags = dict(zip(shown, expected, strict=True))
    out: list[Any] = []
    for k, operation in enumerate(operations):
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
    return out


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
