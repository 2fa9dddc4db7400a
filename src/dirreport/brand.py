"""The authority's brand from the project's `_brand.yml`, in Quarto's brand.yml format.

A comms team states the brand once, without touching Typst, CSS or a Word
template: the logo, the colour palette and its roles, the typefaces.  The
report uses

- ``logo``: ``images`` (name → path, or path and alt) and ``small``, ``medium``,
  ``large`` naming one; the cover shows the largest given, its alternative
  text the authority's name in the edition's language;
- ``color``: ``palette`` (name → hex) and the roles ``primary`` (headings, the
  web page's banner, the authority's line in charts), ``foreground``,
  ``background`` and ``link`` colours from ``typography.link.color``; a role
  may name a palette colour;
- ``typography``: ``fonts`` (``source: file`` with ``files``, or ``source:
  system``), ``base.family`` for text and ``headings.family`` /
  ``headings.color`` for headings.

A font that is neither in the project nor installed, or a colour that does not
stand out enough from the page for its use (WCAG 2.2: 4.5:1 for text, 3:1 for
lines in charts), is an error naming the key.  Without `_brand.yml` the report
keeps dirreport's own look.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dirreport import yaml_text
from dirreport.errors import InputError, Problem

BRAND_FILE = "_brand.yml"
HEX = re.compile(r"^#?([0-9a-fA-F]{6}|[0-9a-fA-F]{3})$")
NAMED = {"black": "#000000", "white": "#FFFFFF"}
TEXT_CONTRAST = 4.5  # WCAG 2.2 1.4.3, normal text
GRAPHIC_CONTRAST = 3.0  # WCAG 2.2 1.4.11, parts of a graphic such as a chart's line
FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".woff", ".woff2")

DEFAULT_PRIMARY = "#12436D"
DEFAULT_LINK = "#1D70B8"
DEFAULT_FONT = "DejaVu Sans"


@dataclass(frozen=True)
class Brand:
    """What the report takes from a brand; dirreport's own look where the brand says nothing."""

    name: str = ""
    primary: str = DEFAULT_PRIMARY
    heading: str = DEFAULT_PRIMARY
    link: str = DEFAULT_LINK
    foreground: str = "#0B0C0C"
    background: str = "#FFFFFF"
    base_font: str = DEFAULT_FONT
    heading_font: str = DEFAULT_FONT
    font_dirs: tuple[Path, ...] = ()
    font_files: tuple[Path, ...] = ()
    logo: Path | None = None
    logo_alt: str = ""
    warnings: tuple[Problem, ...] = field(default=())

    @property
    def own(self) -> bool:
        return self.logo is not None or self.primary != DEFAULT_PRIMARY or self.base_font != DEFAULT_FONT


def relative_luminance(colour: str) -> float:
    """WCAG 2.2's relative luminance of an sRGB colour such as '#12436D'."""
    value = colour.lstrip("#")
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def load_brand(root: Path) -> Brand:
    """The project's brand, or dirreport's own look when it has no `_brand.yml`."""
    path = root / BRAND_FILE
    if not path.is_file():
        return Brand()
    data, problem = yaml_text.parse(path.read_text(encoding="utf-8"), BRAND_FILE)
    if problem is not None:
        raise InputError(problem)
    data = data or {}
    if not isinstance(data, dict):
        raise InputError(
            Problem(
                "must be a mapping of meta, logo, color and typography",
                file=BRAND_FILE,
                hint="see the brand.yml format Quarto uses",
            )
        )
    return _Reader(root, data).brand()


class _Reader:
    def __init__(self, root: Path, data: dict[str, Any]) -> None:
        self.root = root
        self.data = data
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        color = data.get("color") if isinstance(data.get("color"), dict) else {}
        self.color: dict[str, Any] = color or {}
        palette = self.color.get("palette")
        self.palette: dict[str, Any] = palette if isinstance(palette, dict) else {}
        typography = data.get("typography") if isinstance(data.get("typography"), dict) else {}
        self.typography: dict[str, Any] = typography or {}

    def problem(self, key: str, message: str, hint: str) -> None:
        self.problems.append(Problem(f"{key}: {message}", file=BRAND_FILE, hint=hint))

    def colour(self, key: str, value: Any, default: str) -> str:
        """A colour given as hex or as the name of a palette colour (followed once more if that names another)."""
        if value is None:
            return default
        text = str(value).strip()
        for _ in range(3):
            if text in self.palette:
                text = str(self.palette[text]).strip()
            else:
                break
        text = NAMED.get(text.lower(), text)
        if not HEX.match(text):
            self.problem(
                key,
                f"'{value}' is not a colour",
                'write a hex colour such as "#12436D" or the name of a colour in color.palette',
            )
            return default
        hexed = text.lstrip("#")
        if len(hexed) == 3:
            hexed = "".join(c * 2 for c in hexed)
        return "#" + hexed.upper()

    def brand(self) -> Brand:
        for name, value in self.palette.items():  # every colour the palette declares, used or not yet
            self.colour(f"color.palette.{name}", value, DEFAULT_PRIMARY)
        background = self.colour("color.background", self.color.get("background"), "#FFFFFF")
        foreground = self.colour("color.foreground", self.color.get("foreground"), "#0B0C0C")
        primary = self.colour("color.primary", self.color.get("primary"), DEFAULT_PRIMARY)
        headings = self.typography.get("headings") if isinstance(self.typography.get("headings"), dict) else {}
        link = self.typography.get("link") if isinstance(self.typography.get("link"), dict) else {}
        heading = self.colour("typography.headings.color", (headings or {}).get("color"), primary)
        link_colour = self.colour("typography.link.color", (link or {}).get("color"), DEFAULT_LINK)
        for key, value, least, use in (
            ("color.foreground", foreground, TEXT_CONTRAST, "text"),
            ("color.primary", primary, TEXT_CONTRAST, "headings, the banner and chart labels"),
            ("typography.headings.color", heading, TEXT_CONTRAST, "headings"),
            ("typography.link.color", link_colour, TEXT_CONTRAST, "links"),
        ):
            ratio = contrast(value, background)
            if ratio < least:
                self.problem(
                    key,
                    f"{value} on the background {background} has a contrast of {ratio:.1f}:1, "
                    f"less than the {least}:1 that {use} need (WCAG 2.2)",
                    "choose a darker colour for this role, or give the lighter one a role that is not text",
                )
        base_font, heading_font, dirs, files = self.fonts(headings or {})
        logo, alt = self.logo()
        meta = self.data.get("meta") if isinstance(self.data.get("meta"), dict) else {}
        name = (meta or {}).get("name", "")
        if isinstance(name, dict):
            name = name.get("full") or name.get("short") or ""
        if self.problems:
            raise InputError(self.problems)
        return Brand(
            name=str(name),
            primary=primary,
            heading=heading,
            link=link_colour,
            foreground=foreground,
            background=background,
            base_font=base_font,
            heading_font=heading_font,
            font_dirs=dirs,
            font_files=files,
            logo=logo,
            logo_alt=alt,
            warnings=tuple(self.warnings),
        )

    def fonts(self, headings: dict[str, Any]) -> tuple[str, str, tuple[Path, ...], tuple[Path, ...]]:
        declared: dict[str, list[Path]] = {}
        fonts = self.typography.get("fonts") or []
        if not isinstance(fonts, list):
            self.problem("typography.fonts", "must be a list of fonts", "write - family: ... with source: file")
            fonts = []
        for i, font in enumerate(fonts):
            key = f"typography.fonts[{i}]"
            if not isinstance(font, dict) or not font.get("family"):
                self.problem(key, "has no family", "give each font its family name")
                continue
            family, source = str(font["family"]), str(font.get("source", "file"))
            if source == "file":
                declared[family] = self.font_files(key, font.get("files") or [])
            elif source == "system":
                declared[family] = system_files(family)
                if not declared[family]:
                    self.problem(
                        f"{key}.family",
                        f"the font '{family}' is not installed on this computer",
                        "install it, or put its files in the project and write source: file",
                    )
            else:
                self.problem(
                    f"{key}.source",
                    f"source '{source}' would fetch the font from the internet, and a build never does",
                    "download the font's files into the project (for example fonts/) "
                    "and write source: file with files: [...]",
                )
        base = self.typography.get("base")
        base_family = base.get("family") if isinstance(base, dict) else base
        base_font = self.family("typography.base.family", base_family, declared)
        heading_font = (
            self.family("typography.headings.family", headings.get("family"), declared)
            if headings.get("family")
            else base_font
        )
        for family in {base_font, heading_font} - set(declared) - {DEFAULT_FONT}:
            declared[family] = system_files(family)  # installed, not declared: Typst still needs its files
        files = tuple(p for paths in declared.values() for p in paths)
        return base_font, heading_font, tuple(sorted({p.parent for p in files})), files

    def font_files(self, key: str, files: Any) -> list[Path]:
        found = []
        for j, entry in enumerate(files if isinstance(files, list) else [files]):
            raw = entry.get("path") if isinstance(entry, dict) else entry
            where = f"{key}.files[{j}]"
            path = (self.root / str(raw)) if raw else None
            if path is None or not path.is_file():
                self.problem(
                    where,
                    f"the font file '{raw}' is not in the project",
                    "put the font file there, or correct the path (relative to _brand.yml)",
                )
            elif path.suffix.lower() not in FONT_SUFFIXES:
                self.problem(where, f"'{raw}' is not a font file", "use a .ttf or .otf file")
            else:
                found.append(path)
        return found

    def family(self, key: str, family: Any, declared: dict[str, list[Path]]) -> str:
        if not family:
            return DEFAULT_FONT
        name = str(family)
        if name not in declared and not system_files(name):
            self.problem(
                key,
                f"the font '{name}' is neither in typography.fonts nor installed",
                "add it to typography.fonts with source: file and its files, or install it",
            )
            return DEFAULT_FONT
        return name

    def logo(self) -> tuple[Path | None, str]:
        logo = self.data.get("logo")
        if logo is None:
            return None, ""
        if isinstance(logo, str):
            logo = {"large": logo}
        if not isinstance(logo, dict):
            self.problem("logo", "must be a path or a mapping of images and sizes", "write logo: images/logo.svg")
            return None, ""
        images = logo.get("images") if isinstance(logo.get("images"), dict) else {}
        for size in ("large", "medium", "small"):
            chosen = logo.get(size)
            if chosen is None:
                continue
            resource = (images or {}).get(chosen, chosen) if isinstance(chosen, str) else chosen
            raw = resource.get("path") if isinstance(resource, dict) else resource
            alt = str(resource.get("alt", "")) if isinstance(resource, dict) else ""
            path = self.root / str(raw)
            if not path.is_file():
                self.problem(
                    f"logo.{size}",
                    f"the logo '{raw}' is not in the project",
                    "put the image there or correct the path (relative to _brand.yml)",
                )
                return None, ""
            if path.suffix.lower() not in (".svg", ".png", ".jpg", ".jpeg"):
                self.problem(f"logo.{size}", f"'{raw}' is not an SVG, PNG or JPEG image", "use an SVG or PNG logo")
                return None, ""
            return path, alt
        return None, ""


def system_files(family: str) -> list[Path]:
    """The files of a font family installed on this computer (as matplotlib, which draws the charts, finds them)."""
    import matplotlib
    from matplotlib import font_manager

    wanted = family.lower()
    found = sorted({Path(f.fname) for f in font_manager.fontManager.ttflist if f.name.lower() == wanted})
    shipped = Path(matplotlib.get_data_path())
    # the copy that comes with dirreport first: the same on every computer
    return [p for p in found if p.is_relative_to(shipped)] or found
