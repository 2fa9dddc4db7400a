"""A corpus of malformed report projects, each answered as a user needs it answered.

Every case starts from a published copy of the small fixture project or of the
full sample, breaks it the way a performance officer or a comms officer might,
runs the command line's own ``main`` in this process (no new interpreter per
case, so the corpus stays quick) and expects: the right exit code (2 when the
files cannot be used, 1 when checks block publication), a message naming the
file and the row or line, a word of the explanation, no traceback, no
"internal error", and the report published before left exactly as it was.

Each case is one row of data: a name, the project it starts from, the edit
that breaks it, the command, the exit code and the fragments of the message.
Broken files that read better whole are kept in ``tests/bad_inputs/``.
"""

from __future__ import annotations

import hashlib
import os
import resource
import shutil
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import REPO, Run, assert_user_error, dirreport
from dirreport.cli import main

SMALL = Path(__file__).parent / "fixtures" / "small"
BAD = Path(__file__).parent / "bad_inputs"

CHECK = ("check",)
BUILD = ("build", "--lang", "en", "--format", "html")

Edit = Callable[[Path], None]


# --- edits: small declarative ways to break a copy of a project ----------------------------------------------


def replace(rel: str, old: str, new: str, encoding: str = "utf-8") -> Edit:
    """Replace the first occurrence of ``old`` in a file (which must contain it)."""

    def edit(project: Path) -> None:
        path = project / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {rel}"
        path.write_bytes(text.replace(old, new, 1).encode(encoding))

    return edit


def write(rel: str, text: str, encoding: str = "utf-8") -> Edit:
    def edit(project: Path) -> None:
        path = project / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode(encoding))

    return edit


def append_row(rel: str, row: str) -> Edit:
    def edit(project: Path) -> None:
        path = project / rel
        text = path.read_text(encoding="utf-8")
        path.write_text(text.rstrip("\n") + "\n" + row + "\n", encoding="utf-8")

    return edit


def duplicate_row(rel: str, row: int) -> Edit:
    """Paste a copy of row ``row`` (as a spreadsheet numbers it) at the end of the file."""

    def edit(project: Path) -> None:
        lines = (project / rel).read_text(encoding="utf-8").splitlines()
        append_row(rel, lines[row - 1])(project)

    return edit


def drop_first_line(rel: str) -> Edit:
    def edit(project: Path) -> None:
        path = project / rel
        path.write_text(path.read_text(encoding="utf-8").split("\n", 1)[1], encoding="utf-8")

    return edit


def copy_in(static: str, rel: str) -> Edit:
    def edit(project: Path) -> None:
        (project / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(BAD / static, project / rel)

    return edit


def copy_within(source: str, rel: str) -> Edit:
    def edit(project: Path) -> None:
        shutil.copyfile(project / source, project / rel)

    return edit


def delete(rel: str) -> Edit:
    def edit(project: Path) -> None:
        path = project / rel
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()

    return edit


def link_outside(rel: str, target: str | None = None) -> Edit:
    """Make ``rel`` a symbolic link to ``target``, or to a file in a folder beside the project.

    Without a target the file is moved to that folder (or, if there is none yet, a tiny GIF is made
    there), so the link points at a real file that is simply not inside the project.
    """

    def edit(project: Path) -> None:
        path = project / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if target is None:
            elsewhere = project.parent / "elsewhere"
            elsewhere.mkdir(exist_ok=True)
            destination = elsewhere / path.name
            if path.exists():
                shutil.move(path, destination)
            else:
                destination.write_bytes(b"GIF89a")
        else:
            destination = Path(target)
            if path.exists():
                path.unlink()
        path.symlink_to(destination)

    return edit


def sized(rel: str, megabytes: int) -> Edit:
    def edit(project: Path) -> None:
        path = project / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as f:
            f.write(b"\xff\xd8\xff\xe0")  # a JPEG's first bytes; the size is what matters
            f.truncate(megabytes * 1024 * 1024)

    return edit


def excel_utf8_csv(project: Path) -> None:
    """Every CSV as Excel's 'CSV UTF-8' writes it on Windows: a byte order mark and CRLF line ends."""
    for path in sorted((project / "data").glob("*.csv")):
        text = path.read_text(encoding="utf-8")
        path.write_bytes(text.replace("\n", "\r\n").encode("utf-8-sig"))


def metrics_workbook(sheet: str, cell: str, value: object) -> Edit:
    """data/metrics.xlsx as 'dirreport data template' makes it, with one cell filled in."""

    def edit(project: Path) -> None:
        from openpyxl import load_workbook

        from dirreport.data.workbook import write_template_for_project

        path = project / "data" / "metrics.xlsx"
        write_template_for_project(project, path)
        book = load_workbook(path)
        book[sheet][cell] = value
        book.save(path)

    return edit


def both_languages(rel: str, old: str, new: str) -> Edit:
    """The same change in the English and the Welsh narrative, as a translator copying shortcodes would make."""
    edits = [replace(rel.format(lang=lang), old, new) for lang in ("en", "cy")]

    def edit(project: Path) -> None:
        for one in edits:
            one(project)

    return edit


def edits(*steps: Edit) -> Edit:
    def edit(project: Path) -> None:
        for step in steps:
            step(project)

    return edit


STORIES = (
    "id,consent,en,cy,attribution_en,attribution_cy\n"
    "STORY-01,yes,The carers' group gave me my Thursdays back.,Rhoddodd y grŵp gofalwyr fy nyddiau Iau yn ôl i mi.,"
    "A carer,Gofalwr\n"
)
IMAGE_AT_LINE_9 = (
    "---\n\nThis is my annual report",
    "---\n\n![Our team at the awards](images/team.jpg)\n\nThis is my annual report",
)
LOCAL_CATALOGUE_LINES = len((REPO / "data" / "local-catalogue.yml").read_text(encoding="utf-8").splitlines())
LOCAL_INDICATOR = """
indicators:
  - id: SU-PLACES-RATE
    title:
      en: Additional places per 10,000 children
      cy: Lleoedd ychwanegol fesul 10,000 o blant
    numerator: SU/009
    denominator: population:0-17
    unit: per-10000
    polarity: higher
    standard: QS4
    group: CH
"""


# --- the corpus -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    name: str
    base: str  # "small": tests/fixtures/small (no narratives); "sample": the full sample project
    edit: Edit
    command: tuple[str, ...]
    exit_code: int
    fragments: tuple[str, ...] = ()
    xfail: str | None = None
    max_lines: int | None = None  # at most this many error lines: the cause, not every symptom


CASES = [
    # settings: _quarto.yml
    Case(
        "quarto yml broken yaml",
        "small",
        copy_in("_quarto-misindented.yml", "_quarto.yml"),
        CHECK,
        2,
        ("_quarto.yml:line 6", "is not valid YAML", "indentation"),
    ),
    Case(
        "quarto yml tab indentation",
        "small",
        replace("_quarto.yml", "  year:", "\tyear:"),
        CHECK,
        2,
        ("_quarto.yml:line 5", "is not valid YAML"),
    ),
    Case(
        "quarto yml saved as windows-1252",
        "small",
        replace("_quarto.yml", 'name: "A Director"', 'name: "Siân Roberts"', encoding="cp1252"),
        CHECK,
        2,
        ("_quarto.yml:line 8", "is not UTF-8"),
    ),
    Case("no quarto yml", "small", delete("_quarto.yml"), BUILD, 2, ("no _quarto.yml", "dirreport new")),
    Case(
        "unknown setting key",
        "small",
        replace("_quarto.yml", "languages:", "langauges:"),
        CHECK,
        2,
        ("_quarto.yml:line 6", "unknown setting 'dirreport.langauges'", "spelling"),
    ),
    Case(
        "year spanning two years",
        "small",
        replace("_quarto.yml", 'year: "2023-24"', "year: 2023-25"),
        CHECK,
        2,
        ("_quarto.yml:line 5", "'2023-25' is not one financial year"),
    ),
    Case(
        "year that is not a year",
        "small",
        replace("_quarto.yml", 'year: "2023-24"', "year: last year"),
        CHECK,
        2,
        ("_quarto.yml:line 5", "is not a financial year like 2023-24"),
    ),
    Case(
        "report year in the future",
        "small",
        replace("_quarto.yml", '"2023-24"', '"2032-33"'),
        CHECK,
        2,
        ("_quarto.yml:line 5", "outside the years"),
    ),
    Case(
        "unknown authority code without names",
        "small",
        replace("_quarto.yml", "W06000015", "W06000099"),
        CHECK,
        2,
        ("_quarto.yml:line 4", "'W06000099' is not the ONS code", "authority-name"),
    ),
    Case(
        "language not supported",
        "small",
        replace("_quarto.yml", "[en, cy]", "[en, fr]"),
        CHECK,
        2,
        ("_quarto.yml:line 6", "'fr' is not one of en, cy"),
    ),
    Case(
        "format not supported",
        "small",
        replace("_quarto.yml", "docx]", "word]"),
        CHECK,
        2,
        ("_quarto.yml:line 7", "'word' is not one of html, pdf, docx"),
    ),
    Case(
        "date written day first",
        "small",
        replace("_quarto.yml", "  bilingual:", "  date: 31/10/2024\n  bilingual:"),
        CHECK,
        2,
        ("_quarto.yml:line 9", "'31/10/2024' is not a date", "YYYY-MM-DD"),
    ),
    Case(
        "impossible publication date",
        "small",
        replace("_quarto.yml", "  bilingual:", "  date: 2024-09-31\n  bilingual:"),
        CHECK,
        2,
        ("_quarto.yml:line 9", "date that does not exist", "day is out of range"),
    ),
    Case(
        "settings not under the dirreport key",
        "small",
        copy_in("_quarto-no-dirreport-key.yml", "_quarto.yml"),
        CHECK,
        2,
        ("_quarto.yml:line 3", "has no 'dirreport:' settings", "indented"),
    ),
    Case(
        "output folder outside the project",
        "small",
        replace("_quarto.yml", "output-dir: _output", "output-dir: ../public_html"),
        BUILD,
        2,
        ("_quarto.yml:line 2", "outside the project folder"),
    ),
    # data files
    Case("no metrics file", "small", delete("data/metrics.csv"), CHECK, 2, ("data/metrics.csv", "no metrics file")),
    Case("empty metrics file", "small", write("data/metrics.csv", ""), CHECK, 2, ("data/metrics.csv", "is empty")),
    Case(
        "wrong column names",
        "small",
        replace("data/metrics.csv", "authority,year,metric,value", "Authority Code,Year,Metric,Value"),
        CHECK,
        2,
        ("data/metrics.csv:row 1", "has no column 'authority'", "authority,year,metric,value"),
    ),
    Case(
        "header row left out",
        "small",
        drop_first_line("data/metrics.csv"),
        CHECK,
        2,
        ("data/metrics.csv:row 1", "has no column"),
    ),
    Case(
        "semicolon csv",
        "small",
        copy_in("metrics-semicolons.csv", "data/metrics.csv"),
        CHECK,
        2,
        ("data/metrics.csv:row 1", "semicolons", "CSV UTF-8"),
    ),
    Case(
        "latin-1 csv",
        "small",
        write(
            "data/stories.csv",
            STORIES.replace("ŵ", "w").replace("ô", "o")
            + "STORY-02,yes,Help came fast.,Daeth help yn gyflym.,A parent in Môn,Rhiant ym Môn\n",
            encoding="latin-1",
        ),
        CHECK,
        2,
        ("data/stories.csv:row 3", "is not UTF-8", "Latin-1"),
    ),
    Case("excel csv utf-8 with bom works", "sample", excel_utf8_csv, CHECK, 0),
    Case(
        "unquoted comma in a story",
        "small",
        write(
            "data/stories.csv",
            STORIES + "STORY-02,yes,I was scared, but they listened.,Roedd ofn arna i.,A parent,Rhiant\n",
        ),
        CHECK,
        2,
        ("data/stories.csv:row 3", "has 7 cells where the header has 6"),
    ),
    Case(
        "quote never closed",
        "small",
        write(
            "data/stories.csv",
            STORIES + 'STORY-02,yes,"I was scared,Roedd ofn arna i,A parent,Rhiant\n'
            "STORY-03,no,Not for publication,Nid i'w gyhoeddi,A child,Plentyn\n",
        ),
        CHECK,
        2,
        ("data/stories.csv:row 3", "double quote", "never closed"),
    ),
    Case(
        "utf-16 file from excel unicode text",
        "small",
        write(
            "data/population.csv",
            "authority\tyear\tage_band\tpopulation\nW06000015\t2023-24\t0-17\t60000\n",
            encoding="utf-16",
        ),
        CHECK,
        2,
        ("data/population.csv:row 1", "not UTF-8", "UTF-16"),
    ),
    Case(
        "metrics file over 512 MB",
        "small",
        sized("data/metrics.csv", 600),
        CHECK,
        2,
        ("data/metrics.csv", "is 600 MB", "keep only the years"),
    ),
    Case(
        "duplicate rows",
        "small",
        duplicate_row("data/metrics.csv", 2),
        CHECK,
        2,
        ("data/metrics.csv:row 62", "given twice", "first on row 2"),
    ),
    Case(
        "unknown metric code",
        "small",
        replace("data/metrics.csv", "2023-24,AD/025,205", "2023-24,AD 025,205"),
        CHECK,
        2,
        ("data/metrics.csv:row 5", "'AD 025' is not in the catalogue", "did you mean AD/025?"),
    ),
    Case(
        "unknown survey measure",
        "small",
        replace("data/survey.csv", "SV03", "SV3"),
        CHECK,
        2,
        ("data/survey.csv:row 2", "survey measure 'SV3' is not in the catalogue"),
    ),
    Case(
        "suppressed value as text",
        "small",
        replace("data/metrics.csv", "2023-24,AD/024,250", "2023-24,AD/024,<5"),
        CHECK,
        2,
        ("data/metrics.csv:row 4", "'<5' is not a number", "leave it blank"),
    ),
    Case(
        "text in population",
        "small",
        replace("data/population.csv", "200000", "200k"),
        CHECK,
        2,
        ("data/population.csv:row 3", "population '200k' is not a number"),
    ),
    Case(
        "survey counts as text",
        "small",
        replace("data/survey.csv", "8,7", "8,n/a"),
        CHECK,
        2,
        ("data/survey.csv:row 4", "positive 'n/a' is not a number"),
    ),
    Case(
        "future year",
        "small",
        append_row("data/metrics.csv", "W06000015,2024-25,AD/024,260"),
        CHECK,
        2,
        ("data/metrics.csv:row 62", "year 2024-25 is after the report year 2023-24"),
    ),
    Case(
        "year turned into a date by excel",
        "small",
        replace("data/metrics.csv", "W06000015,2022-23,AD/025", "W06000015,01/04/2022,AD/025"),
        CHECK,
        2,
        ("data/metrics.csv:row 3", "year '01/04/2022' is not a financial year", "as Text"),
    ),
    Case(
        "unknown authority code in data",
        "small",
        replace("data/metrics.csv", "W06000015,2022-23,AD/024", "W6000015,2022-23,AD/024"),
        CHECK,
        2,
        ("data/metrics.csv:row 2", "authority 'W6000015' is not a known ONS code"),
    ),
    Case(
        "survey positive more than respondents",
        "small",
        replace("data/survey.csv", "200,170", "170,200"),
        CHECK,
        2,
        ("data/survey.csv:row 3", "positive (200) must be between 0 and respondents (170)"),
    ),
    Case(
        "survey group capitalised",
        "small",
        replace("data/survey.csv", "SV09,adults", "SV09,Adults"),
        CHECK,
        2,
        ("data/survey.csv:row 4", "group 'Adults' is not a respondent group"),
    ),
    Case(
        "stories consent not yes or no",
        "small",
        write("data/stories.csv", STORIES.replace("STORY-01,yes", "STORY-01,verbal")),
        CHECK,
        2,
        ("data/stories.csv:row 2", "consent 'verbal' for story STORY-01 is not yes or no"),
    ),
    Case(
        "population bad age band",
        "small",
        replace("data/population.csv", "65-74", "65 to 74"),
        CHECK,
        2,
        ("data/population.csv:row 4", "age band '65 to 74' is not one of"),
    ),
    Case(
        "improvement part spelled out",
        "sample",
        replace("data/last-year-improvements.csv", "IMP-03,3b", "IMP-03,Part 3b"),
        CHECK,
        2,
        ("data/last-year-improvements.csv:row 4", "part 'Part 3b' is not 3a, 3b, 3c or 3d"),
    ),
    Case(
        "xlsx that is not a workbook",
        "small",
        edits(copy_within("data/metrics.csv", "data/metrics.xlsx"), delete("data/metrics.csv")),
        CHECK,
        2,
        ("data/metrics.xlsx", "cannot be opened as an Excel workbook"),
    ),
    Case(
        "template workbook with text for a number",
        "small",
        metrics_workbook("Adults", "J7", "n/a"),
        CHECK,
        2,
        ("data/metrics.xlsx (sheet Adults):row 7, column 2023-24", "value 'n/a' is not a number"),
    ),
    Case(
        "template workbook for another authority",
        "small",
        metrics_workbook("About", "B2", "W06000016"),
        CHECK,
        2,
        ("data/metrics.xlsx (sheet About):row 2", "is for authority 'W06000016'"),
    ),
    Case(
        "template workbook linked to another folder",
        "small",
        edits(metrics_workbook("Adults", "J5", 1200), link_outside("data/metrics.xlsx")),
        CHECK,
        2,
        ("data/metrics.xlsx", "is not a regular file"),
    ),
    Case(
        "data file linked to etc passwd",
        "small",
        link_outside("data/stories.csv", "/etc/passwd"),
        BUILD,
        2,
        ("data/stories.csv", "is not a regular file"),
    ),
    Case(
        "data file linked to another folder",
        "small",
        link_outside("data/population.csv"),
        CHECK,
        2,
        ("data/population.csv", "is not a regular file"),
    ),
    # local catalogue
    Case(
        "local catalogue not valid yaml",
        "sample",
        copy_in("local-catalogue-broken.yml", "data/local-catalogue.yml"),
        CHECK,
        2,
        ("data/local-catalogue.yml:line 13", "is not valid YAML"),
    ),
    Case(
        "local catalogue unknown metric",
        "sample",
        append_row("data/local-catalogue.yml", LOCAL_INDICATOR),
        CHECK,
        # the appended indicator's formula is 7 lines below the sample catalogue's last line
        2,
        (
            f"data/local-catalogue.yml:line {LOCAL_CATALOGUE_LINES + 7}",
            "indicator SU-PLACES-RATE uses unknown metric SU/009",
        ),
    ),
    Case(
        "local catalogue linked to another folder",
        "sample",
        link_outside("data/local-catalogue.yml"),
        CHECK,
        2,
        ("data/local-catalogue.yml", "link to a file outside the project"),
    ),
    # narratives
    Case(
        "welsh narratives folder missing",
        "sample",
        delete("narratives/cy"),
        CHECK,
        1,
        ("narratives/cy/", "folder is missing", "remove 'cy' from languages"),
    ),
    Case(
        "missing narrative",
        "sample",
        delete("narratives/en/3b-ii.md"),
        BUILD,
        1,
        ("narratives/en/3b-ii.md", "is missing"),
    ),
    Case(
        "narrative with unknown section name",
        "sample",
        copy_within("narratives/en/3a-i.md", "narratives/en/3a-1.md"),
        CHECK,
        2,
        ("narratives/en/3a-1.md", "'3a-1.md' is not a section of the report"),
    ),
    Case(
        "narrative copied without changing its heading",
        "sample",
        copy_within("narratives/en/3a-i.md", "narratives/en/3a-ii.md"),
        CHECK,
        2,
        ("narratives/en/3a-ii.md:line 3", "heading '3a-i' but the file is for '3a-ii'"),
    ),
    Case(
        "bad front matter yaml",
        "sample",
        replace("narratives/en/3a-i.md", 'title: "What do we know about', "title: What we know: about"),
        CHECK,
        2,
        ("narratives/en/3a-i.md:line 2", "front matter is not valid YAML"),
    ),
    Case(
        "front matter status not draft or final",
        "sample",
        replace("narratives/en/3a-i.md", "status: final", "status: Final"),
        CHECK,
        2,
        ("narratives/en/3a-i.md:line 5", "status 'Final' is not draft or final"),
    ),
    Case(
        "front matter with an impossible date",
        "sample",
        replace("narratives/en/3a-i.md", "status: final\n", "status: final\nreviewed: 2024-02-30\n"),
        CHECK,
        2,
        ("narratives/en/3a-i.md:line 6", "date that does not exist"),
    ),
    Case(
        "narrative saved as windows-1252",
        "sample",
        replace("narratives/en/3a-i.md", "people's language", "people’s language", encoding="cp1252"),
        CHECK,
        2,
        ("narratives/en/3a-i.md:line 9", "is not UTF-8"),
    ),
    Case(
        "narrative linked to etc passwd",
        "sample",
        link_outside("narratives/en/4a.md", "/etc/passwd"),
        BUILD,
        2,
        ("narratives/en/4a.md", "link to a file outside the project"),
    ),
    Case(
        "narrative linked to another folder",
        "sample",
        link_outside("narratives/cy/4b.md"),
        CHECK,
        2,
        ("narratives/cy/4b.md", "link to a file outside the project"),
    ),
    # shortcodes
    Case(
        "unknown shortcode name",
        "sample",
        both_languages("narratives/{lang}/3a-i.md", "{{< indicator WF-AGENCY", "{{< indicater WF-AGENCY"),
        BUILD,
        2,
        ("narratives/en/3a-i.md:line 15", "unknown shortcode 'indicater'", "use one of"),
    ),
    Case(
        "unknown indicator id",
        "sample",
        both_languages("narratives/{lang}/3a-i.md", "{{< indicator WF-AGENCY", "{{< indicator WF-AGENCI"),
        BUILD,
        2,
        ("narratives/en/3a-i.md:line 15", "indicator 'WF-AGENCI' is not in the catalogue"),
    ),
    Case(
        "shortcode with too many arguments",
        "sample",
        both_languages("narratives/{lang}/3a-i.md", "SV-STAFF01 staff >}}", "SV-STAFF01 staff 2023-24 >}}"),
        BUILD,
        2,
        ("narratives/en/3a-i.md:line 15", "shortcode 'survey' takes 1 or 2 argument(s) but was given 3"),
    ),
    Case(
        "shortcode with unclosed quote",
        "sample",
        both_languages("narratives/{lang}/3-experience.md", "{{< quote STORY-01 >}}", '{{< quote "STORY-01 >}}'),
        BUILD,
        2,
        ("narratives/en/3-experience.md:line 21", "cannot be read"),
    ),
    Case(
        "chart shortcode inside a sentence",
        "sample",
        both_languages(
            "narratives/{lang}/3a-ii.md",
            "\n{{< chart CH-WELSH-OFFER compare >}}",
            " {{< chart CH-WELSH-OFFER compare >}}",
        ),
        BUILD,
        2,
        ("narratives/en/3a-ii.md:line 19", "must be on a line of its own"),
    ),
    Case(
        "comparison chart of a count",
        "sample",
        both_languages(
            "narratives/{lang}/3a-ii.md",
            "{{< chart CH-WELSH-OFFER compare >}}",
            "{{< chart WF-NEWLY-QUALIFIED compare >}}",
        ),
        BUILD,
        2,
        (
            "narratives/en/3a-ii.md:line 20",
            "WF-NEWLY-QUALIFIED is a count, and counts are not compared across authorities of different sizes",
            "compare a rate or percentage instead",
        ),
    ),
    Case(
        "quote of a story not in stories csv",
        "sample",
        both_languages("narratives/{lang}/3-experience.md", "{{< quote STORY-01 >}}", "{{< quote STORY-1 >}}"),
        BUILD,
        2,
        ("narratives/en/3-experience.md:line 21", "no story 'STORY-1' in data/stories.csv"),
    ),
    # images
    Case(
        "missing image",
        "sample",
        replace("narratives/en/1-summary.md", *IMAGE_AT_LINE_9),
        BUILD,
        2,
        ("narratives/en/1-summary.md:line 9", "image 'images/team.jpg' does not exist"),
    ),
    Case(
        "huge image",
        "sample",
        edits(replace("narratives/en/1-summary.md", *IMAGE_AT_LINE_9), sized("images/team.jpg", 12)),
        BUILD,
        2,
        ("narratives/en/1-summary.md:line 9", "image 'images/team.jpg' is 12 MB", "below 10 MB"),
    ),
    Case(
        "image linked to etc passwd",
        "sample",
        edits(replace("narratives/en/1-summary.md", *IMAGE_AT_LINE_9), link_outside("images/team.jpg", "/etc/passwd")),
        BUILD,
        2,
        ("narratives/en/1-summary.md:line 9", "link to a file outside the project"),
    ),
    Case(
        "image linked to another folder",
        "sample",
        edits(replace("narratives/en/1-summary.md", *IMAGE_AT_LINE_9), link_outside("images/team.jpg")),
        CHECK,
        2,
        ("narratives/en/1-summary.md:line 9", "link to a file outside the project"),
    ),
    Case(
        "image is a word document",
        "sample",
        replace(
            "narratives/en/1-summary.md",
            IMAGE_AT_LINE_9[0],
            IMAGE_AT_LINE_9[1].replace("images/team.jpg", "images/team.docx"),
        ),
        CHECK,
        2,
        ("narratives/en/1-summary.md:line 9", "is not a PNG, JPEG"),
    ),
    # project templates
    Case(
        "template syntax error",
        "sample",
        copy_in("report-syntax-error.md.j2", "templates/report.md.j2"),
        BUILD,
        2,
        ("templates/report.md.j2:line 5", "template syntax error"),
    ),
    Case(
        "template reaching for python internals",
        "sample",
        copy_in("report-python-internals.md.j2", "templates/report.md.j2"),
        BUILD,
        2,
        ("templates/report.md.j2:line 3", "not allowed"),
    ),
    Case(
        "template includes a missing template",
        "sample",
        write("templates/report.md.j2", '{% include "notices.md.j2" %}\n{% include "cover.md.j2" %}\n'),
        BUILD,
        2,
        ("templates/report.md.j2:line 2", "'cover.md.j2' was not found"),
    ),
    Case(
        "template saved as windows-1252",
        "sample",
        write("templates/notices.md.j2", "{# Hysbysiadau – y nodiadau ar ddechrau’r adroddiad #}\n", encoding="cp1252"),
        BUILD,
        2,
        ("templates/notices.md.j2:line 1", "not UTF-8"),
    ),
    Case(
        "template includes itself",
        "sample",
        write("templates/place.md.j2", '{% include "place.md.j2" %}\n\nReviewed by the scrutiny committee.\n'),
        BUILD,
        2,
        ("templates/place.md.j2:line 1", "includes itself"),
    ),
    Case(
        "template linked to etc passwd",
        "sample",
        link_outside("templates/notices.md.j2", "/etc/passwd"),
        BUILD,
        2,
        ("templates/notices.md.j2", "link to a file outside the project"),
    ),
]


# --- StatsWales shapes, numbers, settings, narrative structure, imports -------------------------------------------

AD024_2023 = "W06000015,2023-24,AD/024,250"
AD025_2022 = "W06000015,2022-23,AD/025"


def value_at_row_4(value: str) -> Edit:
    """AD/024 for 2023-24 (row 4 of the small project's metrics.csv) written as ``value``."""
    return replace("data/metrics.csv", AD024_2023, f"W06000015,2023-24,AD/024,{value}")


def setting(line: str) -> Edit:
    """One more line under dirreport: in _quarto.yml (it lands on line 9 of the small project's file)."""
    return replace("_quarto.yml", "  bilingual: false", f"{line}\n  bilingual: false")


def with_note_column(note_row_4: str) -> Edit:
    """metrics.csv with a note column, row 4 holding ``note_row_4``."""

    def edit(project: Path) -> None:
        path = project / "data" / "metrics.csv"
        lines = path.read_text(encoding="utf-8").splitlines()
        lines = [lines[0] + ",note"] + [
            line + ("," + note_row_4 if n == 4 else ",") for n, line in enumerate(lines[1:], start=2)
        ]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    return edit


def plain_workbook(stem: str) -> Edit:
    """data/<stem>.xlsx as a spreadsheet holding the same long table as the CSV beside it."""

    def edit(project: Path) -> None:
        import csv

        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        with (project / "data" / f"{stem}.csv").open(encoding="utf-8-sig") as f:
            for record in csv.reader(f):
                sheet.append(record)
        book.save(project / "data" / f"{stem}.xlsx")

    return edit


STATSWALES = "AreaCode,YearCode,NoteCodes,Measure,Data\n"


def summary_narrative(*paragraphs: str) -> Edit:
    """The small project's Director's summary, its body starting on line 6 with the given paragraphs."""
    front = '---\ntitle: "Summary"\nstatus: final\n---\n\n'
    return write("narratives/en/1-summary.md", front + "\n\n".join(paragraphs) + "\n")


def translated_target(target: str) -> Edit:
    """An English narrative exported to XLIFF, its one unit translated as given (XML-escaped)."""

    def edit(project: Path) -> None:
        from dirreport.xliff.exchange import export_xliff

        summary_narrative("A first paragraph to translate.")(project)
        export_xliff(project, project / "t.xlf")
        text = (project / "t.xlf").read_text(encoding="utf-8")
        source = "<source>A first paragraph to translate.</source>"
        assert source in text
        (project / "t.xlf").write_text(text.replace(source, f"{source}<target>{target}</target>"), encoding="utf-8")

    return edit


TRANSLATE_IMPORT = ("translate", "import", "{project}/t.xlf", "--project", "{project}")


def statswales(rows: str) -> Edit:
    return write("statswales.csv", STATSWALES + rows)


IMPORT = ("data", "import", "{project}/statswales.csv", "--project", "{project}")
SAMPLE_OTHERS_CODE = replace("_quarto.yml", "authority: X99999999", "authority: X9999999")

CASES += [
    # values that are not figures, refused at their row
    *[
        Case(f"value {label}", "small", value_at_row_4(text), CHECK, 2, ("data/metrics.csv:row 4", fragment))
        for label, text, fragment in [
            ("inf", "inf", "'inf' is not a finite number"),
            ("minus infinity", "-Infinity", "'-Infinity' is not a finite number"),
            ("nan", "nan", "'nan' is not a finite number"),
            ("NaN capitalised", "NaN", "'NaN' is not a finite number"),
            ("1e300", "1e300", "too large to be a figure"),
            ("absurdly long number", "9" * 20, "too large to be a figure"),
            ("decimal comma", '"2,5"', "'2,5' has a decimal comma"),
            ("decimal comma with two places", '"12,34"', "write 12.34 with a decimal point"),
            ("two decimal points", "1.2.3", "'1.2.3' is not a number"),
            ("number with letters", "12abc", "'12abc' is not a number"),
            ("percent sign", "85%", "'85%' is not a number"),
            ("misplaced thousands separator", '"12,3456"', "'12,3456' has a decimal comma"),
            ("number marked not available", "250 x", "'250 x' gives a number but marks it not available"),
            ("number with an unknown code", "250 [q]", "'250 [q]' is not a number"),
        ]
    ],
    Case(
        "thousands separator reads as thousands",
        "small",
        edits(
            value_at_row_4('"1,250"'),
            replace("data/metrics.csv", "W06000015,2023-24,AD/025,205", "W06000015,2023-24,AD/025,1300"),
        ),
        CHECK,
        2,
        ("data/metrics.csv:row 5", "AD/025 (1300) is larger than AD/024 (1250)"),
    ),
    Case(
        "statswales table saved as the metrics file",
        "small",
        write("data/metrics.csv", "AreaCode,YearCode,NoteCodes,Measure,Data\nW06000015,202324,,AD/024,250\n"),
        CHECK,
        2,
        (
            "data/metrics.csv:row 1",
            "has no column 'authority'",
            "looks like a StatsWales data table",
            "dirreport data import",
        ),
    ),
    # the StatsWales note column
    Case(
        "note code StatsWales does not use",
        "small",
        with_note_column("q"),
        CHECK,
        2,
        ("data/metrics.csv:row 4, column note", "'q', which StatsWales does not use", "p provisional"),
    ),
    Case(
        "two note codes, one unknown",
        "small",
        with_note_column('"p,zz"'),
        CHECK,
        2,
        ("data/metrics.csv:row 4, column note", "'zz'"),
    ),
    Case(
        "value given but noted not available",
        "small",
        with_note_column("x"),
        CHECK,
        2,
        ("data/metrics.csv:row 4, column note", "has the value 250 but its note says not available"),
    ),
    Case(
        "value given but noted not applicable",
        "small",
        with_note_column("[z]"),
        CHECK,
        2,
        ("data/metrics.csv:row 4, column note", "its note says not applicable"),
    ),
    # years
    *[
        Case(
            f"data year {label}",
            "small",
            replace("data/metrics.csv", AD025_2022, f"W06000015,{text},AD/025"),
            CHECK,
            2,
            ("data/metrics.csv:row 3, column year", fragment),
        )
        for label, text, fragment in [
            ("spanning two years", "2023-25", "'2023-25' is not one financial year"),
            ("written in full but two years apart", "2022/2024", "'2022/2024' is not one financial year"),
            ("two digits only", "22-23", "'22-23' is not a financial year like 2023-24"),
            ("calendar year", "2022", "'2022' is not a financial year"),
            ("backwards", "2023-22", "is not one financial year"),
        ]
    ],
    Case(
        "data year 202425 after the report year",
        "small",
        append_row("data/metrics.csv", "W06000015,202425,AD/024,260"),
        CHECK,
        2,
        ("data/metrics.csv:row 62", "year 2024-25 is after the report year 2023-24"),
    ),
    Case(
        "data year 2022/23 duplicates 2022-23",
        "small",
        append_row("data/metrics.csv", "W06000015,2022/23,AD/024,200"),
        CHECK,
        2,
        ("data/metrics.csv:row 62", "given twice (first on row 2)"),
    ),
    # population and survey: the same number rules
    Case(
        "population of zero",
        "small",
        replace("data/population.csv", "0-17,60000", "0-17,0"),
        CHECK,
        2,
        ("data/population.csv:row 2, column population", "population of 0-17 is 0"),
    ),
    Case(
        "population with decimal comma",
        "small",
        replace("data/population.csv", "0-17,60000", '0-17,"60,5"'),
        CHECK,
        2,
        ("data/population.csv:row 2", "has a decimal comma"),
    ),
    Case(
        "population infinite",
        "small",
        replace("data/population.csv", "0-17,60000", "0-17,inf"),
        CHECK,
        2,
        ("data/population.csv:row 2", "'inf' is not a finite number"),
    ),
    Case(
        "population 1e300",
        "small",
        replace("data/population.csv", "0-17,60000", "0-17,1e300"),
        CHECK,
        2,
        ("data/population.csv:row 2", "too large"),
    ),
    Case(
        "population negative",
        "small",
        replace("data/population.csv", "0-17,60000", "0-17,-60000"),
        CHECK,
        2,
        ("data/population.csv:row 2", "is not a whole number"),
    ),
    Case(
        "population year 2023/25",
        "small",
        replace("data/population.csv", "2023-24,0-17", "2023/25,0-17"),
        CHECK,
        2,
        ("data/population.csv:row 2, column year", "not one financial year"),
    ),
    Case(
        "survey respondents infinite",
        "small",
        replace("data/survey.csv", "200,150", "inf,150"),
        CHECK,
        2,
        ("data/survey.csv:row 2, column respondents", "'inf' is not a finite number"),
    ),
    Case(
        "survey respondents decimal comma",
        "small",
        replace("data/survey.csv", "200,150", '"2,5",150'),
        CHECK,
        2,
        ("data/survey.csv:row 2, column respondents", "decimal comma"),
    ),
    Case(
        "survey positive 1e300",
        "small",
        replace("data/survey.csv", "200,150", "200,1e300"),
        CHECK,
        2,
        ("data/survey.csv:row 2, column positive", "too large"),
    ),
    Case(
        "survey respondents with a fraction",
        "small",
        replace("data/survey.csv", "200,150", "200.5,150"),
        CHECK,
        2,
        ("data/survey.csv:row 2", "must be whole numbers"),
    ),
    # the cause, not the symptoms
    Case(
        "header-only metrics file",
        "sample",
        write("data/metrics.csv", "authority,year,metric,value\n"),
        BUILD,
        2,
        ("data/metrics.csv:row 2", "has no figures for X99999999", "dirreport data import"),
        max_lines=3,
    ),
    Case(
        "header-only metrics file in check",
        "sample",
        write("data/metrics.csv", "authority,year,metric,value\n"),
        CHECK,
        2,
        ("data/metrics.csv:row 2", "has no figures for X99999999"),
    ),
    Case(
        "mistyped own authority code with names given",
        "sample",
        SAMPLE_OTHERS_CODE,
        CHECK,
        2,
        ("_quarto.yml:line 9", "authority 'X9999999' has no rows in the data", "X99999999"),
        max_lines=1,
    ),
    Case(
        "unknown authority on many rows named once",
        "small",
        lambda project: (project / "data" / "metrics.csv").write_text(
            (project / "data" / "metrics.csv").read_text(encoding="utf-8").replace("W92000004", "W9200004"),
            encoding="utf-8",
        ),
        CHECK,
        2,
        ("authority 'W9200004' is not a known ONS code (and 3 more rows)",),
        max_lines=1,
    ),
    # two sources for one table
    Case(
        "metrics xlsx and csv both present",
        "small",
        plain_workbook("metrics"),
        CHECK,
        2,
        ("data/metrics.xlsx", "data/metrics.xlsx and data/metrics.csv are both present"),
    ),
    Case(
        "population xlsx and csv both present",
        "small",
        plain_workbook("population"),
        CHECK,
        2,
        ("data/population.xlsx and data/population.csv are both present",),
    ),
    Case(
        "template workbook and csv both give our figures",
        "small",
        metrics_workbook("Adults", "J5", 1200),
        CHECK,
        2,
        ("data/metrics.csv:row 2", "which data/metrics.xlsx also holds"),
    ),
    # settings: kinds, ineffective keys
    *[
        Case(f"setting {label}", "small", edit, CHECK, 2, ("_quarto.yml:line " + line, *fragments))
        for label, edit, line, fragments in [
            (
                "director as a number",
                replace("_quarto.yml", 'director: {name: "A Director"}', "director: 42"),
                "8",
                ("director must be {name:", "not the number 42"),
            ),
            (
                "director with a misspelt key",
                replace("_quarto.yml", 'director: {name: "A Director"}', 'director: {nmae: "A Director"}'),
                "8",
                ("has 'nmae'",),
            ),
            ("draft true has no effect", setting("  draft: true"), "9", ("'dirreport.draft' has no effect", "--draft")),
            ("sample as text", setting('  sample: "yes"'), "9", ("sample must be true or false",)),
            ("outlier factor below one", setting("  outlier-factor: 0.5"), "9", ("above 1",)),
            ("readability target as text", setting("  readability-target: high"), "9", ("must be a number",)),
            ("allow as a single text", setting('  allow: "01234 567890"'), "9", ("must be a list of exact texts",)),
            ("title as a number", setting("  title: 42"), "9", ("title must have an 'en' and a 'cy' text",)),
            ("area name without welsh", setting("  area-name: {en: Cardiff}"), "9", ("has no Welsh text",)),
            (
                "languages empty",
                replace("_quarto.yml", "languages: [en, cy]", "languages: []"),
                "6",
                ("languages must be a list",),
            ),
            (
                "formats as a mapping",
                replace("_quarto.yml", "formats: [html, pdf, docx]", "formats: {html: true}"),
                "7",
                ("formats must be a list", "not a mapping"),
            ),
            (
                "bilingual first in french",
                replace("_quarto.yml", "bilingual: false", "bilingual: {first: fr}"),
                "9",
                ("first is 'fr'",),
            ),
            (
                "bilingual with a misspelt key",
                replace("_quarto.yml", "bilingual: false", "bilingual: {frist: cy}"),
                "9",
                ("has 'frist'",),
            ),
            (
                "bilingual as text",
                replace("_quarto.yml", "bilingual: false", "bilingual: welsh"),
                "9",
                ("must be true, false or {first: cy}",),
            ),
            ("date day first with dashes", setting("  date: 31-10-2024"), "9", ("is not a date written YYYY-MM-DD",)),
            ("output dir under dirreport", setting("  output-dir: public"), "9", ("has no effect", "project:")),
            (
                "year as a number",
                replace("_quarto.yml", 'year: "2023-24"', "year: 2023"),
                "5",
                ("is not a financial year",),
            ),
            (
                "authority as a list",
                replace("_quarto.yml", "authority: W06000015", "authority: [W06000015]"),
                "4",
                ("authority must be a text",),
            ),
        ]
    ],
    Case(
        "no year setting",
        "small",
        replace("_quarto.yml", '  year: "2023-24"\n', ""),
        CHECK,
        2,
        ("_quarto.yml", "no 'year' given"),
    ),
    Case(
        "year 2023/24 is read as 2023-24", "small", replace("_quarto.yml", 'year: "2023-24"', "year: 2023/24"), BUILD, 0
    ),
    # narrative structure
    *[
        Case(
            f"narrative {label}",
            "sample",
            replace("narratives/en/3a-i.md", old, new),
            cmd,
            2,
            ("narratives/en/3a-i.md:line " + line, *fragments),
        )
        for label, old, new, line, fragments, cmd in [
            (
                "unclosed comment",
                "Agency staff make up",
                "<!-- check with HR\nAgency staff make up",
                "15",
                ("<!-- is never closed",),
                CHECK,
            ),
            (
                "unclosed comment in a build",
                "Agency staff make up",
                "<!-- check with HR\nAgency staff make up",
                "15",
                ("<!-- is never closed",),
                BUILD,
            ),
            (
                "unclosed shortcode at paragraph end",
                "of our workforce ({{< change WF-AGENCY >}}).",
                "of our workforce ({{< change WF-AGENCY >}}). See {{< metric WF/001",
                "15",
                ("'{{< metric WF/001' is not closed",),
                BUILD,
            ),
            (
                "shortcode closed only after another opens",
                "{{< indicator WF-AGENCY >}}",
                "{{< indicator WF-AGENCY {{< change WF-AGENCY >}}",
                "15",
                ("is not closed",),
                CHECK,
            ),
            (
                "stray closing tags",
                "Agency staff make up",
                "</div></section></main></body>\n\nAgency staff make up",
                "15",
                ("closing tag </div> has no opening <div>", "</body>"),
                BUILD,
            ),
            (
                "tag opened and never closed",
                "Agency staff make up",
                "<div>\n\nAgency staff make up",
                "15",
                ("<div> is opened but never closed",),
                CHECK,
            ),
            (
                "shortcode without angle brackets",
                "{{< indicator WF-AGENCY >}}",
                "{{ indicator WF-AGENCY }}",
                "15",
                ("'{{ indicator' looks like a shortcode without its angle brackets",),
                BUILD,
            ),
            (
                "hugo-style shortcode",
                "{{< indicator WF-AGENCY >}}",
                "{{% indicator WF-AGENCY %}}",
                "15",
                ("looks like a shortcode",),
                CHECK,
            ),
            (
                "shortcode closed but never opened",
                "{{< indicator WF-AGENCY >}}",
                "indicator WF-AGENCY >}}",
                "15",
                ("'>}}' closes a shortcode that was never opened",),
                CHECK,
            ),
            (
                "apostrophe in an unclosed shortcode",
                "{{< indicator WF-AGENCY >}}",
                "{{< indicator WF-AGENCY and the team's >}}",
                "15",
                ("never closed", "missing its >}}"),
                CHECK,
            ),
        ]
    ],
    Case(
        "welsh narrative unclosed comment",
        "sample",
        lambda project: (project / "narratives/cy/3a-i.md").write_text(
            (project / "narratives/cy/3a-i.md").read_text(encoding="utf-8") + "\n<!-- i'w wirio\n", encoding="utf-8"
        ),
        CHECK,
        2,
        ("narratives/cy/3a-i.md", "<!-- is never closed"),
    ),
    Case(
        "closed comments are fine",
        "sample",
        edits(*[append_row(f"narratives/{lang}/3a-i.md", "<!-- a note\nover two lines -->") for lang in ("en", "cy")]),
        CHECK,
        0,
    ),
    Case(
        "unknown shortcode gives the same exit code in check",
        "sample",
        both_languages("narratives/{lang}/3a-i.md", "{{< indicator WF-AGENCY", "{{< indicater WF-AGENCY"),
        CHECK,
        2,
        ("narratives/en/3a-i.md:line 15", "unknown shortcode 'indicater'"),
    ),
    # script in the web page: pandoc's own syntax in a narrative, settings breaking out, a translator's target
    Case(
        "raw html passage in a narrative",
        "small",
        summary_narrative("Our year `<img src=x onerror=alert(1)>`{=html} in brief."),
        BUILD,
        2,
        ("narratives/en/1-summary.md:line 6", "raw html passage", "{=html}"),
    ),
    Case(
        "raw html block holding a script",
        "small",
        summary_narrative("Our year.", "```{=html}\n<script>alert(1)</script>\n```"),
        BUILD,
        2,
        ("narratives/en/1-summary.md:line 8", "raw html passage"),
    ),
    Case(
        "raw openxml block for the word file",
        "small",
        summary_narrative("Our year.", "```{=openxml}\n<w:p><w:r><w:t>x</w:t></w:r></w:p>\n```"),
        BUILD,
        2,
        ("narratives/en/1-summary.md:line 8", "raw openxml passage"),
    ),
    Case(
        "raw typst passage for the pdf",
        "small",
        summary_narrative('Our year `#read("/etc/passwd")`{=typst}.'),
        BUILD,
        2,
        ("narratives/en/1-summary.md:line 6", "raw typst passage"),
    ),
    Case(
        "raw latex block",
        "small",
        summary_narrative("Our year.", "~~~ {=latex}\n\\input{/etc/passwd}\n~~~"),
        BUILD,
        2,
        ("narratives/en/1-summary.md:line 8", "raw latex passage"),
    ),
    Case(
        "onclick on a span",
        "small",
        summary_narrative("[Read more]{onclick=alert(1)}"),
        BUILD,
        2,
        ("narratives/en/1-summary.md:line 6", "attribute onclick= is not allowed", "{lang=cy}"),
    ),
    Case(
        "onmouseover on a heading",
        "small",
        summary_narrative("Our year.", "## Our year {onmouseover=alert(1)}"),
        BUILD,
        2,
        ("narratives/en/1-summary.md:line 8", "attribute onmouseover= is not allowed"),
    ),
    Case(
        "onclick on a fenced div",
        "small",
        summary_narrative("::: {.note onclick=alert(1)}\nA passage.\n:::"),
        BUILD,
        2,
        ("narratives/en/1-summary.md:line 6", "attribute onclick= is not allowed"),
    ),
    Case(
        "onclick on a link",
        "small",
        summary_narrative("See [our site](https://example.org){onclick=alert(1)}."),
        BUILD,
        2,
        ("narratives/en/1-summary.md:line 6", "attribute onclick= is not allowed"),
    ),
    Case(
        "onload on a picture",
        "small",
        summary_narrative("![A chart](images/x.png){onload=alert(1)}"),
        BUILD,
        2,
        ("narratives/en/1-summary.md:line 6", "attribute onload= is not allowed"),
    ),
    Case(
        "style attribute hiding a quote",
        "small",
        summary_narrative('[x]{lang="cy" style="}"}'),
        BUILD,
        2,
        ("narratives/en/1-summary.md:line 6", "attribute style= is not allowed"),
    ),
    Case(
        "html in a picture's description",
        "small",
        summary_narrative("![<img src=x onerror=alert(1)>](images/x.svg)"),
        BUILD,
        2,
        ("narratives/en/1-summary.md:line 6", "description", "holds HTML"),
    ),
    Case(
        "metadata block in the middle of a narrative",
        "small",
        summary_narrative("Our year.", "---\nheader-includes: <script>alert(1)</script>\n---"),
        BUILD,
        2,
        ("narratives/en/1-summary.md:line 8", "metadata block"),
    ),
    Case(
        "contact website breaking out of its link",
        "small",
        setting('  contact: {website: "https://example.org/)<img src=x onerror=alert(1)>"}'),
        CHECK,
        2,
        ("_quarto.yml:line 9", "contact website", "is not a web address", "https://"),
    ),
    Case(
        "contact website not https",
        "small",
        setting('  contact: {website: "javascript:alert(1)//https://"}'),
        CHECK,
        2,
        ("_quarto.yml:line 9", "contact website", "is not a web address"),
    ),
    Case(
        "contact phone breaking out of its link",
        "small",
        setting('  contact: {phone: "01632)<svg/onload=alert(1)>("}'),
        CHECK,
        2,
        ("_quarto.yml:line 9", "contact phone", "is not a telephone number"),
    ),
    Case(
        "contact email breaking out of its link",
        "small",
        setting('  contact: {email: "a@b.example)<img src=x onerror=alert(1)>"}'),
        CHECK,
        2,
        ("_quarto.yml:line 9", "contact email", "is not an email address"),
    ),
    Case(
        "translated target holding a raw html passage",
        "small",
        translated_target("Paragraff `&lt;img src=x onerror=alert(1)&gt;`{=html} cyntaf."),
        TRANSLATE_IMPORT,
        2,
        ("t.xlf:line ", "unit '", "raw html passage", "cannot be used"),
    ),
    Case(
        "translated target holding script",
        "small",
        translated_target("Paragraff &lt;script&gt;alert(1)&lt;/script&gt; cyntaf."),
        TRANSLATE_IMPORT,
        2,
        ("t.xlf:line ", "unit '", "<script>", "cannot be used"),
    ),
    Case(
        "translated target with an onclick attribute",
        "small",
        translated_target("[Paragraff cyntaf]{onclick=alert(1)}"),
        TRANSLATE_IMPORT,
        2,
        ("t.xlf:line ", "unit '", "attribute onclick="),
    ),
    # translate export: bad front matter answered as check answers it
    Case(
        "translate export with bad front matter",
        "sample",
        replace("narratives/en/3a-i.md", 'title: "What do we know about', "title: What we know: about"),
        ("translate", "export", "{project}/t.xlf", "--project", "{project}"),
        2,
        ("narratives/en/3a-i.md:line 2", "front matter is not valid YAML"),
    ),
    # importing a StatsWales table
    Case(
        "import without a measure column",
        "small",
        write("statswales.csv", "AreaCode,YearCode,Data\nW06000015,202324,12\n"),
        IMPORT,
        2,
        ("statswales.csv:row 1", "has no column for metric"),
    ),
    Case(
        "import with a year spanning two years",
        "small",
        statswales("W06000015,202325,,AD/024,12\n"),
        IMPORT,
        2,
        ("statswales.csv:row 2, column YearCode", "not one financial year"),
    ),
    Case(
        "import with a decimal comma",
        "small",
        statswales('W06000015,202324,,AD/024,"2,5"\n'),
        IMPORT,
        2,
        ("statswales.csv:row 2, column Data", "decimal comma"),
    ),
    Case(
        "import with an unknown note code",
        "small",
        statswales("W06000015,202324,q,AD/024,12\n"),
        IMPORT,
        2,
        ("statswales.csv:row 2, column NoteCodes", "'q', which StatsWales does not use"),
    ),
    Case(
        "import with a row given twice",
        "small",
        statswales("W06000016,202324,,AD/024,12\nW06000016,2023/24,,AD/024,13\n"),
        IMPORT,
        2,
        ("statswales.csv:row 3", "given twice (first on row 2)"),
    ),
    Case(
        "import with nothing that maps",
        "small",
        statswales("K02000001,202324,,Something,12\n"),
        IMPORT,
        2,
        ("statswales.csv", "no rows that could be mapped"),
    ),
    Case(
        "import mapping onto an unknown metric",
        "small",
        statswales("W06000016,202324,,Adults,12\n"),
        (*IMPORT, "--map", "Adults=AD/999"),
        2,
        ("--map names metric AD/999",),
    ),
    # other commands: the machine's answers are the user's to act on, never a fault in dirreport
    Case(
        "data template into a missing folder",
        "small",
        lambda project: None,
        ("data", "template", "{project}/no-such-folder/metrics.xlsx", "--project", "{project}"),
        2,
        ("no-such-folder/metrics.xlsx", "No such file or directory", "folder exists"),
    ),
    Case(
        "translate export into a missing folder",
        "sample",
        lambda project: None,
        ("translate", "export", "{project}/no-such-folder/t.xlf", "--project", "{project}"),
        2,
        ("no-such-folder/t.xlf", "cannot be written"),
    ),
    Case(
        "translate baseline outside a project",
        "small",
        lambda project: None,
        ("translate", "baseline", "--project", "{project}/narratives"),
        2,
        ("no _quarto.yml",),
    ),
    Case(
        "import with a breakdown column",
        "small",
        write(
            "statswales.csv",
            "Area,Year,Age,Data description,Data values\n"
            "Cardiff,2023-24,18 to 64,AD/024,120\nCardiff,2023-24,All ages,AD/024,250\n",
        ),
        IMPORT,
        2,
        ("statswales.csv:row 1, column Age", "'All ages', '18 to 64'", '--where "Age=All ages"'),
    ),
    Case(
        "import choosing from a column the table lacks",
        "small",
        statswales("W06000016,202324,,AD/024,12\n"),
        (*IMPORT, "--where", "Sex=All"),
        2,
        ("statswales.csv:row 1", "has no column 'Sex' to choose from with --where"),
    ),
    Case(
        "import of StatsWales area numbers without their ONS codes",
        "small",
        write("statswales.csv", "Area_Code,Year_Code,Measure_Code,Data\n512,202324,AD/024,12\n"),
        IMPORT,
        2,
        ("statswales.csv", "no rows that could be mapped", "'512' is a StatsWales area number", "Area_AltCode1"),
    ),
    Case(
        "import with two columns of one name",
        "small",
        write("statswales.csv", "AreaCode,YearCode,Measure,Data,data\nW06000016,202324,AD/024,12,13\n"),
        IMPORT,
        2,
        ("statswales.csv:row 1", "has two columns named 'Data' and 'data'"),
    ),
    Case(
        "import of infinity",
        "small",
        statswales("W06000016,202324,,AD/024,inf\n"),
        IMPORT,
        2,
        ("statswales.csv:row 2, column Data", "not a finite number"),
    ),
]


def build_lock(alive: bool) -> Edit:
    """The project's build lock, held by a process that is running (this one) or by one that has ended."""

    def edit(project: Path) -> None:
        import json
        import subprocess

        import psutil

        if alive:
            pid = os.getpid()
        else:
            ended = subprocess.Popen([sys.executable, "-c", "pass"])
            ended.wait()
            pid = ended.pid
        created = psutil.Process().create_time() if alive else 1_000_000.0
        lock = project / ".dirreport-cache" / "build.lock"
        lock.parent.mkdir(parents=True, exist_ok=True)
        lock.write_text(json.dumps({"pid": pid, "created": created}), encoding="utf-8")

    return edit


def earlier_template(rel: str) -> Edit:
    """The data template as 'dirreport data template' wrote it before."""

    def edit(project: Path) -> None:
        from dirreport.data.workbook import write_template_for_project

        write_template_for_project(project, project / rel)

    return edit


def output_dir(folder: str) -> Edit:
    return replace("_quarto.yml", "output-dir: _output", f"output-dir: {folder}")


XLIFF_BEFORE = '<?xml version="1.0" encoding="UTF-8"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0"/>\n'
EXPORT = ("translate", "export", "{project}/t.xlf", "--project", "{project}")
TEMPLATE = ("data", "template", "{project}/m.xlsx", "--project", "{project}")

CASES += [
    # the output folder: a folder of its own, never one holding or inside the report's own files
    *[
        Case(
            f"output folder {label}",
            "small",
            output_dir(folder),
            CHECK,
            2,
            ("_quarto.yml:line 2", f"output-dir '{folder}'", reason, "a folder of its own"),
        )
        for label, folder, reason in [
            ("is the narratives", "narratives", "is narratives/ or a folder inside it"),
            ("inside the narratives", "narratives/en", "is narratives/ or a folder inside it"),
            ("is the data folder", "data", "is data/ or a folder inside it"),
            ("inside the data folder", "data/published", "is data/ or a folder inside it"),
            ("is the templates", "templates", "is templates/ or a folder inside it"),
            ("is the images", "images/", "is images/ or a folder inside it"),
            ("is the project folder", ".", "is the project folder itself"),
            ("is the project folder by a detour", "data/..", "is the project folder itself"),
            ("is the cache", ".dirreport-cache", "is .dirreport-cache/ or a folder inside it"),
        ]
    ],
    # publishing: a folder or file dirreport did not make is never renamed, replaced or removed
    Case(
        "output folder holds a folder of the user's named as an edition",
        "small",
        edits(output_dir("docs"), write("docs/en/notes.md", "my notes\n")),
        BUILD,
        2,
        ("docs/en", "that dirreport did not make", "move it out of the output folder"),
    ),
    Case(
        "output folder holds a file of the user's named current",
        "small",
        edits(output_dir("docs"), write("docs/current", "my notes\n")),
        BUILD,
        2,
        ("docs/current", "file 'current' that dirreport did not make"),
    ),
    # one build per project at a time
    Case(
        "a second build while one is running",
        "small",
        build_lock(alive=True),
        BUILD,
        2,
        (".dirreport-cache/build.lock", "another build of this project is running", "wait for it to finish"),
    ),
    Case("a lock left by a killed build is taken over", "small", build_lock(alive=False), BUILD, 0),
    # commands that write a file the user names never write over the report's own files
    Case(
        "translate export over a narrative",
        "sample",
        lambda project: None,
        ("translate", "export", "{project}/narratives/en/2-context.md", "--project", "{project}"),
        2,
        ("narratives/en/2-context.md", "is one of the report's own files", "another name"),
    ),
    Case(
        "translate export into the published report",
        "sample",
        lambda project: None,
        ("translate", "export", "{project}/_output/en/t.xlf", "--project", "{project}"),
        2,
        ("_output/en/t.xlf", "is inside the output folder", "outside _output/"),
    ),
    Case(
        "translate export over the settings",
        "sample",
        lambda project: None,
        ("translate", "export", "{project}/_quarto.yml", "--project", "{project}"),
        2,
        ("_quarto.yml", "is one of the report's own files"),
    ),
    Case(
        "translate export over an earlier export without --force",
        "sample",
        write("t.xlf", XLIFF_BEFORE),
        EXPORT,
        2,
        ("t.xlf", "already exists", "add --force to replace it"),
    ),
    Case(
        "translate export over a file that is not XLIFF, even with --force",
        "sample",
        write("t.xlf", "my notes\n"),
        (*EXPORT, "--force"),
        2,
        ("t.xlf", "is not an XLIFF file", "never replaces a file it did not write"),
    ),
    Case(
        "data template over the metrics",
        "small",
        lambda project: None,
        ("data", "template", "{project}/data/metrics.csv", "--project", "{project}"),
        2,
        ("data/metrics.csv", "is one of the report's own files"),
    ),
    Case(
        "data template over the filled-in workbook, even with --force",
        "small",
        metrics_workbook("Adults", "J7", 12),
        ("data", "template", "{project}/data/metrics.xlsx", "--project", "{project}", "--force"),
        2,
        ("data/metrics.xlsx", "is one of the report's own files"),
    ),
    Case(
        "data template over an earlier template without --force",
        "small",
        earlier_template("m.xlsx"),
        TEMPLATE,
        2,
        ("m.xlsx", "already exists", "add --force"),
    ),
    Case(
        "data template over a file that is not a workbook, even with --force",
        "small",
        write("m.xlsx", "authority,year,metric,value\n"),
        (*TEMPLATE, "--force"),
        2,
        ("m.xlsx", "is not an Excel workbook"),
    ),
    Case(
        "check writing its card over a narrative",
        "sample",
        lambda project: None,
        ("check", "{project}", "--output", "{project}/narratives/en/2-context.md", "--force"),
        2,
        ("narratives/en/2-context.md", "is one of the report's own files"),
    ),
    Case(
        "check writing its card over an earlier card without --force",
        "small",
        write("card.txt", "an earlier card\n"),
        ("check", "{project}", "--output", "{project}/card.txt"),
        2,
        ("card.txt", "already exists", "add --force"),
    ),
]


# --- strict inputs, bounded work and messages at their cause -------------------------------------------------------


def zip_bomb(rel: str, megabytes: int = 260) -> Edit:
    """A workbook of a few hundred KB whose one sheet unpacks to ``megabytes`` MB: a zip bomb, as the directory says."""

    def edit(project: Path) -> None:
        import io
        import zipfile

        from openpyxl import Workbook

        book = Workbook()
        book.active.append(["authority", "year", "metric", "value"])
        made = io.BytesIO()
        book.save(made)
        with zipfile.ZipFile(made) as source, zipfile.ZipFile(project / rel, "w", zipfile.ZIP_DEFLATED) as out:
            for item in source.infolist():
                data = source.read(item)
                if item.filename != "xl/worksheets/sheet1.xml":
                    out.writestr(item, data)
                    continue
                head, tail = data.split(b"</sheetData>")
                with out.open(item.filename, "w", force_zip64=True) as sheet:
                    sheet.write(head + b'<row r="2"><c r="A2" t="inlineStr"><is><t>')
                    block = b"x" * (1024 * 1024)
                    for _ in range(megabytes):
                        sheet.write(block)
                    sheet.write(b"</t></is></c></row></sheetData>" + tail)

    return edit


def declared_rows(rel: str, rows: int) -> Edit:
    """A small workbook whose sheet declares ``rows`` rows (``<dimension ref="A1:D15000000"/>``)."""

    def edit(project: Path) -> None:
        import io
        import zipfile

        from openpyxl import Workbook

        book = Workbook()
        book.active.append(["authority", "year", "metric", "value"])
        book.active.append(["W06000015", "2023-24", "AD/024", 250])
        made = io.BytesIO()
        book.save(made)
        with zipfile.ZipFile(made) as source, zipfile.ZipFile(project / rel, "w", zipfile.ZIP_DEFLATED) as out:
            for item in source.infolist():
                data = source.read(item)
                if item.filename == "xl/worksheets/sheet1.xml":
                    data = data.replace(b'<dimension ref="A1:D2"/>', f'<dimension ref="A1:D{rows}"/>'.encode())
                out.writestr(item, data)

    return edit


def xliff_export(edit_xliff: Callable[[str], str] = lambda text: text) -> Edit:
    """The project's narratives exported to t.xlf, as a translator would get them, then changed by ``edit_xliff``."""

    def edit(project: Path) -> None:
        from dirreport.xliff.exchange import export_xliff

        export_xliff(project, project / "t.xlf", "en")
        path = project / "t.xlf"
        path.write_text(edit_xliff(path.read_text(encoding="utf-8")), encoding="utf-8")

    return edit


def repeated_body(rel: str, line: str, times: int) -> Edit:
    """A narrative whose body is one line written ``times`` times, as a paste gone wrong leaves it."""

    def edit(project: Path) -> None:
        path = project / rel
        front = path.read_text(encoding="utf-8").split("\n---\n", 1)[0]
        path.write_text(front + "\n---\n\n" + (line + "\n\n") * times, encoding="utf-8")

    return edit


def _two_value_columns(project: Path) -> None:
    path = project / "data" / "metrics.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([lines[0] + ",Value", *(line + "," for line in lines[1:])]) + "\n", encoding="utf-8")


def drop_lines(rel: str, start: str) -> Edit:
    """Delete the rows that start with ``start``."""

    def edit(project: Path) -> None:
        path = project / rel
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        assert any(line.startswith(start) for line in lines), start
        path.write_text("".join(line for line in lines if not line.startswith(start)), encoding="utf-8")

    return edit


def mark_x(start: str) -> Edit:
    """The metrics row starting with ``start`` (authority, year, metric) holding [x], not collected, as its value."""

    def edit(project: Path) -> None:
        path = project / "data" / "metrics.csv"
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        assert any(line.startswith(start) for line in lines), start
        path.write_text("".join(start + "[x]\n" if line.startswith(start) else line for line in lines), "utf-8")

    return edit


def _broken_docx(project: Path) -> None:
    import zipfile

    path = project / "templates" / "reference.docx"
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
        archive.writestr("word/styles.xml", "<styles")


SUMMARY = "narratives/en/1-summary.md"
SUMMARY_BODY = "This is my annual report"  # line 9 of the sample's 1-summary.md
XLIFF_IMPORT = ("translate", "import", "{project}/t.xlf", "--project", "{project}")
LOCAL_SU_LINE = (REPO / "data" / "local-catalogue.yml").read_text(encoding="utf-8").splitlines().index("  - id: SU") + 1
GLOSSARY_ROWS = len((REPO / "data" / "glossary.csv").read_text(encoding="utf-8").splitlines())
IMPROVEMENT_ROWS = len((REPO / "data" / "last-year-improvements.csv").read_text(encoding="utf-8").splitlines())
NEW_PROJECT = ("new", "{project}/new-report", "--authority", "W06000015")

CASES += [
    # duplicate keys in every YAML file, refused at the second
    Case(
        "quarto yml year given twice",
        "small",
        setting('  year: "2022-23"'),
        CHECK,
        2,
        ("_quarto.yml:line 9", "gives 'year' twice (first on line 5)", "keep one 'year:'"),
        max_lines=1,
    ),
    Case(
        "quarto yml director given twice",
        "small",
        setting('  director: {name: "B Director"}'),
        CHECK,
        2,
        ("_quarto.yml:line 9", "gives 'director' twice (first on line 8)"),
    ),
    Case(
        "brand yml name given twice",
        "sample",
        replace("_brand.yml", "  name: Glanafon County Borough Council\n", "  name: Glanafon\n  name: Glanafon CBC\n"),
        CHECK,
        2,
        ("_brand.yml:line 6", "gives 'name' twice (first on line 5)"),
    ),
    Case(
        "front matter status given twice",
        "sample",
        replace(SUMMARY, "status: final\n", "status: final\nstatus: draft\n"),
        CHECK,
        2,
        (f"{SUMMARY}:line 6", "front matter gives 'status' twice (first on line 5)"),
    ),
    Case(
        "local catalogue key given twice",
        "sample",
        replace(
            "data/local-catalogue.yml", "    en: Sufficiency of accommodation\n", "    en: Sufficiency\n    en: Again\n"
        ),
        CHECK,
        2,
        (f"data/local-catalogue.yml:line {LOCAL_SU_LINE + 2}", "gives 'en' twice"),
    ),
    # YAML syntax errors in plain words
    Case(
        "front matter title with a colon",
        "sample",
        replace(SUMMARY, 'title: "Director\'s summary"', "title: Director's summary: our year"),
        CHECK,
        2,
        (f"{SUMMARY}:line 2", "holds a colon followed by a space", "put the title in double quotes"),
    ),
    Case(
        "quarto yml quote never closed",
        "small",
        replace("_quarto.yml", 'year: "2023-24"', 'year: "2023-24'),
        CHECK,
        2,
        ("_quarto.yml:line 5", "quote mark opened on this line is never closed"),
    ),
    Case(
        "quarto yml text after a closing quote",
        "small",
        replace("_quarto.yml", 'name: "A Director"}', 'name: "A" Director}'),
        CHECK,
        2,
        ("_quarto.yml:line 8", "is not valid YAML: text follows a closing quote mark", "put the whole value in quotes"),
    ),
    Case(
        "front matter value starting with an at sign",
        "sample",
        replace(SUMMARY, 'owner: "Director of Social Services"', "owner: @director"),
        CHECK,
        2,
        (f"{SUMMARY}:line 6", "starts with '@'", "double quotes"),
    ),
    Case(
        "front matter list not closed",
        "sample",
        replace(SUMMARY, "standards: []", "standards: [QS1, QS2"),
        CHECK,
        2,
        (f"{SUMMARY}:line 4", "not closed with ]"),
    ),
    # strict narratives
    Case(
        "front matter never closed",
        "sample",
        replace(SUMMARY, 'owner: "Director of Social Services"\n---\n', 'owner: "Director of Social Services"\n'),
        CHECK,
        2,
        (f"{SUMMARY}:line 1", "front matter opened with --- on line 1 is never closed", "add a line holding only ---"),
    ),
    Case(
        "nul byte in a narrative",
        "sample",
        replace(SUMMARY, SUMMARY_BODY, "This is my\x00 annual report"),
        CHECK,
        2,
        (f"{SUMMARY}:line 9", "control character U+0000"),
    ),
    Case(
        "unknown quality standard",
        "sample",
        replace(SUMMARY, "standards: []", "standards: [QS9]"),
        CHECK,
        2,
        (f"{SUMMARY}:line 4", "'QS9', not a quality standard", "QS1"),
    ),
    Case(
        "narrative of 2 MB",
        "sample",
        repeated_body(SUMMARY, "This is my annual report. " * 40, 2000),
        CHECK,
        2,
        (SUMMARY, "more than the 1 MB a section may hold"),
        max_lines=1,
    ),
    Case(
        "narrative with thousands of mistakes",
        "sample",
        repeated_body(SUMMARY, "We did {{< metric NOPE/001 >}} things.", 400),
        BUILD,
        2,
        (SUMMARY, "… and 350 more problems in this file", "at most 50 are shown"),
        max_lines=51,
    ),
    # strict data and options
    Case(
        "glossary term given twice",
        "sample",
        append_row("data/glossary.csv", 'foster wales,Maethu Cymru,,,"Again.","Eto."'),
        CHECK,
        2,
        (f"data/glossary.csv:row {GLOSSARY_ROWS + 1}, column term_en", "'foster wales' is already explained on row 2"),
    ),
    Case(
        "improvement id given twice",
        "sample",
        append_row("data/last-year-improvements.csv", "IMP-01,3a,Again.,Eto."),
        CHECK,
        2,
        (f"data/last-year-improvements.csv:row {IMPROVEMENT_ROWS + 1}, column id", "'IMP-01' is already used on row 2"),
    ),
    Case(
        "negative jobs",
        "small",
        lambda project: None,
        (*BUILD, "--jobs", "-3"),
        2,
        ("--jobs", "-3 is not a number of worker processes", "give 1 or more"),
    ),
    Case("zero jobs", "small", lambda project: None, (*BUILD, "--jobs", "0"), 2, ("--jobs 0 is not a number",)),
    Case(
        "xliff into french",
        "sample",
        xliff_export(lambda text: text.replace('trgLang="cy-GB"', 'trgLang="fr"')),
        XLIFF_IMPORT,
        2,
        ("t.xlf:line 2", "are not English and Welsh"),
    ),
    Case(
        "xliff into a language the report does not have",
        "sample",
        edits(xliff_export(), replace("_quarto.yml", "languages: [en, cy]", "languages: [en]")),
        XLIFF_IMPORT,
        2,
        ("t.xlf:line 2", "this report's languages are en", "languages in _quarto.yml"),
    ),
    Case(
        "new with a year spanning two years",
        "small",
        lambda project: None,
        (*NEW_PROJECT, "--year", "2024-26"),
        2,
        ("--year", "'2024-26' is not one financial year", "--year 2024-25"),
    ),
    # bounded work
    Case(
        "metrics workbook that is a zip bomb",
        "small",
        edits(delete("data/metrics.csv"), zip_bomb("data/metrics.xlsx")),
        CHECK,
        2,
        ("data/metrics.xlsx", "would unpack to 260 MB, more than the 256 MB"),
    ),
    Case(
        "metrics workbook declaring 15 million rows",
        "small",
        edits(delete("data/metrics.csv"), declared_rows("data/metrics.xlsx", 15_000_000)),
        CHECK,
        2,
        ("data/metrics.xlsx", "declares 15,000,000 rows, more than the 1,048,576"),
    ),
    Case(
        "template repeating a text a billion times",
        "sample",
        write("templates/report.md.j2", '{% include "notices.md.j2" %}\n{{ "x" * 1000000000 }}\n'),
        BUILD,
        2,
        ("templates/report.md.j2:line 2", "repeats a text or list 1,000,000,000 times", "at most 1,000,000"),
    ),
    Case(
        "template making gigabytes in a loop",
        "sample",
        write("templates/report.md.j2", '{% for i in range(100000) %}{{ "x" * 999999 }}{% endfor %}\n'),
        BUILD,
        2,
        ("templates/report.md.j2", "makes more than 20,000,000 characters"),
    ),
    Case(
        "template multiplying a text by a float",
        "sample",
        write("templates/report.md.j2", '{{ "x" * 1e9 }}\n'),
        BUILD,
        2,
        ("templates/report.md.j2:line 1", "the template failed: can't multiply sequence"),
    ),
    # every message at its cause
    Case(
        "metrics header with value and Value",
        "small",
        _two_value_columns,
        CHECK,
        2,
        ("data/metrics.csv:row 1", "two columns named 'value' (column D 'value' and column E 'Value'"),
    ),
    Case(
        "import with Data and data columns",
        "small",
        write("statswales.csv", "AreaCode,YearCode,Measure,Data,data\nW06000015,202324,AD/024,1,2\n"),
        IMPORT,
        2,
        ("statswales.csv:row 1", "two columns named 'Data' and 'data'"),
    ),
    Case(
        "population with an unquoted decimal comma on its first row",
        "sample",
        replace("data/population.csv", "W06000001,2019-20,0-17,14145", "W06000001,2019-20,0-17,14,145"),
        CHECK,
        2,
        ("data/population.csv:row 2", "has 5 cells where the header has 4", "double quotes"),
    ),
    Case(
        "population row missing",
        "sample",
        drop_lines("data/population.csv", "X99999999,2023-24,0-17,"),
        BUILD,
        2,
        ("data/population.csv", "no population of X99999999 for 2023-24, age 0-17", "X99999999,2023-24,0-17,"),
        max_lines=1,
    ),
    Case(
        "confidential figure quoted in a sentence",
        "sample",
        replace(SUMMARY, SUMMARY_BODY, "Only {{< metric CA/044 >}} young carers. " + SUMMARY_BODY),
        BUILD,
        1,
        (f"{SUMMARY}:line 9", "is not shown ([c])"),
    ),
    Case(
        "confidential figure quoted in a sentence found by check",
        "sample",
        replace(SUMMARY, SUMMARY_BODY, "Only {{< metric CA/044 >}} young carers. " + SUMMARY_BODY),
        CHECK,
        1,
        (f"{SUMMARY}:line 9", "is not shown ([c])"),
    ),
    Case(
        "figure marked not available quoted in a sentence",
        "sample",
        edits(
            mark_x("X99999999,2023-24,AD/024,"),
            replace(SUMMARY, SUMMARY_BODY, "We held {{< metric AD/024 >}} reviews. " + SUMMARY_BODY),
        ),
        BUILD,
        1,
        (f"{SUMMARY}:line 9", "is marked [x] (not available: not collected", "say in words"),
    ),
    Case(
        "reference docx that is not a word file",
        "sample",
        write("templates/reference.docx", "not a Word file"),
        CHECK,
        2,
        ("templates/reference.docx", "is not a Word document", "save it again"),
    ),
    Case(
        "reference docx with broken styles",
        "sample",
        _broken_docx,
        CHECK,
        2,
        ("templates/reference.docx", "word/styles.xml is not well-formed XML"),
    ),
    Case(
        "raw typst in a narrative",
        "sample",
        replace(SUMMARY, SUMMARY_BODY, '```{=typst}\n#image("nothere.png")\n```\n\n' + SUMMARY_BODY),
        ("build", "--lang", "en", "--format", "pdf"),
        2,
        # refused before Typst sees it: raw passages never reach the report
        (f"{SUMMARY}:line 9", "a raw typst passage ({=typst}) cannot be published"),
    ),
]


@pytest.fixture(scope="module")
def published_small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small project with an English HTML draft already published (it has no narratives)."""
    project = tmp_path_factory.mktemp("small") / "p"
    shutil.copytree(SMALL, project)
    run = dirreport("build", str(project), *BUILD[1:], "--draft")
    assert run.returncode == 0, run.output
    return project


def fingerprint(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _param(case: Case) -> object:
    marks = [pytest.mark.xfail(strict=True, reason=case.xfail)] if case.xfail else []
    return pytest.param(case, id=case.name.replace(" ", "-"), marks=marks)


def run_in_process(args: list[str], capsys: pytest.CaptureFixture[str]) -> Run:
    """The command line as a user runs it, but in this process: its exit code and what it printed."""
    capsys.readouterr()
    code = main(args)
    out, err = capsys.readouterr()
    return Run(code, out, err)


def command_line(case: Case, project: Path) -> list[str]:
    """The case's command with the project folder where the command takes it ({project}, or after the command)."""
    if any("{project}" in part for part in case.command):
        return [part.replace("{project}", str(project)) for part in case.command]
    return [case.command[0], str(project), *case.command[1:]]


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_bad_input_is_answered_clearly(
    case: Case, request: pytest.FixtureRequest, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = tmp_path / "p"
    shutil.copytree(request.getfixturevalue(f"published_{case.base}"), project, symlinks=True)
    before = fingerprint(project / "_output")
    case.edit(project)
    draft = ["--draft"] if case.command[0] == "build" and case.base == "small" else []
    run = run_in_process(command_line(case, project) + draft, capsys)
    # the report card wraps long lines to the terminal; judge the words, not where the lines break
    flat = Run(run.returncode, " ".join(run.stdout.split()), " ".join(run.stderr.split()))
    if case.exit_code == 0:
        assert run.returncode == 0, run.output
        assert "Traceback" not in run.output, run.output
    else:
        assert_user_error(flat, *case.fragments)
        assert run.returncode == case.exit_code, run.output
        assert "internal error" not in run.output, run.output
        if case.max_lines is not None:
            assert run.stderr.count("error:") <= case.max_lines, run.output
    if case.exit_code != 0 or case.command[0] != "build":  # a good build publishes; nothing else may
        assert fingerprint(project / "_output") == before


def test_corpus_is_large_enough() -> None:
    assert len(CASES) >= 120
    assert len({c.name for c in CASES}) == len(CASES)


# --- a million rows ----------------------------------------------------------------------------------------------


MILLION = 1_000_000
BAD_ROW = MILLION - 7  # as a spreadsheet numbers it, the header being row 1


def write_million_rows(path: Path) -> None:
    """Every metric for every authority and Wales, year after year back to the 1940s; one value is text."""
    from dirreport.catalogue import load_catalogue

    catalogue = load_catalogue()
    codes = sorted(catalogue.metrics)
    authorities = sorted(catalogue.authorities)
    with path.open("w", encoding="utf-8", newline="\n") as f:
        f.write("authority,year,metric,value\n")
        row, start = 1, 2023
        while row < MILLION:
            year = f"{start}-{(start + 1) % 100:02d}"
            for authority in authorities:
                for code in codes:
                    row += 1
                    if row > MILLION:
                        break
                    value = "twelve" if row == BAD_ROW else str(row % 97)
                    f.write(f"{authority},{year},{code},{value}\n")
            start -= 1


def test_a_million_rows_with_one_bad_row_near_the_end(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "p"
    shutil.copytree(SMALL, project)
    write_million_rows(project / "data" / "metrics.csv")
    assert sum(1 for _ in (project / "data" / "metrics.csv").open(encoding="utf-8")) == MILLION
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    run = dirreport("check", str(project))
    seconds = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    with capsys.disabled():
        # measured, never asserted: speed belongs to the benchmarks
        exact = "" if peak_kib > before else " (at most; an earlier child process peaked higher)"
        print(
            f"\n1,000,000-row metrics.csv: check took {seconds:.1f} s, peak memory {peak_kib / 1024:.0f} MB{exact}",
            file=sys.stderr,
        )
    assert_user_error(run, f"data/metrics.csv:row {BAD_ROW}", "'twelve' is not a number")
    assert run.returncode == 2
    assert "more problems" not in run.output, "only the one bad row is wrong"
    # streaming, not holding several copies of the file: a correctness property, not a speed one
    assert peak_kib < 1.5 * 1024 * 1024
