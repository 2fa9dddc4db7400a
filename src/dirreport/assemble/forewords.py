"""A foreword's photo and signature in each format, each picture with its alternative text.

The foreword's words are a narrative like any other; what is added here is
the picture of its author at the top and the signature, name and position
at the end.  A picture is written once per format (HTML, Typst, Word), as
the charts are, so each keeps its alternative text in the edition's language.
"""

from __future__ import annotations

import html

from markupsafe import Markup

from dirreport.assemble.blocks import md, raw, typst_string, visible
from dirreport.config.report_parts import Foreword, Picture
from dirreport.lang.i18n import N_, _

POSITIONS = {
    "director": N_("Director of Social Services"),
    "cabinet-member": N_("Cabinet Member for Social Services"),
}


def picture(pic: Picture, lang: str, css: str, width_cm: float) -> str:
    """One picture in all three formats with its alternative text."""
    alt = pic.alt(lang)
    return "\n\n".join(
        [
            visible("html", raw("html", f'<img class="{css}" src="{html.escape(pic.src)}" alt="{html.escape(alt)}">')),
            visible(
                "typst", raw("typst", f"#image({typst_string(pic.src)}, alt: {typst_string(alt)}, width: {width_cm}cm)")
            ),
            # an inline picture (the no-break space after it), so Word shows no caption and reads the description
            visible("docx", f'![{md(alt)}]({pic.src}){{width="{width_cm}cm"}}\\ '),
        ]
    )


def portrait(foreword: Foreword, lang: str) -> Markup | None:
    """The author's photo, printed above the foreword."""
    if foreword.photo is None:
        return None
    return Markup(picture(foreword.photo, lang, "foreword-photo", 3.5))


def sign_off(foreword: Foreword, lang: str, director: str) -> Markup:
    """The signature (when given), the author's name and position, under the foreword."""
    name = foreword.name(lang) if foreword.name else (director if foreword.role == "director" else "")
    position = foreword.position(lang) if foreword.position else _(POSITIONS[foreword.role], lang)
    parts = []
    if foreword.signature is not None:
        parts.append(picture(foreword.signature, lang, "foreword-signature", 4.0))
    lines = [f"**{md(name)}**"] if name else []
    lines.append(md(position))
    parts.append("::: {.foreword-sign-off}\n" + "\\\n".join(lines) + "\n:::")
    return Markup("\n\n".join(parts))


def pictures(foreword: Foreword) -> list[str]:
    """The project files a foreword shows, for the edition's resources."""
    return [p.src for p in (foreword.photo, foreword.signature) if p is not None]
