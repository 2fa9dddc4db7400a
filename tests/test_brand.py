"""Branding without code: the project's _brand.yml (Quarto's brand.yml format) read, checked and applied.

Reading and checking run in process on small brand files; what a brand does
to the outputs is read from the sample's build (HTML with lxml, PDF with
pikepdf and pdfplumber, Word with python-docx, charts as SVG).
"""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pdfplumber
import pikepdf
import pytest
from docx.oxml.ns import qn

from conftest import REPO, dirreport, output_file
from dirreport.brand import Brand, contrast, load_brand
from dirreport.errors import InputError

SAMPLE_GREEN = "#1E5B4F"


def brand_file(tmp_path: Path, text: str) -> Path:
    (tmp_path / "_brand.yml").write_text(text, encoding="utf-8")
    return tmp_path


def refused(tmp_path: Path, text: str) -> str:
    with pytest.raises(InputError) as raised:
        load_brand(brand_file(tmp_path, text))
    return str(raised.value)


def test_the_samples_brand() -> None:
    brand = load_brand(REPO)
    assert brand.primary == SAMPLE_GREEN and brand.link == "#1B5E9E"
    assert brand.heading_font == "DejaVu Serif" and brand.font_files
    assert brand.logo is not None and brand.logo.is_file()
    assert "MIT" in brand.logo.read_text(encoding="utf-8")  # the logo's licence is stated in it


def test_no_brand_file_keeps_dirreports_look(tmp_path: Path) -> None:
    assert load_brand(tmp_path) == Brand()


def test_wcag_contrast_is_computed_as_wcag_says() -> None:
    assert round(contrast("#000000", "#FFFFFF"), 1) == 21.0
    assert round(contrast("#767676", "#FFFFFF"), 2) == 4.54


def test_a_colour_too_light_for_text_is_named(tmp_path: Path) -> None:
    message = refused(tmp_path, 'color:\n  palette: {gold: "#C9A227"}\n  primary: gold\n')
    assert "color.primary" in message and "#C9A227" in message and "4.5:1" in message


def test_a_missing_font_file_is_named(tmp_path: Path) -> None:
    message = refused(
        tmp_path,
        "typography:\n  fonts:\n    - family: Council Sans\n      source: file\n"
        "      files: [fonts/CouncilSans.ttf]\n  base: {family: Council Sans}\n",
    )
    assert "typography.fonts[0].files[0]" in message and "fonts/CouncilSans.ttf" in message


def test_a_font_neither_declared_nor_installed_is_named(tmp_path: Path) -> None:
    message = refused(tmp_path, "typography:\n  base:\n    family: No Such Face 12345\n")
    assert "typography.base.family" in message and "No Such Face 12345" in message


def test_a_font_from_the_internet_is_refused(tmp_path: Path) -> None:
    message = refused(tmp_path, "typography:\n  fonts:\n    - family: Open Sans\n      source: google\n")
    assert "typography.fonts[0].source" in message and "source: file" in message


def test_a_missing_logo_is_named(tmp_path: Path) -> None:
    assert "logo.large" in refused(tmp_path, "logo:\n  large: images/nowhere.svg\n")
    (tmp_path / "logo.gif").write_bytes(b"GIF89a")
    message = refused(tmp_path, "logo:\n  large: logo.gif\n")
    assert "logo.large" in message and "SVG" in message


def test_the_command_line_names_the_brand_files_key(tmp_path: Path) -> None:
    from conftest import copy_project

    project = copy_project(REPO, tmp_path / "p")
    text = (project / "_brand.yml").read_text(encoding="utf-8").replace("primary: river-green", "primary: bank-gold")
    (project / "_brand.yml").write_text(text, encoding="utf-8")
    run = dirreport("check", str(project))
    assert run.returncode != 0 and "Traceback" not in run.output
    assert "_brand.yml" in run.output and "color.primary" in run.output


def test_new_projects_get_a_commented_brand_file(tmp_path: Path) -> None:
    run = dirreport("new", str(tmp_path / "new"), "--authority", "W06000001", "--year", "2024-25")
    assert run.returncode == 0, run.output
    text = (tmp_path / "new" / "_brand.yml").read_text(encoding="utf-8")
    assert "typography:" in text and "primary:" in text and "logo:" in text
    assert all(not line.strip() or line.startswith("#") for line in text.splitlines())
    assert load_brand(tmp_path / "new") == Brand()


# --- the sample's build ------------------------------------------------------------------------------------


def test_html_shows_the_logo_and_the_brand_colours(built_sample: Path) -> None:
    page = output_file(built_sample, "en", "html").read_text(encoding="utf-8")
    assert re.search(
        r'<img class="logo" src="data:image/svg\+xml;base64,[^"]+" alt="Glanafon County Borough Council" '
        r'lang="en-GB">',
        page,
    )
    assert f"--brand: {SAMPLE_GREEN}" in page and "--link: #1B5E9E" in page
    assert '"DejaVu Serif"' in page


def test_pdf_cover_has_the_logo_and_headings_take_the_brand(built_sample: Path) -> None:
    path = output_file(built_sample, "en", "pdf")
    with pikepdf.open(path) as pdf:
        # the logo (drawn as vectors) is tagged as a figure with its alternative text
        stack, alts = [pdf.Root.StructTreeRoot], []
        while stack:
            node = stack.pop()
            if isinstance(node, pikepdf.Array):
                stack.extend(node)
            elif isinstance(node, pikepdf.Dictionary):
                if str(node.get("/S", "")) == "/Figure":
                    alts.append(str(node.get("/Alt", "")))
                stack.append(node.get("/K"))
        assert "Glanafon County Borough Council" in alts, alts[:5]
        fonts = {
            str(f.get("/BaseFont", "")) for page in pdf.pages[:4] for f in (page.Resources.get("/Font") or {}).values()
        }
        assert any("DejaVuSerif" in f for f in fonts), fonts  # the headings' typeface, embedded
    with pdfplumber.open(path) as pdf:
        # the first heading after the cover and the contents: a foreword's, or Chapter 1's
        words = pdf.pages[2].extract_words(extra_attrs=["non_stroking_color"])
    heading = next(w for w in words if w["text"] in ("Foreword", "Chapter"))
    colour = heading["non_stroking_color"]
    green = tuple(int(SAMPLE_GREEN[i : i + 2], 16) / 255 for i in (1, 3, 5))
    assert all(abs(a - b) < 0.01 for a, b in zip(colour, green, strict=True)), colour


def test_word_has_the_logo_on_its_cover_and_brand_headings(built_sample: Path) -> None:
    document = docx.Document(str(output_file(built_sample, "en", "docx")))
    first = document.element.body.find(qn("w:p"))
    pictures = list(first.iter("{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"))
    assert pictures and pictures[0].get("descr") == "Glanafon County Borough Council"
    heading = next(s for s in document.styles if s.name == "Heading 1")
    assert str(heading.font.color.rgb) == SAMPLE_GREEN[1:]


def test_charts_draw_the_council_in_its_brand_colour(built_sample: Path) -> None:
    charts = list((built_sample / ".dirreport-cache" / "charts").glob("trend-*.svg"))
    assert charts
    assert all(SAMPLE_GREEN.lower() in svg.read_text(encoding="utf-8").lower() for svg in charts[:5])


def test_a_palette_colour_is_checked_before_anything_uses_it(tmp_path: Path) -> None:
    message = refused(tmp_path, 'color:\n  palette: {teal: "#12436", gold: "#C9A227"}\n  primary: gold\n')
    assert "color.palette.teal: '#12436' is not a colour" in message
