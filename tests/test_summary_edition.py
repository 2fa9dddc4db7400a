"""The summary edition and the year in numbers as published: the shared sample build, opened with real tools.

The summary is built by the one orchestrator with the full editions; these
tests read its PDF (pdfinfo, pdftotext, pikepdf), Word file (python-docx)
and web page (lxml; Chromium with axe-core), and hold the year in numbers on
each page to the indicator tables of the same build.  The settings, the
choice of editions and the summary's reading-ease check are tested in-process.
"""

from __future__ import annotations

import re
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pikepdf
import pytest
import yaml
from lxml import html
from playwright.sync_api import sync_playwright
from project_files import copy_project

from conftest import REPO, chromium_path, dirreport, docx_text, pdf_text
from dirreport.assemble.editions import assemble
from dirreport.assemble.summary import LEFT_OUT, without_left_out
from dirreport.checks.card import run_checks
from dirreport.config.settings import load_config
from dirreport.errors import InputError
from dirreport.pipeline.build import editions_wanted
from dirreport.pipeline.project import load_project
from test_browser import CHROMIUM_ARGS, NARROW, describe, run_axe, visit

SUMMARY_FILES = {
    "en": "en-summary/directors-report-2023-24-summary",
    "cy": "cy-summary/adroddiad-y-cyfarwyddwr-2023-24-crynodeb",
}
FULL_FILES = {"en": "en/directors-report-2023-24", "cy": "cy/adroddiad-y-cyfarwyddwr-2023-24"}
BILINGUAL_FILE = "bilingual/adroddiad-y-cyfarwyddwr-directors-report-2023-24"
SAMPLE_FIGURES = yaml.safe_load((REPO / "_quarto.yml").read_text(encoding="utf-8"))["dirreport"]["year-in-numbers"]
WORDS = {  # what each language's summary must show: its title, the page of figures, the priorities
    "en": ("a summary", "The year in numbers", "Our priorities for next year", "Keep children safe"),
    "cy": (
        "crynodeb",
        "Y flwyddyn mewn rhifau",
        "Ein blaenoriaethau ar gyfer y flwyddyn nesaf",
        "Cadw plant yn ddiogel",
    ),
}


def squash(text: str) -> str:
    return " ".join(text.replace("\u00ad", "").split())


# --- in-process: settings, editions, assembly, the reading-ease check -------------------------------------


def with_summary(tmp_path: Path, value: Any) -> Path:
    project = copy_project(REPO, tmp_path / "p")
    path = project / "_quarto.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["dirreport"]["summary"] = value
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return project


def test_the_summary_editions_follow_the_languages(tmp_path: Path) -> None:
    config = load_config(REPO)
    assert config.editions == ("en", "cy", "bilingual", "en-summary", "cy-summary")
    # a language brings its own summary; a summary can be built alone
    assert editions_wanted(config, ("cy",)) == ["cy", "cy-summary"]
    assert editions_wanted(config, ("en-summary",)) == ["en-summary"]
    off = load_config(with_summary(tmp_path, False))
    assert "en-summary" not in off.editions
    on = load_config(with_summary(tmp_path / "on", True))
    assert on.summary.enabled and on.summary.title is None and on.summary.readability_target == 60


def test_a_wrong_summary_setting_is_explained(tmp_path: Path) -> None:
    with pytest.raises(InputError) as raised:
        load_config(with_summary(tmp_path, {"titel": "x"}))
    assert "summary has 'titel'" in str(raised.value) and "_quarto.yml" in str(raised.value)


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_the_summary_is_the_directors_summary_the_figures_and_the_priorities(lang: str) -> None:
    project = load_project(REPO)
    document = assemble(project, f"{lang}-summary")
    markdown = document.markdown
    assert document.metadata["title"] == project.config.summary.title(lang)  # type: ignore[misc]
    order = [markdown.index(a) for a in ("{#sec-1-summary}", "key-figures", "{#sec-4d-priorities}", "sec-full-report")]
    assert order == sorted(order)
    # no table or chart of the full report, and no heading left standing over one: the last section links it
    assert not document.tables and not document.figures
    assert "<table" not in markdown and "<figure" not in markdown
    glance = {"en": "Our performance at a glance", "cy": "Ein perfformiad yn gryno"}[lang]
    assert glance not in markdown and "in the full report (see" not in markdown
    # it stands alone: no contents page, no chapter it does not hold, the full report at an address, contact
    assert document.metadata["no-contents"] is True
    chapter = {"en": "Chapter 3 of the full report", "cy": "Mhennod 3 yr adroddiad llawn"}[lang]
    assert chapter in markdown
    website = project.config.contact.website  # type: ignore[union-attr]
    assert f"]({website})" in markdown and f"](../{lang}/" not in markdown  # not a path to the full report
    assert "{#sec-contact-" + lang + "}" in markdown and "tel:01632960123" in markdown
    # the abbreviation's first use is possessive: the words alone, not "Care Inspectorate Wales (CIW)'s"
    assert ")’s" not in markdown and ")'s" not in markdown


def test_a_section_that_only_introduced_a_table_goes_with_it() -> None:
    left = LEFT_OUT
    text = f"# A\n\nOne.\n\n## Glance\n\nThe table shows it.\n\n{left}\n\n## Kept\n\nFirst.\n\nSecond.\n\n{left}\n"
    out = without_left_out(text)
    assert "Glance" not in out and "The table shows" not in out and left not in out
    assert "# A" in out and "One." in out and "## Kept" in out and "Second." in out
    # a line of Typst code in a raw block is not a heading
    raw = f"## Glance\n\nIntro.\n\n```{{=typst}}\n# not a heading\n```\n\n{left}\n"
    assert "# not a heading" in without_left_out(raw)


def test_the_summary_is_held_to_its_own_reading_ease(tmp_path: Path) -> None:
    card = run_checks(load_project(REPO), assembled=True)
    assert card.readability["en-summary"] >= 60  # the sample's summary meets its target
    assert not [f for f in card.warnings if "summary edition" in f.problem.message]
    strict = run_checks(load_project(with_summary(tmp_path, {"readability-target": 95})), assembled=True)
    found = [f.problem for f in strict.warnings if "summary edition reads harder" in f.problem.message]
    assert found and found[0].file == "narratives/en/1-summary.md" and "target 95" in found[0].message


def test_a_new_project_has_commented_examples_that_work(tmp_path: Path) -> None:
    run = dirreport("new", str(tmp_path / "new"), "--authority", "W06000015", "--year", "2024-25")
    assert run.returncode == 0, run.output
    text = (tmp_path / "new" / "_quarto.yml").read_text(encoding="utf-8")
    assert "# year-in-numbers:" in text and "# summary:" in text and "{{< year-in-numbers >}}" in text
    assert load_config(tmp_path / "new").summary.enabled is False  # examples only, until uncommented
    uncommented = uncomment(uncomment(text, "year-in-numbers"), "summary")
    (tmp_path / "new" / "_quarto.yml").write_text(uncommented, encoding="utf-8")
    config = load_config(tmp_path / "new")
    assert config.summary.enabled and config.summary.title is not None
    assert config.year_in_numbers is not None and "CA-DP-COUNT" in config.year_in_numbers


def uncomment(settings: str, key: str) -> str:
    """The commented example of one setting made live: its line and the indented lines under it."""
    lines, live = settings.split("\n"), False
    for i, line in enumerate(lines):
        if line == f"  # {key}:":
            live = True
        elif not line.startswith("  #   "):
            live = False
        if live:
            lines[i] = "  " + line[4:]
    return "\n".join(lines)


# --- the shared sample build --------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_the_summary_pdf_is_short_tagged_and_complete(built_sample: Path, lang: str) -> None:
    pdf = built_sample / "_output" / f"{SUMMARY_FILES[lang]}.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, flags=re.M).group(1))  # type: ignore[union-attr]
    assert 1 < pages <= 8, pages
    assert re.search(r"^Tagged:\s+yes", info, flags=re.M), info
    with pikepdf.open(pdf) as opened:
        assert "/StructTreeRoot" in opened.Root
        assert str(opened.Root.Lang).startswith(lang)
    text = squash(pdf_text(pdf))
    for words in WORDS[lang]:
        assert words in text, words
    assert "68.0%" in text  # a figure of the year in numbers
    assert ("Contents" if lang == "en" else "Cynnwys") not in text  # no contents page in a few pages


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_the_summary_web_page_and_word_file_are_complete(built_sample: Path, lang: str) -> None:
    base = built_sample / "_output" / SUMMARY_FILES[lang]
    page = html.fromstring(base.with_suffix(".html").read_bytes())
    assert page.get("lang", "").startswith(lang)
    text = squash(page.text_content())
    word = squash(docx_text(base.with_suffix(".docx")))
    for words in WORDS[lang]:
        assert words in text and words in word, words
    # the figures are a list of cards on the web page, and a table with a header row in Word
    assert len(page.xpath('//ul[@class="key-figures"]/li')) == len(SAMPLE_FIGURES)
    assert "68.0%" in word
    # read from the start, it needs no contents; its Word cover's year never breaks as "2023-" over "24"
    assert not page.xpath('//nav[@id="TOC"]')
    document = base.with_suffix(".docx")
    with zipfile.ZipFile(document) as opened:
        xml = opened.read("word/document.xml").decode()
    assert "Table of Contents" not in xml
    title = re.search(r'<w:pStyle w:val="Title"/>.*?</w:p>', xml)
    assert title and "<w:noBreakHyphen/>" in title.group(0) and "2023-" not in title.group(0)
    # its other-language link goes to the other summary, which exists
    other = page.xpath('//p[@class="language-switch"]/a/@href')[0]
    assert "summary" in other and (base.parent / other).resolve().is_file()


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_the_full_web_page_links_to_its_summary(built_sample: Path, lang: str) -> None:
    full = built_sample / "_output" / f"{FULL_FILES[lang]}.html"
    href = html.fromstring(full.read_bytes()).xpath('//p[@class="summary-link"]/a/@href')
    summary = (built_sample / "_output" / f"{SUMMARY_FILES[lang]}.html").resolve()
    assert href and (full.parent / href[0]).resolve() == summary and summary.is_file()


def _indicator_rows(page: Any) -> dict[str, dict[str, str]]:
    """Each indicator table row of a page, by its label: header → cell text."""
    rows: dict[str, dict[str, str]] = {}
    for table in page.xpath("//table"):
        header = [squash(th.text_content()) for th in table.xpath(".//thead//th")]
        if len(header) < 6:  # the standards' tables: Indicator, this year, last year, Change, Direction, Wales
            continue
        for tr in table.xpath(".//tbody/tr"):
            cells = [squash(c.text_content()) for c in tr]
            rows.setdefault(cells[0], dict(zip(header, cells, strict=True)))
    return rows


@pytest.mark.parametrize("edition", ["en", "cy", "en-summary", "cy-summary"])
def test_every_key_figure_agrees_with_the_indicator_tables(built_sample: Path, edition: str) -> None:
    lang = edition[:2]
    full = html.fromstring((built_sample / "_output" / f"{FULL_FILES[lang]}.html").read_bytes())
    rows = _indicator_rows(full)
    path = built_sample / "_output" / f"{(SUMMARY_FILES if 'summary' in edition else FULL_FILES)[lang]}.html"
    cards = html.fromstring(path.read_bytes()).xpath('//ul[@class="key-figures"]/li')
    assert [card.get("data-indicator") for card in cards] == list(SAMPLE_FIGURES)
    year, wales = ("2023-24", "Wales") if lang == "en" else ("2023-24", "Cymru")
    titles = load_project(REPO).catalogue.indicators
    for card in cards:
        value, label, change = (squash(p.text_content()) for p in card.xpath("./p")[:3])
        # a count's card names it with the words after its number; its table, with the indicator's title
        indicator = titles[card.get("data-indicator")]
        title = squash(indicator.title(lang)).replace("'", "’")  # as pandoc prints it
        row = rows[title]
        assert label == title or indicator.counted is not None
        assert value.split(" ")[0] == row[year], (label, value, row)
        change_cell = row["Change" if lang == "en" else "Newid"]
        assert change_cell.lstrip("+−") in change, (change, change_cell)
        little = ("little change", "Little change") if lang == "en" else ("fawr o newid", "Fawr o newid")
        assert (little[0] in change) == (row["Direction" if lang == "en" else "Cyfeiriad"] == little[1])
        shown_wales = card.xpath('./p[@class="key-figure-wales"]')
        if shown_wales:
            assert squash(shown_wales[0].text_content()).split(": ")[1].split(" ")[0] == row[wales]


def test_the_bilingual_edition_prints_the_year_in_numbers_once_in_both_languages(built_sample: Path) -> None:
    base = built_sample / "_output" / BILINGUAL_FILE
    contacts = f"{int(_metric('AD/001')):,}"  # the sample's count of contacts, from its data file
    cy_words = "o gysylltiadau â’n gwasanaeth gwybodaeth, cyngor a chymorth i oedolion"
    en_words = "contacts to our information, advice and assistance service for adults"
    # the PDF: the page's heading once in both languages (its contents line has the halves side by side), each
    # count's words once
    text = squash(pdf_text(base.with_suffix(".pdf")))
    assert text.count("Y flwyddyn mewn rhifau / The year in numbers") == 1
    assert text.count(cy_words) == 1 and text.count(en_words) == 1
    page = text[text.index("Y flwyddyn mewn rhifau / The year in numbers", text.index("Pennod 1")) :]
    assert page.index(contacts) < page.index(cy_words) < page.index(en_words)
    assert "diwrnod / days" in page  # a figure's unit words in each language, under the figure printed once
    # the web page: one list, each card the figure once and a passage in each language
    tree = html.fromstring(base.with_suffix(".html").read_bytes())
    lists = tree.xpath('//ul[contains(@class, "key-figures")]')
    assert len(lists) == 1 and not lists[0].xpath("ancestor::div[contains(@class, 'pair')]")
    for card in lists[0].xpath("./li"):
        assert [d.get("lang") for d in card.xpath('./div[@class="key-figure-side"]')] == ["cy-GB", "en-GB"]
        assert len(card.xpath('./p[@class="key-figure-value"]')) == 1
    assert squash(lists[0].xpath("./li")[0].xpath('./p[@class="key-figure-value"]')[0].text_content()) == contacts
    # Word: one table of the figures, each language's words in a run of its language
    with zipfile.ZipFile(base.with_suffix(".docx")) as opened:
        xml = opened.read("word/document.xml").decode()
    assert xml.count(en_words) == 1 and xml.count(cy_words.replace("’", "’")) == 1
    run = xml[: xml.index(cy_words)]
    assert run[run.rindex("<w:r>") :].count('w:lang w:val="cy-GB"') == 1


@pytest.mark.parametrize("edition", ["en", "bilingual"])
def test_the_key_figures_pictures_are_decoration(built_sample: Path, edition: str) -> None:
    base = built_sample / "_output" / (BILINGUAL_FILE if edition == "bilingual" else FULL_FILES[edition])
    figures = len(SAMPLE_FIGURES)
    # the web page: a picture on every card, hidden from screen readers, never focused
    icons = html.fromstring(base.with_suffix(".html").read_bytes()).xpath('//svg[@class="key-figure-icon"]')
    assert len(icons) == figures
    assert all(i.get("aria-hidden") == "true" and i.get("focusable") == "false" for i in icons)
    # Word: a picture on every row, marked decorative, with no description (not even its file's name)
    with zipfile.ZipFile(base.with_suffix(".docx")) as opened:
        xml = opened.read("word/document.xml").decode()
    decorative = re.findall(r"<wp:docPr [^>]*>(?:(?!</wp:docPr>).)*adec:decorative[^>]*val=\"1\"", xml)
    assert len(decorative) == figures
    assert all('descr=""' in d for d in decorative) and "icons/" not in xml


def _metric(code: str) -> str:
    for line in (REPO / "data" / "metrics.csv").read_text(encoding="utf-8").splitlines():
        if line.startswith(f"X99999999,2023-24,{code},"):
            return line.rsplit(",", 1)[1]
    raise AssertionError(code)


@pytest.mark.parametrize("width", [1280, 390])
def test_the_key_figures_fit_their_cards(built_sample: Path, browser: Any, width: int) -> None:
    """No card's words or figure spill out of it, and the cards of a row are the same height."""
    for path in (
        built_sample / "_output" / f"{FULL_FILES['cy']}.html",
        built_sample / "_output" / f"{BILINGUAL_FILE}.html",
    ):
        with visit(browser, path, {"width": width, "height": 800}) as seen:
            boxes = seen.page.evaluate(
                """() => [...document.querySelectorAll('li.key-figure')].map(li => {
                    const box = li.getBoundingClientRect();
                    const spill = [...li.querySelectorAll('*')]
                        .some(e => e.getBoundingClientRect().right > box.right + 1);
                    return [Math.round(box.top), Math.round(box.height), spill || li.scrollWidth > li.clientWidth + 1];
                })"""
            )
        assert boxes and not [b for b in boxes if b[2]], (path.name, width)
        rows: dict[int, set[int]] = {}
        for top, height, _spill in boxes:
            rows.setdefault(top, set()).add(height)
        assert all(len(heights) == 1 for heights in rows.values()), rows


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.mark.parametrize("width", [1280, 390, NARROW])
@pytest.mark.parametrize("lang", ["en", "cy"])
def test_the_summary_is_accessible_and_reflows(built_sample: Path, browser: Any, lang: str, width: int) -> None:
    path = built_sample / "_output" / f"{SUMMARY_FILES[lang]}.html"
    with visit(browser, path, {"width": width, "height": 800}) as seen:
        violations = run_axe(seen.page)
        scroll = seen.page.evaluate("document.documentElement.scrollWidth")
        columns = seen.page.evaluate(
            "getComputedStyle(document.querySelector('ul.key-figures')).gridTemplateColumns.split(' ').length"
        )
    assert not violations, describe(violations)
    assert scroll <= width
    # cards side by side on a wide screen, one above another on a phone
    assert (columns == 1) if width <= 390 else (columns >= 2)
