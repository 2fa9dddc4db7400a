"""A build from start to finish: load, check, assemble, draw, render, publish.

Every stage is cached by the content it depends on, in ``.dirreport-cache/``
(safe to delete): a chart by its data, style and language; a rendered file
by its assembled document, template and engine.  A build whose inputs have
not changed since the last successful one does nothing.  Independent charts
and renders run in a process pool, one worker per core.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import multiprocessing
import os
import shutil
from collections.abc import Callable, Iterable
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from dirreport import __version__
from dirreport.assemble.document import Document
from dirreport.assemble.editions import assemble
from dirreport.config.settings import Config, load_config
from dirreport.errors import CheckFailed, DirreportError, InputError, Problem
from dirreport.figures.specs import ChartSpec
from dirreport.pipeline import publish
from dirreport.pipeline.project import CACHE_DIR, Project, load_project
from dirreport.render import engine_for
from dirreport.render.common import RenderSettings

Progress = Callable[[str], None]


@dataclass(frozen=True)
class BuildOptions:
    root: Path
    languages: tuple[str, ...] = ()
    formats: tuple[str, ...] = ()
    draft: bool = False
    engine: str = "pandoc"
    authority: str | None = None
    jobs: int = 0
    force: bool = False
    run_checks: bool = True


@dataclass
class BuildReport:
    outputs: list[Path] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    up_to_date: bool = False
    charts_drawn: int = 0
    renders_done: int = 0
    renders_cached: int = 0
    editions: list[str] = field(default_factory=list)


@cache
def code_fingerprint() -> str:
    """A hash of dirreport's own files, so a new version or an edited filter never serves old results."""
    package = Path(__file__).resolve().parent.parent
    h = hashlib.sha256(__version__.encode())
    for path in sorted(package.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".lua", ".html", ".typ", ".j2", ".yaml", ".csv", ".po", ".xsd"):
            h.update(path.relative_to(package).as_posix().encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def epoch_for(config: Config) -> int:
    """SOURCE_DATE_EPOCH if set; else the publication date; else 1 April after the report year."""
    env = os.environ.get("SOURCE_DATE_EPOCH")
    if env and env.isdigit():
        return int(env)
    day = config.date or dt.date(int(config.year[:4]) + 1, 4, 1)
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp())


def project_fingerprint(root: Path, output_dir: Path, extra: str) -> str:
    """A hash of every file the report could depend on, plus dirreport's version and the options."""
    h = hashlib.sha256(f"{code_fingerprint()}\0{extra}".encode())
    skip = {output_dir.resolve(), (root / CACHE_DIR).resolve()}
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and (here / d).resolve() not in skip)
        for name in sorted(filenames):
            path = here / name
            if name.startswith(".") or not path.is_file():
                continue
            stat = path.stat()
            h.update(f"{path.relative_to(root)}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    return h.hexdigest()


def _state_file(root: Path) -> Path:
    return root / CACHE_DIR / "last-build.json"


def _is_up_to_date(root: Path, config: Config, fingerprint: str) -> bool:
    state = _state_file(root)
    if not state.exists():
        return False
    try:
        saved = json.loads(state.read_text())
    except (OSError, ValueError):
        return False
    if saved.get("fingerprint") != fingerprint:
        return False
    live = publish.current_generation(config.output_dir)
    return live is not None and all((config.output_dir / rel).exists() for rel in saved.get("outputs", []))


def build(options: BuildOptions, progress: Progress = lambda _m: None) -> BuildReport:
    config = load_config(options.root)
    fingerprint = project_fingerprint(
        config.root, config.output_dir,
        json.dumps([options.languages, options.formats, options.draft, options.engine, options.authority]),
    )
    if not options.force and _is_up_to_date(config.root, config, fingerprint):
        return BuildReport(up_to_date=True)
    project = load_project(options.root, options.authority)
    report = BuildReport(warnings=list(project.warnings))
    editions = _editions(project.config, options.languages)
    formats = [f for f in project.config.formats if not options.formats or f in options.formats]
    if not formats:
        raise InputError(Problem(f"none of the formats {', '.join(options.formats)} is set in formats",
                                 file="_quarto.yml", hint="add it to formats or choose another"))
    with _pool(options.jobs) as pool:
        # assembling first finds what makes the files unusable (exit 2) before the checks judge them (exit 1)
        documents = _assemble_all(project, editions, options, pool, report, progress)
        report.warnings += list(dict.fromkeys(w for d in documents.values() for w in d.warnings
                                              if w not in project.warnings))
        if options.run_checks:
            from dirreport.checks.card import blocking_problems

            blocking = blocking_problems(project, assembled=True)
            if blocking and not options.draft:
                raise CheckFailed(blocking)
            report.warnings += blocking
        outputs = _render_all(project, documents, formats, pool, report, progress)
    report.editions = list(editions)
    report.outputs = outputs
    state = _state_file(project.root)
    state.parent.mkdir(parents=True, exist_ok=True)
    rels = [str(p.relative_to(project.config.output_dir)) for p in outputs]
    state.write_text(json.dumps({"fingerprint": fingerprint, "outputs": rels}))
    return report


def _editions(config: Config, languages: tuple[str, ...]) -> list[str]:
    wanted = [e for e in config.editions if e in languages or not languages
              or (e == "bilingual" and "bilingual" in languages)]
    if not wanted:
        raise InputError(Problem(f"none of the languages {', '.join(languages)} is set in languages",
                                 file="_quarto.yml", hint="add it to languages, or choose en, cy or bilingual"))
    return wanted


class _Inline(Executor):
    """Runs tasks in this process: for one core, and where a pool would cost more than it saves."""

    def submit(self, fn, /, *args, **kwargs):  # type: ignore[no-untyped-def]
        future: Future[object] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:
            future.set_exception(exc)
        return future


def _pool(jobs: int) -> Executor:
    workers = jobs or os.cpu_count() or 1
    if workers <= 1:
        return _Inline()
    # workers start from a clean server process, not a fork of this one and whatever threads it holds
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("forkserver"))


def _assemble_all(
    project: Project, editions: list[str], options: BuildOptions, pool: Executor, report: BuildReport,
    progress: Progress,
) -> dict[str, Document]:
    """Assemble each edition; draw the charts it needs that are not cached; assemble again with them."""
    documents = {e: assemble(project, e, engine=options.engine, draft=options.draft) for e in editions}
    cache = project.cache_dir / "charts"
    missing = _missing_charts(project, documents.values())
    if missing:
        progress(f"drawing {len(missing)} charts")
        from dirreport.figures.charts import draw

        for future in [pool.submit(draw, spec, cache) for spec in missing]:
            future.result()
        report.charts_drawn = len(missing)
        documents = {e: assemble(project, e, engine=options.engine, draft=options.draft) for e in editions}
    wants_png = "docx" in (options.formats or project.config.formats)
    if wants_png:
        rasterise_all(_all_charts(documents.values()), cache, pool)
    return documents


RASTER_CHUNK = 24  # charts a Typst process turns into pictures before it exits and gives back its memory


def rasterise_all(specs: list[ChartSpec], cache: Path, pool: Executor,
                  advance: Callable[[int], None] = lambda _n: None) -> None:
    """Word's PNGs, some two dozen charts to a short-lived Typst process, on every core."""
    from dirreport.figures.charts import chart_files, rasterise

    todo = [s for s in specs if not chart_files(s, cache)["png"].exists()]
    advance(len(specs) - len(todo))
    workers = max(1, getattr(pool, "_max_workers", 1))
    size = max(1, min(RASTER_CHUNK, -(-len(todo) // workers)))  # a small build still uses every core
    chunks = [todo[k:k + size] for k in range(0, len(todo), size)]
    for chunk, future in [(chunk, pool.submit(rasterise, chunk, cache)) for chunk in chunks]:
        future.result()
        advance(len(chunk))


def _all_charts(documents: Iterable[Document]) -> list[ChartSpec]:
    seen: dict[str, ChartSpec] = {}
    for document in documents:
        for spec in document.charts:
            seen.setdefault(f"{spec.kind}-{spec.digest()}", spec)
    return list(seen.values())


def _missing_charts(project: Project, documents: Iterable[Document]) -> list[ChartSpec]:
    """Charts not yet drawn as SVG."""
    from dirreport.figures.charts import chart_files

    cache = project.cache_dir / "charts"
    return [s for s in _all_charts(documents) if not chart_files(s, cache)["svg"].exists()]


def _render_key(document: Document, fmt: str, settings: RenderSettings) -> str:
    from dirreport.render.common import template

    h = hashlib.sha256(f"{code_fingerprint()}\0{fmt}\0{settings.epoch}\0{settings.other_edition_href}".encode())
    h.update(document.digest().encode())
    names = {"html": ["report.html"], "pdf": ["report.typ"], "docx": ["reference.docx"]}[fmt]
    for name in names:
        path = template(settings, name) if name != "reference.docx" else settings.project_root / "templates" / name
        if path.is_file():
            h.update(path.read_bytes())
    return h.hexdigest()[:32]


def _render_task(fmt: str, document: Document, work: str, settings: RenderSettings) -> list[str]:
    engine = engine_for(fmt)
    return [str(p) for p in engine(document, Path(work), settings)]


def _render_all(
    project: Project, documents: dict[str, Document], formats: list[str], pool: Executor, report: BuildReport,
    progress: Progress, output: Path | None = None,
) -> list[Path]:
    config = project.config
    output = output or config.output_dir
    output.mkdir(parents=True, exist_ok=True)
    publish.prune(output, keep=None)
    generation = publish.new_generation(output)
    renders_dir = project.cache_dir / "renders"
    jobs: list[tuple[str, str, Path, Future[list[str]] | None]] = []
    try:
        for edition, document in documents.items():
            settings = _settings(project, edition)
            target = generation / edition
            target.mkdir(parents=True, exist_ok=True)
            for fmt in formats:
                key = _render_key(document, fmt, settings)
                cached = renders_dir / key
                if cached.is_dir() and any(cached.iterdir()):
                    jobs.append((edition, fmt, cached, None))
                    continue
                work = renders_dir / f".work-{key}-{os.getpid()}"
                shutil.rmtree(work, ignore_errors=True)
                jobs.append((edition, fmt, cached, pool.submit(_render_task, fmt, document, str(work), settings)))
        outputs: list[Path] = []
        for edition, fmt, cached, future in jobs:
            if future is not None:
                produced = [Path(p) for p in future.result()]
                _store(produced, cached)
                shutil.rmtree(produced[0].parent, ignore_errors=True)
                report.renders_done += 1
                progress(f"{edition} {fmt}")
            else:
                report.renders_cached += 1
            for file in sorted(cached.iterdir()):
                dest = generation / edition / file.name
                publish._link_or_copy(str(file), str(dest))
                outputs.append(output / edition / file.name)
        from dirreport.pipeline.downloads import write_downloads

        for edition, document in documents.items():
            for path in write_downloads(document, generation / edition):
                outputs.append(output / edition / path.name)
        carried = [e for e in config.editions if e not in documents]
        publish.carry_over(output, generation, carried)
        publish.switch(output, generation, [*documents, *carried])
    except BaseException:
        publish.discard(generation)
        raise
    return outputs


def _store(produced: list[Path], cached: Path) -> None:
    """Keep a render's files under its key; written aside and renamed so a killed build stores nothing half-made."""
    tmp = cached.with_name(cached.name + f".{os.getpid()}.tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    for path in produced:
        shutil.copy2(path, tmp / path.name)
    shutil.rmtree(cached, ignore_errors=True)
    os.replace(tmp, cached)


def _settings(project: Project, edition: str) -> RenderSettings:
    config = project.config
    href = None
    if edition in ("en", "cy"):
        other = "cy" if edition == "en" else "en"
        if other in config.languages:
            from dirreport.assemble.document import output_basename

            href = f"../{other}/{output_basename(other, config.year)}.html"
    return RenderSettings(project_root=config.root, cache_dir=project.cache_dir, epoch=epoch_for(config),
                          other_edition_href=href)


__all__ = ["BuildOptions", "BuildReport", "DirreportError", "build"]
