"""Remake the guide's pictures from the sample report: the web page, a PDF page and the status board.

``python tools/guide_screenshots.py [PROJECT]``: with no project, writes the sample into a temporary
folder and builds its English web page and PDF (a minute or two).  Needs Chromium (``chromium`` or
``chromium-browser`` on the PATH, or ``CHROMIUM=...``) and ``pdftoppm`` (poppler).  Each picture is
reduced to a small palette PNG in ``docs/images/`` so the guide stays light.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
IMAGES = ROOT / "docs" / "images"
WIDTH = 900  # pixels of the stored picture


def _dirreport(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "dirreport", *args], check=True)


def _chromium() -> str:
    found = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        raise SystemExit("Chromium is needed: install it or set CHROMIUM to its path")
    return found


def _screenshot(page: Path, out: Path, height: int) -> None:
    subprocess.run(
        [
            _chromium(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            f"--window-size=1200,{height}",
            f"--screenshot={out}",
            page.resolve().as_uri(),
        ],
        check=True,
        capture_output=True,
    )


def _store(source: Path, name: str) -> None:
    """A reduced copy: WIDTH pixels wide, 64 colours."""
    with Image.open(source) as opened:
        image = opened.convert("RGB")
    image = image.resize((WIDTH, round(image.height * WIDTH / image.width)), Image.Resampling.LANCZOS)
    image.quantize(colors=64).save(IMAGES / name, optimize=True)
    print(f"wrote docs/images/{name}")


def make(project: Path, work: Path) -> None:
    IMAGES.mkdir(parents=True, exist_ok=True)
    output = project / "_output" / "en"
    page = next(output.glob("*.html"))
    _screenshot(page, work / "html.png", 1400)
    _store(work / "html.png", "report-web-page.png")
    pdf = next(output.glob("*.pdf"))
    for number, name in ((1, "report-pdf-cover.png"), (12, "report-pdf-page.png")):
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "80",
                "-f",
                str(number),
                "-l",
                str(number),
                "-singlefile",
                str(pdf),
                str(work / "pdf"),
            ],
            check=True,
        )
        _store(work / "pdf.png", name)
    status = work / "status.html"
    subprocess.run(
        [sys.executable, "-m", "dirreport", "status", str(project), "--html", str(status)], capture_output=True
    )  # exits 1 while something blocks publication, as the sample's draft does
    _screenshot(status, work / "status.png", 1000)
    _store(work / "status.png", "status-board.png")


def main(argv: list[str]) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if argv:
            project = Path(argv[0])
        else:
            project = work / "sample"
            _dirreport("new", str(project), "--sample")
        if not list((project / "_output" / "en").glob("*.pdf")):
            _dirreport("build", str(project), "--lang", "en", "--format", "html", "--format", "pdf", "--draft")
        make(project, work)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
