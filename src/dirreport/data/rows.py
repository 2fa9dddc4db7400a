"""What every data file's rows are checked for: authority, year, and the cells as text."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from dirreport import cells
from dirreport.catalogue import Catalogue
from dirreport.config.settings import Config, year_start
from dirreport.data.tables import RawTable
from dirreport.errors import Problem, ProblemCollector

if TYPE_CHECKING:
    import pandas as pd


def cell(frame: pd.DataFrame, index: object, column: str) -> str:
    """A cell as text: the readers keep every cell as a string until it is validated."""
    return str(frame.at[index, column])


def known_authorities(config: Config, catalogue: Catalogue) -> set[str]:
    return set(catalogue.authorities) | {config.authority}


def setting_line(root: Path, key: str) -> int | None:
    """The line of a ``dirreport:`` setting in _quarto.yml, for a message caused by its value."""
    from dirreport.config.settings import CONFIG_FILE, located_line

    return located_line(root / CONFIG_FILE, "dirreport", key)


def check_common(
    table: RawTable,
    config: Config,
    catalogue: Catalogue,
    collector: ProblemCollector,
) -> pd.Series:
    """Authority and year checks shared by every long-format file; returns rows that pass."""
    import pandas as pd  # imported when data is read: a rebuild that reads none starts faster

    frame = table.frame
    ok = pd.Series(True, index=frame.index)
    known = known_authorities(config, catalogue)
    bad_auth = ~frame["authority"].isin(known)
    own_rows = bool((frame["authority"] == config.authority).any())
    unknown_codes: dict[str, list[object]] = {}
    for idx in frame.index[bad_auth]:
        unknown_codes.setdefault(cell(frame, idx, "authority"), []).append(idx)
    for value, indexes in unknown_codes.items():
        # one line per code, not per row: a mistyped code is one mistake, however many rows carry it
        first = indexes[0]
        if value and not own_rows:
            # no row is for the project's authority: the code in _quarto.yml is the likelier mistake
            cause = Problem(
                f"authority '{config.authority}' has no rows in the data, whose rows are for '{value}' "
                f"({table.where} and others)",
                file="_quarto.yml",
                line=setting_line(config.root, "authority"),
                hint=f"if '{value}' is this project's authority, correct 'authority' here; otherwise "
                f"correct the authority column of {table.where}",
            )
            if not any(
                p.file == cause.file and p.message.startswith(cause.message.split(" (")[0]) for p in collector.problems
            ):
                collector.add(cause)
            continue
        more = f" (and {len(indexes) - 1} more rows)" if len(indexes) > 1 else ""
        hint = f"use a code from 'dirreport catalogue --authorities' or this project's own ({config.authority})"
        collector.add(
            table.problem(
                first,
                (f"authority '{value}' is not a known ONS code" if value else "authority is empty") + more,
                column="authority",
                hint=hint,
            )
        )
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
        collector.add(
            table.problem(
                idx,
                why.message,
                column="year",
                hint=why.hint,
            )
        )
    ok &= well_formed
    start = pd.to_numeric(years.str[:4], errors="coerce")
    future = well_formed & (start > year_start(config.year))
    for idx in frame.index[future]:
        collector.add(
            table.problem(
                idx,
                f"year {years[idx]} is after the report year {config.year}",
                column="year",
                hint="remove rows for future years or change 'year' in _quarto.yml",
            )
        )
    ok &= ~future
    return ok
