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

from .build import BuildOptions, BuildReport, _missing_charts, _pool, _render_all
from .catalogue import WALES
from .errors import CheckFailed, Problem
from .figures import ChartSpec
from .project import Project, for_authority, load_project

BATCH_DIR = "authorities"


def build_all(options: BuildOptions, quiet: bool = False) -> Iterator[str]:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from .assemble import assemble
    from .charts import draw

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
        for project in projects:
            drafts = [assemble(project, e, draft=options.draft) for e in editions]
            for spec in _missing_charts(project, drafts):
                specs.setdefault(f"{spec.kind}-{spec.digest()}", spec)
            bar.advance(task)
        cache = base.cache_dir / "charts"
        draw_task = bar.add_task("drawing", total=len(specs))
        for future in [pool.submit(draw, spec, cache) for spec in specs.values()]:
            future.result()
            bar.advance(draw_task)
        render_task = bar.add_task("reports", total=len(projects))
        for project in projects:
            try:
                _check(project, options)
            except CheckFailed as error:
                failed += [replace(p, message=f"{project.config.authority}: {p.message}") for p in error.problems]
                bar.advance(render_task)
                continue
            documents = {e: assemble(project, e, draft=options.draft) for e in editions}
            output = project.config.output_dir / BATCH_DIR / project.config.authority
            _render_all(project, documents, formats, pool, BuildReport(), lambda _m: None, output=output)
            done += 1
            bar.advance(render_task)
    yield f"built {done} of {len(projects)} authorities into {base.config.output_dir / BATCH_DIR}"
    if failed:
        raise CheckFailed(failed)


def _check(project: Project, options: BuildOptions) -> None:
    if not options.run_checks or options.draft:
        return
    from .checks import blocking_problems

    problems = blocking_problems(project)
    if problems:
        raise CheckFailed(problems)
