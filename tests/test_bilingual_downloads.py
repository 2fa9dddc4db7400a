"""The bilingual edition's downloads in both languages, and the council named as publisher.

The workbook has every sheet (cover, contents, notes with the key to the
shorthand, and each table) in each language, sheets named in their language
(Tabl_1, Table_1), notes numbered in the sheet's language, and its title,
subject, creator and language set; the CSV's header is in both languages.
Assembled in-process from the sample and written with the real writer, then
read back with openpyxl.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import load_workbook

from conftest import REPO, with_settings
from dirreport.assemble.editions import assemble
from dirreport.catalogue import load_authorities
from dirreport.pipeline.downloads import write_downloads
from dirreport.pipeline.project import load_project

ENGLISH_ONLY = ("This worksheet", "Note number", "Shorthand used", "Not shown", "[note ", "Contents", "Sheet name")
WELSH_ONLY = ("Mae’r daflen waith", "Rhif y nodyn", "Heb ei ddangos", "[nodyn ", "Cynnwys", "Enw’r ddalen")


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    project = load_project(REPO)
    document = assemble(project, "bilingual")
    folder = tmp_path_factory.mktemp("downloads")
    csv_path, xlsx_path = write_downloads(document, folder)
    return csv_path, xlsx_path


def sheet_text(sheet) -> str:  # type: ignore[no-untyped-def]
    return " ".join(str(v) for row in sheet.iter_rows(values_only=True) for v in row if v is not None)


def test_every_sheet_is_in_both_languages(written: tuple[Path, Path]) -> None:
    book = load_workbook(written[1])
    names = book.sheetnames
    for welsh, english in (("Clawr", "Cover"), ("Cynnwys", "Contents"), ("Nodiadau", "Notes"), ("Tabl_1", "Table_1")):
        assert welsh in names and english in names, names
    assert not [n for n in names if "_en_" in n or "_cy_" in n], names
    assert sum(n.startswith("Tabl_") for n in names) == sum(n.startswith("Table_") for n in names)


@pytest.mark.parametrize("lang", ["cy", "en"])
def test_each_languages_sheets_hold_no_word_of_the_other(written: tuple[Path, Path], lang: str) -> None:
    book = load_workbook(written[1])
    own = ("Clawr", "Cynnwys", "Nodiadau", "Tabl_") if lang == "cy" else ("Cover", "Contents", "Notes", "Table_")
    other = ENGLISH_ONLY if lang == "cy" else WELSH_ONLY
    for name in book.sheetnames:
        if not name.startswith(own):
            continue
        text = sheet_text(book[name])
        found = [w for w in other if w in text]
        assert not found, f"{name}: {found} in {text[:300]}"


def test_notes_are_numbered_in_their_sheets_language(written: tuple[Path, Path]) -> None:
    book = load_workbook(written[1])
    welsh = [row[0] for row in book["Nodiadau"].iter_rows(min_row=4, values_only=True)]
    english = [row[0] for row in book["Notes"].iter_rows(min_row=4, values_only=True)]
    assert welsh[0] == "[nodyn 1]" and english[0] == "[note 1]"
    key = sheet_text(book["Nodiadau"])
    assert "[isel]" in key and "[c] Heb ei ddangos" in key and "gallai ddatgelu pwy yw rhywun" in key
    assert "[low]" in sheet_text(book["Notes"])


def test_the_workbook_says_what_it_is(written: tuple[Path, Path]) -> None:
    properties = load_workbook(written[1]).properties
    assert properties.title and "Glanafon" in properties.title and " / " in properties.title
    assert properties.subject and properties.creator and "openpyxl" not in properties.creator
    assert "Glanafon County Borough Council" in properties.creator
    assert properties.language == "cy-GB"


def test_the_csv_header_is_in_both_languages(written: tuple[Path, Path]) -> None:
    with written[0].open(encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["Iaith / Language", "Tabl / Table", "Teitl / Title", "Rhes / Row", "Colofn / Column",
                       "Gwerth / Value"]  # fmt: skip
    assert {row[0] for row in rows[1:]} == {"cy", "en"}


def test_every_authority_is_published_by_its_council_in_both_languages() -> None:
    authorities = {code: a for code, a in load_authorities().items() if a.kind == "authority"}
    assert len(authorities) == 22
    for authority in authorities.values():
        council = authority.publisher
        assert council.en.endswith("Council") and council.cy.startswith("Cyngor "), council
        assert council.en != council.cy
    powys = load_authorities()["W06000023"]
    assert (powys.publisher.cy, powys.publisher.en) == ("Cyngor Sir Powys", "Powys County Council")
    assert (powys.name.cy, powys.name.en) == ("Powys", "Powys")


def test_a_name_the_same_in_both_languages_is_printed_once(tmp_path: Path) -> None:
    """Powys is Powys in both languages: the bilingual cover says it once, never "Powys / Powys"."""
    project = with_settings(tmp_path, **{"authority-name": {"en": "Powys", "cy": "Powys"}})
    document = assemble(load_project(project), "bilingual")
    assert document.metadata["subtitle"] == "Powys"
    assert document.metadata["language-parts"]["subtitle"] == [("cy-GB", "Powys")]
    assert "Powys / Powys" not in document.markdown
    assert "Tudalen / Page" in document.metadata["page-label"]  # labels that differ keep both halves


def test_the_stored_downloads_follow_every_number_of_the_tables() -> None:
    """Downloads are kept in the cache like renders: a number behind a cell that the text does not show (more
    decimals than printed) must still give a new key, or a rebuild would publish last time's spreadsheet."""
    from dataclasses import replace

    from dirreport.pipeline.cache import downloads_key

    document = assemble(load_project(REPO), "en")
    assert downloads_key(document) == downloads_key(assemble(load_project(REPO), "en"))
    label, table = next((label, t) for label, t in document.tables if t.numbers and isinstance(t.numbers[0][1], float))
    row = (table.numbers[0][0], table.numbers[0][1] + 1e-9, *table.numbers[0][2:])  # the same when printed
    changed = replace(table, numbers=(row, *table.numbers[1:]))
    tables = tuple((lb, changed if lb == label else t) for lb, t in document.tables)
    assert replace(document, tables=tables).markdown == document.markdown
    assert downloads_key(replace(document, tables=tables)) != downloads_key(document)
