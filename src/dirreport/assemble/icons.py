"""The year in numbers' pictures: a small set drawn for dirreport, bundled with it, shown as decoration.

Each picture (``resources/icons/<name>.svg``, the project's own work under its
licence, ``LICENSE.txt`` beside them) is a 24-unit square of filled paths in
``currentColor``, so it takes the colour of the text around it.  A picture
beside a figure says nothing the figure's words do not, so every format marks
it as decoration: hidden from screen readers in HTML, no alternative text in
the PDF, marked decorative in Word.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from dirreport.catalogue.model import ICONS


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


def file_name(name: str) -> str:
    """The picture's name among the document's resources (Word's picture)."""
    return f"icon-{name}.svg"
