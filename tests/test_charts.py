"""Charts people can read: accessible colours, text in the edition's language, alt text from the data."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path

import pikepdf
import pytest
from lxml import html as lxml_html
from openpyxl import load_workbook
from PIL import Image

from conftest import REPO, copy_with_cache, output_file, soffice_path
from dirreport.assemble.editions import assemble
from dirreport.assemble.icons import WORD_SIZE_IN
from dirreport.figures.charts import PALETTE, TEXT_COLOURS, WIDTH_IN, chart_files
from dirreport.lang import i18n
from dirreport.pipeline.build import BuildOptions, build
from dirreport.pipeline.project import load_project

# --- colour --------------------------------------------------------------------------------------------------

# Machado, Oliveira and Fernandes (2009), severity 1.0, applied to linear RGB
SIMULATIONS = {
    "normal": ((1, 0, 0), (0, 1, 0), (0, 0, 1)),
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881)),
}
MIN_SERIES_CONTRAST = 3.0  # WCAG 2.2 SC 1.4.11 non-text contrast, between the two lines of a chart
MIN_TEXT_CONTRAST = 4.5  # WCAG 2.2 SC 1.4.3, chart text against the white background


def linear(hex_colour: str) -> tuple[float, float, float]:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    h = hex_colour.lstrip("#")
    return channel(int(h[0:2], 16)), channel(int(h[2:4], 16)), channel(int(h[4:6], 16))


def luminance(rgb: tuple[float, float, float]) -> float:
    return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]


def simulate(rgb: tuple[float, float, float], matrix) -> tuple[float, float, float]:  # type: ignore[no-untyped-def]
    out = [sum(m * c for m, c in zip(row, rgb, strict=True)) for row in matrix]
    return tuple(min(1.0, max(0.0, v)) for v in out)  # type: ignore[return-value]


def contrast(a: float, b: float) -> float:
    high, low = max(a, b), min(a, b)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("vision", SIMULATIONS)
def test_series_stay_distinguishable_with_colour_blindness(vision: str) -> None:
    ours = luminance(simulate(linear(PALETTE["ours"]), SIMULATIONS[vision]))
    wales = luminance(simulate(linear(PALETTE["wales"]), SIMULATIONS[vision]))
    assert contrast(ours, wales) >= MIN_SERIES_CONTRAST
    white = 1.0
    for role in ("ours", "wales"):
        line = luminance(simulate(linear(PALETTE[role]), SIMULATIONS[vision]))
        assert contrast(line, white) >= MIN_SERIES_CONTRAST, role


@pytest.mark.parametrize("role", ["text", "ours", "wales", "other"])
def test_chart_text_has_enough_contrast(role: str) -> None:
    colour = PALETTE["text"] if role == "text" else TEXT_COLOURS[role]
    assert contrast(luminance(linear(colour)), 1.0) >= MIN_TEXT_CONTRAST


# --- text and alt text ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def project():  # type: ignore[no-untyped-def]
    return load_project(REPO)


def english_chart_vocabulary(project) -> set[str]:  # type: ignore[no-untyped-def]
    """Every English string a chart can show, where its Welsh is different."""
    from babel.messages.pofile import read_po

    with i18n.po_resource().open("rb") as handle:
        catalog = read_po(handle)
    words = {m.id for m in catalog if isinstance(m.id, str) and m.id and m.string and m.id != m.string}
    words = {w.split("{")[0].strip() for w in words}
    for measure in project.catalogue.survey.values():
        if measure.title.en != measure.title.cy:
            words.add(measure.title.en)
    for comp in project.catalogue.compositions.values():
        words |= {label.en for _code, label in comp.parts if label.en != label.cy}
    words.add(project.config.authority_name.en)
    return {w for w in words if len(w) >= 4}


def svg_texts(page: Path) -> list[str]:
    tree = lxml_html.fromstring(page.read_bytes())
    texts = []
    for svg in tree.xpath("//figure[contains(@class,'chart')]//*[local-name()='svg']"):
        texts.append(" ".join(t.text_content() for t in svg.xpath(".//*[local-name()='text']")))
    return texts


def test_welsh_charts_show_no_english_chart_words(built_sample: Path, project) -> None:  # type: ignore[no-untyped-def]
    texts = svg_texts(output_file(built_sample, "cy", "html"))
    assert texts and all(t.strip() for t in texts)
    vocabulary = english_chart_vocabulary(project)
    for text in texts:
        found = sorted(w for w in vocabulary if w in text)
        assert not found, f"English in a Welsh chart: {found} in {text[:200]}"
    assert any("Cymru" in t for t in texts)


DIRECTION = {
    "en": re.compile(
        r"\b(rose|fell|was .* the same as|the same as in|significant|not statistically|total rose|"
        r"total fell|total was the same|a rise of|a fall of)\b"
    ),
    "cy": re.compile(r"(Cododd|Gostyngodd|cynnydd o|gostyngiad o|yr un fath|arwyddocaol)"),
}
ENGLISH_SENTENCE = re.compile(
    r"\b(rose from|fell from|This is|above the figure|below the figure|people who answered|"
    r"confidence interval|the largest group)\b"
)


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_every_chart_has_alt_text_with_latest_value_and_direction(project, lang: str) -> None:  # type: ignore[no-untyped-def]
    document = assemble(project, lang)
    assert len(document.figures) > 25  # the sample charts its key indicators (charts: key)
    for figure in document.figures:
        assert figure.alt.strip(), figure.id
        assert re.search(r"\d", figure.alt), f"{figure.id}: no value in {figure.alt}"
        assert DIRECTION[lang].search(figure.alt), f"{figure.id}: no direction in {figure.alt}"
        if lang == "cy":
            assert not ENGLISH_SENTENCE.search(figure.alt), figure.alt
        if figure.spec.kind == "trend":
            result = project.results.indicators[figure.id]
            from dirreport.prose import sentences

            latest = sentences.point(result.latest, result.indicator.unit, lang, result.decimals)
            assert latest in figure.alt, f"{figure.id}: {latest} not in {figure.alt}"


def test_alt_text_reaches_html_pdf_and_word(built_sample: Path, project) -> None:  # type: ignore[no-untyped-def]
    figure = next(f for f in assemble(project, "en").figures if f.spec.kind == "trend")
    page = output_file(built_sample, "en", "html").read_text(encoding="utf-8")
    assert re.search(r"<title id=\"fig-[^\"]+-title\">" + re.escape(_html_escape(figure.alt)), page)
    with pikepdf.open(output_file(built_sample, "en", "pdf")) as pdf:
        assert figure.alt in pdf_alts(pdf)
    with zipfile.ZipFile(output_file(built_sample, "en", "docx")) as docx:
        document = docx.read("word/document.xml").decode()
    assert f'descr="{_xml_escape(figure.alt)}"' in document


def _html_escape(text: str) -> str:
    import html

    return html.escape(text)


def _xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")


def pdf_alts(pdf: pikepdf.Pdf) -> set[str]:
    found, stack = set(), [pdf.Root.StructTreeRoot]
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Dictionary):
            if "/Alt" in node:
                found.add(str(node.Alt))
            kids = node.get("/K")
            if kids is not None:
                stack.append(kids)
        elif isinstance(node, pikepdf.Array):
            stack.extend(node)
    return found


# --- data tables, formats, downloads -----------------------------------------------------------------------


def test_every_chart_has_its_data_as_a_table(built_sample: Path) -> None:
    tree = lxml_html.fromstring(output_file(built_sample, "en", "html").read_bytes())
    figures = tree.xpath("//figure[contains(@class,'chart')]")
    links = tree.xpath("//a[starts-with(@href,'#tbl-data-')]/@href")
    assert len(figures) == len(links) > 25
    for href in links:
        table = tree.xpath(f"//table[@id='{href[1:]}']")
        assert table, href
        assert table[0].xpath("./caption") and table[0].xpath(".//th")


def test_charts_are_svg_in_html_vector_in_pdf_and_print_png_in_word(built_sample: Path) -> None:
    # the sample's forewords have a photo and a signature: pictures, rightly; every other image is a chart
    photos = 2
    page = output_file(built_sample, "en", "html").read_text(encoding="utf-8")
    assert page.count("<svg") > 25 and "<text" in page  # text stays text
    pngs_in_page = re.findall(r'<img class="([^"]*)" src="data:image/png', page)
    assert sorted(pngs_in_page) == ["foreword-photo", "foreword-signature"]
    with pikepdf.open(output_file(built_sample, "en", "pdf")) as pdf:
        images = [
            obj
            for p in pdf.pages
            for name, obj in p.Resources.get("/XObject", {}).items()
            if obj.get("/Subtype") == "/Image"
        ]
    assert len(images) == photos  # no chart was turned into pixels
    with zipfile.ZipFile(output_file(built_sample, "en", "docx")) as docx:
        pngs = [n for n in docx.namelist() if n.startswith("word/media/") and n.endswith(".png")]
        assert len(pngs) > 25
        pictures = [Image.open(io.BytesIO(docx.read(name))) for name in pngs]
    # the charts (the cover's logo, the forewords' pictures and the year in numbers' icons are of other sizes)
    charts = [p for p in pictures if abs(p.width / p.info.get("dpi", (1, 1))[0] - WIDTH_IN) < 0.05]
    icons = [p for p in pictures if abs(p.width / p.info.get("dpi", (1, 1))[0] - WORD_SIZE_IN) < 0.02]
    assert icons and len(charts) == len(pictures) - 1 - photos - len(icons)
    dpi = charts[0].info.get("dpi")
    assert dpi and round(dpi[0]) >= 220  # Word's default resolution for pictures
    # drawn and printed at the same width, so the lettering is the size it was designed


def test_downloads_follow_the_spreadsheet_conventions_and_match_the_report(
    built_sample: Path,
    project,  # type: ignore[no-untyped-def]
    soffice_profile: Path,
    tmp_path: Path,
) -> None:
    folder = built_sample / "_output" / "en"
    workbook = next(folder.glob("*-data.xlsx"))
    book = load_workbook(workbook)
    assert book.sheetnames[:3] == ["Cover", "Contents", "Notes"]
    contents = [row for row in book["Contents"].iter_rows(values_only=True)]
    assert contents[2] == ("Sheet name", "Table description")
    summary = next(book[name] for name, description in contents[3:] if description.startswith("Performance at a"))
    rows = list(summary.iter_rows(values_only=True))
    header = rows.index(next(r for r in rows if r[0] == "Indicator"))
    reviews = next(r for r in rows[header + 1 :] if r[0].startswith("Percentage of adult care and support plan"))
    result = project.results.indicators["AD-REVIEWS-TIMELY"]
    assert reviews[1] == round(result.latest.value, 1)
    assert f"{reviews[1]}%" in output_file(built_sample, "en", "html").read_text(encoding="utf-8")
    profile = f"-env:UserInstallation={soffice_profile.as_uri()}"
    run = subprocess.run(
        [soffice_path(), profile, "--headless", "--convert-to", "csv", "--outdir", str(tmp_path), str(workbook)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0 and (tmp_path / (workbook.stem + ".csv")).exists(), run.stderr


# --- cache --------------------------------------------------------------------------------------------------


def test_a_rebuild_with_unchanged_data_draws_nothing(built_sample: Path, tmp_path: Path) -> None:
    """The shared build's chart cache, less three of the English charts and one of the Welsh: a build draws
    exactly what is missing, and the next draws nothing."""

    root = copy_with_cache(built_sample, tmp_path / "p")
    project = load_project(root)
    cache_dir = root / ".dirreport-cache" / "charts"
    english = {chart_files(spec, cache_dir)["svg"] for spec in assemble(project, "en").charts}
    welsh = {chart_files(spec, cache_dir)["svg"] for spec in assemble(project, "cy").charts} - english
    for svg in [*sorted(english)[:3], *sorted(welsh)[:1]]:
        svg.unlink()
    first = build(BuildOptions(root=root, languages=("en",), formats=("html",), jobs=1))
    assert first.charts_drawn == 3
    again = build(BuildOptions(root=root, languages=("en",), formats=("html",), jobs=1, force=True))
    assert again.charts_drawn == 0 and again.renders_done == 0
    # a Welsh edit: an English one would leave the Welsh out of date and the checks would stop the build
    narrative = root / "narratives" / "cy" / "2-context.md"
    narrative.write_text(narrative.read_text(encoding="utf-8") + "\nUn frawddeg arall.\n", encoding="utf-8")
    edited = build(BuildOptions(root=root, languages=("en", "cy"), formats=("html",), jobs=1))
    assert edited.charts_drawn == 1  # the Welsh chart taken away, never drawn since
    again = build(BuildOptions(root=root, languages=("en", "cy"), formats=("html",), jobs=1, force=True))
    assert again.charts_drawn == 0 and again.renders_done == 0
    narrative.write_text(narrative.read_text(encoding="utf-8") + "\nUn arall eto.\n", encoding="utf-8")
    edited = build(BuildOptions(root=root, languages=("en", "cy"), formats=("html",), jobs=1))
    # the Welsh edition renders again; the English one and both summaries (which hold no context) come from the cache
    assert edited.editions == ["en", "cy", "en-summary", "cy-summary"]
    assert edited.charts_drawn == 0 and edited.renders_done == 1 and edited.renders_cached == 3
