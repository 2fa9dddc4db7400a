"""Word's styles from the brand: the starter templates/reference.docx of `dirreport new`, the look a header row
takes, and columns of short cells that never wrap; all in process, without a build."""

from __future__ import annotations

from pathlib import Path

import docx

from dirreport.brand import DEFAULT_LINK, DEFAULT_PRIMARY, Brand, contrast
from dirreport.office_files import word_file_fault
from dirreport.render.common import pandoc_path
from dirreport.render.docx_reference import PROJECT_REFERENCE, WordLook, reference_doc, write_reference
from dirreport.render.docx_tables import CELL_PADDING_TWIPS, column_widths


def _styles(path: Path) -> dict[str, object]:
    return {s.name: s for s in docx.Document(str(path)).styles}


def test_new_writes_a_reference_docx_made_from_the_brand(tmp_path: Path) -> None:
    from dirreport.cli.scaffold import scaffold

    written = scaffold(tmp_path / "p", "W06000015", "2024-25", None, None)
    reference = tmp_path / "p" / PROJECT_REFERENCE
    assert reference in written
    assert word_file_fault(reference) is None  # a Word file pandoc takes styles from
    document = docx.Document(str(reference))
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)  # A4
    styles = _styles(reference)
    for name in ("Heading 1", "Title", "TOC Heading"):
        assert str(styles[name].font.color.rgb) == DEFAULT_PRIMARY.lstrip("#")  # type: ignore[attr-defined]
    assert str(styles["Hyperlink"].font.color.rgb) == DEFAULT_LINK.lstrip("#")  # type: ignore[attr-defined]
    assert styles["Caption"].paragraph_format.keep_with_next  # type: ignore[attr-defined]
    assert styles["Heading 2"].paragraph_format.keep_with_next  # type: ignore[attr-defined]


def test_a_projects_own_reference_is_used_and_without_one_the_brands_is_made(tmp_path: Path) -> None:
    look = WordLook.from_brand(Brand(primary="#1E5B4F", heading="#1E5B4F", link="#1B5E9E", base_font="DejaVu Serif"))
    made = reference_doc(tmp_path, tmp_path / "cache", pandoc_path(), look)
    assert made.is_relative_to(tmp_path / "cache")
    styles = _styles(made)
    assert str(styles["TOC Heading"].font.color.rgb) == "1E5B4F"  # type: ignore[attr-defined]
    assert str(styles["Hyperlink"].font.color.rgb) == "1B5E9E"  # type: ignore[attr-defined]
    assert styles["Hyperlink"].font.name == styles["Normal"].font.name == "DejaVu Serif"  # type: ignore[attr-defined]
    (tmp_path / "templates").mkdir()
    own = write_reference(tmp_path / PROJECT_REFERENCE, pandoc_path(), WordLook())
    assert reference_doc(tmp_path, tmp_path / "cache", pandoc_path(), look) == own


def test_header_text_contrasts_with_the_brands_colour() -> None:
    for primary in (DEFAULT_PRIMARY, "#1E5B4F", "#A4161A"):
        look = WordLook.from_brand(Brand(primary=primary))
        assert look.header_text == "FFFFFF"
        assert contrast(f"#{look.header_text}", primary) >= 4.5
    # a light brand colour on a dark page: dark text on it
    light = WordLook(primary="F5D76E", background="0B0C0C", foreground="FFFFFF")
    assert contrast(f"#{light.header_text}", "#F5D76E") >= 4.5


def test_a_column_of_short_cells_is_never_wrapped() -> None:
    """The glance table: a long indicator column and a verdict column of "Little change"; the verdict keeps its
    width on one line and the indicator wraps in what is left."""

    def measure(text: str, points: float, bold: bool) -> float:
        return len(text) * points * 12.0  # twips, a face of even width

    rows = [["Indicator", "2023-24", "Direction"]] + [
        ["Percentage of adult assessments with evidence of the active offer of Welsh " * 2, "84.6%", "Little change"]
    ] * 5
    widths, points = column_widths(rows, 9638, measure, 9.5)
    assert widths[2] >= measure("Little change", points, False)
    assert widths[1] >= measure("2023-24", points, True)
    assert sum(widths) <= 9638


def test_a_bilingual_cell_is_as_wide_as_its_longer_language() -> None:
    """The bilingual glance table: "Fawr o newid" over "Little change" needs the width of one of them, not of
    both run together, so the indicator column keeps the rest of the page."""

    def measure(text: str, points: float, bold: bool) -> float:
        return len(text) * points * 12.0

    name = "Canran yr asesiadau oedolion lle roedd tystiolaeth o'r cynnig rhagweithiol o'r Gymraeg"
    rows = [["Dangosydd\nIndicator", "2023-24", "Cyfeiriad\nDirection"]] + [
        [
            f"{name}\nPercentage of adult assessments with evidence of the active offer of Welsh",
            "84.6%",
            "Fawr o newid\nLittle change",
        ]
    ] * 5
    widths, points = column_widths(rows, 9638, measure, 9.5)
    # kept to its longer line, whole, as a column of short cells: no wider, so the names get the rest
    assert widths[2] == int(measure("Little change", points, False) + CELL_PADDING_TWIPS)
    assert widths[0] > 9638 / 2
