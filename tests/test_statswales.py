"""What Welsh Government and StatsWales publish, read as they mean it.

Shorthand markers and note codes are statuses, never zeros; years are read in
every form StatsWales writes them; a StatsWales data table imports into
metrics.csv and says what it did; and the statuses reach every format and
language of a real build.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import REPO, Run, copy_project, docx_text, html_text, output_file, pdf_text
from dirreport import cells
from dirreport.cli import main

SMALL = Path(__file__).parent / "fixtures" / "small"


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> Run:
    capsys.readouterr()
    code = main(args)
    out, err = capsys.readouterr()
    return Run(code, out, err)


# --- one cell -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["2024-25", "2024/25", "202425", "2024-2025", "2024/2025", "2024 to 2025", " 2024-25 "]
)
def test_every_way_of_writing_a_financial_year_is_the_same_year(text: str) -> None:
    assert cells.financial_year(text) == "2024-25"


@pytest.mark.parametrize("text", ["2023-25", "2024/2026", "202426", "2025-24"])
def test_a_span_that_is_not_one_financial_year_is_refused_with_the_year_meant(text: str) -> None:
    refusal = cells.financial_year(text)
    assert isinstance(refusal, cells.Refusal)
    assert "is not one financial year" in refusal.message and "e.g." in refusal.hint


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("*", "c"),
        ("[c]", "c"),
        ("..", "x"),
        ("[x]", "x"),
        (".", "z"),
        ("[z]", "z"),
        ("-", "low"),
        ("[low]", "low"),
        ("[LOW]", "low"),
        ("k", "low"),
    ],
)
def test_markers_in_the_value_column_are_statuses_never_zero(text: str, status: str) -> None:
    assert cells.value_cell(text) == cells.Cell(None, status)


@pytest.mark.parametrize(
    ("text", "value"),
    [("1,234", 1234.0), ("1,234,567.5", 1234567.5), ("12.5", 12.5), ("0", 0.0), ("", None), ("1e3", 1000.0)],
)
def test_numbers_with_thousands_separators(text: str, value: float | None) -> None:
    assert cells.value_cell(text) == cells.Cell(value, None)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("2,5", "decimal comma"),
        ("inf", "not a finite number"),
        ("NaN", "not a finite number"),
        ("1e300", "too large"),
        ("12 people", "not a number"),
    ],
)
def test_values_no_report_could_hold_are_refused(text: str, words: str) -> None:
    refusal = cells.value_cell(text)
    assert isinstance(refusal, cells.Refusal) and words in refusal.message


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ("1,234 [p]", cells.Cell(1234.0, None, ("p",))),
        ("87 (r)", cells.Cell(87.0, None, ("r",))),
        ("12p", cells.Cell(12.0, None, ("p",))),
        ("12 [c]", cells.Cell(None, "c", ())),
    ],
)
def test_shorthand_written_after_the_number(text: str, cell: cells.Cell) -> None:
    assert cells.value_cell(text) == cell


def test_note_codes_in_the_forms_people_write_them() -> None:
    assert cells.note_codes("p") == ("p",)
    assert cells.note_codes("[p], [r]") == ("p", "r")
    assert cells.note_codes("p;b") == ("p", "b")
    assert cells.note_codes("sss") == ("sss",)
    assert isinstance(cells.note_codes("pq"), cells.Refusal)


# --- statuses through the figures -----------------------------------------------------------------------------------


def small_project(tmp_path: Path, metrics: str) -> Path:
    project = tmp_path / "p"
    shutil.copytree(SMALL, project)
    (project / "data" / "metrics.csv").write_text(metrics, encoding="utf-8")
    return project


def test_statuses_and_flags_reach_the_indicators(tmp_path: Path) -> None:
    from dirreport.pipeline.project import load_project

    project = small_project(
        tmp_path,
        "authority,year,metric,value,note\n"
        "W06000015,2021-22,AD/024,200,\nW06000015,2021-22,AD/025,150,\n"
        "W06000015,2022-23,AD/024,200,b\nW06000015,2022-23,AD/025,160,\n"
        "W06000015,2023-24,AD/024,250,p\nW06000015,2023-24,AD/025,205 [r],\n"
        "W06000015,2023-24,AD/026,*,\nW06000015,2023-24,AD/027,20,\n"
        "W06000015,2023-24,CH/041,.,\n"
        "W92000004,2023-24,AD/024,..,\nW92000004,2023-24,AD/025,1600,\n",
    )
    results = load_project(project).results
    reviews = results.indicators["AD-REVIEWS-TIMELY"]
    assert reviews.latest.status == "ok" and {"p", "r"} <= set(reviews.latest.flags)
    assert reviews.wales_latest is not None and reviews.wales_latest.status == "x"
    assert reviews.series[-2].breaks  # 2022-23 starts a new series
    assert reviews.trend.change is not None  # the break is before 2022-23: 2023-24 is compared with it
    dp = results.indicators["AD-DP-REVIEWS-TIMELY"]
    assert dp.latest.status == "c"  # confidential in the data, though 20 of them is no small count
    assert results.indicators["CH-LAC-RATE"].latest.status == "z"
    assert results.metric("AD/026").status == "c" and results.metric("AD/026").value is None


def test_a_break_in_series_is_neither_compared_nor_joined(tmp_path: Path) -> None:
    from dirreport.figures.charts import _unbroken
    from dirreport.figures.specs import trend_figure
    from dirreport.lang.bilingual_text import Bilingual
    from dirreport.pipeline.project import load_project

    project = small_project(
        tmp_path,
        "authority,year,metric,value,note\n"
        "W06000015,2021-22,AD/024,200,\nW06000015,2021-22,AD/025,150,\n"
        "W06000015,2022-23,AD/024,200,\nW06000015,2022-23,AD/025,160,\n"
        "W06000015,2023-24,AD/024,250,b\nW06000015,2023-24,AD/025,205,\n",
    )
    result = load_project(project).results.indicators["AD-REVIEWS-TIMELY"]
    assert result.trend.change is None  # 2023-24 measures something else than 2022-23
    figure = trend_figure(result, Bilingual("Cardiff", "Caerdydd"), "cy")
    ours = figure.spec.series[0]
    assert ours.breaks == (4,)
    points = [(i, v) for i, v in enumerate(ours.values) if v is not None]
    assert [len(part) for part in _unbroken(points, ours.breaks)] == [2, 1]
    assert any("Toriad yn y gyfres yn 2023-24" in note for note in figure.table.notes)


def test_no_sentence_compares_across_a_break_in_series(tmp_path: Path) -> None:
    from dirreport.pipeline.project import load_project
    from dirreport.prose.sentences import describe_indicator

    project = small_project(
        tmp_path,
        "authority,year,metric,value,note\n"
        "W06000015,2020-21,AD/024,200,\nW06000015,2020-21,AD/025,100,\n"
        "W06000015,2021-22,AD/024,200,\nW06000015,2021-22,AD/025,120,\n"
        "W06000015,2022-23,AD/024,200,b\nW06000015,2022-23,AD/025,180,\n"
        "W06000015,2023-24,AD/024,200,\nW06000015,2023-24,AD/025,190,\n",
    )
    result = load_project(project).results.indicators["AD-REVIEWS-TIMELY"]
    english = describe_indicator(result, "Reviews on time", "en")
    assert "rose from 90.0% in 2022-23 to 95.0% in 2023-24" in english, english
    assert "2020-21" not in english and "2021-22" not in english
    assert "The series changed in 2022-23, so earlier years are not compared." in english
    welsh = describe_indicator(result, "Adolygiadau mewn pryd", "cy")
    assert "2020-21" not in welsh and "2021-22" not in welsh, welsh
    assert "90.0% yn 2022-23" in welsh and "Newidiodd y gyfres yn 2022-23" in welsh, welsh


def test_a_break_in_the_last_year_leaves_one_year_to_describe(tmp_path: Path) -> None:
    from dirreport.pipeline.project import load_project
    from dirreport.prose.sentences import describe_indicator

    project = small_project(
        tmp_path,
        "authority,year,metric,value,note\n"
        "W06000015,2022-23,AD/024,200,\nW06000015,2022-23,AD/025,160,\n"
        "W06000015,2023-24,AD/024,200,b\nW06000015,2023-24,AD/025,100,\n",
    )
    result = load_project(project).results.indicators["AD-REVIEWS-TIMELY"]
    for lang, title in (("en", "Reviews on time"), ("cy", "Adolygiadau mewn pryd")):
        text = describe_indicator(result, title, lang)
        assert "80.0%" not in text and "2022-23" not in text, text
        assert "50.0%" in text and "2023-24" in text, text


def test_a_breakdown_s_total_is_not_compared_across_a_break(tmp_path: Path) -> None:
    from dirreport.pipeline.project import load_project
    from dirreport.prose.composition_sentences import _total_change

    rows = "authority,year,metric,value,note\nW06000015,2022-23,AD/001,900,\nW06000015,2023-24,AD/001,{v},{note}\n"
    for note, english, welsh in (
        (
            "",
            "The total was 900 in 2022-23 and 1,200 in 2023-24, a rise of 300.",
            "Roedd y cyfanswm yn 900 yn 2022-23 ac yn 1,200 yn 2023-24, cynnydd o 300.",
        ),
        (
            "b",
            "The total is not compared with 2022-23: the series changed in 2023-24.",
            "Ni chaiff y cyfanswm ei gymharu â 2022-23: newidiodd y gyfres yn 2023-24.",
        ),
    ):
        loaded = load_project(small_project(tmp_path / (note or "none"), rows.format(v=1200, note=note)))
        comp = loaded.catalogue.compositions["AD-CONTACT-SOURCES"]
        assert _total_change(comp, loaded.results, "en") == english
        assert _total_change(comp, loaded.results, "cy") == welsh


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_downloads_keep_the_marker_beside_each_number(tmp_path: Path, lang: str) -> None:
    import csv

    from openpyxl import load_workbook

    from dirreport.assemble.document import Document
    from dirreport.figures.specs import trend_figure
    from dirreport.lang.bilingual_text import Bilingual
    from dirreport.pipeline.downloads import write_downloads
    from dirreport.pipeline.project import load_project

    project = small_project(
        tmp_path,
        "authority,year,metric,value,note\n"
        "W06000015,2022-23,AD/024,200,\nW06000015,2022-23,AD/025,150,r\n"
        "W06000015,2023-24,AD/024,250,p\nW06000015,2023-24,AD/025,239,u\n"
        "W92000004,2023-24,AD/024,2000,\nW92000004,2023-24,AD/025,1000,\n",
    )
    result = load_project(project).results.indicators["AD-REVIEWS-TIMELY"]
    table = trend_figure(result, Bilingual("Cardiff", "Caerdydd"), lang).table
    assert any("95.6% [p] [u]" in cell for row in table.rows for cell in row), table.rows
    document = Document(lang, lang, "report", "", {"title": "T"}, (), (("1", table),), {}, False)
    csv_path, xlsx_path = write_downloads(document, tmp_path)
    rows = list(csv.reader(csv_path.read_text(encoding="utf-8-sig").splitlines()))
    values = [row[4] for row in rows[1:]]
    assert "95.6 [p] [u]" in values and "75 [r]" in values and "50" in values, values
    sheet = load_workbook(xlsx_path, read_only=True).worksheets[-1]  # the table's own sheet
    cells_ = [v for row in sheet.iter_rows(values_only=True) for v in row if v is not None]
    assert "95.6 [p] [u]" in cells_ and "75 [r]" in cells_ and 50 in cells_, cells_
    notes = " ".join(str(v) for v in cells_)
    assert ("[p] Provisional" if lang == "en" else "[p] Dros dro") in notes


# --- dirreport data import ------------------------------------------------------------------------------------------


TABLE = (
    "AreaCode,YearCode,NoteCodes,Measure,Data\n"
    "W06000015,202324,p,AD/024,260\n"  # differs from the authority's own return: kept, and said so
    "W06000015,202223,,AD/025,150\n"  # the same as the return: nothing to do
    "W06000016,202324,,AD/024,*\n"  # another authority, confidential
    'W06000016,2023/24,r,AD/025,"1,234"\n'
    "W92000004,202324,,AD/024,..\n"  # Wales, not available: replaces 2000 and says so
    "W06000015,202324,,Something else,12\n"
    "K02000001,202324,,AD/024,12\n"
)


def test_import_maps_what_it_can_and_says_what_it_cannot(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "p"
    shutil.copytree(SMALL, project)
    (project / "statswales.csv").write_text(TABLE, encoding="utf-8")
    before = (project / "data" / "metrics.csv").read_text(encoding="utf-8")
    dry = run(["data", "import", str(project / "statswales.csv"), "--project", str(project), "--dry-run"], capsys)
    assert dry.returncode == 0 and "nothing written" in dry.stdout
    assert (project / "data" / "metrics.csv").read_text(encoding="utf-8") == before
    done = run(["data", "import", str(project / "statswales.csv"), "--project", str(project)], capsys)
    assert done.returncode == 0, done.output
    assert "2 rows added, 1 updated, 1 already up to date, 2 not mapped" in done.stdout
    assert (
        "kept your own return's figure: AD/024 for W06000015 in 2023-24: 250 in data/metrics.csv, 260 [p]"
        in done.stdout
    )
    assert "updated AD/024 for W92000004 in 2023-24: 2000 in data/metrics.csv, [x] in the table (row 6)" in done.stdout
    assert "row 7: measure 'Something else'" in done.stdout and "row 8: area 'K02000001'" in done.stdout
    rows = (project / "data" / "metrics.csv").read_text(encoding="utf-8-sig").splitlines()
    assert rows[0] == "authority,year,metric,value,note"
    assert "W06000015,2023-24,AD/024,250," in rows
    assert "W06000016,2023-24,AD/024,[c]," in rows and "W06000016,2023-24,AD/025,1234,r" in rows
    assert "W92000004,2023-24,AD/024,[x]," in rows
    again = run(["data", "import", str(project / "statswales.csv"), "--project", str(project), "--replace-own"], capsys)
    assert "replaced your own return's figure: AD/024 for W06000015 in 2023-24" in again.stdout
    assert "W06000015,2023-24,AD/024,260,p" in (project / "data" / "metrics.csv").read_text(encoding="utf-8-sig")


# --- faults in dirreport are reported as faults ---------------------------------------------------------------------


def test_a_fault_in_dirreport_is_not_blamed_on_the_user(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from dirreport.assemble import edition as assemble

    def broken(*_args: object, **_kwargs: object) -> None:
        raise ZeroDivisionError("division by zero")

    project = copy_project(REPO, tmp_path / "sample")
    monkeypatch.setattr(assemble, "source_notes", broken)  # a bug inside the code that writes the figures
    quiet = run(["check", str(project)], capsys)
    assert quiet.returncode == 3, quiet.output
    assert "internal error: this is a fault in dirreport" in quiet.stderr and "--verbose" in quiet.stderr
    assert "ZeroDivisionError: division by zero" in quiet.stderr
    assert "Traceback" not in quiet.output and "template" not in quiet.stderr
    verbose = run(["check", str(project), "--verbose"], capsys)
    assert verbose.returncode == 3 and "Traceback" in verbose.stderr


def test_a_template_error_is_still_the_template_s(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(REPO, tmp_path / "sample")
    (project / "templates").mkdir(exist_ok=True)
    (project / "templates" / "notices.md.j2").write_text('Notices\n\n{{ 1 + "a" }}\n', encoding="utf-8")
    result = run(["build", str(project), "--lang", "en", "--format", "html"], capsys)
    assert result.returncode == 2, result.output
    assert "templates/notices.md.j2:line 3" in result.stderr and "internal error" not in result.output


# --- a StatsWales table with shorthand, imported and built in every format and language -----------------------------


STATSWALES = (
    "AreaCode,YearCode,NoteCodes,Measure,Data\n"
    "X99999999,202324,,AD/025,*\n"  # reviews on time: confidential
    "X99999999,202324,,CH/049,..\n"  # pathway plans on time: not available
    "X99999999,202324,p,AD/033,41\n"  # advocate before enquiry: provisional
    "X99999999,202324,,AD/018B,[z]\n"  # OT without a plan: not applicable (code in capitals)
    "W92000004,2023/24,,AD/032,2500\n"
)


@pytest.fixture(scope="module")
def built_from_statswales(built_sample: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample with the table imported, built in every format and language (unchanged charts from the cache).

    The bilingual edition holds both languages' text and is built in every format; the English and Welsh
    editions, assembled by the same code, as web pages only: their PDF and Word files would render the same
    statuses through the same engines again, at a minute of the suite's time.
    """
    from conftest import SAMPLE_EPOCH, copy_with_cache, dirreport

    project = copy_with_cache(built_sample, tmp_path_factory.mktemp("statswales") / "p")
    (project / "statswales.csv").write_text(STATSWALES, encoding="utf-8")
    imported = dirreport("data", "import", "statswales.csv", "--replace-own", cwd=project)
    assert imported.returncode == 0 and "0 not mapped" in imported.stdout, imported.output
    env = {"SOURCE_DATE_EPOCH": SAMPLE_EPOCH}
    built = dirreport("build", str(project), "--lang", "bilingual", env=env)
    assert built.returncode == 0, built.output
    built = dirreport("build", str(project), "--lang", "en", "--lang", "cy", "--format", "html", env=env)
    assert built.returncode == 0, built.output
    return project


ROWS = [  # the summary table's row for each indicator: its title, then this year's cell
    ("Percentage of adult care and support plan reviews completed within statutory timescales [c]", ""),
    ("Percentage of initial pathway plans completed within statutory timescales [x]", ""),
    ("Percentage of enquiries needing an advocate where one was appointed before the enquiry began", "% [p]"),
    ("Percentage of occupational therapy assessments for people without a care and support plan [z]", ""),
]


def text_of(path: Path) -> str:
    reader = {".html": html_text, ".pdf": pdf_text, ".docx": docx_text}[path.suffix]
    return " ".join(reader(path).split())


@pytest.mark.parametrize(
    ("edition", "fmt"),
    [("bilingual", "html"), ("bilingual", "pdf"), ("bilingual", "docx"), ("en", "html"), ("cy", "html")],
)
def test_shorthand_shows_in_every_format_and_language(built_from_statswales: Path, edition: str, fmt: str) -> None:
    text = text_of(output_file(built_from_statswales, edition, fmt))
    langs = ["en", "cy"] if edition == "bilingual" else [edition]
    about = {
        "en": [
            "Figures the data marks confidential, shown [c]",
            "Figures the data marks not available, shown [x]",
            "Figures the data marks provisional, shown [p] in tables",
            "(AD/033, 2023-24)",
            "Figures the data marks not applicable, shown [z]",
        ],
        "cy": [
            "Ffigurau sy’n gyfrinachol yn ôl y data, wedi’u dangos fel [c]",
            "Ffigurau nad ydynt ar gael yn ôl y data, wedi’u dangos fel [x]",
            "Ffigurau sydd dros dro yn ôl y data, wedi’u marcio [p] mewn tablau",
            "(AD/033, 2023-24)",
        ],
    }
    for lang in langs:
        for sentence in about[lang]:
            assert sentence.replace("’", "'") in text.replace("’", "'"), (lang, sentence)
    # the provisional value is marked beside the number, the [p] note explains it under the table
    assert "% [p]" in text
    marker_notes = {
        "en": [
            "[p] Provisional: the figure may change",
            "[c] Not shown: the figure is confidential in the data, or rests on a count",
        ],
        "cy": ["[p] Dros dro: gall y ffigur newid", "[c] Heb ei ddangos: mae'r ffigur yn gyfrinachol yn y data"],
    }
    for lang in langs:
        for note in marker_notes[lang]:
            assert note in text.replace("’", "'"), (lang, note)
    if edition == "en" and fmt == "html":  # in reading order; PDF cells wrap and Word lists tables apart
        for row, then in ROWS:
            at = text.find(row)
            assert at >= 0 and then in text[at + len(row) : at + len(row) + 12], (row, then)


def test_downloads_keep_each_marker(built_from_statswales: Path) -> None:
    import csv
    import io

    for edition in ("en", "cy"):
        folder = built_from_statswales / "_output" / edition
        data = next(folder.glob("*-data.csv")).read_text(encoding="utf-8-sig")
        cells_ = [c for row in csv.reader(io.StringIO(data)) for c in row]
        for marker in ("[c]", "[x]", "[z]"):
            assert marker in cells_, (edition, marker)
        from openpyxl import load_workbook

        book = load_workbook(next(folder.glob("*-data.xlsx")), read_only=True)
        notes = " ".join(
            str(v) for sheet in book.worksheets[:4] for row in sheet.iter_rows(values_only=True) for v in row if v
        )
        assert ("[p] Provisional" if edition == "en" else "[p] Dros dro") in notes


def test_a_chart_of_a_confidential_figure_says_why_in_its_description(built_from_statswales: Path) -> None:
    page = html_text(output_file(built_from_statswales, "en", "html"))
    assert (
        "Percentage of adult care and support plan reviews completed within statutory timescales: the figure "
        "for 2023-24 is confidential in the data and is not shown [c]." in page
    )


# --- settings, declared once -------------------------------------------------------------------------------------


def test_readme_table_and_schema_are_written_from_the_declaration() -> None:
    import sys

    sys.path.insert(0, str(REPO / "tools"))
    import settings_docs

    for path, text in settings_docs.expected().items():
        assert path.read_text(encoding="utf-8") == text, f"{path.name} is out of date: run tools/settings_docs.py"


def test_the_schema_accepts_the_sample_and_refuses_what_config_refuses() -> None:
    import json

    import jsonschema
    import yaml

    schema = json.loads((REPO / "src" / "dirreport" / "resources" / "dirreport-settings.schema.json").read_text())
    sample = yaml.safe_load((REPO / "_quarto.yml").read_text(encoding="utf-8"))["dirreport"]
    sample["date"] = str(sample["date"])
    jsonschema.validate(sample, schema)
    for wrong in ({"director": 42}, {"draft": True}, {"sample": "yes"}, {"languages": ["fr"]}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate({**sample, **wrong}, schema)


def test_the_report_card_holds_each_finding_once() -> None:
    from dirreport.checks.card import ERROR, WARNING, ReportCard
    from dirreport.errors import Problem

    card = ReportCard()
    problem = Problem("link text 'here' says nothing", file="narratives/en/3a-i.md", line=4, hint="name the page")
    for _ in range(8):  # one per edition and check that comes across it
        card.add("accessibility", WARNING, problem)
    card.add("accessibility", ERROR, Problem(problem.message, file=problem.file, line=4, hint=problem.hint))
    assert [(f.severity, f.problem.located()) for f in card.findings] == [(ERROR, problem.located())]
