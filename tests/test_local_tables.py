"""The authority's own tables (finance, complaints, inspections): checked row by row, added up, judged, placed."""

from __future__ import annotations

from pathlib import Path

import pytest
from project_files import copy_project

from conftest import REPO, assert_user_error, dirreport, docx_text, html_text, output_file, pdf_text
from dirreport.assemble.figure_book import FigureBook
from dirreport.assemble.local_shortcodes import LocalShortcodeError, expand_local
from dirreport.compute import local_results as lr
from dirreport.config.settings import load_config
from dirreport.content.narrative import Shortcode, Span
from dirreport.data.dataset import find_data_file
from dirreport.data.local_model import BudgetLine, ComplaintCount, LocalTables
from dirreport.data.local_tables import load_local_tables
from dirreport.errors import InputError, ProblemCollector
from dirreport.figures import local_figures as lf
from dirreport.pipeline.project import load_project

SETTINGS = 'dirreport:\n  authority: W06000001\n  year: "2023-24"\n'


def problems(tmp_path: Path, files: dict[str, str]) -> list[str]:
    """Every problem the local tables' readers find in these files, as the user sees each one."""
    (tmp_path / "_quarto.yml").write_text(SETTINGS, encoding="utf-8")
    (tmp_path / "data").mkdir(exist_ok=True)
    for name, text in files.items():
        (tmp_path / "data" / name).write_text(text, encoding="utf-8")
    collector = ProblemCollector()
    load_local_tables(load_config(tmp_path), find_data_file, collector, {})
    return [p.located() for p in collector.problems]


def test_finance_rows_are_checked_with_file_row_and_column(tmp_path: Path) -> None:
    found = problems(
        tmp_path,
        {
            "finance.csv": "year,service_area,budget,outturn\n"
            "2023-24,adults,74096,75318\n"
            "2023-24,children,-5,35107\n"  # row 3: negative
            "2023-24,housing,100,90\n"  # row 4: own code without names
            "2023-24,adults,1,1\n"  # row 5: twice
            "2025-26,support,5,5\n"  # row 6: future year
            "2023-24,support,2,5,\n".replace(",\n", "\n")
            + "2023-24,support,lots,5\n",  # row 8: not a number
        },
    )
    assert any(p.startswith("data/finance.csv:row 3, column budget") and "negative" in p for p in found), found
    assert any(p.startswith("data/finance.csv:row 4, column label_en") and "label_cy" in p for p in found), found
    assert any(p.startswith("data/finance.csv:row 5") and "given twice (first on row 2)" in p for p in found), found
    assert any(p.startswith("data/finance.csv:row 6, column year") and "after the report year" in p for p in found)
    assert any(p.startswith("data/finance.csv:row 8, column budget") for p in found), found
    assert all(p.count(". ") >= 1 for p in found)  # each says how to fix it


def test_a_typed_variance_is_refused(tmp_path: Path) -> None:
    rows = "".join(f"{year},adults,10,12,2\n" for year in ("2021-22", "2022-23", "2023-24"))
    found = problems(tmp_path, {"finance.csv": "year,service_area,budget,outturn,variance\n" + rows})
    assert len(found) == 1 and found[0].startswith("data/finance.csv:row 1, column variance")
    assert "worked out from the budget and the outturn" in found[0]


def test_complaints_answered_in_time_may_not_exceed_those_received(tmp_path: Path) -> None:
    found = problems(
        tmp_path,
        {
            "complaints.csv": "year,service,stage,received,responded_in_timescale,upheld,referred_to_ombudsman\n"
            "2023-24,adults,1,70,58,21,\n"
            "2023-24,children,1,40,41,3,0\n"  # row 3: more in time than received
            "2023-24,children,3,4,4,,\n"  # row 4: no stage 3
            "2023-24,older,2,4,4,,\n"  # row 5: not a service
            "2023-24,adults,2,4.5,4,,\n",  # row 6: a fraction
        },
    )
    assert any(
        p.startswith("data/complaints.csv:row 3, column responded_in_timescale")
        and "a part is never more than its whole" in p
        for p in found
    ), found
    assert any(p.startswith("data/complaints.csv:row 4, column stage") for p in found), found
    assert any(p.startswith("data/complaints.csv:row 5, column service") for p in found), found
    assert any(p.startswith("data/complaints.csv:row 6, column received") and "fraction" in p for p in found), found


def test_inspections_rows_are_checked(tmp_path: Path) -> None:
    header = "date,type,inspectorate,setting_en,setting_cy,outcome_en,outcome_cy,link\n"
    found = problems(
        tmp_path,
        {
            "inspections.csv": header
            + "17/11/2023,inspection,ciw,Home,Cartref,Fine.,Iawn.,https://example.org/r\n"
            + "2023-13-01,inspection,ciw,Home,Cartref,Fine.,Iawn.,\n"  # row 3: no such date
            + "2024-05-01,inspection,ciw,Home,Cartref,Fine.,Iawn.,\n"  # row 4: after the year
            + "2023-06-01,visit,ofsted,Home,Cartref,Fine.,,\n"  # row 5: type, inspectorate, Welsh outcome
            + "2023-06-01,review,ciw,Home,Cartref,Fine.,Iawn.,not a link\n",  # row 6
        },
    )
    assert not any("row 2" in p for p in found), found
    assert any(p.startswith("data/inspections.csv:row 3, column date") for p in found), found
    assert any(p.startswith("data/inspections.csv:row 4, column date") and "after the end" in p for p in found)
    for column in ("type", "inspectorate", "outcome_cy"):
        assert any(p.startswith(f"data/inspections.csv:row 5, column {column}") for p in found), found
    assert any(p.startswith("data/inspections.csv:row 6, column link") for p in found), found


def test_the_workbook_route_reads_and_locates_like_the_csv(tmp_path: Path) -> None:
    from openpyxl import Workbook

    (tmp_path / "data").mkdir()
    book = Workbook()
    sheet = book.active
    sheet.title = "Finance"
    sheet.append(["year", "service_area", "budget", "outturn"])
    sheet.append(["2023-24", "adults", 74096, 75318])
    sheet.append(["2023-24", "children", "n/a", 35107])
    book.save(tmp_path / "data" / "finance.xlsx")
    found = problems(tmp_path, {})
    assert len(found) == 1 and found[0].startswith("data/finance.xlsx (sheet Finance):row 3, column budget"), found


def test_a_bad_row_stops_check_with_no_traceback(tmp_path: Path) -> None:
    project = copy_project(REPO, tmp_path / "p")
    path = project / "data" / "complaints.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("2023-24,adults,1,71,60", "2023-24,adults,1,71,80"))
    run = dirreport("check", str(project))
    assert run.returncode == 2
    assert_user_error(run, "data/complaints.csv:row 18, column responded_in_timescale", "more than received")


# --- totals, variance, judgement, disclosure --------------------------------------------------------


def test_totals_add_up_as_printed_and_the_variance_is_worked_out() -> None:
    local = LocalTables(
        finance=(
            BudgetLine("2023-24", "adults", 100.4, 110.6, 2),
            BudgetLine("2023-24", "children", 50.4, 40.4, 3),
            BudgetLine("2023-24", "support", 10.4, 10.4, 4),
        )
    )
    table = lf.finance_table(local, "2023-24", "en")
    body, total = table.numbers[:-1], table.numbers[-1]
    for column in (1, 2, 3):
        assert total[column] == sum(row[column] for row in body)  # type: ignore[misc]
    for row in table.numbers:
        assert row[3] == row[2] - row[1]  # type: ignore[operator]
    assert [r[3] for r in table.rows] == ["+11", "\u221210", "0", "+1"]  # signed: + over, − under
    assert table.rows[-1][1:4] == ("160", "161", "+1")
    welsh = lf.finance_table(local, "2023-24", "cy")
    assert welsh.rows[-1][0] == "Cyfanswm" and "danwariant" in welsh.notes[0]
    assert lf.variance_words(-3106, "en") == "an underspend of £3.1 million"
    assert lf.variance_words(3106, "cy") == "gorwariant o £3.1 miliwn"
    assert lf.variance_words(450, "en") == "an overspend of £450,000"


def complaints(*years: tuple[str, int, int]) -> LocalTables:
    return LocalTables(complaints=tuple(ComplaintCount(y, "adults", "1", n, x, None, None, 2) for y, n, x in years))


def test_the_timescale_change_is_judged_by_the_two_proportion_test() -> None:
    small = lr.timeliness_change(complaints(("2022-23", 234, 215), ("2023-24", 240, 221)), "2023-24")
    assert small is not None and small.verdict.rule in ("z", "fisher") and not small.verdict.supported
    assert lf.timeliness_change_words(small, "en").endswith("little change")
    large = lr.timeliness_change(complaints(("2022-23", 120, 88), ("2023-24", 126, 106)), "2023-24")
    assert large is not None and large.verdict.supported and large.judgement == "better"
    assert lf.timeliness_change_words(large, "en") == "up 10.8 percentage points since 2022-23, an improvement"
    assert "welliant" in lf.timeliness_change_words(large, "cy")
    assert lr.timeliness_change(complaints(("2023-24", 126, 106)), "2023-24") is None  # no year before


def test_small_complaint_counts_are_hidden_with_a_second_part() -> None:
    local = LocalTables(
        complaints=(
            ComplaintCount("2023-24", "adults", "1", 71, 60, 22, 0, 2),
            ComplaintCount("2023-24", "adults", "2", 5, 4, 2, 1, 3),
            ComplaintCount("2023-24", "children", "1", 55, 46, 17, 0, 4),
            ComplaintCount("2023-24", "children", "2", 9, 7, 3, 1, 5),
        )
    )
    rows = {row[0]: row[1:] for row in lf.complaints_table(local, "2023-24", "en").rows}
    assert rows["Stage 2: complaints received"] == ("5", "9", "14")  # nothing small: all shown
    # 4 in time is hidden, and so is the other service's 7, or the total less 7 would give it back
    assert rows["Stage 2: responded to within the timescale"] == ("[c]", "[c]", "11")
    assert rows["Stage 2: percentage within the timescale"] == ("[c]", "[c]", "78.6%")
    assert rows["Referred to the Ombudsman"] == ("[c]", "[c]", "[c]")  # 1 and 1: the total of 2 is small too
    assert rows["Stage 1: percentage within the timescale"] == ("84.5%", "83.6%", "84.1%")
    table = lf.complaints_table(local, "2023-24", "cy")
    assert table.header == ("Cwynion", "Oedolion", "Plant", "Cyfanswm")
    assert any(note.startswith("[c]") for note in table.notes)


# --- shortcodes -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample():  # type: ignore[no-untyped-def]
    return load_project(REPO)


def expand(project, lang: str, text: str, tmp_path: Path, alone: bool = False) -> str:  # type: ignore[no-untyped-def]
    name, *args = text.split()
    code = Shortcode(name, tuple(args), "{{< " + text + " >}}", Span(1, 0, 0), alone)
    text = expand_local(project, lang, FigureBook(lang, tmp_path, "pandoc"), code)
    return text if alone else text.replace("\\", "")  # a sentence's figure, as pandoc prints it


def test_figures_in_sentences_are_the_tables_figures(sample, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert expand(sample, "en", "finance budget", tmp_path) == "£112.4 million"
    assert expand(sample, "cy", "finance budget", tmp_path) == "£112.4 miliwn"
    assert expand(sample, "en", "finance variance", tmp_path) == "an overspend of £3.1 million"
    assert expand(sample, "en", "finance outturn children 2022-23", tmp_path) == "£33.1 million"
    assert expand(sample, "en", "complaints received 1", tmp_path) == "126"
    assert expand(sample, "en", "complaints timescale 1 n", tmp_path) == "84.1% (106 of 126)"
    assert expand(sample, "cy", "complaints timescale 1 n", tmp_path) == "84.1% (106 o 126)"
    assert expand(sample, "en", "inspections count inspection", tmp_path) == "3"
    table = lf.finance_table(sample.dataset.local, "2023-24", "en")
    assert table.rows[-1][1] == "112,400"  # the sentence's £112.4 million is the table's total


def test_blocks_are_numbered_tables_and_figures(sample, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    table = expand(sample, "cy", "finance table", tmp_path, alone=True)
    assert "Tabl 1: Cyllideb ac alldro fesul maes gwasanaeth, 2023-24" in table
    chart = expand(sample, "en", "complaints chart", tmp_path, alone=True)
    assert "Figure 1: Complaints responded to within the timescale" in chart and "Data for figure 1" in chart
    dates = expand(sample, "cy", "inspections table", tmp_path, alone=True)
    assert "17 Tachwedd 2023" in dates and "Arolygiaeth Gofal Cymru" in dates


def test_shortcode_mistakes_say_how_to_write_it(sample, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(LocalShortcodeError, match="needs one of the views") as exc:
        expand(sample, "en", "finance total", tmp_path)
    assert "{{< finance table >}}" in exc.value.hint
    with pytest.raises(LocalShortcodeError, match="must be on a line of its own"):
        expand(sample, "en", "complaints table", tmp_path)
    with pytest.raises(LocalShortcodeError, match="'housing' is not an option"):
        expand(sample, "en", "finance budget housing", tmp_path)
    with pytest.raises(LocalShortcodeError, match=r"not shown \(\[c\]\)") as hidden:
        expand(sample, "en", "complaints ombudsman", tmp_path)
    assert hidden.value.marker == "[c]"


def test_a_shortcode_without_its_data_is_refused_at_its_line(tmp_path: Path) -> None:
    project = copy_project(REPO, tmp_path / "p")
    (project / "data" / "finance.csv").unlink()
    with pytest.raises(InputError) as exc:
        from dirreport.assemble.edition import assemble_language

        assemble_language(load_project(project), "en")
    located = [p.located() for p in exc.value.problems]
    assert any(p.startswith("narratives/en/4d-finance.md:line") and "no finance data" in p for p in located), located


# --- what was built ---------------------------------------------------------------------------------


def test_the_sample_prints_finance_complaints_and_inspections(built_sample: Path) -> None:
    english = html_text(output_file(built_sample, "en", "html"))
    assert "net budget for social services was £112.4 million" in english
    assert "Budget and outturn by service area, 2023-24" in english
    assert "We responded to 84.1% (106 of 126) of them within the timescale, up 10.8 percentage points" in english
    assert "17 November 2023" in english
    welsh_pdf = pdf_text(output_file(built_sample, "cy", "pdf"))
    assert "Cyllideb ac alldro fesul maes gwasanaeth" in welsh_pdf and "17 Tachwedd 2023" in welsh_pdf
    welsh_docx = docx_text(output_file(built_sample, "cy", "docx"))
    assert "Cwynion am y gwasanaethau cymdeithasol, 2023-24" in welsh_docx and "+3,106" in welsh_docx
    assert "112,400" in welsh_docx and "115,506" in welsh_docx


def test_a_new_project_has_the_headers_and_the_shortcodes_in_its_guidance(tmp_path: Path) -> None:
    from dirreport.cli.scaffold import scaffold
    from dirreport.data.local_model import SCHEMAS

    project = tmp_path / "new"
    scaffold(project, "W06000001", "2024-25", None, None)
    for schema in SCHEMAS:
        header = (project / "data" / f"{schema.stem}.csv").read_text(encoding="utf-8-sig").strip()
        assert header.split(",") == schema.header
    assert "{{< finance table >}}" in (project / "narratives" / "en" / "4d-finance.md").read_text(encoding="utf-8")
    welsh = (project / "narratives" / "cy" / "4b.md").read_text(encoding="utf-8")
    assert "{{< complaints timescale 1 n >}}" in welsh and "Dywedwch faint o gwynion" in welsh
    assert load_project(project).dataset.local == LocalTables()  # headers alone: nothing to show, nothing wrong


def test_the_local_table_template_is_read_back_with_its_rows(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from dirreport.data.local_workbook import write_local_template

    (tmp_path / "_quarto.yml").write_text(SETTINGS, encoding="utf-8")
    (tmp_path / "data").mkdir()
    target = write_local_template(tmp_path, "complaints", tmp_path / "data" / "complaints.xlsx")
    book = load_workbook(target)
    sheet = book.worksheets[0]
    assert [c.value for c in sheet[1]][:3] == ["year", "service", "stage"] and sheet.max_row == 5
    for row, (received, in_time) in enumerate([(70, 58), (6, 5), (40, 31), (5, 5)], start=2):
        sheet.cell(row, 4, received)
        sheet.cell(row, 5, in_time)
    book.save(target)
    collector = ProblemCollector()
    local = load_local_tables(load_config(tmp_path), find_data_file, collector, {})
    assert not collector.problems and lr.timeliness(local, "2023-24") == lr.Timeliness("2023-24", 99, 121)
    sheet.cell(3, 4).value = None  # a figure left blank
    book.save(target)
    assert problems(tmp_path, {}) == [
        "data/complaints.xlsx (sheet Complaints):row 3, column received: received is empty. "
        "write the number of complaints as a whole number, 0 if there were none."
    ]
