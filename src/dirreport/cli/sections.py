"""``dirreport sections``: sections sent to their owners as Word files, and their edits taken back."""

from __future__ import annotations

from pathlib import Path

import click


@click.group()
def sections() -> None:
    """Send sections to their owners as Word files, and take their edits back."""


@sections.command("export")
@click.option("--project", "project_dir", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("--lang", default="en", type=click.Choice(["en", "cy"]), show_default=True)
@click.option("--owner", help="Only this owner's sections (the 'owner:' of each narrative), in one Word file.")
@click.option("--per-owner", is_flag=True, help="One Word file per owner, a heading per section.")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the Word files (default: word/<lang>/ in the project).",
)
@click.option("--force", is_flag=True, help="Replace Word files already in the folder.")
def sections_export(
    project_dir: Path, lang: str, owner: str | None, per_owner: bool, out: Path | None, force: bool
) -> None:
    """Write each section (or each owner's sections) as a Word file to send to its author."""
    from dirreport.sections.export import export_sections

    for line in export_sections(project_dir, lang, owner, per_owner, out, force):
        click.echo(line)


@sections.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--project", "project_dir", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace a narrative even if it changed after its Word file was made.")
@click.option("--accept-changes", is_flag=True, help="Take the file's tracked changes (each is listed).")
@click.option("--dry-run", is_flag=True, help="Say what would change, and write nothing.")
def sections_import(
    files: tuple[Path, ...], project_dir: Path, force: bool, accept_changes: bool, dry_run: bool
) -> None:
    """Take sections edited in Word back into narratives/<lang>/, paragraph by paragraph."""
    from dirreport.sections.importing import import_sections

    for line in import_sections(project_dir, list(files), force, accept_changes, dry_run):
        click.echo(line)
