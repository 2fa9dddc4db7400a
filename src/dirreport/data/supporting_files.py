"""The files beside the metrics: population, survey results, stories and last year's areas for improvement."""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

from dirreport import cells
from dirreport.catalogue import POPULATION_BANDS, SURVEY_GROUPS, Catalogue
from dirreport.config.settings import Config
from dirreport.data.tables import RawTable
from dirreport.errors import Problem, ProblemCollector

if TYPE_CHECKING:
    pass

from dirreport.data.case_studies import parse_standards
from dirreport.data.model import Improvement, Story, SurveyCount
from dirreport.data.rows import cell, check_common


def read_population(
    table: RawTable, config: Config, catalogue: Catalogue, collector: ProblemCollector
) -> dict[tuple[str, str, str], int]:
    import pandas as pd  # imported when data is read: a rebuild that reads none starts faster

    frame = table.frame
    ok = check_common(table, config, catalogue, collector)
    band_ok = frame["age_band"].isin(POPULATION_BANDS)
    for idx in frame.index[~band_ok]:
        collector.add(
            table.problem(
                idx,
                f"age band '{cell(frame, idx, 'age_band')}' is not one of " + ", ".join(POPULATION_BANDS),
                column="age_band",
                hint="use the four bands 0-17, 18-64, 65-74, 75+",
            )
        )
    values = pd.Series(float("nan"), index=frame.index)
    bad = pd.Series(False, index=frame.index)
    for idx in frame.index:
        text = cell(frame, idx, "population")
        read = cells.number(text)
        why: str | None = None
        hint = "write the mid-year estimate as a whole number"
        if isinstance(read, cells.Refusal):
            why, hint = f"population {read.message}", read.hint
        elif read is None or read < 0 or read % 1 != 0:
            why = f"population '{text}' is not a whole number"
        elif read == 0:
            why = f"population of {cell(frame, idx, 'age_band')} is 0, and rates per head cannot be worked out from it"
            hint = "write the mid-year estimate for the age band, or remove the row if you do not have it"
        if why is not None:
            bad[idx] = True
            collector.add(
                table.problem(
                    idx,
                    why,
                    column="population",
                    hint=hint,
                )
            )
        else:
            values[idx] = read
    ok &= band_ok & ~bad
    out: dict[tuple[str, str, str], int] = {}
    for idx in frame.index[ok]:
        key = (cell(frame, idx, "authority"), cell(frame, idx, "year"), cell(frame, idx, "age_band"))
        if key in out:
            collector.add(
                table.problem(
                    idx,
                    f"population for {key[0]} {key[1]} {key[2]} is given twice",
                    hint="keep one row for each authority, year and age band",
                )
            )
        out[key] = int(values[idx])
    return out


def read_survey(
    table: RawTable, config: Config, catalogue: Catalogue, collector: ProblemCollector
) -> dict[tuple[str, str, str, str], SurveyCount]:
    frame = table.frame
    ok = check_common(table, config, catalogue, collector)
    out: dict[tuple[str, str, str, str], SurveyCount] = {}
    records = frame.to_dict("index")  # read once: a cell at a time through pandas was most of the survey's time
    for idx in frame.index[ok]:
        row = int(table.rows[idx])
        record = records[idx]
        measure, group = str(record["measure"]), str(record["group"])

        def add(message: str, column: str, hint: str, row: int = row, idx: object = idx) -> None:
            collector.add(
                Problem(message, file=table.where_of(idx), line=row, position_kind="row", column=column, hint=hint)
            )

        if measure not in catalogue.survey:
            add(
                f"survey measure '{measure}' is not in the catalogue",
                "measure",
                "use SV01..SV17 ('dirreport catalogue SV') or define it in data/local-catalogue.yml",
            )
            continue
        if group not in SURVEY_GROUPS:
            add(f"group '{group}' is not a respondent group", "group", "use one of " + ", ".join(SURVEY_GROUPS))
            continue
        if group not in catalogue.survey[measure].groups:
            add(
                f"{measure} is not asked of {group}",
                "group",
                "use one of " + ", ".join(catalogue.survey[measure].groups),
            )
            continue
        counts = [cells.number(str(record[column])) for column in ("respondents", "positive")]
        refusal = next((c for c in counts if isinstance(c, cells.Refusal)), None)
        if refusal is not None:
            column = "respondents" if isinstance(counts[0], cells.Refusal) else "positive"
            add(f"{column} {refusal.message}", column, refusal.hint)
            continue
        if any(not isinstance(c, float) or c % 1 != 0 for c in counts):
            add(
                "respondents and positive must be whole numbers",
                "respondents",
                "write the number who answered and the number who answered positively",
            )
            continue
        respondents, positive = (int(c) for c in counts if isinstance(c, float))
        if respondents < 0 or positive < 0 or positive > respondents:
            add(
                f"positive ({positive}) must be between 0 and respondents ({respondents})",
                "positive",
                "check the two counts",
            )
            continue
        key = (str(record["authority"]), str(record["year"]), measure, group)
        if key in out:
            add(
                f"{measure} for {group} in {key[1]} is given twice",
                "measure",
                "keep one row for each authority, year, measure and group",
            )
            continue
        out[key] = SurveyCount(respondents, positive)
    return out


def read_stories(table: RawTable, standards: Collection[str], collector: ProblemCollector) -> dict[str, Story]:
    """Each story's consent, and the quality standards it speaks to (an optional ``standards`` column)."""
    frame = table.frame
    out: dict[str, Story] = {}
    has_standards = "standards" in frame.columns
    for idx in frame.index:
        row = int(table.rows[idx])
        sid = cell(frame, idx, "id")
        consent = cell(frame, idx, "consent").lower()
        if consent not in ("yes", "no", "ydy", "nac ydy", "y", "n", "true", "false"):
            collector.add(
                Problem(
                    f"consent '{cell(frame, idx, 'consent')}' for story {sid} is not yes or no",
                    file=table.where,
                    line=row,
                    position_kind="row",
                    column="consent",
                    hint="write yes only when the person agreed to publication, otherwise no",
                )
            )
            continue
        if sid in out:
            collector.add(
                Problem(
                    f"story id '{sid}' is used twice",
                    file=table.where,
                    line=row,
                    position_kind="row",
                    column="id",
                    hint="give each story its own id",
                )
            )
            continue
        linked, unknown = parse_standards(cell(frame, idx, "standards"), standards) if has_standards else ((), [])
        if unknown:
            collector.add(
                Problem(
                    f"story {sid} names {', '.join(repr(u) for u in unknown)}, which is not a quality standard",
                    file=table.where,
                    line=row,
                    position_kind="row",
                    column="standards",
                    hint="name the quality standards it speaks to, QS1 to QS8, separated by semicolons (e.g. QS1; QS3)",
                )
            )
            continue
        out[sid] = Story(
            id=sid,
            consent=consent in ("yes", "ydy", "y", "true"),
            text={"en": cell(frame, idx, "en"), "cy": cell(frame, idx, "cy")},
            attribution={
                "en": cell(frame, idx, "attribution_en") if "attribution_en" in frame.columns else "",
                "cy": cell(frame, idx, "attribution_cy") if "attribution_cy" in frame.columns else "",
            },
            row=row,
            standards=linked,
        )
    return out


def read_improvements(table: RawTable, collector: ProblemCollector) -> tuple[Improvement, ...]:
    frame = table.frame
    parts = ("3a", "3b", "3c", "3d")
    out: list[Improvement] = []
    ids: dict[str, int] = {}
    for idx in frame.index:
        part = cell(frame, idx, "part").lower().replace("(", "").replace(")", "")
        if part not in parts:
            collector.add(
                table.problem(
                    idx,
                    f"part '{cell(frame, idx, 'part')}' is not 3a, 3b, 3c or 3d",
                    column="part",
                    hint="name the part of Chapter 3 the improvement belongs to",
                )
            )
            continue
        point_id = cell(frame, idx, "id")
        if point_id and point_id.casefold() in ids:
            collector.add(
                table.problem(
                    idx,
                    f"improvement id '{point_id}' is already used on row {ids[point_id.casefold()]}",
                    column="id",
                    hint="give each area for improvement its own id (IMP-01, IMP-02, ...), "
                    "or delete the row if it repeats the other",
                )
            )
            continue
        ids[point_id.casefold()] = int(table.rows[idx])
        text = {"en": cell(frame, idx, "en"), "cy": cell(frame, idx, "cy")}
        out.append(Improvement(point_id, part, text))
    return tuple(out)
