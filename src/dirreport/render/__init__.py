"""Output engines: each turns an assembled Document into files, looked up by name.

An engine is a set of renderers, one per job, each a function
``render(document, work_dir, settings) -> list[Path]`` that writes only inside
``work_dir``; the pipeline checks, caches and publishes what they make, the same
way for every engine.  ``pandoc`` (built in: pandoc for HTML and Word, pandoc and
Typst for PDF) makes each format itself; ``quarto`` writes the Quarto project of
an edition and has the Quarto CLI render it where one is installed.

Engines are found through the ``dirreport.engines`` entry-point group, where the
built-in ones are registered the same way as any other package's: an entry point
names a mapping of job to the module holding its ``render`` function.  A job named
after a format (html, pdf, docx) is run for that format only; any other job (Quarto's
``qmd``) makes every format of the edition at once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cache
from importlib import import_module, metadata
from pathlib import Path
from typing import TYPE_CHECKING

from dirreport.errors import InputError, Problem

if TYPE_CHECKING:  # looking an engine up, or refusing an unknown one, loads none of them
    from dirreport.assemble.document import Document
    from dirreport.render.common import RenderSettings

Renderer = Callable[["Document", Path, "RenderSettings"], list[Path]]
ENTRY_POINTS = "dirreport.engines"
FORMATS = ("html", "pdf", "docx")

PANDOC: Mapping[str, str] = {
    "html": "dirreport.render.html",
    "pdf": "dirreport.render.pdf",
    "docx": "dirreport.render.docx",
}
# Quarto renders every format of an edition in one run, from one .qmd
QUARTO: Mapping[str, str] = {"qmd": "dirreport.render.quarto"}
BUILT_IN: Mapping[str, Mapping[str, str]] = {"pandoc": PANDOC, "quarto": QUARTO}


@cache
def engines() -> dict[str, Mapping[str, str]]:
    """Every engine installed: the built-in ones (also when dirreport runs from a source folder) and plug-ins."""
    found: dict[str, Mapping[str, str]] = dict(BUILT_IN)
    for entry in metadata.entry_points(group=ENTRY_POINTS):
        if entry.name in found:
            continue
        jobs = entry.load()
        if isinstance(jobs, Mapping) and all(isinstance(k, str) and isinstance(v, str) for k, v in jobs.items()):
            found[entry.name] = jobs
    return found


def check_engine(engine: str) -> None:
    """An engine that is not installed, refused before any work is done."""
    if engine not in engines():
        raise InputError(
            Problem(
                f"there is no engine called {engine!r}",
                hint=f"choose one of: {', '.join(sorted(engines()))}",
            )
        )


def jobs_for(engine: str, formats: list[str]) -> list[str]:
    """What the engine makes for one edition: one job per format, or one job for all of them (Quarto)."""
    check_engine(engine)
    known = engines()[engine]
    by_format = [f for f in formats if f in known]
    whole = [job for job in known if job not in FORMATS]
    return by_format + whole


def renderer(engine: str, job: str) -> Renderer:
    """The render function of one engine for one job, imported only when used."""
    check_engine(engine)
    try:
        module = engines()[engine][job]
    except KeyError:
        raise ValueError(f"engine {engine!r} has no renderer for {job!r}") from None
    render: Renderer = import_module(module).render
    return render
