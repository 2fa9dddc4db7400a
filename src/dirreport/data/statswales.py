"""Importing a StatsWales data table into ``data/metrics.csv``.

StatsWales publishes long tables in several shapes (``statswales_shapes``):
years written ``202425`` or ``2024/25``, the published shorthand in a note
column, and ``*`` or ``..`` in place of values.  ``dirreport data import FILE``
maps each row onto a metrics row (authority, year, metric, value, note), says
what it mapped and what it could not, and never replaces a figure of the
authority's own return without saying so: such a figure is kept unless
``--replace-own`` is given, and then each replacement is listed.  Only the
rows it adds or changes are written (``metrics_file``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from dirreport import cells
from dirreport.catalogue import WALES, Catalogue
from dirreport.config.settings import Config
from dirreport.data import statswales_shapes as shapes
from dirreport.data.metrics_file import Line, MetricsFile, read_metrics_file, write_new_metrics_file
from dirreport.data.tables import read_grid
from dirreport.errors import InputError, Problem, ProblemCollector

METRICS_FILE = "data/metrics.csv"


@dataclass
class ImportReport:
    """What an import did, row by row where it matters."""

    added: int = 0
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    kept_own: list[str] = field(default_factory=list)
    replaced_own: list[str] = field(default_factory=list)
    skipped: dict[str, list[int]] = field(default_factory=dict)  # why a row was not mapped -> its rows
    header_row: int = 1
    left_out: int = 0  # rows --where did not choose
    note_column_added: bool = False

    def lines(self, source: str, written: bool) -> list[str]:
        out = [
            f"{source}: {self.added} row{'' if self.added == 1 else 's'} added, {len(self.updated)} updated, "
            f"{self.unchanged} already up to date, {self.not_mapped} not mapped"
            + ("" if written else " (nothing written: --dry-run)")
        ]
        if self.header_row > 1:
            out.append(f"  the header is on row {self.header_row}; the rows above it were read as its title")
        if self.left_out:
            out.append(f"  {self.left_out} rows left out by --where")
        if self.note_column_added:
            out.append(f"  added a note column to {METRICS_FILE} for the shorthand the table gives")
        out += [f"  updated {line}" for line in self.updated]
        out += [f"  kept your own return's figure: {line}" for line in self.kept_own]
        if self.kept_own:
            out.append("  (give --replace-own to take StatsWales' figures for your own authority instead)")
        out += [f"  replaced your own return's figure: {line}" for line in self.replaced_own]
        out += [f"  not mapped: {line}" for line in self.reasons()]
        return out

    @property
    def not_mapped(self) -> int:
        return sum(len(rows) for rows in self.skipped.values())

    def skip(self, row: int, why: str) -> None:
        self.skipped.setdefault(why, []).append(row)

    def reasons(self) -> list[str]:
        """Each reason once, with the rows it holds for: a whole dataset has many rows of other measures."""
        out = []
        for why, rows in self.skipped.items():
            shown = ", ".join(str(r) for r in rows[:5]) + (f" and {len(rows) - 5} more" if len(rows) > 5 else "")
            out.append(f"row{'s' if len(rows) > 1 else ''} {shown}: {why}")
        return out


def _area_names(catalogue: Catalogue, config: Config) -> dict[str, str]:
    """Every code and name an area is written with (compared without case), to its ONS code."""
    names: dict[str, str] = {}
    for code, authority in catalogue.authorities.items():
        names[code.upper()] = code
        for lang in ("en", "cy"):
            names[shapes.normal_text(authority.name(lang))] = code
    names[config.authority.upper()] = config.authority
    for lang in ("en", "cy"):
        names.setdefault(shapes.normal_text(config.authority_name(lang)), config.authority)
    names.setdefault("wales", WALES)
    names.setdefault("cymru", WALES)
    return names


def _area(candidates: list[str], names: dict[str, str]) -> str | None:
    for text in candidates:
        for form in (
            text.strip().upper(),
            shapes.normal_text(text),
            shapes.normal_text(re.sub(r"^the ", "", text, flags=re.I)),
        ):
            if form in names:
                return names[form]
    return None


def _metric_codes(catalogue: Catalogue, mapping: dict[str, str]) -> Callable[[str], str | None]:
    """The catalogue's code for a StatsWales measure: the code itself, a mapping given, or its exact title.

    Titles and mappings are compared without case, repeated spaces or the difference between ' and ’; the
    lookup is made once, as a whole dataset repeats each measure on thousands of rows.
    """
    titles: dict[str, str] = {}
    for code, metric in catalogue.metrics.items():
        for lang in ("cy", "en"):
            titles[shapes.normal_text(metric.label(lang))] = code
    titles.update({code.upper(): code for code in catalogue.metrics})  # AD/018b is written AD/018B too
    titles.update({shapes.normal_text(k): v for k, v in mapping.items()})

    def code_of(text: str) -> str | None:
        return titles.get(text.strip().replace(" ", "").upper()) or titles.get(shapes.normal_text(text))

    return code_of


def import_table(
    root: Path,
    source: Path,
    mapping: dict[str, str],
    replace_own: bool,
    dry_run: bool,
    where: tuple[str, ...] = (),
) -> list[str]:
    """Read ``source``, merge it into data/metrics.csv and say what was done."""
    from dirreport.catalogue import LOCAL_CATALOGUE, load_catalogue
    from dirreport.config.settings import load_config

    config = load_config(root)
    catalogue = load_catalogue(config.root / LOCAL_CATALOGUE, LOCAL_CATALOGUE)
    name = source.name
    wanted = shapes.parse_where(where)
    grid, shape, where_name = _table_in(source, name)
    unknown_targets = {k: v for k, v in mapping.items() if v not in catalogue.metrics}
    if unknown_targets:
        raise InputError(
            Problem(
                f"--map names metric {', '.join(sorted(unknown_targets.values()))}, which is not in the catalogue",
                hint="'dirreport catalogue' lists the codes",
            )
        )
    body = [
        (number, row)
        for number, row in enumerate(grid[shape.header_row :], start=shape.header_row + 1)
        if sum(1 for c in row if c) > 1  # a blank line, or a note or source line under the table
    ]
    chosen = shapes.where_filter(shape, body, wanted, where_name)
    report = ImportReport(header_row=shape.header_row, left_out=len(body) - len(chosen))
    incoming = _rows(shape, chosen, catalogue, config, mapping, report, where_name)
    if not incoming:
        raise InputError(
            Problem(
                "has no rows that could be mapped onto the catalogue's metrics",
                file=where_name,
                hint="; ".join(report.reasons()[:3]) or "the table is empty",
            )
        )
    written = _merge(config, incoming, report, replace_own, dry_run)
    return report.lines(name, written)


def _table_in(source: Path, name: str) -> tuple[list[list[str]], shapes.Shape, str]:
    """The rows of the sheet that holds the table (a workbook may open with a cover or notes sheet)."""
    sheets = read_grid(source, name)
    refusal: InputError | None = None
    for grid, sheet in sheets:
        where_name = f"{name} (sheet {sheet})" if sheet else name
        try:
            return grid, shapes.find_shape(grid, where_name), where_name
        except InputError as exc:
            refusal = refusal or exc  # the first sheet's reason, if no sheet holds a table
    if refusal is None:
        raise InputError(Problem("has no sheets", file=name, hint="put the table on the first sheet"))
    raise refusal


def _role_cells(shape: shapes.Shape, role: str, row: list[str]) -> list[str]:
    dimension = shape.roles.get(role)
    if dimension is None:
        return []
    order = shapes.FACET_ORDER[role]
    return dimension.values(row, (*order, *(f for f in dimension.columns if f not in order)))


def _rows(
    shape: shapes.Shape,
    rows: list[tuple[int, list[str]]],
    catalogue: Catalogue,
    config: Config,
    mapping: dict[str, str],
    report: ImportReport,
    name: str,
) -> dict[tuple[str, str, str], tuple[str, str, int]]:
    """Each row mapped onto (authority, year, metric) -> (value, note, row); what cannot be mapped is listed."""
    names = _area_names(catalogue, config)
    metric_code = _metric_codes(catalogue, mapping)
    collector = ProblemCollector()
    incoming: dict[tuple[str, str, str], tuple[str, str, int]] = {}
    breakdown_of: dict[tuple[str, str, str], tuple[str, ...]] = {}  # the other columns' values of each key's row
    breakdowns: dict[int, set[str]] = {}
    twice: list[Problem] = []
    for row, cells_ in rows:

        def refuse(why: cells.Refusal, role: str, row: int = row) -> None:
            collector.add(
                Problem(
                    why.message, file=name, line=row, position_kind="row", column=shape.column_of(role), hint=why.hint
                )
            )

        def first(role: str, cells_: list[str] = cells_) -> str:
            found = _role_cells(shape, role, cells_)
            return found[0] if found else ""

        areas = _role_cells(shape, "authority", cells_)
        area = _area(areas, names)
        if area is None:
            shown = " / ".join(areas) or "blank"
            why = "is not a Welsh authority, Wales or this project's authority"
            if areas and all(a.isdigit() for a in areas):
                why = (
                    "is a StatsWales area number, which dirreport does not look up: keep the Area_AltCode1 "
                    "column (the ONS code, e.g. W06000015) or the area's name in the download"
                )
            report.skip(row, f"area '{shown}' {why}")
            continue
        measures = _role_cells(shape, "metric", cells_)
        code = next((c for c in map(metric_code, measures) if c), None)
        if code is None:
            measure = measures[-1] if measures else ""
            report.skip(
                row, f"measure '{measure}' is not a metric of the catalogue (map it with --map \"{measure}=CODE\")"
            )
            continue
        years = _role_cells(shape, "year", cells_)
        year: str | cells.Refusal = cells.Refusal("has no year", "write the financial year, e.g. 2024-25")
        for text in years:
            year = cells.financial_year(text)
            if isinstance(year, str):
                break
        if isinstance(year, cells.Refusal):
            refuse(year, "year")
            continue
        value = cells.value_cell(first("value"))
        if isinstance(value, cells.Refusal):
            refuse(value, "value")
            continue
        notes = cells.note_codes(first("note"))
        if isinstance(notes, cells.Refusal):
            refuse(notes, "note")
            continue
        note = " ".join(dict.fromkeys([*notes, *value.codes]))
        if value.status is not None:
            text = f"[{value.status}]"  # the marker as the Government Statistical Service writes it
        elif value.value is None:
            text = ""
        else:
            text = str(int(value.value)) if value.value.is_integer() else repr(value.value)
        key = (area, year, code)
        others = tuple(d.shown(cells_) for d in shape.others)
        if key in incoming:
            differ = [i for i, v in enumerate(others) if v != breakdown_of[key][i]]
            for i in differ:
                breakdowns.setdefault(i, set()).update((others[i], breakdown_of[key][i]))
            if not differ:
                twice.append(
                    Problem(
                        f"{code} for {area} in {year} is given twice (first on row {incoming[key][2]})",
                        file=name,
                        line=row,
                        position_kind="row",
                        hint="keep one row for each area, year and measure",
                    )
                )
            continue
        incoming[key] = (text, note, row)
        breakdown_of[key] = others
    if breakdowns:  # one problem for each column that splits the figures, not one for each row it doubles
        for i, values in breakdowns.items():
            dimension = shape.others[i]
            every = {d for _n, r in rows if (d := dimension.shown(r))}
            collector.add(shapes.breakdown_problem(dimension, values | every, name, shape.header_row))
    else:
        for problem in twice:
            collector.add(problem)
    collector.raise_if_any()
    return incoming


def _merge(
    config: Config,
    incoming: dict[tuple[str, str, str], tuple[str, str, int]],
    report: ImportReport,
    replace_own: bool,
    dry_run: bool,
) -> bool:
    target = config.root / METRICS_FILE
    existing: MetricsFile | None = read_metrics_file(target, METRICS_FILE) if target.exists() else None
    where: dict[tuple[str, str, str], Line] = {}
    if existing is not None:
        for _i, row_line in existing.rows():
            key = existing.key(row_line)
            if key is not None:
                where.setdefault(key, row_line)
    new_rows: list[list[str]] = []
    workbook = (config.root / "data" / "metrics.xlsx").exists()
    for key, (value, note, source_row) in incoming.items():
        if workbook and key[0] == config.authority:
            report.kept_own.append(
                f"{key[2]} for {key[0]} in {key[1]}: the return is in data/metrics.xlsx, "
                f"so the table's {_show([*key, value, note])} (row {source_row}) was not added"
            )
            continue
        line = where.get((key[0].upper(), key[1], key[2].upper()))
        if line is None or existing is None:
            new_rows.append([*key, value, note])
            if existing is not None:
                existing.append(*key, value, note)
            report.added += 1
            continue
        current = [*key, existing.cell(line, "value"), existing.cell(line, "note")]
        if (current[3], current[4]) == (value, note):
            report.unchanged += 1
            continue
        change = (
            f"{key[2]} for {key[0]} in {key[1]}: {_show(current)} in {METRICS_FILE}, "
            f"{_show([*key, value, note])} in the table (row {source_row})"
        )
        if key[0] == config.authority:
            if not replace_own:
                report.kept_own.append(change)
                continue
            report.replaced_own.append(change)
        else:
            report.updated.append(change)
        existing.set(line, value, note)
    report.note_column_added = existing is not None and existing.added_note_column
    if dry_run:
        return False
    if existing is None:
        write_new_metrics_file(target, new_rows)
    elif report.added or report.updated or report.replaced_own:
        existing.write(target)
    return True


def _show(record: list[str]) -> str:
    value = record[3] or "blank"
    return f"{value} [{record[4]}]" if len(record) > 4 and record[4] else value
