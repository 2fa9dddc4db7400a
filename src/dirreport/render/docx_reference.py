"""The reference document Word editions are made with: pandoc's own, restyled from the brand.

pandoc takes every style of a Word file from its reference document.  Its
own is US Letter, in theme fonts, with blue headings, a blue contents heading
and blue links.  This one is A4 with the PDF's margins, every style in the
brand's typeface, headings, the contents heading and the title in the brand's
heading colour, links in its link colour, captions bold and kept with what
they name.  A project's own `templates/reference.docx` is used as it is:
`dirreport new` writes one made here, for a comms team to restyle in Word.
"""

from __future__ import annotations

import copy
import hashlib
import os
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dirreport.brand import Brand, contrast

REFERENCE_VERSION = "7"
CAPTION_STYLES = {"Image Caption", "Table Caption"}
BODY_FONT = "Arial"  # without a brand; LibreOffice shows its metric twin, Liberation Sans
HEADING_COLOUR = "12436D"
LINK_COLOUR = "1D70B8"
TEXT_COLOUR = "0B0C0C"
WHITE = "FFFFFF"
AA_TEXT = 4.5  # WCAG 2.2 1.4.3, normal text
PROJECT_REFERENCE = Path("templates") / "reference.docx"


@dataclass(frozen=True)
class WordLook:
    """What a Word edition takes from the brand: typefaces and colours (hex, no '#')."""

    font: str = BODY_FONT  # one typeface throughout, headings too: Word's theme fonts would override a second
    heading: str = HEADING_COLOUR
    link: str = LINK_COLOUR
    primary: str = HEADING_COLOUR
    foreground: str = TEXT_COLOUR
    background: str = WHITE

    @classmethod
    def from_metadata(cls, meta: Mapping[str, Any]) -> WordLook:
        """The look from an edition's metadata (the brand as assembly wrote it)."""
        heading = str(meta.get("brand-heading", HEADING_COLOUR))
        return cls(
            font=_word_font(str(meta.get("font-base", ""))),
            heading=heading,
            link=str(meta.get("brand-link", LINK_COLOUR)),
            primary=str(meta.get("brand-primary", heading)),
            foreground=str(meta.get("brand-foreground", TEXT_COLOUR)),
        )

    @classmethod
    def from_brand(cls, brand: Brand) -> WordLook:
        return cls(
            font=_word_font(brand.base_font),
            heading=brand.heading.lstrip("#"),
            link=brand.link.lstrip("#"),
            primary=brand.primary.lstrip("#"),
            foreground=brand.foreground.lstrip("#"),
            background=brand.background.lstrip("#"),
        )

    @property
    def header_text(self) -> str:
        """The text colour of a table's header row on the brand's primary colour: whichever of white, the
        background and the text colour contrasts most (WCAG AA asks 4.5:1; the brand's primary already has
        that against the background)."""
        choices = [WHITE, self.background, self.foreground, "000000"]
        return max(choices, key=lambda colour: contrast(f"#{colour}", f"#{self.primary}"))

    def digest(self) -> str:
        return hashlib.sha256(repr(self).encode()).hexdigest()[:8]


def _word_font(font: str) -> str:
    """The brand's face; dirreport's own PDF face (DejaVu Sans) is not on council PCs, so Word's is Arial."""
    return BODY_FONT if font in ("", "DejaVu Sans") else font


def style_named(styles, name: str):  # type: ignore[no-untyped-def]
    """A style by the name Word shows; python-docx's own lookup renames built-ins such as Caption."""
    for style in styles:
        if style.name == name:
            return style
    raise KeyError(name)


def reference_doc(project_root: Path, cache_dir: Path, pandoc: str, look: WordLook) -> Path:
    """The project's templates/reference.docx, or dirreport's own made from the brand (cached)."""
    own = project_root / PROJECT_REFERENCE
    if own.is_file():
        return own
    cached = cache_dir / f"reference-{REFERENCE_VERSION}-{look.digest()}.docx"
    if cached.exists():
        return cached
    cache_dir.mkdir(parents=True, exist_ok=True)
    # several workers may make it at once: each in a file of its own, the last one moved into place wins
    made = cache_dir / f".reference-{REFERENCE_VERSION}-{os.getpid()}.docx"
    write_reference(made, pandoc, look)
    os.replace(made, cached)
    return cached


def write_reference(target: Path, pandoc: str, look: WordLook) -> Path:
    """pandoc's reference document restyled from the brand, written to `target`."""
    base = target.with_name(f".pandoc-{target.name}")
    subprocess.run([pandoc, "-o", str(base), "--print-default-data-file", "reference.docx"], check=True)
    try:
        _style_reference(base, target, look)
    finally:
        base.unlink(missing_ok=True)
    return target


def _rgb(colour: str) -> Any:
    from docx.shared import RGBColor

    return RGBColor.from_string(colour.lstrip("#").upper())


def _style_reference(source: Path, target: Path, look: WordLook) -> None:
    import docx
    from docx.shared import Cm, Pt

    document = docx.Document(str(source))
    for section in document.sections:  # A4 with the PDF's margins, not pandoc's US Letter
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2)
        section.top_margin = section.bottom_margin = Cm(2.2)
        section.header_distance = section.footer_distance = Cm(1)
        section.gutter = Cm(0)
    styles = document.styles
    template_styles = docx.Document().styles
    for name in ("Table Grid", "List Bullet"):
        if name not in [s.name for s in styles]:
            styles.element.append(copy.deepcopy(template_styles[name].element))
    for style in styles:
        if style.type == 1 and style.font is not None:  # paragraph and character styles
            style.font.name = look.font
    one_typeface(document, look.font)
    for level in (1, 2):
        if f"TOC {level}" not in [s.name for s in styles]:
            toc = styles.add_style(f"toc {level}", 1)  # Word's own name for its contents styles
            toc.base_style = style_named(styles, "Normal")
            toc.paragraph_format.left_indent = Cm(0.6 * (level - 1))
            toc.paragraph_format.space_after = Pt(4 if level == 1 else 2)
            toc.font.bold = level == 1
    style_named(styles, "Normal").font.size = Pt(11)
    for level, size in ((1, 20), (2, 16), (3, 13), (4, 12), (5, 11)):
        heading = style_named(styles, f"Heading {level}")
        heading.font.size = Pt(size)
        heading.font.color.rgb = _rgb(look.heading)
        heading.font.bold = True
        heading.paragraph_format.keep_with_next = True
    for name in ("Title", "TOC Heading"):
        style = style_named(styles, name)
        style.font.color.rgb = _rgb(look.heading)
        style.font.name = look.font
    contents = style_named(styles, "TOC Heading")
    contents.font.size = Pt(20)
    contents.font.bold = True
    contents.paragraph_format.keep_with_next = True
    link = style_named(styles, "Hyperlink")
    link.font.color.rgb = _rgb(look.link)
    link.font.name = look.font
    link.font.underline = True
    caption = style_named(styles, "Caption")
    for name in CAPTION_STYLES:
        style_named(styles, name).base_style = caption
    caption.font.bold = True
    caption.font.italic = False
    caption.font.color.rgb = _rgb(look.foreground)
    caption.paragraph_format.keep_with_next = True
    style_named(styles, "Captioned Figure").paragraph_format.keep_with_next = True
    document.save(str(target))


def one_typeface(document, font: str) -> None:  # type: ignore[no-untyped-def]
    """Every style and the document defaults in one typeface.

    pandoc's reference styles name theme fonts (majorHAnsi for headings) as
    well as a font; Word gives the theme font precedence, so headings came
    out in the theme's typeface, and text without a style in the minor one.
    """
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    root = document.styles.element
    defaults = root.find(qn("w:docDefaults"))
    r_pr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}") if defaults is not None else None
    if r_pr is not None and r_pr.find(qn("w:rFonts")) is None:
        r_pr.insert(0, OxmlElement("w:rFonts"))
    for fonts in root.iter(qn("w:rFonts")):
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(theme), None)
        for name in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(name), font)
