"""Welsh of equal standing: no English program text in the Welsh edition, and a safe translation loop."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pikepdf
import pytest
from babel.messages.pofile import read_po
from lxml import etree
from lxml import html as lxml_html

from conftest import REPO, assert_user_error, copy_project, dirreport, docx_text, output_file, pdf_text
from dirreport.assemble.metadata import AVAILABLE_IN
from dirreport.lang import i18n
from dirreport.render.common import resource


def english_fragments() -> set[str]:
    """Literal English pieces of every program message whose Welsh is different."""
    with i18n.po_resource().open("rb") as handle:
        catalog = read_po(handle)
    fragments: set[str] = set()
    for message in catalog:
        if not message.id or not message.string:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        welsh = " ".join(message.string) if isinstance(message.string, tuple) else message.string
        for english in ids:
            for piece in re.split(r"\{[^}]*\}", english):
                piece = " ".join(piece.split()).strip(" .,:;()")
                if len(piece) >= 8 and " " in piece and piece not in welsh:
                    fragments.add(piece)
    return fragments


def welsh_html_text(path: Path) -> str:
    """The Welsh page's text, leaving out passages marked as English (the link to the English edition)."""
    tree = lxml_html.fromstring(path.read_bytes())
    for english in tree.xpath("//*[@lang='en' or @lang='en-GB']"):
        english.drop_tree()
    for invisible in tree.xpath("//script|//style"):
        invisible.drop_tree()
    return " ".join(tree.text_content().split())


@pytest.mark.parametrize("fmt", ["html", "pdf", "docx"])
def test_welsh_edition_has_no_english_program_text(built_sample: Path, fmt: str) -> None:
    path = output_file(built_sample, "cy", fmt)
    text = {"html": welsh_html_text, "pdf": lambda p: pdf_text(p), "docx": docx_text}[fmt](path)
    text = " ".join(text.split()).replace("’", "'")
    if fmt != "html":  # the page marks it lang="en"; a PDF or Word file holds it as plain text
        # the one English line a Welsh edition carries on purpose: where the English edition is, in English
        deliberate = AVAILABLE_IN["en"]
        assert deliberate in text, f"the Welsh {fmt} does not say where the English edition is"
        text = text.replace(deliberate, "", 1)
    found = sorted(f for f in english_fragments() if f in text)
    assert not found, f"English program text in the Welsh {fmt}: {found}"


def test_the_fragment_list_would_catch_english(built_sample: Path) -> None:
    english = " ".join(pdf_text(output_file(built_sample, "en", "pdf")).split()).replace("’", "'")
    assert len([f for f in english_fragments() if f in english]) > 20


@pytest.mark.parametrize("fmt", ["html", "pdf", "docx"])
def test_welsh_dates_use_welsh_month_names(built_sample: Path, fmt: str) -> None:
    path = output_file(built_sample, "cy", fmt)
    text = {"html": welsh_html_text, "pdf": lambda p: pdf_text(p), "docx": docx_text}[fmt](path)
    assert "Cyhoeddwyd 31 Hydref 2024" in " ".join(text.split())
    assert "October" not in text


def test_each_edition_names_the_other(built_sample: Path) -> None:
    # the cover's availability line, in the other language first, is a link to the other edition's file
    welsh_pdf = output_file(built_sample, "cy", "pdf")
    assert "This document is available in English / Mae’r ddogfen hon ar gael yn Saesneg" in " ".join(
        pdf_text(welsh_pdf, "-l", "1").split()
    )
    with pikepdf.open(welsh_pdf) as pdf:
        targets = [str(a.A.URI) for a in pdf.pages[0].get("/Annots", []) if "/A" in a and "/URI" in a.A]
    assert "../en/directors-report-2023-24.pdf" in targets, targets
    english_docx = output_file(built_sample, "en", "docx")
    assert "Mae’r ddogfen hon ar gael yn Gymraeg / This document is available in Welsh" in docx_text(english_docx)
    with zipfile.ZipFile(english_docx) as package:
        relationships = package.read("word/_rels/document.xml.rels").decode("utf-8")
    assert 'Target="../cy/adroddiad-y-cyfarwyddwr-2023-24.docx"' in relationships
    page = output_file(built_sample, "en", "html").read_text(encoding="utf-8")
    assert re.search(
        r'<link rel="alternate" hreflang="cy-GB" href="\.\./cy/adroddiad-y-cyfarwyddwr-2023-24\.html">', page
    )


# --- the bilingual edition -------------------------------------------------------------------------------------


def first_sentence(path: Path) -> str:
    body = path.read_text(encoding="utf-8").split("\n---\n", 1)[1]
    paragraph = next(p for p in body.split("\n\n") if p.strip() and not p.lstrip().startswith(("#", "{{", "-", ">")))
    return " ".join(paragraph.split())[:40].replace("'", "’")


def test_bilingual_pdf_alternates_passage_by_passage(built_sample: Path) -> None:
    text = " ".join(pdf_text(output_file(built_sample, "bilingual", "pdf")).split())
    position = text.find("Pennod 1: Crynodeb")
    for place in ("1-summary", "2-context", "3a-i", "3c-i", "4b"):
        welsh = first_sentence(REPO / "narratives" / "cy" / f"{place}.md")
        english = first_sentence(REPO / "narratives" / "en" / f"{place}.md")
        at_welsh = text.find(welsh, position)
        at_english = text.find(english, position)
        assert position < at_welsh < at_english, (place, welsh, english)
        position = at_english


def test_bilingual_pdf_marks_each_passage_with_its_language(built_sample: Path) -> None:
    with pikepdf.open(output_file(built_sample, "bilingual", "pdf")) as pdf:
        assert str(pdf.Root.Lang) == "cy-GB"
        langs: dict[str, int] = {}
        stack = [pdf.Root.StructTreeRoot]
        while stack:
            node = stack.pop()
            if isinstance(node, pikepdf.Dictionary):
                if "/Lang" in node:
                    langs[str(node.Lang)] = langs.get(str(node.Lang), 0) + 1
                if node.get("/K") is not None:
                    stack.append(node.K)
            elif isinstance(node, pikepdf.Array):
                stack.extend(node)
    assert langs.get("en-GB", 0) > 50  # every English passage says so; Welsh ones inherit cy-GB


def test_bilingual_html_and_word_tag_each_passage(built_sample: Path) -> None:
    tree = lxml_html.fromstring(output_file(built_sample, "bilingual", "html").read_bytes())
    assert tree.get("lang") == "cy"
    assert len(tree.xpath("//div[contains(@class,'pair')]/div[@lang='cy-GB']")) > 25
    assert len(tree.xpath("//div[contains(@class,'pair')]/div[@lang='en-GB']")) > 25
    import zipfile

    with zipfile.ZipFile(output_file(built_sample, "bilingual", "docx")) as docx:
        document = docx.read("word/document.xml").decode()
    assert document.count('w:lang w:val="en-GB"') > 50
    assert "<w:tbl>" in document  # the two languages sit side by side in a two-column layout


# --- translation loop --------------------------------------------------------------------------------------


def edit_english_paragraph(project: Path) -> int:
    """Change a few words of one English paragraph; returns the paragraph's line."""
    path = project / "narratives" / "en" / "2-context.md"
    text = path.read_text(encoding="utf-8")
    old = "It runs from the coast, through two river valleys, to the upland farms of the north."
    new = "It runs from the coast, through two river valleys, to the hill farms of the north."
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    start = text.rfind("\n\n", 0, text.index(old)) + 2
    return text.count("\n", 0, start) + 1


def test_export_marks_exactly_the_changed_paragraph(tmp_path: Path) -> None:
    project = copy_project(REPO, tmp_path / "p")
    assert (
        "0 to translate"
        in dirreport("translate", "export", str(tmp_path / "before.xlf"), "--project", str(project)).stdout
    )
    line = edit_english_paragraph(project)
    run = dirreport("translate", "export", str(tmp_path / "after.xlf"), "--project", str(project))
    assert run.returncode == 0, run.output
    assert "1 to translate" in run.stdout and f"narratives/en/2-context.md line {line}" in run.stdout
    tree = etree.parse(str(tmp_path / "after.xlf"))
    schema = etree.XMLSchema(etree.parse(str(resource("xliff_core_2.0.xsd"))))
    assert schema.validate(tree), schema.error_log
    ns = {"x": "urn:oasis:names:tc:xliff:document:2.0"}
    initial = tree.findall(".//x:segment[@state='initial']", ns)
    assert len(initial) == 1
    assert "hill farms" in "".join(initial[0].find("x:source", ns).itertext())
    check = dirreport("check", str(project))
    assert_user_error(
        check, "narratives/cy/2-context.md:line", "is out of date", f"narratives/en/2-context.md line {line} changed"
    )


def test_import_changes_exactly_that_welsh_paragraph(tmp_path: Path) -> None:
    project = copy_project(REPO, tmp_path / "p")
    edit_english_paragraph(project)
    xliff = tmp_path / "t.xlf"
    dirreport("translate", "export", str(xliff), "--project", str(project))
    tree = etree.parse(str(xliff))
    ns = {"x": "urn:oasis:names:tc:xliff:document:2.0"}
    segment = tree.find(".//x:segment[@state='initial']", ns)
    target = etree.SubElement(segment, "{urn:oasis:names:tc:xliff:document:2.0}target")
    target.text = "Mae'n ymestyn o'r arfordir, drwy ddau gwm afon, i ffermydd y bryniau yn y gogledd."
    segment.set("state", "translated")
    tree.write(str(xliff), xml_declaration=True, encoding="UTF-8")
    welsh = project / "narratives" / "cy" / "2-context.md"
    before = welsh.read_text(encoding="utf-8").split("\n---\n", 1)[1].splitlines()
    run = dirreport("translate", "import", str(xliff), "--project", str(project))
    assert run.returncode == 0, run.output
    after = welsh.read_text(encoding="utf-8").split("\n---\n", 1)[1].splitlines()
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert len(changed) == 1
    assert "ffermydd y bryniau" in changed[0][1]
    assert dirreport("check", str(project)).returncode == 0


def test_import_refuses_a_translation_that_breaks_a_shortcode(tmp_path: Path) -> None:
    project = copy_project(REPO, tmp_path / "p")
    xliff = tmp_path / "t.xlf"
    dirreport("translate", "export", str(xliff), "--project", str(project))
    text = xliff.read_text(encoding="utf-8")
    broken = re.sub(r"(<target>[^<]*)<ph [^>]*/>", r"\1", text, count=1)
    assert broken != text
    xliff.write_text(broken, encoding="utf-8")
    run = dirreport("translate", "import", str(xliff), "--project", str(project))
    assert_user_error(run, "t.xlf:line", "does not keep the protected parts")


def test_parity_check_names_a_missing_shortcode_by_file_and_line(tmp_path: Path) -> None:
    project = copy_project(REPO, tmp_path / "p")
    path = project / "narratives" / "cy" / "3a-i.md"
    text = path.read_text(encoding="utf-8")
    first = re.search(r"\{\{< [^}]+ >\}\}", text.split("\n---\n", 1)[1])
    assert first
    line = text.count("\n", 0, text.index(first.group(0))) + 1
    path.write_text(text.replace(first.group(0), "", 1), encoding="utf-8")
    run = dirreport("check", str(project))
    assert_user_error(run, f"narratives/cy/3a-i.md:line {line}", "is missing shortcode", first.group(0))
    assert run.returncode == 1


def test_a_missing_welsh_section_is_reported(tmp_path: Path) -> None:
    project = copy_project(REPO, tmp_path / "p")
    (project / "narratives" / "cy" / "4b.md").unlink()
    run = dirreport("check", str(project))
    assert_user_error(run, "narratives/cy/4b.md: is missing")
    shutil.rmtree(project / "narratives" / "cy")
    assert_user_error(dirreport("check", str(project)), "narratives/cy/: folder is missing")
