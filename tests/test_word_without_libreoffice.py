"""A Word file built where LibreOffice is not installed: its contents are Word's to fill, and the build says so.

Most council PCs have Word and no LibreOffice.  The build cannot lay out pages then, so the contents field
is marked to be updated when the file is opened (``w:updateFields``); the test then plays the reader's word
processor: LibreOffice opens the file, updates its indexes and fields as Tools > Update > Update All does,
and the contents it prints carries page numbers.
"""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

from project_files import copy_project

from conftest import REPO, dirreport, output_file, pdf_text, soffice_path

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
UPDATE_MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub UpdateToPdf(source As String, target As String)
  Dim args(0) As New com.sun.star.beans.PropertyValue
  args(0).Name = &quot;Hidden&quot;
  args(0).Value = True
  oDoc = StarDesktop.loadComponentFromURL(ConvertToURL(source), &quot;_blank&quot;, 0, args())
  For i = 0 To oDoc.getDocumentIndexes().getCount() - 1
    oDoc.getDocumentIndexes().getByIndex(i).update()
  Next i
  oDoc.getTextFields().refresh()
  Dim out(0) As New com.sun.star.beans.PropertyValue
  out(0).Name = &quot;FilterName&quot;
  out(0).Value = &quot;writer_pdf_Export&quot;
  oDoc.storeToURL(ConvertToURL(target), out())
  oDoc.close(True)
End Sub
</script:module>
"""


def updated_by_libreoffice(docx: Path, work: Path) -> Path:
    """The file opened in LibreOffice, its contents and fields updated, and printed to PDF."""
    profile = work / "profile"
    soffice = soffice_path()
    run = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless"]
    # a first start makes the profile (and its Basic library, which it would overwrite); then the macro
    subprocess.run([*run, "--convert-to", "txt", "--outdir", str(work), str(docx)], capture_output=True, timeout=300)
    (profile / "user" / "basic" / "Standard" / "Module1.xba").write_text(UPDATE_MACRO, encoding="utf-8")
    target = work / "updated.pdf"
    subprocess.run(
        [*run, f'macro:///Standard.Module1.UpdateToPdf("{docx}","{target}")'], capture_output=True, timeout=300
    )
    assert target.exists(), "LibreOffice did not open and update the Word file"
    return target


def test_word_contents_without_libreoffice_are_left_for_word_to_fill(tmp_path: Path) -> None:
    project = copy_project(REPO, tmp_path / "p")
    # only Python's own folder on the PATH: pandoc and Typst come from pip, LibreOffice is not there
    run = dirreport(
        "build", str(project), "--lang", "en", "--format", "docx", env={"PATH": str(Path(sys.executable).parent)}
    )
    assert run.returncode == 0, run.output
    assert run.stderr.count("LibreOffice is not installed") == 1, run.output  # said once, for both Word files
    assert "Word fills them in when the file is opened" in run.stderr
    built = output_file(project, "en", "docx")
    with zipfile.ZipFile(built) as archive:
        settings = archive.read("word/settings.xml").decode()
        document = archive.read("word/document.xml").decode()
    assert re.search(r'<w:updateFields w:val="true"\s*/>', settings)
    assert re.search(r"<w:instrText[^>]*>\s*TOC \\o", document)
    assert 'w:fldCharType="begin" w:dirty="true"' in document or 'w:dirty="true" w:fldCharType="begin"' in document

    pages = pdf_text(updated_by_libreoffice(built, tmp_path), "-layout").split("\f")
    (contents,) = [p for p in pages[1:4] if any(line.strip() == "Contents" for line in p.splitlines())]
    numbered = [line for line in contents.splitlines() if re.search(r"\.{3,}\s*\d+$", line)]
    assert len(numbered) >= 15, contents
    assert any(line.strip().startswith("Chapter 2: Context") for line in numbered), contents
