"""Importing a StatsWales data table into ``data/metrics.csv``.

StatsWales publishes long tables with columns such as ``AreaCode, YearCode,
NoteCodes, Measure, Data``: years written ``202425`` or ``2024/25``, the
published shorthand in the note column, and ``*`` or ``..`` in place of
values.  ``dirreport data import FILE`` maps each row onto a metrics row
(authority, year, metric, value, note), says what it mapped and what it could
not, and never replaces a figure of the authority's own return without saying
so: such a figure is kept unless ``--replace-own`` is given, and then each
replacement is listed.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from dirreport import cells
from dirreport.catalogue import WALES, Catalogue
from dirreport.config.settings import Config
from dirreport.data.tables import read_table, write_csv
from dirreport.errors import InputError, Problem, ProblemCollector

# the names StatsWales and its users give each column, compared without case, spaces or underscores
COLUMN_NAMES = {
    "authority": ("areacode", "area", "localauthoritycode", "authority", "authoritycode"),
    "year": ("yearcode", "year", "financialyear"),
    "metric": ("measurecode", "measure", "metric", "metriccode", "indicatorcode", "indicator", "variable"),
    "value": ("data", "value"),
    "note": ("notecodes", "notecode", "notes", "note"),
}
METRICS_FILE = "data/metrics.csv"


@dataclass
class ImportReport:
    """What an import did, row by row where it matters."""

    added: int = 0
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    kept_own: list[str] = field(default_factory=list)
    replaced_own: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def lines(self, source: str, written: bool) -> list[str]:
        out = [
            f"{source}: {self.added} rows added, {len(self.updated)} updated, {self.unchanged} already up to date, "
            f"{len(self.skipped)} not mapped" + ("" if written else " (nothing written: --dry-run)")
        ]
        out += [f"  updated {line}" for line in self.updated]
        out += [f"  kept your own return's figure: {line}" for line in self.kept_own]
        if self.kept_own:
            out.append("  (give --replace-own to take StatsWales' figures for your own authority instead)")
        out += [f"  replaced your own return's figure: {line}" for line in self.replaced_own]
        out += [f"  not mapped: {line}" for line in self.skipped]
        return out


def _column(columns: Iterable[str], role: str) -> str | None:
    names = {re.sub(r"[\s_\-]", "", c.lower()): c for c in columns}
    return next((names[n] for n in COLUMN_NAMES[role] if n in names), None)


def _metric_code(text: str, catalogue: Catalogue, mapping: dict[str, str]) -> str | None:
    """The catalogue's code for a StatsWales measure: the code itself, a mapping given, or its exact title."""
    if text in mapping:
        return mapping[text]
    normal = text.strip().replace(" ", "").upper()
    by_upper = {code.upper(): code for code in catalogue.metrics}  # AD/018b is written AD/018B too
    if normal in by_upper:
        return by_upper[normal]
    wanted = " ".join(text.split()).lower()
    for code, metric in catalogue.metrics.items():
        if wanted in (" ".join(metric.label(lang).split()).lower() for lang in ("en", "cy")):
            return code
    return None


def import_table(root: Path, source: Path, mapping: dict[str, str], replace_own: bool, dry_run: bool) -> list[str]:
    """Read ``source``, merge it into data/metrics.csv and say what was done."""
    from dirreport.catalogue import LOCAL_CATALOGUE, load_catalogue
    from dirreport.config.settings import load_config

    config = load_config(root)
    catalogue = load_catalogue(config.root / LOCAL_CATALOGUE, LOCAL_CATALOGUE)
    name = source.name
    table = read_table(source, name, ())
    frame = table.frame
    columns = {role: _column(frame.columns, role) for role in COLUMN_NAMES}
    missing = [role for role in ("authority", "year", "metric", "value") if columns[role] is None]
    if missing:
        raise InputError(
            Problem(
                f"has no column for {', '.join(missing)} (found: {', '.join(frame.columns)})",
                file=name,
                line=1,
                position_kind="row",
                hint="a StatsWales data table has AreaCode, YearCode, Measure (or MeasureCode), "
                "Data and, optionally, NoteCodes",
            )
        )
    unknown_targets = {k: v for k, v in mapping.items() if v not in catalogue.metrics}
    if unknown_targets:
        raise InputError(
            Problem(
                f"--map names metric {', '.join(sorted(unknown_targets.values()))}, which is not in the catalogue",
                hint="'dirreport catalogue' lists the codes",
            )
        )
    known_areas = set(catalogue.authorities) | {config.authority, WALES}
    collector = ProblemCollector()
    report = ImportReport()
    incoming: dict[tuple[str, str, str], tuple[str, str, int]] = {}
    for idx in frame.index:
        row = int(table.rows[idx])

        def cell(role: str, idx: object = idx) -> str:
            column = columns[role]
            return str(frame.at[idx, column]).strip() if column is not None else ""

        def refuse(why: cells.Refusal, role: str, row: int = row) -> None:
            collector.add(
                Problem(why.message, file=name, line=row, position_kind="row", column=columns[role], hint=why.hint)
            )

        area, measure = cell("authority"), cell("metric")
        code = _metric_code(measure, catalogue, mapping)
        if area not in known_areas:
            report.skipped.append(
                f"row {row}: area '{area}' is not a Welsh authority, Wales or this project's authority"
            )
            continue
        if code is None:
            report.skipped.append(
                f"row {row}: measure '{measure}' is not a metric of the catalogue (map it with "
                f'--map "{measure}=CODE")'
            )
            continue
        year = cells.financial_year(cell("year"))
        if isinstance(year, cells.Refusal):
            refuse(year, "year")
            continue
        value = cells.value_cell(cell("value"))
        if isinstance(value, cells.Refusal):
            refuse(value, "value")
            continue
        notes = cells.note_codes(cell("note"))
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
        if key in incoming:
            collector.add(
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
    collector.raise_if_any()
    if not incoming:
        raise InputError(
            Problem(
                "has no rows that could be mapped onto the catalogue's metrics",
                file=name,
                hint="; ".join(report.skipped[:3]) or "the table is empty",
            )
        )
    written = _merge(config, incoming, report, replace_own, dry_run, catalogue)
    return report.lines(name, written)


def _merge(
    config: Config,
    incoming: dict[tuple[str, str, str], tuple[str, str, int]],
    report: ImportReport,
    replace_own: bool,
    dry_run: bool,
    catalogue: Catalogue,
) -> bool:
    target = config.root / METRICS_FILE
    header = ["authority", "year", "metric", "value", "note"]
    rows: list[list[str]] = []
    where: dict[tuple[str, str, str], int] = {}
    if target.exists():
        existing = read_table(target, METRICS_FILE, ("authority", "year", "metric", "value"))
        has_note = "note" in existing.frame.columns
        for idx in existing.frame.index:
            record = [str(existing.frame.at[idx, c]) for c in ("authority", "year", "metric", "value")]
            record.append(str(existing.frame.at[idx, "note"]) if has_note else "")
            year = cells.financial_year(record[1])
            key = (record[0], year if isinstance(year, str) else record[1], record[2])
            where[key] = len(rows)
            rows.append(record)
    workbook = (config.root / "data" / "metrics.xlsx").exists()
    for key, (value, note, source_row) in incoming.items():
        if workbook and key[0] == config.authority:
            report.kept_own.append(
                f"{key[2]} for {key[0]} in {key[1]}: the return is in data/metrics.xlsx, "
                f"so the table's {_show([*key, value, note])} (row {source_row}) was not added"
            )
            continue
        if key not in where:
            rows.append([*key, value, note])
            report.added += 1
            continue
        current = rows[where[key]]
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
        current[3], current[4] = value, note
    if dry_run:
        return False
    if not any(r[4] for r in rows):
        header, rows = header[:4], [r[:4] for r in rows]
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".importing")
    write_csv(partial, header, rows)
    os.replace(partial, target)  # the old file stays whole until the new one is complete
    return True


def _show(record: list[str]) -> str:
    value = record[3] or "blank"
    return f"{value} [{record[4]}]" if len(record) > 4 and record[4] else value
