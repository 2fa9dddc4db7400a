"""A number in the text is always the number in the data: change the data, every file follows."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

from lxml import html as lxml_html

from conftest import docx_text, html_text, output_file, pdf_text
from dirreport.pipeline.project import load_project
from dirreport.prose import sentences

INDICATOR = "AD-WAIT-DOMICILIARY"  # quoted in the Director's summary: "... {{< indicator AD-WAIT-DOMICILIARY >}}"


def shown(project: Path, lang: str) -> str:
    result = load_project(project).results.indicators[INDICATOR]
    return sentences.value(result.latest.value, result.indicator.unit, lang, result.decimals)


def png_digests(docx: Path) -> set[str]:
    with zipfile.ZipFile(docx) as package:
        return {hashlib.sha256(package.read(n)).hexdigest() for n in package.namelist() if n.endswith(".png")}


def test_changing_one_value_changes_text_charts_and_tables_everywhere(built_sample: Path, edited_sample: Path) -> None:
    """The sample, and the sample with one figure changed (days waited for domiciliary care, shorter still, as the
    text says).  That a rebuild from the old cache serves nothing drawn from the old value is test_never_lose_work's:
    such a rebuild gives these files byte for byte."""
    before = {lang: shown(built_sample, lang) for lang in ("en", "cy")}
    pictures_before = {lang: png_digests(output_file(built_sample, lang, "docx")) for lang in ("en", "cy")}
    project = edited_sample
    after = {lang: shown(project, lang) for lang in ("en", "cy")}
    assert after["en"] != before["en"]

    readers = {"html": html_text, "pdf": pdf_text, "docx": docx_text}
    for lang in ("en", "cy"):
        for fmt, read in readers.items():
            text = " ".join(read(output_file(project, lang, fmt)).split())
            # the narrative sentence, the evidence table and the chart's data table all carry the new value
            assert text.count(after[lang]) >= 2, (lang, fmt, after[lang])
            assert before[lang] not in text, (lang, fmt, before[lang])
        tree = lxml_html.fromstring(output_file(project, lang, "html").read_bytes())
        chart = tree.xpath(f"//figure[@id='fig-{INDICATOR.lower()}-{lang}']//*[local-name()='svg']")[0]
        labels = " ".join(t.text_content() for t in chart.xpath(".//*[local-name()='text']"))
        # the chart's own label: the number (the axis names the unit)
        number = {when: value.split(" ")[0] for when, value in (("after", after[lang]), ("before", before[lang]))}
        assert number["after"] in labels and number["before"] not in labels
        assert png_digests(output_file(project, lang, "docx")) != pictures_before[lang]
