"""Reading the authority's own tables (finance, complaints, inspections) against their declared schema.

Each file is optional, CSV or XLSX (``data/finance.csv`` or ``data/finance.xlsx``), and checked like the
metrics: every problem names the file, the row, what is wrong and how to put it right, and all of a
file's problems are reported together.  Impossible figures are refused with the rule they break (more
complaints answered in time than received), as the technical guidance's relationships are for metrics.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

from dirreport import cells
from dirreport.config.settings import Config, year_start
from dirreport.data.local_model import (
    COMPLAINT_SERVICES,
    COMPLAINT_STAGES,
    COMPLAINTS,
    FINANCE,
    INSPECTION_TYPES,
    INSPECTIONS,
    INSPECTORATES,
    SERVICE_AREAS,
    BudgetLine,
    ComplaintCount,
    Inspection,
    LocalSchema,
    LocalTables,
)
from dirreport.data.tables import RawTable, read_table
from dirreport.errors import Problem, ProblemCollector

Finder = Callable[[Path, str], Path | None]
_CODE = re.compile(r"^[a-z][a-z0-9-]*$")


def load_local_tables(config: Config, find: Finder, collector: ProblemCollector, files: dict[str, str]) -> LocalTables:
    """Whichever of the three tables the project has, read and checked; ``files`` gains their names."""
    tables: dict[str, RawTable] = {}
    for schema in (FINANCE, COMPLAINTS, INSPECTIONS):
        path = find(config.root, schema.stem)
        if path is None:
            continue
        name = f"data/{path.name}"
        files[schema.stem] = name
        tables[schema.stem] = read_table(path, name, schema.required)
    finance, labels = read_finance(tables["finance"], config, collector) if "finance" in tables else ((), {})
    complaints = read_complaints(tables["complaints"], config, collector) if "complaints" in tables else ()
    inspections = read_inspections(tables["inspections"], config, collector) if "inspections" in tables else ()
    return LocalTables(finance, labels, complaints, inspections)


class _Rows:
    """One table's rows as text, with a way to report a problem at a row and column."""

    def __init__(self, table: RawTable, schema: LocalSchema, collector: ProblemCollector) -> None:
        self.table, self.schema, self.collector = table, schema, collector

    def __iter__(self):  # type: ignore[no-untyped-def]
        frame = self.table.frame
        for idx in frame.index:
            yield int(self.table.rows[idx]), {c: str(frame.at[idx, c]) for c in frame.columns}, idx

    def refuse(self, idx: object, message: str, column: str | None, hint: str) -> None:
        self.collector.add(
            self.table.problem(
                idx,
                message,
                column=column,
                hint=hint,
            )
        )


def _year(rows: _Rows, idx: object, text: str, config: Config) -> str | None:
    read = cells.financial_year(text)
    if isinstance(read, cells.Refusal):
        rows.refuse(idx, read.message, "year", read.hint)
        return None
    if year_start(read) > year_start(config.year):
        rows.refuse(
            idx,
            f"year {read} is after the report year {config.year}",
            "year",
            "remove rows for future years or change 'year' in _quarto.yml",
        )
        return None
    return read


def _amount(rows: _Rows, idx: object, record: dict[str, str], column: str, whole: bool, hint: str) -> float | None:
    """A number of pounds thousands or a count: present, finite, not negative (and whole for a count)."""
    text = record.get(column, "")
    read = cells.number(text)
    if isinstance(read, cells.Refusal):
        rows.refuse(idx, f"{column} {read.message}", column, read.hint)
        return None
    if read is None:
        rows.refuse(idx, f"{column} is empty", column, hint)
        return None
    if read < 0:
        rows.refuse(idx, f"{column} is {text}, but it cannot be negative", column, hint)
        return None
    if whole and read % 1 != 0:
        rows.refuse(idx, f"{column} counts complaints but has the fraction {text}", column, "write a whole number")
        return None
    return read


def read_finance(
    table: RawTable, config: Config, collector: ProblemCollector
) -> tuple[tuple[BudgetLine, ...], dict[str, dict[str, str]]]:
    rows = _Rows(table, FINANCE, collector)
    out: list[BudgetLine] = []
    labels: dict[str, dict[str, str]] = {}
    label_rows: dict[str, int] = {}
    seen: dict[tuple[str, str], int] = {}
    money = "write the amount in £ thousands, e.g. 45210 for £45.2 million"
    if "variance" in table.frame.columns:
        # one mistake, said once at the header row: a typed variance could disagree with its budget and outturn
        collector.add(
            Problem(
                "has a variance column, but the variance is worked out from the budget and the outturn",
                file=table.where,
                line=1,
                position_kind="row",
                column="variance",
                hint="delete the variance column, so the report's variance always equals outturn less budget",
            )
        )
        return (), {}
    for row, record, idx in rows:
        year = _year(rows, idx, record["year"], config)
        area = record["service_area"].lower()
        own = {"en": record.get("label_en", ""), "cy": record.get("label_cy", "")}
        area_ok = True
        if not _CODE.match(area):
            rows.refuse(
                idx,
                f"service area '{record['service_area']}' is not a code" if area else "service_area is empty",
                "service_area",
                "use adults, children or support, or a short code of your own in lower case (e.g. housing-support)",
            )
            area_ok = False
        elif area not in SERVICE_AREAS:
            if not own["en"] or not own["cy"]:
                rows.refuse(
                    idx,
                    f"service area '{area}' is not one of {', '.join(SERVICE_AREAS)} and has no name in "
                    + ("English and Welsh" if not own["en"] and not own["cy"] else "Welsh" if own["en"] else "English"),
                    "label_cy" if own["en"] else "label_en",
                    "give its name in the label_en and label_cy columns, or use one of the codes",
                )
                area_ok = False
            elif area in labels and labels[area] != own:
                rows.refuse(
                    idx,
                    f"service area '{area}' is named differently from row {label_rows[area]}",
                    "label_en",
                    "give each service area the same name on every row",
                )
                area_ok = False
            else:
                labels[area], label_rows[area] = own, label_rows.get(area, row)
        budget = _amount(rows, idx, record, "budget", False, money)
        outturn = _amount(rows, idx, record, "outturn", False, money)
        if year is None or not area_ok or budget is None or outturn is None:
            continue
        if (year, area) in seen:
            rows.refuse(
                idx,
                f"{area} in {year} is given twice (first on row {seen[(year, area)]})",
                None,
                "keep one row for each year and service area",
            )
            continue
        seen[(year, area)] = row
        out.append(BudgetLine(year, area, budget, outturn, row))
    return tuple(out), labels


def read_complaints(table: RawTable, config: Config, collector: ProblemCollector) -> tuple[ComplaintCount, ...]:
    rows = _Rows(table, COMPLAINTS, collector)
    out: list[ComplaintCount] = []
    seen: dict[tuple[str, str, str], int] = {}
    count_hint = "write the number of complaints as a whole number, 0 if there were none"
    for row, record, idx in rows:
        year = _year(rows, idx, record["year"], config)
        service = record["service"].lower()
        stage = record["stage"].lower().removeprefix("stage").strip()
        ok = year is not None
        if service not in COMPLAINT_SERVICES:
            rows.refuse(
                idx,
                f"service '{record['service']}' is not adults or children",
                "service",
                "the complaints procedure has two services: write adults or children",
            )
            ok = False
        if stage not in COMPLAINT_STAGES:
            rows.refuse(
                idx,
                f"stage '{record['stage']}' is not 1 or 2",
                "stage",
                "write 1 for local resolution or 2 for a formal investigation",
            )
            ok = False
        received = _amount(rows, idx, record, "received", True, count_hint)
        in_time = _amount(rows, idx, record, "responded_in_timescale", True, count_hint)
        optional: dict[str, float | None] = {}
        for column in ("upheld", "referred_to_ombudsman"):
            optional[column] = (
                _amount(rows, idx, record, column, True, count_hint) if record.get(column, "") != "" else None
            )
            if record.get(column, "") != "" and optional[column] is None:
                ok = False
        if not ok or received is None or in_time is None:
            continue
        broken = False
        for column, value in (("responded_in_timescale", in_time), *optional.items()):
            if value is not None and value > received:
                rows.refuse(
                    idx,
                    f"{column} ({value:.0f}) is more than received ({received:.0f}): a part is never more than "
                    "its whole",
                    column,
                    f"{column} counts some of the complaints received at this stage; check the two figures",
                )
                broken = True
        if broken:
            continue
        assert year is not None
        key = (year, service, stage)
        if key in seen:
            rows.refuse(
                idx,
                f"{service} stage {stage} in {year} is given twice (first on row {seen[key]})",
                None,
                "keep one row for each year, service and stage",
            )
            continue
        seen[key] = row
        upheld, ombudsman = (None if v is None else int(v) for v in optional.values())
        out.append(ComplaintCount(year, service, stage, int(received), int(in_time), upheld, ombudsman, row))
    return tuple(out)


def fiscal_year(day: dt.date) -> str:
    """The financial year (1 April to 31 March) a date falls in."""
    start = day.year if day.month >= 4 else day.year - 1
    return f"{start}-{(start + 1) % 100:02d}"


def read_date(text: str) -> dt.date | None:
    """2023-11-17 (as Excel also gives it), or 17/11/2023 as written in the UK."""
    text = text.strip().split(" ")[0].split("T")[0]
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def read_inspections(table: RawTable, config: Config, collector: ProblemCollector) -> tuple[Inspection, ...]:
    rows = _Rows(table, INSPECTIONS, collector)
    out: list[Inspection] = []
    last_day = dt.date(year_start(config.year) + 1, 3, 31)
    for row, record, idx in rows:
        ok = True
        day = read_date(record["date"])
        if day is None:
            rows.refuse(
                idx,
                f"date '{record['date']}' is not a date" if record["date"] else "date is empty",
                "date",
                "write it as 2023-11-17 or 17/11/2023",
            )
            ok = False
        elif day > last_day:
            rows.refuse(
                idx,
                f"date {day.isoformat()} is after the end of the report year {config.year}",
                "date",
                "remove inspections after 31 March of the report year, or check the date",
            )
            ok = False
        kind, body = record["type"].lower(), record["inspectorate"].lower()
        if kind not in INSPECTION_TYPES:
            rows.refuse(
                idx, f"type '{record['type']}' is not known", "type", "use one of " + ", ".join(INSPECTION_TYPES)
            )
            ok = False
        if body not in INSPECTORATES:
            rows.refuse(
                idx,
                f"inspectorate '{record['inspectorate']}' is not known",
                "inspectorate",
                "use one of " + ", ".join(INSPECTORATES),
            )
            ok = False
        for column in ("setting_en", "setting_cy", "outcome_en", "outcome_cy"):
            if not record[column].strip():
                rows.refuse(
                    idx,
                    f"{column} is empty",
                    column,
                    "both editions print the setting and the outcome: write them in "
                    + ("English" if column.endswith("_en") else "Welsh"),
                )
                ok = False
        link = record.get("link", "").strip()
        if link and not re.match(r"^https?://[^\s]+$", link):
            rows.refuse(idx, f"link '{link}' is not a web address", "link", "write it as https://… or leave it empty")
            ok = False
        if not ok or day is None:
            continue
        out.append(
            Inspection(
                day,
                fiscal_year(day),
                kind,
                body,
                {"en": record["setting_en"], "cy": record["setting_cy"]},
                {"en": record["outcome_en"], "cy": record["outcome_cy"]},
                link,
                row,
            )
        )
    return tuple(sorted(out, key=lambda i: (i.date, i.row)))
