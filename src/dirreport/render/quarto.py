"""The Quarto engine: an edition's assembled Markdown as a Quarto project, rendered by the Quarto CLI.

For each edition dirreport writes ``<name>.qmd`` with its charts, a
``_quarto.yml`` and the bilingual filter, and runs ``quarto render`` there when a
``quarto`` executable is on the PATH.  Quarto reads the same conditional-content
divs and raw blocks natively.  The files are checked, cached and published like
any engine's, into ``_output/quarto/<edition>/``; with no Quarto installed the
sources alone are published and the build says how to render them.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import yaml

from dirreport.assemble.document import Document
from dirreport.errors import InputError, Problem
from dirreport.render.common import RenderSettings, resource, stage

QUARTO_DIR = "quarto"
FILTERS = ("pairs.lua", "lang.lua", "languages.lua")  # the bilingual layout and each passage's language
QUARTO_FORMATS: dict[str, tuple[str, dict[str, object]]] = {
    "html": ("html", {"embed-resources": True, "toc": True, "toc-depth": 2}),
    "pdf": ("typst", {"toc": True}),
    "docx": ("docx", {"toc": True}),
}


def quarto_project(formats: tuple[str, ...]) -> dict[str, object]:
    """The ``_quarto.yml`` of an edition's folder."""
    return {
        "project": {"type": "default", "output-dir": "_rendered"},
        "filters": list(FILTERS),
        "format": {QUARTO_FORMATS[f][0]: QUARTO_FORMATS[f][1] for f in formats if f in QUARTO_FORMATS},
    }


def render(document: Document, work: Path, settings: RenderSettings) -> list[Path]:
    source = stage(document, work)
    qmd = source.with_suffix(".qmd")
    source.replace(qmd)
    for name in FILTERS:
        shutil.copy2(resource(name), work / name)
    formats = settings.formats or ("html", "pdf", "docx")
    (work / "_quarto.yml").write_text(yaml.safe_dump(quarto_project(formats), sort_keys=False), encoding="utf-8")
    quarto = shutil.which("quarto")
    if quarto is not None:
        result = subprocess.run(
            [quarto, "render", qmd.name], cwd=work, capture_output=True, text=True, encoding="utf-8", check=False
        )
        if result.returncode != 0:
            last = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no message"]
            raise InputError(
                Problem(
                    f"quarto render failed: {last[0]}",
                    file=qmd.name,
                    hint="run 'quarto render' in a copy of that folder to see Quarto's message",
                )
            )
    return sorted(p for p in work.rglob("*") if p.is_file() and not p.name.endswith(".md"))


def missing_quarto_warning(folder: Path) -> Problem | None:
    """Said after a build with the Quarto engine where no Quarto CLI is installed."""
    if shutil.which("quarto") is not None:
        return None
    return Problem(
        "the Quarto CLI is not installed (no 'quarto' on the PATH), so the Quarto sources were written but not "
        "rendered",
        file=str(folder),
        hint="install Quarto from quarto.org and run 'quarto render' in each edition's folder there, or build with "
        "the default engine",
    )
