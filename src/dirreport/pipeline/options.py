"""What a build is asked for: the options, and the editions, formats and folders they select among the project's.

Checked before any work is done, so a wrong engine, language or format costs nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dirreport.config.settings import Config, summary_language
from dirreport.errors import InputError, Problem
from dirreport.render import FORMATS, check_engine


@dataclass(frozen=True)
class BuildOptions:
    """What to build: ``languages`` and ``formats`` choose among the project's own (empty: all of them)."""

    root: Path
    languages: tuple[str, ...] = ()
    formats: tuple[str, ...] = ()
    draft: bool = False
    engine: str = "pandoc"
    authority: str | None = None  # another authority in the data, or "all" for a batch
    jobs: int = 0
    force: bool = False
    run_checks: bool = True
    output_dir: Path | None = None  # instead of the settings' output-dir (the Python API's output argument)
    clean: bool = False  # publish only what this build makes; otherwise what it does not make stays published
    summaries: bool = True  # a language chosen brings its summary edition (the command line); the API asks for them


def folders_read_outside(config: Config) -> tuple[Path, ...]:
    """Folders outside the project that a build reads: last year's project, whose improvement lists it answers."""
    if not config.last_year:
        return ()
    folder = (config.root / config.last_year).resolve()
    return (folder,) if folder.is_dir() else ()


EDITION_NAMES = ("en", "cy", "bilingual", "en-summary", "cy-summary")


def check_options(options: BuildOptions) -> None:
    """Options that name no edition, format or engine there is, refused before any work is done."""
    check_engine(options.engine)
    for kind, given, known in (("language", options.languages, EDITION_NAMES), ("format", options.formats, FORMATS)):
        unknown = [value for value in given if value not in known]
        if unknown:
            raise InputError(
                Problem(f"there is no {kind} called {unknown[0]!r}", hint=f"choose from: {', '.join(known)}")
            )


def editions_wanted(config: Config, languages: tuple[str, ...], summaries: bool = True) -> list[str]:
    """The project's editions (en, cy, bilingual, summaries) that the options select.

    On the command line a language brings its summary (``--lang en`` is everything English); from Python a
    summary comes only when asked for, by its name (``en-summary``) or with ``summaries=True``.
    """
    wanted = [
        e
        for e in config.editions
        if not languages or e in languages or (summaries and summary_language(e) in languages)
    ]
    if not wanted:
        raise InputError(
            Problem(
                f"none of the languages {', '.join(languages)} is set in languages",
                file="_quarto.yml",
                hint="add it to languages, or choose en, cy or bilingual",
            )
        )
    return wanted


def formats_wanted(config: Config, formats: tuple[str, ...]) -> list[str]:
    """The project's formats that the options select."""
    wanted = [f for f in config.formats if not formats or f in formats]
    if not wanted:
        raise InputError(
            Problem(
                f"none of the formats {', '.join(formats)} is set in formats",
                file="_quarto.yml",
                hint="add it to formats or choose another",
            )
        )
    return wanted


def output_base(config: Config, options: BuildOptions) -> Path:
    """The folder a build publishes into: the options' own, or the settings' output-dir."""
    return options.output_dir.resolve() if options.output_dir is not None else config.output_dir


def output_folder(config: Config, options: BuildOptions) -> Path:
    base = output_base(config, options)
    return base / "quarto" if options.engine == "quarto" else base
