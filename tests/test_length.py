"""The report's length is the author's: which indicators are charted, whether the data appendix is printed.

Assembled in process from copies of the sample with the settings changed;
the sample's own PDF is read for its page count.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pikepdf
import pytest

from conftest import REPO, copy_project, output_file
from dirreport.assemble.document import Document
from dirreport.assemble.editions import assemble
from dirreport.errors import InputError
from dirreport.pipeline.project import load_project

# a published report of a comparable council runs to about 49 pages of chapters, plus (as published reports
# have) two forewords, a glossary, the contact and accessibility details, and finance, complaints and
# inspections tables and charts
ENGLISH_PDF_PAGES = 58


def with_settings(tmp_path: Path, **settings: str) -> Path:
    project = copy_project(REPO, tmp_path / "p")
    config = project / "_quarto.yml"
    text = re.sub(r"^  (charts|appendix): .*\n", "", config.read_text(encoding="utf-8"), flags=re.M)
    text += "".join(f"  {key}: {value}\n" for key, value in settings.items())
    config.write_text(text, encoding="utf-8")
    return project


def trend_charts(document: Document) -> set[str]:
    return {f.id for f in document.figures if f.spec.kind == "trend"}


def anchors(document: Document) -> Counter[str]:
    return Counter(re.findall(r'<figure id="([^"]+)"', document.markdown))


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Document]:
    made = {}
    for charts in ("all", "key", "narrative"):
        project = load_project(with_settings(tmp_path_factory.mktemp(charts), charts=charts))
        made[charts] = assemble(project, "en")
    return made


def test_key_charts_only_the_catalogues_key_indicators(documents: dict[str, Document]) -> None:
    project = load_project(REPO)
    key = {i.id for i in project.catalogue.indicators.values() if i.key}
    assert key
    every, keyed = trend_charts(documents["all"]), trend_charts(documents["key"])
    assert keyed == key & every, (keyed, key)
    assert len(keyed) < len(every)


def test_narrative_charts_the_indicators_the_narrative_names(documents: dict[str, Document]) -> None:
    project = load_project(REPO)
    named = {
        code.args[0]
        for n in project.narratives["en"].values()
        for code in n.shortcodes
        if code.name in ("indicator", "change", "chart", "table") and code.args
    }
    charted = trend_charts(documents["narrative"])
    assert charted == named & trend_charts(documents["all"]), (charted, named)
    assert len(charted) < len(trend_charts(documents["all"]))


@pytest.mark.parametrize("charts", ["all", "key", "narrative"])
def test_every_chart_is_printed_once(documents: dict[str, Document], charts: str) -> None:
    repeated = {anchor: n for anchor, n in anchors(documents[charts]).items() if n > 1}
    assert not repeated, repeated


@pytest.mark.parametrize("charts", ["all", "key"])
def test_the_at_a_glance_table_is_printed_once(documents: dict[str, Document], charts: str) -> None:
    markdown = documents[charts].markdown
    assert markdown.count("Performance at a glance") == 1, markdown.count("Performance at a glance")
    # chapter 3 points to it by its number instead
    assert re.search(r"Table \d+ summarises every indicator", markdown)


def test_the_appendix_can_be_left_to_the_downloads(tmp_path: Path) -> None:
    document = assemble(load_project(with_settings(tmp_path, appendix="download")), "en")
    assert "Table A1:" not in document.markdown
    assert "directors-report-2023-24-data.xlsx" in document.markdown
    # each chart's data link goes to the spreadsheet, not to a table that is not there
    links = re.findall(r"\[Data for figure \d+[^\]]*\]\(([^)]+)\)", document.markdown)
    assert links and set(links) == {"directors-report-2023-24-data.xlsx"}
    assert "# Appendix: the data behind the charts" in document.markdown


def test_an_unknown_setting_value_is_named(tmp_path: Path) -> None:
    with pytest.raises(InputError) as raised:
        load_project(with_settings(tmp_path, charts="some"))
    assert "charts" in str(raised.value) and "key" in str(raised.value)


def test_the_samples_english_pdf_is_about_fifty_pages(built_sample: Path) -> None:
    with pikepdf.open(output_file(built_sample, "en", "pdf")) as pdf:
        assert len(pdf.pages) <= ENGLISH_PDF_PAGES, len(pdf.pages)
