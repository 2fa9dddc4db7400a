"""What every engine shares: staging a document's files, finding templates, running pandoc.

pandoc comes from the PyPI package pypandoc-binary, so nothing outside pip is
needed.  It runs with a clean environment and a fixed SOURCE_DATE_EPOCH so
the same inputs give the same bytes.
"""

from __future__ import annotations

import html
import os
import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from dirreport.assemble import blocks
from dirreport.assemble.document import Document
from dirreport.errors import InputError, Problem


@dataclass(frozen=True)
class RenderSettings:
    project_root: Path
    cache_dir: Path
    epoch: int
    other_edition_href: str | None = None
    formats: tuple[str, ...] = ()  # every format asked for, for an engine that makes them all at once (Quarto)
    site: bool = False  # the web page as a small site too, a page per chapter (render.html_site)


@cache
def pandoc_path() -> str:
    import pypandoc

    return str(pypandoc.get_pandoc_path())


def resource(name: str) -> Path:
    """A file shipped with dirreport (templates for pandoc, Lua filters)."""
    return Path(str(resources.files("dirreport").joinpath("resources", name)))


def template(settings: RenderSettings, name: str) -> Path:
    """The project's own template if it has one, else the package's."""
    own = settings.project_root / "templates" / name
    if own.is_file():
        return own
    return resource(name)


def stage(document: Document, work: Path) -> Path:
    """Write the Markdown and copy its charts and images into a private work folder."""
    work.mkdir(parents=True, exist_ok=True)
    for name, source in sorted(document.resources.items()):
        target = work / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if not Path(source).exists():
            continue  # a chart's PNG is made only when a Word file is asked for
        if not target.exists():
            try:
                os.link(source, target)
            except OSError:
                shutil.copyfile(source, target)
    source_md = work / f"{document.basename}.md"
    source_md.write_text(document.markdown, encoding="utf-8")
    return source_md


def run_pandoc(args: list[str], cwd: Path, epoch: int) -> None:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(cwd),
        "LANG": "C.UTF-8",
        "SOURCE_DATE_EPOCH": str(epoch),
    }
    result = subprocess.run(
        [pandoc_path(), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        message = (result.stderr or result.stdout).strip().splitlines()
        raise InputError(
            Problem(
                "pandoc could not convert the report: " + (message[-1] if message else f"exit {result.returncode}"),
                file=str(args[0]) if args else None,
                hint="check any template of your own in templates/; otherwise this is a bug in dirreport",
            )
        )


def escape_variable(value: str, fmt: str) -> str:
    """A value pandoc prints as it is, made safe where the templates print it: HTML text or attribute, Typst string.

    The logo's alternative text is the authority's name, from the settings: a quote in it must not end
    the ``alt="..."`` attribute or the Typst string it sits in.
    """
    value = value.replace("\n", " ").replace("\r", " ")
    if fmt == "html":
        return html.escape(value, quote=True)
    if fmt == "typst":
        return value.replace("\\", "\\\\").replace('"', '\\"')
    return value


def lua_filters() -> list[str]:
    """Quarto's conditional content first, then the bilingual side-by-side layout, then passages' languages.

    ``lang.lua`` gives an inline span, and each heading inside a passage, its own language in Typst; then
    ``languages.lua`` puts a passage's language switch on a line of its own, so a heading that opens the
    passage stays a heading.  In that order: the second takes the passage's language attribute away.
    """
    return [
        arg
        for name in ("formats.lua", "pairs.lua", "lang.lua", "languages.lua")
        for arg in ("--lua-filter", str(resource(name)))
    ]


# Passed as variables, which pandoc prints as they are: as metadata they are Markdown, which pandoc may
# wrap onto two lines ("DejaVu" / "Serif") and escape for Typst ("#").
LITERAL_VARIABLES = (
    "brand-primary",
    "brand-heading",
    "brand-link",
    "brand-foreground",
    "font-base",
    "font-headings",
    "logo",
    "logo-alt",
    "logo-alt-lang",
    "other-edition-path",
)


def page_description(metadata: Mapping[str, Any]) -> dict[str, str]:
    """The page's description and keywords as plain text, for the HTML template's attributes.

    pandoc prints a metadata value's straight quote as it is, which would end an attribute; these are
    passed as variables, escaped by ``escape_variable``.
    """
    title, subtitle = str(metadata.get("title", "")), str(metadata.get("subtitle", ""))
    out = {"page-description": str(metadata.get("head-title") or " – ".join(t for t in (title, subtitle) if t))}
    keywords = metadata.get("keywords")
    if isinstance(keywords, (list, tuple)) and keywords:
        out["page-keywords"] = ", ".join(str(k) for k in keywords)
    return {k: v for k, v in out.items() if v}


def metadata_args(document: Document, settings: RenderSettings, fmt: str) -> list[str]:
    """The literal variables, escaped for the template they are printed into (HTML or Typst)."""
    args = []
    for key in LITERAL_VARIABLES:
        if document.metadata.get(key):
            args += ["--variable", f"{key}={escape_variable(str(document.metadata[key]), fmt)}"]
    for key, value in page_description(document.metadata).items():
        args += ["--variable", f"{key}={escape_variable(value, fmt)}"]
    if settings.other_edition_href:
        args += ["--metadata", f"other-edition-href={settings.other_edition_href}"]
    if document.metadata.get("keywords"):
        # a Typst array written here, not by pandoc, which wraps a long keyword's words onto two lines
        quoted = ", ".join(blocks.typst_string(" ".join(str(k).split())) for k in document.metadata["keywords"])
        args += ["--variable", f"typst-keywords=({quoted},)"]
    return args


def contents_args(document: Document, depth: int = 2) -> list[str]:
    """pandoc's contents, ``depth`` levels deep, unless the edition is short enough to need none (a summary)."""
    return [] if document.metadata.get("no-contents") else ["--toc", "--toc-depth", str(depth)]
