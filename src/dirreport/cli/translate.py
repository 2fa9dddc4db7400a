"""``dirreport translate``: narrative exchanged with translators as XLIFF, and the record of Welsh written directly."""

from __future__ import annotations

from pathlib import Path

import click


@click.group()
def translate() -> None:
    """Exchange narrative with translators as XLIFF."""


@translate.command("export")
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path), default="translation.xlf")
@click.option("--project", "project_dir", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("--source", default="en", type=click.Choice(["en", "cy"]))
@click.option("--force", is_flag=True, help="Replace an XLIFF file of the same name written before.")
def translate_export(target: Path, project_dir: Path, source: str, force: bool) -> None:
    """Write XLIFF 2.0 of the source narratives, marking new or changed segments for translation."""
    from dirreport.cli.targets import is_xliff, writable
    from dirreport.xliff.exchange import export_xliff

    writable(target, project_dir, force, "an XLIFF file", is_xliff)
    summary = export_xliff(project_dir, target, source)
    click.echo(summary)


@translate.command("import")
@click.argument("source_file", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--project", "project_dir", default=".", type=click.Path(file_okay=False, path_type=Path))
def translate_import(source_file: Path, project_dir: Path) -> None:
    """Write translated segments from an XLIFF file back into the target-language narratives."""
    from dirreport.xliff.exchange import import_xliff

    summary = import_xliff(project_dir, source_file)
    click.echo(summary)


@translate.command("baseline")
@click.argument("files", nargs=-1)
@click.option("--project", "project_dir", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("--forget", is_flag=True, help="Undo: take these files' translations off the record.")
def translate_baseline(files: tuple[str, ...], project_dir: Path, forget: bool) -> None:
    """Record the Welsh narratives as up-to-date translations of the English (for Welsh written directly).

    Give FILES (e.g. narratives/cy/3a-i.md, or 3a-i) to record only those. Paragraphs that are still
    placeholders are never recorded. With --forget, the named files' records are removed instead.
    """
    from dirreport.config.settings import load_config
    from dirreport.errors import InputError, Problem
    from dirreport.xliff import baseline

    load_config(project_dir)  # a folder that is not a report project is said to be one, not silently passed over
    if forget:
        if not files:
            raise InputError(
                Problem(
                    "--forget needs the files to forget", file="--forget", hint="e.g. --forget narratives/cy/3a-i.md"
                )
            )
        click.echo(baseline.forget(project_dir, files))
        return
    click.echo(baseline.baseline(project_dir, files=files))
