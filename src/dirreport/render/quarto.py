"""The Quarto engine: the same assembled Markdown, rendered by the Quarto CLI where it is installed.

dirreport writes each edition as a ``.qmd`` file with its charts and a
``_quarto.yml`` into ``_output/quarto/`` and runs ``quarto render`` there.
Quarto reads the same conditional-content divs and raw blocks natively.  When
no ``quarto`` is on the PATH the files are still written and the command says
how to render them.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import yaml

from ..errors import InputError, Problem
from .common import resource, stage

QUARTO_DIR = "quarto"


def build_with_quarto(options) -> Iterator[str]:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from ..build import BuildOptions, BuildReport, _assemble_all, _editions, _Inline
    from ..project import load_project

    assert isinstance(options, BuildOptions)
    project = load_project(options.root, options.authority)
    editions = _editions(project.config, options.languages)
    documents = _assemble_all(project, editions, replace(options, engine="quarto"), _Inline(), BuildReport(),
                              lambda _m: None)
    folder = project.config.output_dir / QUARTO_DIR
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    filters = ["pairs.lua", "languages.lua"]
    for name in filters:
        shutil.copy2(resource(name), folder / name)
    formats = [f for f in project.config.formats if not options.formats or f in options.formats]
    quarto_formats = {"html": {"embed-resources": True, "toc": True, "toc-depth": 2},
                      "pdf": None, "docx": {"toc": True}}
    config = {
        "project": {"type": "default", "output-dir": "_rendered"},
        "filters": filters,
        "format": {("typst" if f == "pdf" else f): (quarto_formats[f] or {"toc": True}) for f in formats},
    }
    (folder / "_quarto.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    written = []
    for document in documents.values():
        source = stage(document, folder)
        qmd = source.with_suffix(".qmd")
        source.rename(qmd)
        written.append(qmd)
    yield f"wrote {len(written)} Quarto documents to {folder}"
    quarto = shutil.which("quarto")
    if quarto is None:
        raise InputError(Problem(
            "the Quarto CLI is not installed (no 'quarto' on the PATH), so the documents were not rendered",
            file=str(folder),
            hint="install Quarto from quarto.org and run 'quarto render' in that folder, or build with the "
            "default engine",
        ))
    result = subprocess.run([quarto, "render"], cwd=folder, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        last = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no message"]
        raise InputError(Problem(f"quarto render failed: {last[0]}", file=str(folder),
                                 hint="run 'quarto render' there to see Quarto's full message"))
    yield f"rendered with Quarto into {folder / '_rendered'}"


__all__ = ["Path", "build_with_quarto"]
