"""The project's data, read and validated into a Dataset.

Only this module reads ``data/``.  Every problem names the file, the row the
user sees in a spreadsheet, what is wrong and how to put it right; problems
are gathered over the whole file so one run reports them all.  Consistency
rules come from the catalogue: a part may not exceed its whole, mutually
exclusive parts may not sum past their total, counts are never negative.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from dirreport import cells
from dirreport.catalogue import POPULATION_BANDS, SURVEY_GROUPS, Catalogue
from dirreport.config.settings import Config, year_start
from dirreport.data.tables import RawTable, read_table
from dirreport.errors import InputError, Problem, ProblemCollector

if TYPE_CHECKING:
    import pandas as pd

METRICS_COLUMNS = ("authority", "year", "metric", "value")
POPULATION_COLUMNS = ("authority", "year", "age_band", "population")
SURVEY_COLUMNS = ("authority", "year", "measure", "group", "respondents", "positive")
STORIES_COLUMNS = ("id", "consent", "en", "cy")
IMPROVEMENTS_COLUMNS = ("id", "part", "en", "cy")

MetricKey = tuple[str, str, str]


@dataclass(frozen=True)
class SurveyCount:
    respondents: int
    positive: int


@dataclass(frozen=True)
class Story:
    """A person's words, usable only with their recorded consent."""

    id: str
    consent: bool
    text: Mapping[str, str]
    attribution: Mapping[str, str]
    row: int


@dataclass(frozen=True)
class Improvement:
    """An area for improvement named in last year's report."""

    id: str
    part: str
    text: Mapping[str, str]


@dataclass(frozen=True)
class Dataset:
    metrics: Mapping[MetricKey, float | None]
    population: Mapping[tuple[str, str, str], int]
    survey: Mapping[tuple[str, str, str, str], SurveyCount]
    stories: Mapping[str, Story] = field(default_factory=dict)
    improvements: tuple[Improvement, ...] = ()
    metric_rows: Mapping[MetricKey, int] = field(default_factory=dict)
    files: Mapping[str, str] = field(default_factory=dict)
    # StatsWales shorthand for a value, from a marker in its cell or its note column (see cells.py);
    # a value whose status hides it (c, x, z, low) is None in ``metrics``
    notes: Mapping[MetricKey, tuple[str, ...]] = field(default_factory=dict)

    @property
    def authorities(self) -> list[str]:
        return sorted({a for a, _, _ in self.metrics})

    def value(self, authority: str, year: str, code: str) -> float | None:
        return self.metrics.get((authority, year, code))

    def status(self, key: MetricKey) -> str | None:
        """The status that stands in place of this value (confidential, not available …), if any."""
        return next((c for c in self.notes.get(key, ()) if c in cells.HIDING), None)


def _cell(frame: pd.DataFrame, index: object, column: str) -> str:
    """A cell as text: the readers keep every cell as a string until it is validated."""
    return str(frame.at[index, column])


def find_data_file(root: Path, stem: str) -> Path | None:
    """``data/<stem>.xlsx`` or ``.csv``; both at once is refused, since one would silently be ignored.

    The one exception is the metrics template workbook beside a metrics CSV of other authorities'
    figures (comparators): ``load_dataset`` reads both and refuses a figure given in both.
    """
    found = [p for ext in (".xlsx", ".csv") if (p := root / "data" / f"{stem}{ext}").exists() or p.is_symlink()]
    if len(found) > 1 and not (stem == "metrics" and _is_template_workbook(found[0])):
        raise InputError(Problem(
            f"data/{stem}.xlsx and data/{stem}.csv are both present, and only one can be used",
            file=f"data/{stem}.xlsx", hint=f"delete or rename the one that is out of date (e.g. to {stem}-old.csv), "
            "so the figures published are the ones you edited"))
    return found[0] if found else None


def load_dataset(config: Config, catalogue: Catalogue) -> Dataset:
    root = config.root
    collector = ProblemCollector()
    files: dict[str, str] = {}

    metrics_path = find_data_file(root, "metrics")
    if metrics_path is None:
        raise InputError(Problem("no metrics file", file="data/metrics.csv",
                                 hint="add data/metrics.csv (authority,year,metric,value) or data/metrics.xlsx"))
    metrics_name = _rel(metrics_path, root)
    files["metrics"] = metrics_name
    comparators: dict[MetricKey, float | None] = {}
    if (metrics_path.suffix.lower() == ".xlsx" and not metrics_path.is_symlink()
            and _is_template_workbook(metrics_path)):
        from dirreport.data.workbook import read_template_workbook

        table = read_template_workbook(metrics_path, metrics_name, config, catalogue)
        csv_path = root / "data" / "metrics.csv"
        comparator_notes: dict[MetricKey, tuple[str, ...]] = {}
        if csv_path.is_file():
            # the workbook holds this authority's return; the CSV may add other authorities and Wales
            files["comparators"] = "data/metrics.csv"
            others = read_table(csv_path, "data/metrics.csv", METRICS_COLUMNS)
            ours = others.frame["authority"] == config.authority
            for idx in others.frame.index[ours][:1]:
                collector.add(Problem(
                    f"has figures for {config.authority}, this project's own authority, which "
                    f"{metrics_name} also holds (first on row {int(others.rows[idx])}, "
                    f"{int(ours.sum())} rows in all); the workbook's would be used and these ignored",
                    file="data/metrics.csv", line=int(others.rows[idx]), position_kind="row",
                    hint=f"keep this authority's return in one place: enter the figures in {metrics_name} and "
                    "delete these rows, or delete the workbook"))
            others = RawTable(others.name, others.frame[~ours], others.rows[~ours])
            comparators, _, comparator_notes = _metrics(others, config, catalogue, collector)
    else:
        table = read_table(metrics_path, metrics_name, METRICS_COLUMNS)
        comparator_notes = {}
    metrics, rows, notes = _metrics(table, config, catalogue, collector)
    metrics.update(comparators)
    notes.update(comparator_notes)
    _require_own_rows(table, config, collector)

    population: dict[tuple[str, str, str], int] = {}
    pop_path = find_data_file(root, "population")
    if pop_path is not None:
        files["population"] = _rel(pop_path, root)
        population = _population(read_table(pop_path, files["population"], POPULATION_COLUMNS),
                                  config, catalogue, collector)

    survey: dict[tuple[str, str, str, str], SurveyCount] = {}
    survey_path = find_data_file(root, "survey")
    if survey_path is not None:
        files["survey"] = _rel(survey_path, root)
        survey = _survey(read_table(survey_path, files["survey"], SURVEY_COLUMNS), config, catalogue, collector)

    stories: dict[str, Story] = {}
    stories_path = find_data_file(root, "stories")
    if stories_path is not None:
        files["stories"] = _rel(stories_path, root)
        stories = _stories(read_table(stories_path, files["stories"], STORIES_COLUMNS), collector)

    improvements: tuple[Improvement, ...] = ()
    imp_path = find_data_file(root, "last-year-improvements")
    if imp_path is not None:
        files["improvements"] = _rel(imp_path, root)
        improvements = _improvements(read_table(imp_path, files["improvements"], IMPROVEMENTS_COLUMNS), collector)

    collector.raise_if_any()
    dataset = Dataset(metrics, population, survey, stories, improvements, rows, files, notes)
    consistency = consistency_problems(dataset, catalogue, metrics_name)
    if consistency:
        raise InputError(consistency)
    return dataset


def _rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _is_template_workbook(path: Path) -> bool:
    from dirreport.data.workbook import is_template_workbook

    return is_template_workbook(path)


def _known_authorities(config: Config, catalogue: Catalogue) -> set[str]:
    return set(catalogue.authorities) | {config.authority}



def _require_own_rows(table: RawTable, config: Config, collector: ProblemCollector) -> None:
    """No row for the project's authority means the code in _quarto.yml or in the file is wrong: say which."""
    if len(table) == 0 or (table.frame["authority"] == config.authority).any():
        return
    if any(p.file == "_quarto.yml" and "has no rows in the data" in p.message for p in collector.problems):
        return  # said already, naming the code the rows carry
    codes = table.frame["authority"].value_counts()
    listed = ", ".join(f"'{code}' ({count} rows)" for code, count in codes.head(3).items())
    collector.add(Problem(
        f"authority '{config.authority}' has no rows in {table.where}, whose rows are for {listed}",
        file="_quarto.yml", line=_setting_line(config.root, "authority"),
        hint=f"correct 'authority' here, or the authority column of {table.where}, so the two match"))


def _setting_line(root: Path, key: str) -> int | None:
    """The line of a ``dirreport:`` setting in _quarto.yml, for a message caused by its value."""
    from dirreport.config.settings import CONFIG_FILE, located_line

    return located_line(root / CONFIG_FILE, "dirreport", key)


def _check_common(
    table: RawTable,
    config: Config,
    catalogue: Catalogue,
    collector: ProblemCollector,
) -> pd.Series:
    """Authority and year checks shared by every long-format file; returns rows that pass."""
    import pandas as pd  # imported when data is read: a rebuild that reads none starts faster

    frame = table.frame
    ok = pd.Series(True, index=frame.index)
    known = _known_authorities(config, catalogue)
    bad_auth = ~frame["authority"].isin(known)
    own_rows = bool((frame["authority"] == config.authority).any())
    unknown_codes: dict[str, list[object]] = {}
    for idx in frame.index[bad_auth]:
        unknown_codes.setdefault(_cell(frame, idx, "authority"), []).append(idx)
    for value, indexes in unknown_codes.items():
        # one line per code, not per row: a mistyped code is one mistake, however many rows carry it
        first = indexes[0]
        if value and not own_rows:
            # no row is for the project's authority: the code in _quarto.yml is the likelier mistake
            cause = Problem(f"authority '{config.authority}' has no rows in the data, whose rows are for '{value}' "
                            f"({table.where} and others)", file="_quarto.yml",
                            line=_setting_line(config.root, "authority"),
                            hint=f"if '{value}' is this project's authority, correct 'authority' here; otherwise "
                            f"correct the authority column of {table.where}")
            if not any(p.file == cause.file and p.message.startswith(cause.message.split(" (")[0])
                       for p in collector.problems):
                collector.add(cause)
            continue
        more = f" (and {len(indexes) - 1} more rows)" if len(indexes) > 1 else ""
        hint = f"use a code from 'dirreport catalogue --authorities' or this project's own ({config.authority})"
        collector.add(Problem(
            (f"authority '{value}' is not a known ONS code" if value else "authority is empty") + more,
            file=table.where_of(first), line=int(table.rows[first]), position_kind="row", column="authority",
            hint=hint,
        ))
    ok &= ~bad_auth
    # 2024/25, 202425 and 2024-2025 are the same financial year as 2024-25
    read = {text: cells.financial_year(text) for text in frame["year"].unique()}
    canonical = {text: y for text, y in read.items() if isinstance(y, str)}
    if any(text != y for text, y in canonical.items()):
        frame["year"] = frame["year"].map(lambda t: canonical.get(t, t))
    refused = {text: y for text, y in read.items() if isinstance(y, cells.Refusal)}
    well_formed = ~table.frame["year"].isin(list(refused))
    years = frame["year"]
    for idx in frame.index[~well_formed]:
        why = refused[years[idx]]
        collector.add(Problem(
            why.message, file=table.where_of(idx), line=int(table.rows[idx]), position_kind="row", column="year",
            hint=why.hint,
        ))
    ok &= well_formed
    start = pd.to_numeric(years.str[:4], errors="coerce")
    future = well_formed & (start > year_start(config.year))
    for idx in frame.index[future]:
        collector.add(Problem(
            f"year {years[idx]} is after the report year {config.year}",
            file=table.where_of(idx), line=int(table.rows[idx]), position_kind="row", column="year",
            hint="remove rows for future years or change 'year' in _quarto.yml",
        ))
    ok &= ~future
    return ok


def _metrics(
    table: RawTable, config: Config, catalogue: Catalogue, collector: ProblemCollector
) -> tuple[dict[MetricKey, float | None], dict[MetricKey, int], dict[MetricKey, tuple[str, ...]]]:
    import pandas as pd  # imported when data is read: a rebuild that reads none starts faster

    frame = table.frame

    def value_column(idx: object) -> str:
        """Where the value is: the 'value' column of a CSV, or a year's column of the template workbook."""
        return _cell(frame, idx, "year") if table.sheets is not None else "value"

    ok = _check_common(table, config, catalogue, collector)
    known = frame["metric"].isin(catalogue.metrics.keys())
    for idx in frame.index[~known]:
        code = _cell(frame, idx, "metric")
        collector.add(Problem(
            f"metric '{code}' is not in the catalogue" if code else "metric is empty",
            file=table.where_of(idx), line=int(table.rows[idx]), position_kind="row", column="metric",
            hint=_suggest_code(code, catalogue) or "check the code against the technical guidance "
            "('dirreport catalogue' lists them) or define it in data/local-catalogue.yml",
        ))
    ok &= known
    values, marked, refused = _read_values(frame["value"])
    for idx, why in refused.items():
        collector.add(Problem(
            f"value {why.message}", file=table.where_of(idx), line=int(table.rows[idx]), position_kind="row",
            column=value_column(idx), hint=why.hint,
        ))
    not_number = frame.index.isin(list(refused))
    ok &= ~not_number
    notes: dict[object, tuple[str, ...]] = {idx: tuple(codes.split()) for idx, codes in marked.items()}
    note_column = next((c for c in ("note", "notes", "notecodes") if c in frame.columns), None)
    if note_column is not None:
        for idx in frame.index[frame[note_column] != ""]:
            codes = cells.note_codes(_cell(frame, idx, note_column))
            if isinstance(codes, cells.Refusal):
                collector.add(Problem(codes.message, file=table.where_of(idx), line=int(table.rows[idx]),
                                      position_kind="row", column=note_column, hint=codes.hint))
                ok[idx] = False
                continue
            hiding = [cells.NOTE_STATUS[c] for c in codes if c in cells.NOTE_STATUS]
            given = values[idx]
            if hiding and hiding[0] in (cells.NOT_AVAILABLE, cells.NOT_APPLICABLE) and not pd.isna(given):
                collector.add(Problem(
                    f"{_cell(frame, idx, 'metric')} has the value {_cell(frame, idx, 'value')} but its note says "
                    f"{cells.NOTE_CODES[codes[0] if codes[0] in cells.NOTE_STATUS else 'x']}",
                    file=table.where_of(idx), line=int(table.rows[idx]), position_kind="row", column=note_column,
                    hint="leave the value blank for a figure that is not available or not applicable, "
                    "or remove the note"))
                ok[idx] = False
                continue
            statuses = tuple(dict.fromkeys([*notes.get(idx, ()), *hiding]))
            notes[idx] = (*statuses, *(c for c in codes if c not in cells.NOTE_STATUS))
            if hiding:
                values[idx] = float("nan")  # confidential or a low figure: the number is never published
    negative = values < 0
    for idx in frame.index[negative]:
        collector.add(Problem(
            f"{_cell(frame, idx, 'metric')} is {_cell(frame, idx, 'value')}, but counts cannot be negative",
            file=table.where_of(idx), line=int(table.rows[idx]), position_kind="row", column=value_column(idx),
            hint="correct the value; a count is zero or more",
        ))
    ok &= ~negative
    units = frame["metric"].map(lambda c: catalogue.metrics[c].unit if c in catalogue.metrics else "")
    fractional = (units == "count") & values.notna() & (values % 1 != 0)
    for idx in frame.index[fractional]:
        collector.add(Problem(
            f"{_cell(frame, idx, 'metric')} counts people or events but has the fraction {_cell(frame, idx, 'value')}",
            file=table.where_of(idx), line=int(table.rows[idx]), position_kind="row", column=value_column(idx),
            hint="counts are whole numbers; check the value",
        ))
    ok &= ~fractional
    keys = frame["authority"] + "\x00" + frame["year"] + "\x00" + frame["metric"]
    dup = keys.duplicated(keep="first") & ok
    if dup.any():
        first_row = {k: int(table.rows[i]) for i, k in keys[~keys.duplicated(keep="first")].items()}
        for idx in frame.index[dup]:
            collector.add(Problem(
                f"{_cell(frame, idx, 'metric')} for {_cell(frame, idx, 'authority')} in {_cell(frame, idx, 'year')} "
                f"is given twice (first on row {first_row[keys[idx]]})",
                file=table.where_of(idx), line=int(table.rows[idx]), position_kind="row",
                hint="keep one row for each authority, year and metric",
            ))
    ok &= ~dup
    good = frame[ok]
    result: dict[MetricKey, float | None] = {}
    rows: dict[MetricKey, int] = {}
    key_notes: dict[MetricKey, tuple[str, ...]] = {}
    for idx, key, value, row in zip(
        good.index,
        zip(good["authority"], good["year"], good["metric"], strict=True),
        values[ok],
        table.rows[ok],
        strict=True,
    ):
        result[key] = None if pd.isna(value) else float(value)
        rows[key] = int(row)
        if idx in notes:
            key_notes[key] = notes[idx]
    return result, rows, key_notes


def _read_values(column: pd.Series) -> tuple[pd.Series, dict[object, str], dict[object, cells.Refusal]]:
    """Numbers of a value column, with each cell's shorthand (space-separated codes) and the cells that cannot be read.

    Plain numbers take pandas' fast path; only the rest (thousands separators, markers, mistakes)
    are read one by one, so a million-row file stays quick.
    """
    import pandas as pd  # imported when data is read: a rebuild that reads none starts faster

    values = pd.to_numeric(column.where(~column.str.contains(",", regex=False), ""), errors="coerce")
    values = values.where(column != "")
    marked: dict[object, str] = {}
    refused: dict[object, cells.Refusal] = {}
    suspect = (values.isna() & (column != "")) | ~values.abs().le(cells.LARGEST) & values.notna()
    for idx in column.index[suspect]:
        read = cells.value_cell(str(column[idx]))
        if isinstance(read, cells.Refusal):
            refused[idx] = read
            values[idx] = float("nan")
        else:
            values[idx] = float("nan") if read.value is None else read.value
            if read.status is not None or read.codes:
                marked[idx] = " ".join([*([read.status] if read.status else []), *read.codes])
    return values, marked, refused


def _suggest_code(code: str, catalogue: Catalogue) -> str | None:
    import difflib

    normal = code.upper().replace(" ", "").replace("\\", "/").replace("-", "/")
    if normal in catalogue.metrics and normal != code:
        return f"did you mean {normal}?"
    close = difflib.get_close_matches(normal, list(catalogue.metrics), n=1, cutoff=0.85)
    return f"did you mean {close[0]}?" if close else None


def _population(
    table: RawTable, config: Config, catalogue: Catalogue, collector: ProblemCollector
) -> dict[tuple[str, str, str], int]:
    import pandas as pd  # imported when data is read: a rebuild that reads none starts faster

    frame = table.frame
    ok = _check_common(table, config, catalogue, collector)
    band_ok = frame["age_band"].isin(POPULATION_BANDS)
    for idx in frame.index[~band_ok]:
        collector.add(Problem(
            f"age band '{_cell(frame, idx, 'age_band')}' is not one of " + ", ".join(POPULATION_BANDS),
            file=table.where_of(idx), line=int(table.rows[idx]), position_kind="row", column="age_band",
            hint="use the four bands 0-17, 18-64, 65-74, 75+",
        ))
    values = pd.Series(float("nan"), index=frame.index)
    bad = pd.Series(False, index=frame.index)
    for idx in frame.index:
        text = _cell(frame, idx, "population")
        read = cells.number(text)
        why: str | None = None
        hint = "write the mid-year estimate as a whole number"
        if isinstance(read, cells.Refusal):
            why, hint = f"population {read.message}", read.hint
        elif read is None or read < 0 or read % 1 != 0:
            why = f"population '{text}' is not a whole number"
        elif read == 0:
            why = f"population of {_cell(frame, idx, 'age_band')} is 0, and rates per head cannot be worked out from it"
            hint = "write the mid-year estimate for the age band, or remove the row if you do not have it"
        if why is not None:
            bad[idx] = True
            collector.add(Problem(why, file=table.where_of(idx), line=int(table.rows[idx]), position_kind="row",
                                  column="population", hint=hint))
        else:
            values[idx] = read
    ok &= band_ok & ~bad
    out: dict[tuple[str, str, str], int] = {}
    for idx in frame.index[ok]:
        key = (_cell(frame, idx, "authority"), _cell(frame, idx, "year"), _cell(frame, idx, "age_band"))
        if key in out:
            collector.add(Problem(
                f"population for {key[0]} {key[1]} {key[2]} is given twice",
                file=table.where_of(idx), line=int(table.rows[idx]), position_kind="row",
                hint="keep one row for each authority, year and age band",
            ))
        out[key] = int(values[idx])
    return out


def _survey(
    table: RawTable, config: Config, catalogue: Catalogue, collector: ProblemCollector
) -> dict[tuple[str, str, str, str], SurveyCount]:
    frame = table.frame
    ok = _check_common(table, config, catalogue, collector)
    out: dict[tuple[str, str, str, str], SurveyCount] = {}
    for idx in frame.index[ok]:
        row = int(table.rows[idx])
        measure, group = _cell(frame, idx, "measure"), _cell(frame, idx, "group")

        def add(message: str, column: str, hint: str, row: int = row, idx: object = idx) -> None:
            collector.add(Problem(message, file=table.where_of(idx), line=row, position_kind="row",
                                  column=column, hint=hint))

        if measure not in catalogue.survey:
            add(f"survey measure '{measure}' is not in the catalogue", "measure",
                "use SV01..SV17 ('dirreport catalogue SV') or define it in data/local-catalogue.yml")
            continue
        if group not in SURVEY_GROUPS:
            add(f"group '{group}' is not a respondent group", "group", "use one of " + ", ".join(SURVEY_GROUPS))
            continue
        if group not in catalogue.survey[measure].groups:
            add(f"{measure} is not asked of {group}", "group",
                "use one of " + ", ".join(catalogue.survey[measure].groups))
            continue
        counts = [cells.number(_cell(frame, idx, column)) for column in ("respondents", "positive")]
        refusal = next((c for c in counts if isinstance(c, cells.Refusal)), None)
        if refusal is not None:
            column = "respondents" if isinstance(counts[0], cells.Refusal) else "positive"
            add(f"{column} {refusal.message}", column, refusal.hint)
            continue
        if any(not isinstance(c, float) or c % 1 != 0 for c in counts):
            add("respondents and positive must be whole numbers", "respondents",
                "write the number who answered and the number who answered positively")
            continue
        respondents, positive = (int(c) for c in counts if isinstance(c, float))
        if respondents < 0 or positive < 0 or positive > respondents:
            add(f"positive ({positive}) must be between 0 and respondents ({respondents})", "positive",
                "check the two counts")
            continue
        key = (_cell(frame, idx, "authority"), _cell(frame, idx, "year"), measure, group)
        if key in out:
            add(f"{measure} for {group} in {key[1]} is given twice", "measure",
                "keep one row for each authority, year, measure and group")
            continue
        out[key] = SurveyCount(respondents, positive)
    return out


def _stories(table: RawTable, collector: ProblemCollector) -> dict[str, Story]:
    frame = table.frame
    out: dict[str, Story] = {}
    for idx in frame.index:
        row = int(table.rows[idx])
        sid = _cell(frame, idx, "id")
        consent = _cell(frame, idx, "consent").lower()
        if consent not in ("yes", "no", "ydy", "nac ydy", "y", "n", "true", "false"):
            collector.add(Problem(f"consent '{_cell(frame, idx, 'consent')}' for story {sid} is not yes or no",
                                  file=table.where, line=row, position_kind="row", column="consent",
                                  hint="write yes only when the person agreed to publication, otherwise no"))
            continue
        if sid in out:
            collector.add(Problem(f"story id '{sid}' is used twice", file=table.where, line=row,
                                  position_kind="row", column="id", hint="give each story its own id"))
            continue
        out[sid] = Story(
            id=sid,
            consent=consent in ("yes", "ydy", "y", "true"),
            text={"en": _cell(frame, idx, "en"), "cy": _cell(frame, idx, "cy")},
            attribution={
                "en": _cell(frame, idx, "attribution_en") if "attribution_en" in frame.columns else "",
                "cy": _cell(frame, idx, "attribution_cy") if "attribution_cy" in frame.columns else "",
            },
            row=row,
        )
    return out


def _improvements(table: RawTable, collector: ProblemCollector) -> tuple[Improvement, ...]:
    frame = table.frame
    parts = ("3a", "3b", "3c", "3d")
    out: list[Improvement] = []
    for idx in frame.index:
        part = _cell(frame, idx, "part").lower().replace("(", "").replace(")", "")
        if part not in parts:
            collector.add(Problem(f"part '{_cell(frame, idx, 'part')}' is not 3a, 3b, 3c or 3d",
                                  file=table.where_of(idx), line=int(table.rows[idx]), position_kind="row",
                                  column="part",
                                  hint="name the part of Chapter 3 the improvement belongs to"))
            continue
        text = {"en": _cell(frame, idx, "en"), "cy": _cell(frame, idx, "cy")}
        out.append(Improvement(_cell(frame, idx, "id"), part, text))
    return tuple(out)


RULE_PART = "a part is never more than its whole"
RULE_EXCLUSIVE = "exclusive parts never add up to more than their total"
RULE_EXHAUSTIVE = "the parts of a complete breakdown add up to its total"
RULE_SAME = "metrics the guidance defines as the same count are equal"


def rounding_allowance(catalogue: Catalogue, codes: Iterable[str]) -> float:
    """How far a sum of parts may stray from its total by rounding alone: none for counts, half a tenth each else."""
    codes = list(codes)
    if all(catalogue.metrics[c].unit == "count" for c in codes):
        return 1e-9
    return 0.05 * len(codes) + 1e-9


def consistency_problems(dataset: Dataset, catalogue: Catalogue, file: str) -> list[Problem]:
    """The technical guidance's relationships: parts within wholes, exclusive parts within totals,
    complete breakdowns equal to their totals (within rounding), equal metrics equal."""
    problems: list[Problem] = []
    values = dataset.metrics
    rows = dataset.metric_rows

    def loc(key: MetricKey) -> int | None:
        return rows.get(key)

    for (authority, year, code), value in values.items():
        if value is None:
            continue
        metric = catalogue.metrics[code]
        if metric.parent:
            whole = values.get((authority, year, metric.parent))
            if whole is not None and value > whole:
                problems.append(Problem(
                    f"{code} ({_num(value)}) is larger than {metric.parent} ({_num(whole)}), "
                    f"the total it is part of, for {authority} in {year} (rule: {RULE_PART})",
                    file=file, line=loc((authority, year, code)), position_kind="row",
                    hint=f"a part cannot exceed its whole; check both values (row of {metric.parent}: "
                    f"{loc((authority, year, metric.parent))})",
                ))
        if metric.same_as:
            other = values.get((authority, year, metric.same_as))
            if other is not None and other != value:
                problems.append(Problem(
                    f"{code} ({_num(value)}) should equal {metric.same_as} ({_num(other)}) for {authority} in {year}"
                    f" (rule: {RULE_SAME})",
                    file=file, line=loc((authority, year, code)), position_kind="row",
                    hint="the guidance defines them as the same count; correct one of them",
                ))
    for breakdown in catalogue.breakdowns:
        allowance = rounding_allowance(catalogue, breakdown.parts)
        for authority, year in {(a, y) for a, y, c in values if c == breakdown.total}:
            total = values.get((authority, year, breakdown.total))
            if total is None:
                continue
            parts = [(c, values.get((authority, year, c))) for c in breakdown.parts]
            present = [(c, v) for c, v in parts if v is not None]
            if not present:
                continue
            summed = sum(v for _, v in present)
            listed = " + ".join(f"{c} {_num(v)}" for c, v in present)
            first = present[0][0]
            if summed > total + allowance:
                problems.append(Problem(
                    f"the parts of {breakdown.total} add up to {_num(summed)} ({listed}), more than the total "
                    f"{_num(total)} for {authority} in {year} (rule: {RULE_EXCLUSIVE})",
                    file=file, line=loc((authority, year, first)), position_kind="row",
                    hint="each case belongs to one category only; check the parts and the total",
                ))
            elif breakdown.exhaustive and len(present) == len(parts) and abs(summed - total) > allowance:
                problems.append(Problem(
                    f"the parts of {breakdown.total} add up to {_num(summed)} ({listed}), not the total "
                    f"{_num(total)} for {authority} in {year} (rule: {RULE_EXHAUSTIVE})",
                    file=file, line=loc((authority, year, first)), position_kind="row",
                    hint=f"every case falls in one of these categories, so they must add up to {breakdown.total}; "
                    f"check the parts and the total (row of {breakdown.total}: "
                    f"{loc((authority, year, breakdown.total))})",
                ))
    problems.sort(key=lambda p: (p.line or 0, p.message))
    return problems


def _num(value: float) -> str:
    return f"{value:g}"
