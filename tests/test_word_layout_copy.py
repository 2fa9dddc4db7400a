"""The copy of a Word file LibreOffice lays out to number the contents: the same pages, without the pixels."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
from docx.shared import Cm
from PIL import Image

from dirreport.render.libreoffice import without_pictures


def word_with_a_picture(path: Path) -> None:
    picture = io.BytesIO()
    Image.new("RGB", (1200, 800), "navy").save(picture, "PNG")
    picture.seek(0)
    document = docx.Document()
    document.add_heading("Chapter 1", level=1)
    document.add_picture(picture, width=Cm(12))
    document.add_paragraph("After the chart.")
    document.save(str(path))


def test_the_copy_keeps_the_text_and_the_picture_sizes_but_not_the_pixels(tmp_path: Path) -> None:
    original, copy = tmp_path / "report.docx", tmp_path / "copy.docx"
    word_with_a_picture(original)
    without_pictures(original, copy)
    with zipfile.ZipFile(original) as before, zipfile.ZipFile(copy) as after:
        assert before.namelist() == after.namelist()
        media = [n for n in before.namelist() if n.startswith("word/media/")]
        assert media, before.namelist()
        for name in before.namelist():
            if name in media:
                with Image.open(io.BytesIO(after.read(name))) as pixel:
                    assert pixel.size == (1, 1) and pixel.format == "PNG"
            else:  # the document's XML, which sets each picture's size on the page, is untouched
                assert after.read(name) == before.read(name), name
    laid = docx.Document(str(copy))
    assert [p.text for p in laid.paragraphs if p.text] == ["Chapter 1", "After the chart."]
    assert laid.inline_shapes[0].width == Cm(12)
