"""LibreOffice, where installed, lays out a Word file so its contents can carry page numbers.

A word processor decides where pages break; pandoc and python-docx cannot.
LibreOffice converts the finished file to PDF in its own private profile (so
several conversions may run at once) and the page of each heading is read
from that PDF's bookmarks, which LibreOffice makes from Word's heading styles.
LibreOffice runs under a guard (``processes.run_guarded``) that ends it with
the build, even a killed one, or when it runs past its time.
"""

from __future__ import annotations

import functools
import io
import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from dirreport.errors import Problem
from dirreport.processes import run_guarded

CONVERT_TIMEOUT = 300


def soffice() -> str | None:
    """LibreOffice's command, on PATH or where its installer puts it on Windows and macOS."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    candidates: list[Path] = []
    if sys.platform == "win32":
        for base in (os.environ.get("PROGRAMFILES", ""), os.environ.get("PROGRAMFILES(X86)", "")):
            if base:
                candidates.append(Path(base) / "LibreOffice" / "program" / "soffice.exe")
    elif sys.platform == "darwin":
        candidates.append(Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"))
    return next((str(c) for c in candidates if c.is_file()), None)


def word_contents_notice(engine: str, formats: list[str]) -> list[Problem]:
    """Said once when Word files were made without LibreOffice: their contents' page numbers are Word's to fill."""
    if engine != "pandoc" or "docx" not in formats or soffice() is not None:
        return []
    return [
        Problem(
            "LibreOffice is not installed, so the Word files' contents have their entries but no page numbers "
            "yet: Word fills them in when the file is opened (say Yes when it asks to update fields)",
            file="_output/*/*.docx",
            hint="install LibreOffice (libreoffice.org) to have the page numbers filled in at build",
        )
    ]


def heading_pages(docx: Path, work: Path) -> list[tuple[str, int]] | None:
    """(title, page) of every bookmark of the file laid out by LibreOffice, in order; None without LibreOffice."""
    command = soffice()
    if command is None:
        return None
    import pikepdf

    out = work / "layout"
    profile = work / "lo-profile"
    out.mkdir(parents=True, exist_ok=True)
    layout_copy = out / docx.name
    try:
        without_pictures(docx, layout_copy)
        run_guarded(
            [
                command,
                f"-env:UserInstallation={profile.resolve().as_uri()}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out / "pdf"),
                str(layout_copy),
            ],
            timeout=CONVERT_TIMEOUT,
        )
        pdf_path = out / "pdf" / f"{docx.stem}.pdf"
        if not pdf_path.is_file():
            return None
        return [(title, page) for title, page, _level in bookmark_pages(pdf_path)]
    except (OSError, subprocess.SubprocessError, zipfile.BadZipFile, pikepdf.PdfError):
        return None
    finally:
        shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(profile, ignore_errors=True)


PICTURE_KINDS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG"}  # the pictures the layout copy replaces


def without_pictures(docx: Path, copy: Path) -> None:
    """A copy of a Word file with each PNG or JPEG picture replaced by a one-pixel one of the same kind.

    A picture's size on the page is set in the document's XML, not by its pixels, so the copy lays out the
    same pages; LibreOffice then neither decodes the charts at print resolution nor compresses them again
    for its PDF, which was half its time.
    """
    with zipfile.ZipFile(docx) as source, zipfile.ZipFile(copy, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            kind = PICTURE_KINDS.get(Path(item.filename).suffix.lower())
            picture = item.filename.startswith("word/media/") and kind is not None
            target.writestr(item, _one_pixel(kind) if picture and kind else source.read(item))


@functools.cache
def _one_pixel(kind: str) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (1, 1), "white").save(buffer, kind)
    return buffer.getvalue()


def bookmark_pages(pdf_path: Path) -> list[tuple[str, int, int]]:
    """(title, page, level) of every bookmark of a PDF, in order; level 1 is a bookmark at the top."""
    import pikepdf

    with pikepdf.open(pdf_path) as pdf:
        pages = {page.objgen: number for number, page in enumerate(pdf.pages, start=1)}
        with pdf.open_outline() as outline:
            return list(_walk(outline.root, pdf, pages, 1))


def _walk(items, pdf, pages: dict[Any, int], level: int) -> Iterator[tuple[str, int, int]]:  # type: ignore[no-untyped-def]
    for item in items:
        page = _page_of(item, pdf, pages)
        if page is not None:
            yield item.title, page, level
        yield from _walk(item.children, pdf, pages, level + 1)


def _page_of(item, pdf, pages: dict[Any, int]) -> int | None:  # type: ignore[no-untyped-def]
    destination = item.destination
    if destination is None and item.action is not None:
        destination = item.action.get("/D")
    if destination is not None and not isinstance(destination, list | tuple):
        import pikepdf

        if (
            isinstance(destination, pikepdf.Array)
            and len(destination)
            and isinstance(destination[0], pikepdf.Dictionary)
        ):
            return pages.get(destination[0].objgen)
        if isinstance(destination, pikepdf.String | pikepdf.Name):
            names = pdf.Root.get("/Names")
            if names is not None and "/Dests" in names:
                target = pikepdf.NameTree(names.Dests).get(str(destination))
                if target is not None:
                    array = target.get("/D") if isinstance(target, pikepdf.Dictionary) else target
                    if isinstance(array, pikepdf.Array) and len(array):
                        return pages.get(array[0].objgen)
    return None
