"""Case studies: the file checked row by row, the shortcode's boxed block, the people's-voice check,
and the sample's case studies in every edition and format.

Most tests run in process on small inputs; the real-output tests read the
shared sample build (``built_sample``) rather than building again.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from project_files import copy_project

from conftest import REPO, assert_user_error, dirreport, docx_body_text, html_text, output_file, pdf_text
from dirreport.assemble.case_study import case_study_block, refusal
from dirreport.assemble.edition import Assembler
from dirreport.checks.card import run_checks
from dirreport.checks.findings import ReportCard, StandardCoverage
from dirreport.checks.voice import check_voice, voices
from dirreport.content.expansion import expand
from dirreport.content.narrative import parse
from dirreport.data.case_studies import parse_standards, read_case_studies
from dirreport.data.model import CASE_STUDY_COLUMNS
from dirreport.data.tables import read_table
from dirreport.errors import InputError, ProblemCollector
from dirreport.pipeline.project import Project, load_project

STANDARDS = [f"QS{n}" for n in range(1, 9)]
HEADER = ",".join(CASE_STUDY_COLUMNS)
GOOD = (
    "CS-01,yes,QS1; QS3,Back home,Adref eto,Home mattered.,Roedd adref yn bwysig.,"
    "We helped.,Fe wnaethon ni helpu.,She is home.,Mae hi adref."
)
SAMPLE_PARTS = {  # a phrase from each part of the sample's CS-03, in each language
    "en": ("Home from hospital in time for her birthday", "What mattered to Eirlys", "What we did",
           "The difference it made", "Care and Repair fitted a second stair rail"),
    "cy": ("Adref o’r ysbyty mewn pryd ar gyfer ei phen-blwydd", "Beth oedd yn bwysig i Eirlys", "Yr hyn a wnaethom",
           "Y gwahaniaeth a wnaeth", "Gosododd Gofal a Thrwsio ail ganllaw"),
}  # fmt: skip


@pytest.fixture(scope="module")
def project() -> Project:
    return load_project(REPO)


def read(tmp_path: Path, *rows: str, header: str = HEADER) -> tuple[dict[str, object], ProblemCollector]:
    path = tmp_path / "case-studies.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    collector = ProblemCollector()
    found = read_case_studies(read_table(path, "data/case-studies.csv", CASE_STUDY_COLUMNS), STANDARDS, collector)
    return dict(found), collector


# --- the file --------------------------------------------------------------------------------------


def test_a_good_row_is_read_in_both_languages(tmp_path: Path) -> None:
    found, collector = read(tmp_path, GOOD)
    assert not collector.problems
    case = found["CS-01"]
    assert case.standards == ("QS1", "QS3") and case.consent and case.row == 2  # type: ignore[attr-defined]
    assert case.title == {"en": "Back home", "cy": "Adref eto"}  # type: ignore[attr-defined]
    assert case.person == {"en": "", "cy": ""}  # type: ignore[attr-defined]  # the person columns are optional


@pytest.mark.parametrize(
    ("row", "column", "fragments"),
    [
        (GOOD.replace(",yes,", ",verbal,"), "consent", ["consent 'verbal' for case study CS-01 is not yes or no"]),
        (GOOD.replace("QS1; QS3", "QS1; QS9"), "standards", ["names 'QS9', which is not a quality standard"]),
        (GOOD.replace("QS1; QS3", ""), "standards", ["case study CS-01 names no quality standard"]),
        (GOOD.replace("CS-01", "CS 01"), "id", ["case study id 'CS 01' is empty or holds spaces"]),
    ],
)
def test_a_bad_row_is_named_with_its_number_column_and_fix(
    tmp_path: Path, row: str, column: str, fragments: list[str]
) -> None:
    found, collector = read(tmp_path, GOOD.replace("CS-01", "CS-00"), row)
    assert list(found) == ["CS-00"]
    (problem,) = collector.problems
    assert problem.file == "data/case-studies.csv" and problem.line == 3 and problem.column == column
    assert problem.hint
    for fragment in fragments:
        assert fragment in problem.message


def test_an_id_used_twice_is_refused(tmp_path: Path) -> None:
    _, collector = read(tmp_path, GOOD, GOOD)
    (problem,) = collector.problems
    assert problem.line == 3 and "'CS-01' is used twice" in problem.message


def test_a_missing_column_names_the_header_it_needs(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        read(tmp_path, "CS-01,yes,QS1", header="id,consent,standards")
    assert "has no column 'title_en'" in str(caught.value)


def test_standards_may_be_written_several_ways() -> None:
    assert parse_standards("qs2, QS4;6", STANDARDS) == (("QS2", "QS4", "QS6"), [])
    assert parse_standards("QS1 QS1", STANDARDS) == (("QS1",), [])
    assert parse_standards("leadership", STANDARDS) == ((), ["leadership"])


def test_a_bad_case_study_stops_check_with_the_row_and_no_traceback(tmp_path: Path) -> None:
    sample = copy_project(REPO, tmp_path / "p")
    path = sample / "data" / "case-studies.csv"
    # row 3 as a spreadsheet shows it: the second case study, though CS-01's cells hold line breaks
    path.write_text(path.read_text(encoding="utf-8").replace("CS-02,yes,", "CS-02,maybe,", 1), encoding="utf-8")
    run = dirreport("check", str(sample))
    assert_user_error(run, "data/case-studies.csv:row 3", "consent 'maybe' for case study CS-02 is not yes or no")
    assert run.returncode == 2


# --- the shortcode ---------------------------------------------------------------------------------


def expanded(project: Project, text: str, lang: str) -> tuple[str, Assembler]:
    assembler = Assembler(project, lang)
    doc, problems = parse(f"narratives/{lang}/3c-i.md", f"---\ntitle: Test\nstatus: final\n---\n\n{text}\n")
    assert not problems
    return expand(doc, assembler.expander(doc, 3), heading_base=3), assembler


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_the_shortcode_makes_a_boxed_block_for_each_format(project: Project, lang: str) -> None:
    text, assembler = expanded(project, "Before.\n\n{{< case-study CS-03 >}}\n\nAfter.", lang)
    assert not assembler.errors
    title, mattered, did, difference, words = SAMPLE_PARTS[lang]
    # HTML: an aside named by its heading (h5: the page's h1 is the title, so headings sit one level down)
    aside = re.search(r'<aside class="case-study" id="([^"]+)" aria-labelledby="\1-title">', text)
    assert aside and f'<h5 id="{aside.group(1)}-title" class="case-study-title">{title}</h5>' in text
    # PDF: a shaded block with the title as a heading kept out of the contents and bookmarks
    assert f'#heading(level: 4, outlined: false, bookmarked: false)[#"{title}"]' in text
    assert re.search(r'#block\(width: 100%, breakable: true, fill: rgb\("#f3f2f1"\)', text)
    # Word: the title as a heading, labels and text in styles a comms team can restyle
    assert f"#### {title} {{.unnumbered .unlisted}}" in text
    assert f'::: {{custom-style="Case Study Label"}}\n{mattered}\n:::' in text
    for label in (mattered, did, difference):
        assert text.count(label) == 3  # once per format
    assert text.count(words) == 3
    assert text.index("Before.") < text.index(title) < text.rindex(words) < text.index("After.")


def test_the_persons_words_cannot_change_the_document(project: Project) -> None:
    case = project.dataset.case_studies["CS-01"]
    sly = replace(case, did={"en": "See <script>x</script> # and ::: and *this*", "cy": "x"})
    text = case_study_block(sly, "en", 4, "#12436D")
    assert "<script>" not in text and "\\<script\\>" in text and "\\*this\\*" in text


def test_a_case_study_without_consent_or_text_is_refused_with_its_row(project: Project) -> None:
    case = project.dataset.case_studies["CS-01"]
    refused = refusal(replace(case, consent=False), "en", "data/case-studies.csv")
    assert refused and "no consent to publish (data/case-studies.csv, row 2)" in str(refused)
    refused = refusal(replace(case, did={"en": "We helped.", "cy": " "}), "cy", "data/case-studies.csv")
    assert refused and "has no Welsh text in did_cy (data/case-studies.csv, row 2)" in str(refused)
    assert "fill in that column of row 2" in refused.hint
    assert refusal(case, "cy", "data/case-studies.csv") is None


def test_an_unknown_or_misplaced_case_study_is_named_at_its_line(project: Project) -> None:
    _, assembler = expanded(project, "{{< case-study CS-3 >}}\n\nSee {{< case-study CS-03 >}} here.", "en")
    first, second = assembler.errors
    assert first.line == 6 and "there is no case study 'CS-3' in data/case-studies.csv" in first.message
    assert first.hint == "did you mean CS-03?"
    assert second.line == 8 and "must be on a line of its own" in second.message


def test_a_case_study_in_the_data_is_checked_for_personal_data(project: Project) -> None:
    case = project.dataset.case_studies["CS-02"]
    leaky = replace(case, did={**case.did, "en": "Call his mum on 07700 900123 or email owen@example.org."})
    dataset = replace(project.dataset, case_studies={**project.dataset.case_studies, "CS-02": leaky})
    card = run_checks(replace(project, dataset=dataset), assembled=True)
    found = [f.problem for f in card.errors if f.section == "personal-data"]
    assert {p.file for p in found} == {"data/case-studies.csv"} and {p.line for p in found} == {3}
    assert any("a phone number" in p.message for p in found) and any("an email address" in p.message for p in found)


# --- people's voice --------------------------------------------------------------------------------


def without(project: Project, *case_ids: str) -> Project:
    """The project as if the case studies named were never placed in any narrative."""
    narratives = {}
    for lang, files in project.narratives.items():
        narratives[lang] = {}
        for place, narrative in files.items():
            codes = tuple(c for c in narrative.shortcodes if not (c.name == "case-study" and c.args[0] in case_ids))
            narratives[lang][place] = replace(narrative, shortcodes=codes)
    return replace(project, narratives=narratives)


def voice_warnings(project: Project) -> list[str]:
    card = ReportCard(coverage=[StandardCoverage(s) for s in project.catalogue.standards])
    check_voice(project, card)
    return [f.problem.located() for f in card.warnings]


def test_in_the_sample_every_standard_has_peoples_voice(project: Project) -> None:
    assert voice_warnings(project) == []
    heard = {v.standard: v for v in voices(project)}
    assert heard["QS2"].case_studies == ("CS-01",) and not heard["QS2"].survey  # only staff answer its survey


def test_a_standard_whose_only_survey_is_of_staff_warns_without_a_case_study(project: Project) -> None:
    (warning,) = voice_warnings(without(project, "CS-01"))
    assert warning.startswith("narratives/en/3a-i.md: quality standard 2 (QS2) has no people's voice")
    assert "staff surveys do not count" in warning
    assert "add a case study linked to QS2 to data/case-studies.csv" in warning
    assert "{{< case-study ID >}}" in warning
    assert "define a survey measure for QS2 asked of people who use services or carers" in warning


def test_a_survey_of_people_or_carers_gives_a_standard_its_voice(project: Project) -> None:
    # QS5 has CS-03 and the adults' and children's answers to SV13: take both away and it warns
    unheard = without(project, "CS-03")
    survey = {k: v for k, v in unheard.results.survey.items() if v.measure.id != "SV13"}
    quiet = replace(unheard, results=replace(unheard.results, survey=survey))
    assert voice_warnings(unheard) == []
    (warning,) = voice_warnings(quiet)
    assert "quality standard 5 (QS5)" in warning and "for SV13 to data/survey.csv" in warning


def test_a_case_study_without_consent_is_no_voice(project: Project) -> None:
    cases = dict(project.dataset.case_studies)
    cases["CS-01"] = replace(cases["CS-01"], consent=False)
    warnings = voice_warnings(replace(project, dataset=replace(project.dataset, case_studies=cases)))
    assert len(warnings) == 1 and "(QS2)" in warnings[0]


def test_a_placed_story_linked_to_a_standard_is_its_voice(project: Project) -> None:
    unheard = without(project, "CS-01")
    stories = dict(project.dataset.stories)
    stories["STORY-04"] = replace(stories["STORY-04"], standards=("QS2", "QS6"))
    heard = replace(unheard, dataset=replace(unheard.dataset, stories=stories))
    assert voice_warnings(heard) == []


def test_the_report_card_shows_each_standards_voice(project: Project) -> None:
    card = run_checks(without(project, "CS-01"), assembled=True)
    assert {row.standard: row.voice for row in card.coverage} == {s: s != "QS2" for s in STANDARDS}


# --- what was built --------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "cy"])
@pytest.mark.parametrize("fmt", ["html", "pdf", "docx"])
def test_the_case_studys_parts_are_in_every_format(built_sample: Path, lang: str, fmt: str) -> None:
    path = output_file(built_sample, lang, fmt)
    read = {"html": html_text, "pdf": pdf_text, "docx": docx_body_text}[fmt]
    text = " ".join(read(path).replace("'", "’").split())
    for part in SAMPLE_PARTS[lang]:
        assert part in text, (fmt, lang, part)
    for case in ("CS-01", "CS-02", "CS-04"):
        title = load_title(case, lang)
        assert title in text, (fmt, lang, title)


def load_title(case_id: str, lang: str) -> str:
    import csv

    with (REPO / "data" / "case-studies.csv").open(encoding="utf-8") as handle:
        return next(r[f"title_{lang}"] for r in csv.DictReader(handle) if r["id"] == case_id)


def test_each_part_of_chapter_3_places_a_case_study_in_both_languages(project: Project) -> None:
    for lang in ("en", "cy"):
        placed = {
            place[:2]
            for place, narrative in project.narratives[lang].items()
            if any(c.name == "case-study" for c in narrative.shortcodes)
        }
        assert {"3a", "3b", "3c", "3d"} <= placed, (lang, placed)


def test_words_box_is_made_of_restylable_paragraph_styles(built_sample: Path) -> None:
    import docx
    from docx.oxml.ns import qn

    document = docx.Document(str(output_file(built_sample, "cy", "docx")))
    styles = {s.name: s for s in document.styles}
    for name in ("Case Study Kind", "Case Study Label", "Case Study Text"):
        properties = styles[name].element.find(qn("w:pPr"))
        assert properties.find(qn("w:pBdr")) is not None and properties.find(qn("w:shd")) is not None, name
    titles = [
        p
        for p in document.paragraphs
        if p.style.name.startswith("Heading") and p.text == "Adref o’r ysbyty mewn pryd ar gyfer ei phen-blwydd"
    ]
    (title,) = titles
    assert title._p.pPr.find(qn("w:pBdr")) is not None  # the title sits inside the box
    labels = [p.text for p in document.paragraphs if p.style.name == "Case Study Label"]
    assert labels.count("Yr hyn a wnaethom") == 4


# --- a new project ---------------------------------------------------------------------------------


def test_a_new_project_has_a_commented_example_of_a_case_study(tmp_path: Path) -> None:
    import csv

    from dirreport.cli.scaffold import scaffold

    target = tmp_path / "new"
    scaffold(target, "W06000015", "2024-25", None, None)
    with (target / "data" / "case-studies.csv").open(encoding="utf-8-sig") as handle:
        (row,) = list(csv.DictReader(handle))
    assert row["id"] == "CS-EXAMPLE" and row["consent"] == "no" and row["standards"] == "QS1"
    assert row["title_cy"].startswith("Enghraifft:") and row["did_en"] and row["did_cy"]
    stub = (target / "narratives" / "cy" / "3a-i.md").read_text(encoding="utf-8")
    comment = stub[stub.index("<!--") : stub.index("-->")]
    assert "data/case-studies.csv" in comment and "{{< case-study CS-EXAMPLE >}}" in comment
    new = load_project(target)
    assert new.dataset.case_studies["CS-EXAMPLE"].consent is False  # never published until replaced
    assert not any(c.name == "case-study" for n in new.narratives["cy"].values() for c in n.shortcodes)


def test_words_box_keeps_a_look_the_reference_docx_gives_its_styles() -> None:
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml.ns import qn
    from docx.shared import Pt

    from dirreport.render.docx_case_study import box_case_studies

    document = docx.Document()
    own = document.styles.add_style("Case Study Text", WD_STYLE_TYPE.PARAGRAPH)
    own.paragraph_format.space_after = Pt(20)  # the authority's own look: no frame, no fill
    for name in ("Case Study Kind", "Case Study Label"):
        document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    document.add_paragraph("Case study", style="Case Study Kind")
    title = document.add_heading("Back home", level=4)
    document.add_paragraph("What we did", style="Case Study Label")
    document.add_paragraph("We helped.", style="Case Study Text")
    box_case_studies(document, "#12436D")

    def frame(style: str) -> object:
        return document.styles[style].element.find(qn("w:pPr")).find(qn("w:pBdr"))

    assert frame("Case Study Text") is None  # kept as the reference document has it
    assert frame("Case Study Kind") is not None and frame("Case Study Label") is not None
    left = frame("Case Study Label").find(qn("w:left"))
    assert left.get(qn("w:color")) == "12436D"  # the rule in the heading colour
    assert title._p.pPr.find(qn("w:pBdr")) is None  # the title follows "Case Study Text": no frame either


def test_a_storys_optional_standards_column_is_read_and_checked(tmp_path: Path) -> None:
    from dirreport.data.model import STORIES_COLUMNS
    from dirreport.data.supporting_files import read_stories

    path = tmp_path / "stories.csv"
    path.write_text(
        "id,consent,standards,en,cy\nS-1,yes,QS2; qs6,Words.,Geiriau.\nS-2,yes,QS12,Words.,Geiriau.\n",
        encoding="utf-8",
    )
    collector = ProblemCollector()
    stories = read_stories(read_table(path, "data/stories.csv", STORIES_COLUMNS), STANDARDS, collector)
    assert stories["S-1"].standards == ("QS2", "QS6") and "S-2" not in stories
    (problem,) = collector.problems
    assert problem.line == 3 and problem.column == "standards" and "'QS12'" in problem.message
