"""``dirreport data``: the workbook a performance team fills in, and StatsWales tables imported as downloaded."""

from __future__ import annotations

from pathlib import Path

import click


@click.group()
def data() -> None:
    """Data files: the template a performance team fills in, and StatsWales tables to import."""


@data.command("template")
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path), required=False)
@click.option("--project", "project_dir", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--table",
    type=click.Choice(["metrics", "finance", "complaints", "inspections"]),
    default="metrics",
    help="The table to start: the metrics (default) or one of the authority's own tables.",
)
@click.option("--force", is_flag=True, help="Replace a workbook of the same name written before.")
def data_template(target: Path | None, project_dir: Path, table: str, force: bool) -> None:
    """Write an XLSX workbook ready to fill in: the metrics (a sheet per group, a row per metric) or a local table."""
    from dirreport.cli.targets import is_workbook, writable

    target = target or Path(f"{table}-template.xlsx")
    writable(target, project_dir, force, "an Excel workbook", is_workbook)
    if table == "metrics":
        from dirreport.data.workbook import write_template_for_project

        path = write_template_for_project(project_dir, target)
    else:
        from dirreport.data.local_workbook import write_local_template

        path = write_local_template(project_dir, table, target)
    click.echo(f"wrote {path}")


@data.command("import")
@click.argument("source", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--project", "project_dir", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--map",
    "mappings",
    multiple=True,
    metavar="MEASURE=CODE",
    help='Map a StatsWales measure onto a metric code, e.g. --map "Adults assessed=AD/005" (repeatable).',
)
@click.option(
    "--replace-own",
    is_flag=True,
    help="Take the table's figures for this project's own authority where they differ (each is listed).",
)
@click.option(
    "--where",
    "where",
    multiple=True,
    metavar="COLUMN=VALUE",
    help="Keep only the rows whose column holds this value, for a table broken down further, e.g. --where "
    '"Age=All ages" (repeatable).',
)
@click.option("--dry-run", is_flag=True, help="Say what would change, and write nothing.")
def data_import(
    source: Path, project_dir: Path, mappings: tuple[str, ...], replace_own: bool, where: tuple[str, ...], dry_run: bool
) -> None:
    """Merge a StatsWales table, as downloaded (CSV or XLSX, English or Welsh headers), into data/metrics.csv."""
    from dirreport.data.statswales import import_table
    from dirreport.errors import InputError, Problem

    mapping: dict[str, str] = {}
    for item in mappings:
        measure, sep, code = item.rpartition("=")
        if not sep or not measure.strip() or not code.strip():
            raise InputError(Problem(f"--map '{item}' is not MEASURE=CODE", hint='write --map "Measure text=AD/024"'))
        mapping[measure.strip()] = code.strip()
    for line in import_table(project_dir, source, mapping, replace_own, dry_run, where):
        click.echo(line)
