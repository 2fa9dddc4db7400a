"""The one way a report is built, whatever asks for it: the command line, a batch, preview, the Python API.

Every build takes the same steps: load the project; assemble its editions and
draw the charts they need; run the checks that block publication; render each
edition with the chosen engine; publish the new files in one atomic switch.
A batch (``--authority all``) is the same steps for every authority in the data,
sharing one pool of workers and one set of charts.  Each step is cached by what
it depends on (see ``pipeline.cache``); independent charts and renders run in a
pool of processes, one per core.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from collections.abc import Callable, Iterable
from concurrent.futures import Executor, Future
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from dirreport.catalogue import WALES
from dirreport.config.settings import Config, load_config, summary_language
from dirreport.errors import CheckFailed, DirreportError, Problem
from dirreport.pipeline import cache, lock, publish
from dirreport.pipeline.options import BuildOptions as BuildOptions  # re-exported: the build's own vocabulary
from dirreport.pipeline.options import (
    check_options as check_options,
)
from dirreport.pipeline.options import (
    editions_wanted as editions_wanted,
)
from dirreport.pipeline.options import (
    folders_read_outside,
    output_base,
    output_folder,
)
from dirreport.pipeline.options import (
    formats_wanted as formats_wanted,
)
from dirreport.pipeline.progress import Progress
from dirreport.pipeline.workers import even_chunks, worker_pool, workers_of
from dirreport.render import jobs_for, renderer
from dirreport.render.libreoffice import word_contents_notice

if TYPE_CHECKING:  # loaded when there is work to do: a build with nothing changed returns without them
    from dirreport.assemble.document import Document
    from dirreport.figures.specs import ChartSpec
    from dirreport.pipeline.project import Project
    from dirreport.render.common import RenderSettings

BATCH_DIR = "authorities"
ALL = "all"


@dataclass
class BuildReport:
    """What a build did: the files it published, the warnings, and how much came from the caches."""

    outputs: list[Path] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    up_to_date: bool = False
    charts_drawn: int = 0
    renders_done: int = 0
    renders_cached: int = 0
    editions: list[str] = field(default_factory=list)
    authorities: list[str] = field(default_factory=list)  # a batch: the authorities published
    failed: list[Problem] = field(default_factory=list)  # a batch: why the others were not


def build(options: BuildOptions, progress: Progress | None = None) -> BuildReport:
    """Build the project's report (or, with ``authority="all"``, every authority's) and publish it."""
    progress = progress or Progress()
    check_options(options)
    config = load_config(options.root)
    with lock.build_lock(config.root):
        return _build_batch(options, progress) if options.authority == ALL else _build_one(config, options, progress)


def _build_one(config: Config, options: BuildOptions, progress: Progress) -> BuildReport:
    chosen = [options.languages, options.formats, options.draft, options.engine, options.authority, options.clean]
    fingerprint = cache.project_fingerprint(
        config.root, output_base(config, options), json.dumps(chosen), also=folders_read_outside(config)
    )
    output = output_folder(config, options)
    published = None if options.force else cache.up_to_date_outputs(config.root, output, fingerprint)
    if published is not None:
        return BuildReport(up_to_date=True, outputs=[output / relative for relative in published])
    publish.prepare(output, config.editions, config.root)  # a folder of the user's is refused before any work
    from dirreport.pipeline.project import load_project

    project = load_project(options.root, options.authority)
    editions = editions_wanted(project.config, options.languages, summaries=options.summaries)
    formats = formats_wanted(project.config, options.formats)
    report = BuildReport(warnings=list(project.warnings), editions=editions)
    with worker_pool(options.jobs, lock.records_folder(config.root)) as pool:
        # assembling first finds what makes the files unusable (exit 2) before the checks judge them (exit 1)
        documents = assemble_editions([project], editions, options, formats, pool, report, progress)[0]
        report.warnings += _new_warnings(documents.values(), report.warnings)
        report.warnings += blocking_checks(project, options)
        report.outputs = render_and_publish(project, documents, formats, options, output, pool, report, progress)
    report.warnings += _engine_warnings(options, output) + word_contents_notice(options.engine, formats)
    cache.remember(project.root, fingerprint, [p.relative_to(output).as_posix() for p in report.outputs])
    return report


def blocking_checks(project: Project, options: BuildOptions) -> list[Problem]:
    """The checks that stop publication, the same for every engine: raised, or returned as warnings in a draft."""
    if not options.run_checks:
        return []
    from dirreport.checks.card import blocking_problems

    blocking = blocking_problems(project, assembled=True)
    if blocking and not options.draft:
        raise CheckFailed(blocking)
    return blocking


def _batch_folder(config: Config, options: BuildOptions) -> Path:
    """One authority's folder of a batch: ``authorities/<code>/`` inside the output folder."""
    folder = output_base(config, options) / BATCH_DIR / config.authority
    return folder / "quarto" if options.engine == "quarto" else folder


def _new_warnings(documents: Iterable[Document], known: list[Problem]) -> list[Problem]:
    return list(dict.fromkeys(w for d in documents for w in d.warnings if w not in known))


def _engine_warnings(options: BuildOptions, output: Path) -> list[Problem]:
    if options.engine != "quarto":
        return []
    from dirreport.render.quarto import missing_quarto_warning

    warning = missing_quarto_warning(output)
    return [warning] if warning else []


# --- assembling, with the charts the documents need -------------------------------------------------------


def assemble_editions(
    projects: list[Project],
    editions: list[str],
    options: BuildOptions,
    formats: list[str],
    pool: Executor,
    report: BuildReport,
    progress: Progress,
    failed: list[Problem] | None = None,
) -> list[dict[str, Document]]:
    """Each project's editions, assembled with every chart they show drawn (once, however many share it).

    With ``failed`` given (a batch), a project that cannot be assembled is left out and its problems are
    added there, so one authority's problem does not stop the others; the result then holds only the rest.
    """
    progress.start("assembling", len(projects))
    assembled: list[tuple[Project, dict[str, Document]]] = []
    for project in projects:
        try:
            assembled.append((project, _assemble(project, editions, options)))
        except DirreportError as error:
            if failed is None:
                raise
            failed += for_authority_problems(project, error)
        progress.advance("assembling")
    chart_cache = projects[0].cache_dir / "charts" if projects else Path()
    missing: dict[str, ChartSpec] = {}
    for _project, documents in assembled:
        for spec in _charts_of(documents.values()):
            if not _chart_files(spec, chart_cache)["svg"].exists():
                missing.setdefault(_chart_key(spec), spec)
    if missing:
        from dirreport.figures.charts import draw

        progress.step(f"drawing {len(missing)} charts")
        progress.start("drawing", len(missing))
        for future in [pool.submit(draw, spec, chart_cache) for spec in missing.values()]:
            future.result()
            progress.advance("drawing")
        report.charts_drawn += len(missing)
    if "docx" in formats and options.engine == "pandoc":
        every = {_chart_key(s): s for _p, documents in assembled for s in _charts_of(documents.values())}
        progress.start("pictures for Word", len(every))
        rasterise_all(
            list(every.values()), chart_cache, pool, advance=lambda n: progress.advance("pictures for Word", n)
        )
    if failed is not None:
        projects[:] = [p for p, _d in assembled]
    return [d for _p, d in assembled]


def _assemble(project: Project, editions: list[str], options: BuildOptions) -> dict[str, Document]:
    from dirreport.assemble.editions import assemble

    engine = "quarto" if options.engine == "quarto" else "pandoc"
    return {e: assemble(project, e, engine=engine, draft=options.draft) for e in editions}


def _chart_files(spec: ChartSpec, chart_cache: Path) -> dict[str, Path]:
    from dirreport.figures.charts import chart_files

    return chart_files(spec, chart_cache)


def _chart_key(spec: ChartSpec) -> str:
    return f"{spec.kind}-{spec.digest()}"


def _charts_of(documents: Iterable[Document]) -> list[ChartSpec]:
    seen: dict[str, ChartSpec] = {}
    for document in documents:
        for spec in document.charts:
            seen.setdefault(_chart_key(spec), spec)
    return list(seen.values())


RASTER_CHUNK = 24  # charts a Typst process turns into pictures before it exits and gives back its memory


def rasterise_all(
    specs: list[ChartSpec], chart_cache: Path, pool: Executor, advance: Callable[[int], None] = lambda _n: None
) -> None:
    """Word's PNGs, some two dozen charts to a short-lived Typst process, on every core."""
    from dirreport.figures.charts import rasterise

    todo = [s for s in specs if not _chart_files(s, chart_cache)["png"].exists()]
    advance(len(specs) - len(todo))
    chunks = even_chunks(todo, workers_of(pool), RASTER_CHUNK)
    for chunk, future in [(chunk, pool.submit(rasterise, chunk, chart_cache)) for chunk in chunks]:
        future.result()
        advance(len(chunk))


# --- rendering and publishing ------------------------------------------------------------------------------


def _render_task(engine: str, job: str, document: Document, work: str, settings: RenderSettings) -> list[str]:
    return [str(p) for p in renderer(engine, job)(document, Path(work), settings)]


def render_and_publish(
    project: Project,
    documents: dict[str, Document],
    formats: list[str],
    options: BuildOptions,
    output: Path,
    pool: Executor,
    report: BuildReport,
    progress: Progress,
) -> list[Path]:
    """Render each edition with the engine (or take it from the cache) and switch the new files into place."""
    config = project.config
    output.mkdir(parents=True, exist_ok=True)
    publish.prune(output, keep=None)
    generation = publish.new_generation(output)
    renders_dir = project.cache_dir / "renders"
    pending: list[tuple[str, str, Path, Path, Future[list[str]] | None]] = []
    try:
        to_render: list[tuple[str, str, Path, Path, RenderSettings]] = []
        for edition, document in documents.items():
            settings = render_settings(project, edition, tuple(formats))
            (generation / edition).mkdir(parents=True, exist_ok=True)
            for job in jobs_for(options.engine, formats):
                cached = renders_dir / cache.render_key(document, job, options.engine, settings)
                work = renders_dir / f".work-{cached.name}-{os.getpid()}"
                if not (cached.is_dir() and any(cached.iterdir())):
                    to_render.append((edition, job, cached, work, settings))
                pending.append((edition, job, cached, work, None))
        futures: dict[tuple[str, str], Future[list[str]]] = {}
        for edition, job, _cached, work, settings in sorted(to_render, key=lambda r: -render_cost(r[0], r[1])):
            shutil.rmtree(work, ignore_errors=True)  # the longest first, so no core is left with one at the end
            futures[edition, job] = pool.submit(
                _render_task, options.engine, job, documents[edition], str(work), settings
            )
        pending = [(e, j, c, w, futures.get((e, j))) for e, j, c, w, _none in pending]
        progress.start("rendering", sum(1 for *_, future in pending if future is not None))
        outputs: list[Path] = []
        for edition, job, cached, work, future in pending:
            if future is not None:
                cache.store([Path(p) for p in future.result()], work, cached)
                shutil.rmtree(work, ignore_errors=True)
                publish.step(f"rendered {edition} {job}")
                report.renders_done += 1
                progress.step(f"{edition} {job}")
                progress.advance("rendering")
            else:
                report.renders_cached += 1
            for file in cache.stored_files(cached):
                relative = file.relative_to(cached)
                dest = generation / edition / relative
                dest.parent.mkdir(parents=True, exist_ok=True)
                publish.link_or_copy(str(file), str(dest))
                if len(relative.parts) == 1 or relative.as_posix() == "site/index.html":  # the site's front page
                    outputs.append(output / edition / relative)
        if options.engine == "pandoc":
            from dirreport.pipeline.downloads import stored_downloads

            for edition, document in documents.items():
                if document.tables:  # a summary has no tables: its figures are the full report's
                    outputs += [
                        output / edition / p.name for p in stored_downloads(document, generation / edition, renders_dir)
                    ]
        built = formats if options.engine == "pandoc" else None  # Quarto makes every format of an edition
        publish.publish(output, generation, config.editions, built, options.clean)  # the rest stays published
    except BaseException:
        publish.discard(output, generation)
        raise
    return outputs


def render_cost(edition: str, job: str) -> float:
    """A render's rough relative cost, to start the longest first: a Word file is laid out twice (pandoc,
    then LibreOffice for its contents' page numbers), a PDF compiled once; a bilingual edition is two
    languages, a summary a few pages."""
    by_job = {"docx": 3.0, "pdf": 2.0, "html": 1.0}.get(job, 3.0)
    by_edition = 2.0 if edition == "bilingual" else 0.2 if summary_language(edition) else 1.0
    return by_job * by_edition


def render_settings(project: Project, edition: str, formats: tuple[str, ...] = ()) -> RenderSettings:
    from dirreport.assemble.document import output_basename
    from dirreport.render.common import RenderSettings

    config = project.config
    href = None
    lang = summary_language(edition) or edition
    if lang in ("en", "cy"):
        other = "cy" if lang == "en" else "en"
        other_edition = other if lang == edition else f"{other}-summary"  # a summary's other edition is a summary
        if other in config.languages:
            href = f"../{other_edition}/{output_basename(other_edition, config.year)}.html"
    return RenderSettings(
        project_root=config.root,
        cache_dir=project.cache_dir,
        epoch=epoch_for(config),
        other_edition_href=href,
        formats=formats,
        site=config.site and edition in ("en", "cy", "bilingual"),  # a summary is a few pages: no site
    )


def epoch_for(config: Config) -> int:
    """SOURCE_DATE_EPOCH if set; else the publication date; else 1 April after the report year."""
    env = os.environ.get("SOURCE_DATE_EPOCH")
    if env and env.isdigit():
        return int(env)
    day = config.date or dt.date(int(config.year[:4]) + 1, 4, 1)
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp())


# --- a batch: every authority in the data ------------------------------------------------------------------


def _build_batch(options: BuildOptions, progress: Progress) -> BuildReport:
    """One report for every authority in the data (the project's own included), into _output/authorities/<code>/."""
    from dirreport.pipeline.project import for_authority, load_project

    base = load_project(options.root)
    own = base.config.authority
    codes = [a for a in base.dataset.authorities if a != WALES and (a in base.catalogue.authorities or a == own)]
    projects = [base if code == base.config.authority else for_authority(base, code) for code in codes]
    editions = editions_wanted(base.config, options.languages, summaries=options.summaries)
    formats = formats_wanted(base.config, options.formats)
    report = BuildReport(warnings=list(base.warnings), editions=editions)
    failed: list[Problem] = []
    one = replace(options, authority=None)
    for project in projects:
        publish.prepare(_batch_folder(project.config, options), base.config.editions, base.config.root)
    with worker_pool(options.jobs, lock.records_folder(base.config.root)) as pool:
        usable = list(projects)
        documents = assemble_editions(usable, editions, one, formats, pool, report, progress, failed=failed)
        progress.start("reports", len(usable))
        for project, docs in zip(usable, documents, strict=True):
            code = project.config.authority
            try:
                report.warnings += [replace(w, message=f"[{code}] {w.message}") for w in blocking_checks(project, one)]
                output = _batch_folder(project.config, options)
                report.outputs += render_and_publish(project, docs, formats, one, output, pool, report, progress)
                report.authorities.append(code)
            except DirreportError as error:
                failed += for_authority_problems(project, error)
            progress.advance("reports")
    report.failed = failed
    return report


def for_authority_problems(project: Project, error: DirreportError) -> list[Problem]:
    """Problems of one authority's report, each saying which authority it is about."""
    code = project.config.authority
    return [replace(p, message=f"[{code}] {p.message}") for p in error.problems]
