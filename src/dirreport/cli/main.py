"""The ``dirreport`` command: argument parsing, progress, exit codes; the work happens elsewhere.

Exit codes, the same for every command: 0 success; 1 checks found errors that
block publication; 2 the command or the project's files could not be used as
given; 3 a fault in dirreport itself.  A user error prints one line per problem
and never a traceback; a fault prints one line saying so and how to report it,
and the traceback only with ``--verbose``.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from dirreport.cli.data import data
from dirreport.cli.output import DISK_FULL, CommandProgress, Output, disk_full
from dirreport.cli.sections import sections
from dirreport.cli.translate import translate
from dirreport.errors import (
    EXIT_CHECK_FAILED,
    EXIT_INTERNAL,
    EXIT_OK,
    EXIT_USAGE,
    CheckFailed,
    DirreportError,
    InputError,
    Problem,
)

log = logging.getLogger("dirreport")


def _problems(error: DirreportError) -> None:
    for problem in error.problems:
        click.echo(f"error: {problem.located()}", err=True)


def _warn(problems: list, out: Output) -> None:  # type: ignore[type-arg]
    if out.quiet:
        return
    for problem in problems:
        click.echo(f"warning: {problem.located()}", err=True)


F = TypeVar("F", bound=Callable[..., Any])


def in_language(what: str) -> Callable[[F], F]:
    """The --lang option of a command whose output is for people: a check's card, the status board."""
    return click.option(
        "--lang",
        type=click.Choice(["en", "cy"]),
        default="en",
        show_default=True,
        help=f"The language of the {what}: en for English, cy for Welsh.",
    )


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="dirreport")
def cli() -> None:
    """Build the annual report of a Welsh Director of Social Services, in Welsh and English."""


def _positive_jobs(_context: click.Context, _parameter: click.Parameter, value: int | None) -> int | None:
    """--jobs is a number of worker processes: 1 or more; left out, one per core."""
    if value is not None and value < 1:
        raise InputError(
            Problem(
                f"--jobs {value} is not a number of worker processes",
                file="--jobs",
                hint="give 1 or more (e.g. --jobs 2), or leave it out to use one worker per core",
            )
        )
    return value


@cli.command()
@click.argument("project_dir", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--lang",
    "languages",
    multiple=True,
    type=click.Choice(["en", "cy", "bilingual", "en-summary", "cy-summary"]),
    help="Build only this edition (repeatable; a language brings its summary). Default: every edition set.",
)
@click.option(
    "--format",
    "formats",
    multiple=True,
    type=click.Choice(["html", "pdf", "docx"]),
    help="Build only this format (repeatable). Default: every format in _quarto.yml.",
)
@click.option("--draft", is_flag=True, help="Build even if checks find errors, marked DRAFT on every page.")
@click.option(
    "--engine",
    metavar="NAME",
    default="pandoc",
    show_default=True,
    help="pandoc and Typst (built in), quarto (the Quarto CLI, where installed), or one another package adds.",
)
@click.option("--authority", help="Build for another authority in the data, or 'all' for every authority.")
@click.option(
    "--jobs", "-j", type=int, default=None, callback=_positive_jobs, help="Worker processes (default: one per core)."
)
@click.option("--force", is_flag=True, help="Rebuild even if nothing has changed (unchanged stages still cached).")
@click.option(
    "--clean",
    is_flag=True,
    help="Publish only what this build makes (by default editions and formats it does not build stay published).",
)
@click.option("--quiet", "-q", is_flag=True, help="Print only errors.")
@click.option("--verbose", "-v", is_flag=True, help="Print each step.")
def build(
    project_dir: Path,
    languages: tuple[str, ...],
    formats: tuple[str, ...],
    draft: bool,
    engine: str,
    authority: str | None,
    jobs: int | None,
    force: bool,
    clean: bool,
    quiet: bool,
    verbose: bool,
) -> None:
    """Build the report's editions into the project's _output/ folder."""
    from dirreport.pipeline.build import ALL, BuildOptions
    from dirreport.pipeline.build import build as run_build

    out = Output(quiet, verbose)
    options = BuildOptions(
        root=project_dir,
        languages=languages,
        formats=formats,
        draft=draft,
        engine=engine,
        authority=authority,
        jobs=jobs or 0,
        force=force,
        clean=clean,
    )
    # progress bars for a batch, and on a terminal; a line per stage where the output is a file or a pipe
    with CommandProgress(out, bars=authority == ALL or (sys.stderr.isatty() and not verbose)) as progress:
        report = run_build(options, progress)
    _warn(report.warnings, out)
    if report.up_to_date:
        out.info("Nothing has changed since the last build; the report is up to date.")
        return
    root = Path(project_dir).resolve()
    for path in report.outputs:
        out.info(f"wrote {path.relative_to(root) if path.is_relative_to(root) else path}")
    out.progress(
        f"{report.renders_done} rendered, {report.renders_cached} from cache, {report.charts_drawn} charts drawn"
    )
    if authority == ALL:
        out.info(
            f"built {len(report.authorities)} of {len(report.authorities) + len(_authorities(report.failed))} "
            "authorities"
        )
    if report.failed:
        raise CheckFailed(report.failed)


def _authorities(problems: list) -> set[str]:  # type: ignore[type-arg]
    """The authorities named by a batch's problems ("[W06000001] ...")."""
    return {p.message.split("]")[0] for p in problems if p.message.startswith("[")}


@cli.command()
@click.argument("project_dir", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "html"]), default="text", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write the report card here.")
@click.option("--force", is_flag=True, help="Replace the file given to --output if it exists.")
@click.option("--quiet", "-q", is_flag=True, help="Print only errors.")
@click.option("--verbose", "-v", is_flag=True)
@in_language("report card")
def check(project_dir: Path, fmt: str, output: Path | None, force: bool, quiet: bool, verbose: bool, lang: str) -> None:
    """Check the report is ready for CIW and safe to publish; exit 1 if anything blocks publication."""
    from dirreport.checks.card import render_card, run_checks
    from dirreport.pipeline.project import load_project

    Output(quiet, verbose)
    if output is not None:
        from dirreport.cli.targets import writable

        writable(output, project_dir, force, "a report card", lambda p: p.suffix.lower() in CARD_SUFFIXES)
    project = load_project(project_dir)
    card = run_checks(project, lang=lang)
    text = render_card(card, fmt, quiet=quiet)
    if output is not None:
        output.write_text(text, encoding="utf-8")
    elif text:
        click.echo(text, nl=not text.endswith("\n"))
    if card.unusable:
        # the same problem makes 'build' stop with 2: a file that cannot be used as given
        raise SystemExit(EXIT_USAGE)
    if card.errors:
        raise SystemExit(EXIT_CHECK_FAILED)


CARD_SUFFIXES = (".txt", ".json", ".html", ".htm")


@cli.command()
@click.argument("project_dir", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the board as JSON.")
@click.option(
    "--html", "html_file", type=click.Path(dir_okay=False, path_type=Path), help="Also write it as a web page."
)
@in_language("board")
def status(project_dir: Path, as_json: bool, html_file: Path | None, lang: str) -> None:
    """Where the report stands: each section's owner, state, length, evidence, translation and blockers."""
    from dirreport.checks.status import status_board
    from dirreport.checks.status_page import render_html, render_json, render_text
    from dirreport.lang.i18n import _
    from dirreport.pipeline.project import load_project

    board = status_board(load_project(project_dir), lang=lang)
    if html_file is not None:
        html_file.write_text(render_html(board), encoding="utf-8")
    click.echo(render_json(board) if as_json else render_text(board), nl=as_json)
    if html_file is not None and not as_json:
        click.echo(_("wrote {path}", lang, path=html_file))


@cli.command()
@click.argument("query", required=False)
@click.option(
    "--project",
    "project_dir",
    default=".",
    type=click.Path(file_okay=False, path_type=Path),
    help="Project folder, to include its local catalogue and trace figures to its data.",
)
@click.option("--authorities", is_flag=True, help="List the authorities and their ONS codes.")
def catalogue(query: str | None, project_dir: Path, authorities: bool) -> None:
    """List metrics, indicators and survey measures; with an ID, show its formula and the rows behind it."""
    from dirreport.cli.catalogue import show

    click.echo(show(query, project_dir, authorities))


@cli.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--authority", help="ONS code (W06000001..W06000024) or your own code.")
@click.option("--name-en", help="Authority name in English (needed for a code that is not an ONS code).")
@click.option("--name-cy", help="Authority name in Welsh.")
@click.option("--year", help="Financial year of the report, e.g. 2024-25.")
@click.option("--xlsx", is_flag=True, help="Start data/metrics.xlsx from the data template instead of CSV.")
@click.option("--sample", is_flag=True, help="Write the full sample report (Glanafon, invented data) instead.")
def new(
    path: Path,
    authority: str | None,
    name_en: str | None,
    name_cy: str | None,
    year: str | None,
    xlsx: bool,
    sample: bool,
) -> None:
    """Start a new report project: settings, empty data files and narrative stubs in both languages."""
    from dirreport.errors import InputError, Problem

    if sample:
        from dirreport.cli.sample import write_sample

        written = write_sample(path)
        click.echo(f"created {path} with {len(written)} files: the sample report of Glanafon (invented data)")
        click.echo(f"next: dirreport build {path}   (then open {path / '_output' / 'en'})")
        return
    missing = [name for name, value in (("--authority", authority), ("--year", year)) if not value]
    if missing:
        raise InputError(
            Problem(
                f"{' and '.join(missing)} must be given",
                file=missing[0],
                hint="e.g. dirreport new my-report --authority W06000023 --year 2024-25 (or --sample for the sample)",
            )
        )
    from dirreport.cli.scaffold import scaffold

    assert authority is not None and year is not None
    written = scaffold(path, authority, year, name_en, name_cy, xlsx)
    click.echo(f"created {path} with {len(written)} files. Next:")
    for step in NEXT_STEPS:
        click.echo("  " + step.format(path=path, data=path / "data", narratives=path / "narratives"))


NEXT_STEPS = (
    "put your figures in {data} (dirreport data template writes a workbook to fill in)",
    "write each section in {narratives} (en and cy), or send them to their owners in Word: "
    "dirreport sections export --project {path}",
    "dirreport build {path} --draft   to see the report so far, marked DRAFT",
    "dirreport check {path}   for what is still missing before it can be published",
    "dirreport status {path}   for each section's state, owner and translation",
)


@cli.command()
@click.argument("project_dir", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("--port", default=8000, show_default=True)
@click.option("--lang", default="en", type=click.Choice(["en", "cy"]))
def preview(project_dir: Path, port: int, lang: str) -> None:
    """Rebuild the HTML on every save and serve it on 127.0.0.1 with live reload."""
    from dirreport.cli.preview import serve

    serve(project_dir, port, lang)


cli.add_command(data)
cli.add_command(sections)
cli.add_command(translate)

REPORT_FAULT = (
    "internal error: this is a fault in dirreport {version}, not in your project ({what}); "
    "please report it to dirreport's maintainers with the command you ran and what it prints with "
    "--verbose"
)


def _fault(error: BaseException, verbose: bool) -> int:
    """A bug in dirreport: say so on one line, and show the traceback only to those who ask for it."""
    import traceback
    from importlib.metadata import PackageNotFoundError, version

    if verbose:
        traceback.print_exception(error, file=sys.stderr)
    try:
        release = version("dirreport")
    except PackageNotFoundError:
        release = "(not installed)"
    what = " ".join(f"{type(error).__name__}: {error}".split()).rstrip(": ")
    click.echo(REPORT_FAULT.format(version=release, what=what), err=True)
    return EXIT_INTERNAL


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        cli.main(args=args, prog_name="dirreport", standalone_mode=False)
    except DirreportError as error:
        _problems(error)
        return error.exit_code
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        return EXIT_USAGE
    except click.ClickException as error:
        error.show()
        return EXIT_USAGE
    except SystemExit as exit_:
        return int(exit_.code or 0) if isinstance(exit_.code, int) else EXIT_USAGE
    except KeyboardInterrupt:
        click.echo("Interrupted; the previous report was left as it was.", err=True)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except OSError as error:
        if error.errno in DISK_FULL:
            click.echo(f"error: {disk_full(error, args)}", err=True)
            return EXIT_USAGE
        if error.filename is None:
            return _fault(error, "--verbose" in args or "-v" in args)
        # a folder that does not exist, a file open in Excel, a full disk: the machine's answer, not a fault
        click.echo(
            f"error: {error.filename}: {error.strerror or error}. check that the folder exists, that you may "
            "write there, and that the file is not open in another program.",
            err=True,
        )
        return EXIT_USAGE
    except Exception as error:  # anything else is dirreport's fault, never the user's
        return _fault(error, "--verbose" in args or "-v" in args)
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
