"""Every PDF page has something on it and nothing runs off it.

The pages are drawn by poppler (pdftoppm) as a reader would see them and
looked at pixel by pixel; the tables are then found through the PDF's own
structure tree and measured with pdfplumber.  The content area comes from the
page size and the margins report.typ sets: 2 cm at the sides (1.6 cm in the
bilingual edition, whose two columns need the width), 2.2 cm at the top and
bottom (where only the running header and footer belong).
"""

from __future__ import annotations

import itertools
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pdfplumber
import pikepdf
import pytest
from PIL import Image

from conftest import EDITIONS, output_file
from dirreport.render.libreoffice import bookmark_pages

DPI = 40
CM = 72 / 2.54  # points
MARGIN_X = 2 * CM
BILINGUAL_MARGIN_X = 1.6 * CM
MARGIN_Y = 2.2 * CM
INK = 245  # a pixel darker than this (0 black … 255 white) is ink
MIN_INK = 0.002  # a page whose content area has less ink than this is blank


@dataclass(frozen=True)
class ContentArea:
    left: float
    top: float
    right: float
    bottom: float

    @classmethod
    def of(cls, width: float, height: float, edition: str) -> ContentArea:
        side = margin_x(edition)
        return cls(side, MARGIN_Y, width - side, height - MARGIN_Y)


def margin_x(edition: str) -> float:
    return BILINGUAL_MARGIN_X if edition == "bilingual" else MARGIN_X


@pytest.fixture(scope="module")
def page_images(built_sample: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Path]]:
    images: dict[str, list[Path]] = {}
    for edition in EDITIONS:
        folder = tmp_path_factory.mktemp(f"pages-{edition}")
        subprocess.run(
            ["pdftoppm", "-r", str(DPI), "-png", str(output_file(built_sample, edition, "pdf")), str(folder / "page")],
            check=True,
            capture_output=True,
        )
        images[edition] = sorted(folder.glob("page-*.png"))
    return images


def ink(path: Path) -> np.ndarray[Any, np.dtype[np.bool_]]:
    grey = np.asarray(Image.open(path).convert("L"))
    return grey < INK


def to_px(points: float) -> float:
    return points / 72 * DPI


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_page_is_drawn(built_sample: Path, page_images: dict[str, list[Path]], edition: str) -> None:
    with pdfplumber.open(output_file(built_sample, edition, "pdf")) as pdf:
        assert len(page_images[edition]) == len(pdf.pages) > 10


@pytest.mark.parametrize("edition", EDITIONS)
def test_no_page_is_blank(page_images: dict[str, list[Path]], edition: str) -> None:
    blank = []
    for path in page_images[edition]:
        pixels = ink(path)
        height, width = pixels.shape
        # the running header and footer sit in the top and bottom margins: a page with only those is blank
        body = pixels[
            round(to_px(MARGIN_Y)) : height - round(to_px(MARGIN_Y)),
            round(to_px(margin_x(edition))) : width - round(to_px(margin_x(edition))),
        ]
        share = float(body.mean())
        if share < MIN_INK:
            blank.append(f"{path.name}: {share:.4%} ink")
    assert not blank, "blank pages:\n" + "\n".join(blank)


HALF = 0.5  # a page may end this much of its content area blank only where a part of its own follows
BILINGUAL_PAGES = 1.42  # the bilingual PDF's pages at most this many times the English PDF's (the sample: 74 to 53)


def blank_below(path: Path) -> float:
    """The share of a page's content area under its last ink (the running footer is in the margin below)."""
    pixels = ink(path)
    height = pixels.shape[0]
    top, bottom = round(to_px(MARGIN_Y)), height - round(to_px(MARGIN_Y))
    rows = np.flatnonzero(pixels[top:bottom].any(axis=1))
    return 1.0 if rows.size == 0 else float((bottom - top - 1 - rows[-1]) / (bottom - top))


@pytest.mark.parametrize("edition", EDITIONS)
def test_no_page_is_more_than_half_blank_but_before_a_new_part(
    built_sample: Path, page_images: dict[str, list[Path]], edition: str
) -> None:
    """A figure or table too tall for the rest of a page moves whole to the next, leaving a gap: only the end
    of a chapter, a foreword or the back matter (a top-level bookmark starts the next page) may leave one."""
    parts = {page for _title, page, level in bookmark_pages(output_file(built_sample, edition, "pdf")) if level == 1}
    assert len(parts) >= 5, parts
    pages = page_images[edition]
    gaps = [
        f"page {number}: {share:.0%} blank"
        for number, path in enumerate(pages[:-1], start=1)
        if (share := blank_below(path)) > HALF and number + 1 not in parts
    ]
    assert not gaps, "pages left half blank in mid-chapter:\n" + "\n".join(gaps)


@pytest.mark.parametrize("edition", EDITIONS)
def test_nothing_is_drawn_in_the_side_margins(
    built_sample: Path, page_images: dict[str, list[Path]], edition: str
) -> None:
    with pdfplumber.open(output_file(built_sample, edition, "pdf")) as pdf:
        width_pt = float(pdf.pages[0].width)
    area = ContentArea.of(width_pt, 0, edition)
    # a pixel column wholly outside the content area must be white; half a point of slack, as for strokes below:
    # a glyph or rule whose edge lies on the margin tints, anti-aliased, the column it ends in
    last_left = int(to_px(area.left - 0.5)) - 1
    first_right = int(np.ceil(to_px(area.right + 0.5)))
    overflowing = []
    for path in page_images[edition]:
        pixels = ink(path)
        left = np.flatnonzero(pixels[:, : last_left + 1].any(axis=0))
        right = np.flatnonzero(pixels[:, first_right:].any(axis=0)) + first_right
        if left.size or right.size:
            overflowing.append(
                f"{path.name}: ink in pixel columns {sorted({*left.tolist(), *right.tolist()})} "
                f"(content area is columns {last_left + 1}-{first_right - 1})"
            )
    assert not overflowing, "content runs into the side margins:\n" + "\n".join(overflowing)


@dataclass
class Layout:
    """What is on each page of one PDF, read once: text by marked-content id, the drawing, the tables."""

    sizes: dict[int, tuple[float, float]]
    chars: dict[tuple[int, int], list[dict[str, Any]]]
    graphics: dict[int, list[tuple[str, dict[str, Any]]]]
    tables: list[list[list[set[tuple[int, int]]]]]  # table → row → cell → (page number, MCID)


def marked_content(
    element: pikepdf.Dictionary, pages: dict[tuple[int, int], int], page: int | None = None
) -> Iterator[tuple[int, int]]:
    """(page number, MCID) of everything an element and its descendants mark, each on its own page.

    A table row that breaks across pages marks content on both, so the page is read from each
    marked-content reference (or the nearest element's /Pg), never assumed from the element.
    """
    if "/Pg" in element:
        page = pages[element.Pg.objgen]
    kids = element.get("/K")
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, int):
            assert page is not None
            yield page, kid
        elif isinstance(kid, pikepdf.Dictionary):
            if kid.get("/Type") == "/MCR":
                yield (pages[kid.Pg.objgen] if "/Pg" in kid else page), int(kid.MCID)  # type: ignore[misc]
            elif "/S" in kid:
                yield from marked_content(kid, pages, page)


def children(element: pikepdf.Dictionary, *roles: str) -> Iterator[pikepdf.Dictionary]:
    """Descendant elements with one of these roles, not looking inside them."""
    kids = element.get("/K")
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            if str(kid.S)[1:] in roles:
                yield kid
            else:
                yield from children(kid, *roles)


@pytest.fixture(scope="module")
def layouts(built_sample: Path) -> dict[str, Layout]:
    found = {}
    for edition in EDITIONS:
        path = output_file(built_sample, edition, "pdf")
        chars: dict[tuple[int, int], list[dict[str, Any]]] = {}
        graphics: dict[int, list[tuple[str, dict[str, Any]]]] = {}
        sizes = {}
        with pdfplumber.open(path) as plumber:
            for page in plumber.pages:
                sizes[page.page_number] = (float(page.width), float(page.height))
                for char in page.chars:
                    if char.get("mcid") is not None and char["text"].strip():
                        chars.setdefault((page.page_number, char["mcid"]), []).append(char)
                graphics[page.page_number] = [
                    (kind[:-1], obj) for kind in ("lines", "rects", "curves") for obj in getattr(page, kind)
                ]
        with pikepdf.open(path) as pdf:
            pages = {page.obj.objgen: number for number, page in enumerate(pdf.pages, start=1)}
            tables = [
                [
                    [set(marked_content(cell, pages)) for cell in children(row, "TH", "TD")]
                    for row in children(table, "TR")
                ]
                for table in children(pdf.Root.StructTreeRoot, "Table")
            ]
        found[edition] = Layout(sizes, chars, graphics, tables)
    return found


def chars_by_page(layout: Layout, keys: set[tuple[int, int]]) -> dict[int, list[dict[str, Any]]]:
    by_page: dict[int, list[dict[str, Any]]] = {}
    for key in keys:
        if key in layout.chars:
            by_page.setdefault(key[0], []).extend(layout.chars[key])
    return by_page


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_table_lies_inside_the_margins(layouts: dict[str, Layout], edition: str) -> None:
    layout = layouts[edition]
    assert len(layout.tables) > 10, "too few Tables in the structure tree"
    outside = []
    for number, table in enumerate(layout.tables, start=1):
        keys = {key for row in table for cell in row for key in cell}
        by_page = chars_by_page(layout, keys)
        assert by_page, f"table {number} has no text on any page"
        for page_number, table_chars in sorted(by_page.items()):
            area = ContentArea.of(*layout.sizes[page_number], edition)
            x0 = min(c["x0"] for c in table_chars)
            x1 = max(c["x1"] for c in table_chars)
            top = min(c["top"] for c in table_chars)
            bottom = max(c["bottom"] for c in table_chars)
            tolerance = 0.5
            if (
                x0 < area.left - tolerance
                or x1 > area.right + tolerance
                or top < area.top - tolerance
                or bottom > area.bottom + tolerance
            ):
                outside.append(
                    f"table {number} on page {page_number}: bbox ({x0:.1f}, {top:.1f}, {x1:.1f}, "
                    f"{bottom:.1f}) outside ({area.left:.1f}, {area.top:.1f}, {area.right:.1f}, "
                    f"{area.bottom:.1f})"
                )
    assert not outside, "\n".join(outside)


@pytest.mark.parametrize("edition", EDITIONS)
def test_table_cells_do_not_run_into_each_other(layouts: dict[str, Layout], edition: str) -> None:
    """A column too narrow for its text makes cells overprint their neighbours ("2023-242022-23")."""
    layout = layouts[edition]
    clashes = []
    rows = 0
    for table in layout.tables:
        for row in table:
            rows += 1
            spans: dict[int, list[tuple[float, float, str]]] = {}
            for cell in row:
                for page_number, cell_chars in chars_by_page(layout, cell).items():
                    text = "".join(c["text"] for c in cell_chars)
                    spans.setdefault(page_number, []).append(
                        (min(c["x0"] for c in cell_chars), max(c["x1"] for c in cell_chars), text)
                    )
            for page_number, page_spans in spans.items():
                page_spans.sort()
                for (_, right, text), (left, _, following) in itertools.pairwise(page_spans):
                    if right > left + 0.5:
                        clashes.append(f"page {page_number}: {text[:30]!r} runs into {following[:30]!r}")
    assert rows > 100
    assert not clashes, "\n".join(clashes[:20])


@pytest.mark.parametrize("edition", EDITIONS)
def test_lines_and_shapes_stay_on_the_page(layouts: dict[str, Layout], edition: str) -> None:
    """Table rules and the charts' vector drawing stay within the side margins too."""
    layout = layouts[edition]
    outside = []
    for page_number, objects in layout.graphics.items():
        area = ContentArea.of(*layout.sizes[page_number], edition)
        for kind, obj in objects:
            # a stroke's half-width may sit outside the box it rules
            slack = float(obj.get("linewidth") or 0) / 2 + 0.5
            if obj["x0"] < area.left - slack or obj["x1"] > area.right + slack:
                outside.append(f"page {page_number}: {kind} from x={obj['x0']:.1f} to {obj['x1']:.1f}")
    assert sum(len(objects) for objects in layout.graphics.values()) > 100
    assert not outside, f"drawn outside the {margin_x(edition):.1f}pt side margins:\n" + "\n".join(outside[:20])


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True).stdout


CAPTION = {
    "en": re.compile(r"^\s*(Figure|Table) (A?\d+):", re.MULTILINE),
    "cy": re.compile(r"^\s*(Ffigur|Tabl) (A?\d+):", re.MULTILINE),
}


def test_bilingual_pdf_prints_each_figure_and_table_once_in_both_languages(built_sample: Path) -> None:
    """A chart or table is printed once with both languages' words, not once for each language: every
    caption, figure and table (A1 … in the appendix too) has its Welsh line and then its English line."""
    lines = [line.strip() for line in pdf_text(output_file(built_sample, "bilingual", "pdf")).splitlines()]
    lines = [line for line in lines if line]
    welsh = {"Figure": "Ffigur", "Table": "Tabl"}
    english = [(i, m) for i, line in enumerate(lines) if (m := CAPTION["en"].match(line))]
    assert len(english) > 40
    alone = [
        f"{m.group(1)} {m.group(2)}"
        for i, m in english
        if not any(line.startswith(f"{welsh[m.group(1)]} {m.group(2)}:") for line in lines[max(0, i - 6) : i])
    ]
    assert not alone, f"printed in English without its Welsh caption above it: {alone}"
    for lang, caption in CAPTION.items():
        numbers = [f"{kind} {number}" for kind, number in caption.findall("\n".join(lines))]
        one = pdf_text(output_file(built_sample, lang, "pdf"))
        assert sorted(numbers) == sorted(f"{kind} {number}" for kind, number in caption.findall(one)), lang


def test_bilingual_pdf_is_little_longer_than_one_language(built_sample: Path) -> None:
    """Side by side, with each figure once, the two languages take about a third more pages than one."""
    pages = {lang: len(pikepdf.open(output_file(built_sample, lang, "pdf")).pages) for lang in ("en", "bilingual")}
    assert pages["bilingual"] <= BILINGUAL_PAGES * pages["en"], pages
