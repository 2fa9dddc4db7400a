"""The year in numbers' pictures: a small set drawn for dirreport, bundled with it, shown as decoration.

Each picture (``resources/icons/<name>.svg``, the project's own work under its
licence, ``LICENSE.txt`` beside them) is a 24-unit square of filled paths in
``currentColor``, so it takes the colour of the text around it.  A picture
beside a figure says nothing the figure's words do not, so every format marks
it as decoration: hidden from screen readers in HTML, no alternative text in
the PDF, marked decorative in Word.
"""

from __future__ import annotations

import os
import shutil
from functools import cache
from importlib import resources
from pathlib import Path

from dirreport.catalogue.model import ICONS

WORD_SIZE_IN = 0.22  # the picture's side in Word, inches: the height of the figure beside it
WORD_PPI = 300


@cache
def svg(name: str) -> str:
    """The picture's SVG text, one line, for inlining."""
    if name not in ICONS:
        raise ValueError(f"unknown icon {name!r}")
    text = resources.files("dirreport").joinpath("resources", "icons", f"{name}.svg").read_text(encoding="utf-8")
    return text.strip()


def html(name: str) -> str:
    """The picture inline in the web page, hidden from screen readers and never focused."""
    body = svg(name).replace(
        "<svg ", '<svg class="key-figure-icon" aria-hidden="true" focusable="false" width="28" height="28" ', 1
    )
    return body


def typst(name: str, size: str = "16pt") -> str:
    """The picture in Typst in the brand colour, an artifact of the tagged PDF (PDF/UA): out of the reading
    order, so it needs no alternative text and a screen reader passes it by."""
    literal = '"' + svg(name).replace("\\", "\\\\").replace('"', '\\"') + '"'
    picture = f'image(bytes({literal}.replace("currentColor", brand.to-hex())), format: "svg", height: {size})'
    return f"box(baseline: 20%, pdf.artifact({picture}))"


def word_name(name: str) -> str:
    """The picture's name among the document's resources (Word's picture); Word's finishing marks a picture
    from this folder decorative (``render.word_language``)."""
    return f"icons/{name}.png"


def word_markdown(name: str) -> str:
    """Word's picture in pandoc Markdown, with no description: the renderer marks it decorative."""
    return f"![]({word_name(name)}){{width={WORD_SIZE_IN}in height={WORD_SIZE_IN}in}}"


def word_pictures(cache_dir: Path, colour: str) -> dict[str, str]:
    """Each picture as a PNG in the brand colour, for Word (which needs a PNG beside an SVG), drawn by Typst
    once per colour and version of Typst and kept in the cache: resource name → file."""
    from dirreport.toolchain import fingerprint
    from dirreport.typst_process import PictureJob, rasterise

    folder = cache_dir / "icons"
    key = f"{colour.lstrip('#').lower()}-{fingerprint('typst')[:12]}"
    wanted = {name: folder / f"{name}-{key}.png" for name in ICONS}
    todo = [name for name, png in wanted.items() if not png.exists()]
    if todo:
        work = folder / f".work-{os.getpid()}"
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        try:
            pairs = []
            for name in todo:
                source = work / f"{name}.svg"
                source.write_text(svg(name).replace("currentColor", f"#{colour.lstrip('#')}"), encoding="utf-8")
                pairs.append((str(source), str(wanted[name])))
            pictures = work / "pictures"
            pictures.mkdir()
            rasterise(PictureJob(pairs=pairs, work=str(pictures), width_in=WORD_SIZE_IN, ppi=WORD_PPI, font_paths=[]))
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return {word_name(name): str(png) for name, png in wanted.items()}
