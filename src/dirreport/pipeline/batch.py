"""Batch builds: one report for every authority in a multi-authority dataset.

The data, catalogue and narratives are read once; each authority's results
are computed from the shared data, its charts drawn in one pool with everyone
else's, and its editions rendered and published into
``_output/authorities/<code>/``.  A progress bar shows the work; the pool
uses every core.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from dirreport.assemble.document import Document
from dirreport.catalogue import WALES
from dirreport.errors import CheckFailed, DirreportError, Problem
from dirreport.figures.specs import ChartSpec
from dirreport.pipeline.build import BuildOptions, BuildReport, _missing_charts, _pool, _render_all
from dirreport.pipeline.project import Project, for_authority, load_project

BATCH_DIR = "authorities"


def build_all(options: BuildOptions, quiet: bool = False) -> Iterator[str]:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from dirreport.assemble.editions import assemble
    from dirreport.figures.charts import draw

    base = load_project(options.root)
    codes = [a for a in base.dataset.authorities if a != WALES and a in base.catalogue.authorities]
    formats = [f for f in base.config.formats if not options.formats or f in options.formats]
    editions = list(base.config.editions)
    failed: list[Problem] = []
    done = 0
    with _pool(options.jobs) as pool, Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        disable=quiet, transient=False,
    ) as bar:
        projects = [for_authority(base, code) for code in codes]
        task = bar.add_task("charts", total=len(projects))
        specs: dict[str, ChartSpec] = {}
        usable: list[tuple[Project, dict[str, Document]]] = []  # some 1.5 MB an authority
        waiting_for_charts: set[str] = set()
        for project in projects:
            try:
                documents = {e: assemble(project, e, draft=options.draft) for e in editions}
            except DirreportError as error:
                # one authority's problem must not stop the other twenty-one
                failed += _for(project, error)
                bar.advance(task)
                continue
            usable.append((project, documents))
            for spec in _missing_charts(project, documents.values()):
                specs.setdefault(f"{spec.kind}-{spec.digest()}", spec)
                waiting_for_charts.add(project.config.authority)
            bar.advance(task)
        cache = base.cache_dir / "charts"
        draw_task = bar.add_task("drawing", total=len(specs))
        for future in [pool.submit(draw, spec, cache) for spec in specs.values()]:
            future.result()
            bar.advance(draw_task)
        if "docx" in formats:
            from dirreport.pipeline.build import rasterise_all

            every = {f"{s.kind}-{s.digest()}": s for _p, documents in usable
                     for d in documents.values() for s in d.charts}
            pictures = bar.add_task("pictures for Word", total=len(every))
            rasterise_all(list(every.values()), cache, pool, advance=lambda n: bar.advance(pictures, n))
        render_task = bar.add_task("reports", total=len(usable))
        for project, documents in usable:
            try:
                _check(project, options)
                if project.config.authority in waiting_for_charts:
                    # the HTML carries its charts inline: assemble again now that they are drawn
                    documents = {e: assemble(project, e, draft=options.draft) for e in editions}
                output = project.config.output_dir / BATCH_DIR / project.config.authority
                _render_all(project, documents, formats, pool, BuildReport(), lambda _m: None, output=output)
                done += 1
            except DirreportError as error:
                failed += _for(project, error)
            bar.advance(render_task)
    yield f"built {done} of {len(projects)} authorities into {base.config.output_dir / BATCH_DIR}"
    if failed:
        raise CheckFailed(failed)


def _for(project: Project, error: DirreportError) -> list[Problem]:
    """Problems of one authority's report, each saying which authority it is about."""
    code = project.config.authority
    return [replace(p, message=f"[{code}] {p.message}") for p in error.problems]


def _check(project: Project, options: BuildOptions) -> None:
    if not options.run_checks or options.draft:
        return
    from dirreport.checks.card import blocking_problems

    problems = blocking_problems(project, assembled=True)
    if problems:
        raise CheckFailed(problems)
