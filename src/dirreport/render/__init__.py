"""Output engines: each turns an assembled Document into files, looked up by name.

An engine is a set of renderers, one per output format, each a function
``render(document, work_dir, settings) -> list[Path]`` that writes only inside
``work_dir``; the pipeline checks, caches and publishes what they make, the same
way for every engine.  ``pandoc`` (built in: pandoc for HTML and Word, pandoc and
Typst for PDF) makes each format itself; ``quarto`` writes the Quarto project of
an edition and has the Quarto CLI render it where one is installed.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from pathlib import Path

from dirreport.assemble.document import Document
from dirreport.render.common import RenderSettings

Renderer = Callable[[Document, Path, RenderSettings], list[Path]]

ENGINES: dict[str, dict[str, str]] = {
    "pandoc": {"html": "dirreport.render.html", "pdf": "dirreport.render.pdf", "docx": "dirreport.render.docx"},
    # Quarto renders every format of an edition in one run, from one .qmd
    "quarto": {"qmd": "dirreport.render.quarto"},
}


def jobs_for(engine: str, formats: list[str]) -> list[str]:
    """What the engine makes for one edition: one job per format, or one for all (Quarto)."""
    known = ENGINES[engine]
    return [f for f in formats if f in known] if engine == "pandoc" else list(known)


def renderer(engine: str, job: str) -> Renderer:
    """The render function of one engine for one job, imported only when used."""
    try:
        module = ENGINES[engine][job]
    except KeyError:
        raise ValueError(f"engine {engine!r} has no renderer for {job!r}") from None
    render: Renderer = import_module(module).render
    return render
