"""The Python API: what the command line does, for analysts working in a notebook or a script.

Each function takes a project folder, as the commands do, and returns the same
objects the commands print from.  User errors are raised as ``DirreportError``
(``InputError`` for files that cannot be used, ``CheckFailed`` for checks that
block publication), each holding ``problems`` with file, line and hint.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from dirreport.checks.card import ReportCard, run_checks
from dirreport.checks.status import StatusBoard, status_board
from dirreport.pipeline.build import BuildReport
from dirreport.pipeline.build import build as run_build
from dirreport.pipeline.options import BuildOptions, check_options
from dirreport.pipeline.project import Project
from dirreport.pipeline.project import load_project as load


def load_project(path: str | Path = ".", authority: str | None = None) -> Project:
    """Read and check a report project: its settings, catalogue, data, narratives and computed results.

    ``project.results.indicators[ID]`` holds an indicator's values year by year (``.series``), for Wales
    (``.wales``) and its trend; ``project.results.metric(CODE, YEAR)`` a metric's value.  ``authority``
    computes the results for another authority in the data.
    """
    return load(Path(path), authority)


def build(
    path: str | Path = ".",
    *,
    languages: Iterable[str] = (),
    formats: Iterable[str] = (),
    draft: bool = False,
    engine: str = "pandoc",
    authority: str | None = None,
    force: bool = False,
    jobs: int = 0,
    output_dir: str | Path | None = None,
    summaries: bool = False,
) -> BuildReport:
    """Build and publish the report, exactly as ``dirreport build`` does.

    ``languages`` (en, cy, bilingual, en-summary, cy-summary) and ``formats`` (html, pdf, docx) choose among
    the project's own; empty means all of them.  A summary edition is built when named, when ``summaries`` is
    true, or when no language is named.  ``output_dir`` publishes somewhere other than the settings'
    ``output-dir``.  An unknown engine, language or format is an ``InputError`` before any work is done.
    Returns what is published (``outputs``, also when nothing had changed), the warnings, and what came from
    the cache.
    """
    options = BuildOptions(
        root=Path(path),
        languages=tuple(languages),
        formats=tuple(formats),
        draft=draft,
        engine=engine,
        authority=authority,
        jobs=jobs,
        force=force,
        output_dir=Path(output_dir) if output_dir is not None else None,
        summaries=summaries,
    )
    check_options(options)
    return run_build(options)


def check(path: str | Path = ".", lang: str = "en") -> ReportCard:
    """The report card of ``dirreport check``: ``errors`` block publication, ``warnings`` do not.

    ``lang`` is the card's language ("cy" for Welsh), as ``dirreport check --lang cy``.
    """
    return run_checks(load(Path(path)), lang=lang)


def status(path: str | Path = ".", lang: str = "en") -> StatusBoard:
    """The board of ``dirreport status``: each section's owner, state, words, evidence, translation and blockers.

    ``board.sections`` holds one ``SectionStatus`` per section in the report's order; ``board.to_json()`` is
    what ``dirreport status --json`` prints.  ``lang`` is the board's language ("cy" for Welsh), as
    ``dirreport status --lang cy``: headings, states and what blocks publication; the JSON's state codes stay
    English, with ``status_text`` and ``translation_text`` in the board's language.
    """
    return status_board(load(Path(path)), lang=lang)
