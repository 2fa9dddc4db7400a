"""Synthetic data for the sample project and the benchmarks: plausible, consistent, invented.

Every authority gets a size; counts follow population and a few rates that
drift over the years.  Parts never exceed their wholes, exclusive parts never
sum past their total, and each indicator's numerator is drawn as a rate of its
denominator, so the data passes dirreport's own consistency rules.  Wales is
the sum of the 22 authorities.  Nothing here describes a real authority.

    python tools/sample_data.py            # rewrite the sample project's data/
    python tools/sample_data.py --all DIR  # a multi-authority dataset for batch builds
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import zlib
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from dirreport.catalogue import WALES, load_catalogue  # noqa: E402

SAMPLE_CODE = "X99999999"
YEARS = ("2019-20", "2020-21", "2021-22", "2022-23", "2023-24")
# approximate mid-year populations (thousands) give each synthetic authority a size
SIZES = {
    "W06000001": 69,
    "W06000002": 117,
    "W06000003": 114,
    "W06000004": 96,
    "W06000005": 155,
    "W06000006": 135,
    "W06000008": 71,
    "W06000009": 123,
    "W06000010": 188,
    "W06000011": 238,
    "W06000012": 142,
    "W06000013": 145,
    "W06000014": 131,
    "W06000015": 362,
    "W06000016": 237,
    "W06000018": 175,
    "W06000019": 67,
    "W06000020": 92,
    "W06000021": 93,
    "W06000022": 159,
    "W06000023": 133,
    "W06000024": 58,
    SAMPLE_CODE: 121,
}
BAND_SHARES = {"0-17": 0.205, "18-64": 0.585, "65-74": 0.115, "75+": 0.095}
# rough counts per 10,000 population for top-level metrics, by prefix of code
BASE_RATE = {"AD": 180.0, "CH": 120.0, "CA": 30.0, "WF": 60.0, "SU": 0.5}
# metrics whose size matters to an indicator: counts per 10,000 of the whole population
PER_10K = {
    "CH/041": 22.5,
    "CH/015": 37.0,
    "AD/019": 151.0,
    "AD/045": 4.8,
    "CA/006": 40.0,
    "CA/029": 8.2,
    "CA/019": 16.0,
    "CA/021": 2.0,
    "CA/044": 0.25,
    "CH/052": 0.5,
    "CH/055": 1.0,
    "WF/001": 100.0,
    "WF/003a": 45.0,
    "WF/003b": 35.0,
    "WF/006a": 0.6,
    "WF/006b": 0.7,
    "WF/007a": 0.5,
    "WF/007b": 0.5,
    "WF/019a": 1.0,
    "SU/001": 0.4,
    "SU/002": 0.5,
    "SU/003": 0.4,
    "AD/001": 800.0,
    "CH/001": 450.0,
    "CA/001": 40.0,
    "CA/024": 10.0,
    "AD/028": 60.0,
    "AD/030": 40.0,
    "AD/032": 5.0,
    "AD/013": 45.0,
    "AD/017": 60.0,
    "AD/023a": 8.0,
    "AD/023b": 25.0,
    "AD/024": 140.0,
    "AD/026": 25.0,
    "CH/039": 8.0,
    "CH/026": 9.0,
    "CH/020": 30.0,
    "CH/022": 12.0,
    "CH/036": 10.0,
    "CH/017": 60.0,
    "CH/043": 180.0,
    "CH/029": 230.0,
    "CH/048": 3.0,
    "CH/053a": 4.0,
    "CH/053b": 4.0,
    "CH/053c": 4.0,
    "CA/007": 30.0,
    "CA/022": 14.0,
    "CA/045": 3.0,
}
# indicators whose rate is nothing like the default range of 55% to 92%
RATE_RANGES = {
    "AD-IAA-REPEAT": (0.15, 0.3),
    "CH-IAA-REPEAT": (0.15, 0.3),
    "CH-CPR-REREGISTRATIONS": (0.03, 0.1),
    "CH-LAC-THREE-PLACEMENTS": (0.06, 0.12),
    "CH-SCHOOL-MOVES": (0.08, 0.18),
    "CH-RETURNED-HOME": (0.08, 0.18),
    "WF-AGENCY": (0.04, 0.15),
    "WF-TURNOVER": (0.08, 0.16),
    "WF-WELSH-FLUENT": (0.18, 0.4),
    "WF-SW-ADULTS": (0.12, 0.22),
    "WF-SW-CHILDREN": (0.2, 0.35),
    "AD-DP-SHARE": (0.12, 0.3),
    "AD-OT-PREVENTIVE": (0.5, 0.75),
    "AD-REABLEMENT-REDUCED": (0.3, 0.5),
    "AD-REABLEMENT-MITIGATED": (0.15, 0.3),
    "CH-CARE-LEAVERS-EET": (0.45, 0.7),
}


def _rate_for(indicator_id: str, authority: str, year_index: int, rng: random.Random) -> float:
    """A rate between 0 and 1 that drifts a little each year and differs between authorities."""
    local = random.Random(zlib.crc32((indicator_id + authority).encode()))
    low, high = RATE_RANGES.get(indicator_id, (0.55, 0.92))
    base = local.uniform(low, high)
    trend = local.uniform(-0.025, 0.035) * (high - low) / 0.37
    noise = rng.uniform(-0.02, 0.02) * (high - low) / 0.37
    return min(0.99, max(0.01, base + trend * year_index + noise))


def generate(
    authorities: list[str], years: tuple[str, ...] = YEARS, seed: int = 2024, all_metrics_for: set[str] | None = None
) -> tuple[list[list[str]], list[list[str]], list[list[str]]]:
    """Rows of metrics.csv, population.csv and survey.csv for the given authorities, plus Wales."""
    catalogue = load_catalogue(ROOT / "data" / "local-catalogue.yml")
    rng = random.Random(seed)
    indicator_metrics = {c for ind in catalogue.indicators.values() for c in ind.metrics}
    wanted_common = set(indicator_metrics)
    for b in catalogue.breakdowns:
        if b.total in ("AD/001", "AD/028", "CH/001", "CA/001"):
            wanted_common |= {b.total, *b.parts}
    ordered = _parents_first(catalogue)
    values: dict[tuple[str, str, str], float] = {}
    population: dict[tuple[str, str, str], int] = {}
    for auth in authorities:
        size = SIZES.get(auth, 100) * 1000
        codes = [c for c in ordered if (all_metrics_for and auth in all_metrics_for) or c in wanted_common]
        if not (all_metrics_for and auth in all_metrics_for):
            codes = [c for c in codes if not c.startswith("SU/")]
        for yi, year in enumerate(years):
            growth = 1 + 0.004 * yi
            for band, share in BAND_SHARES.items():
                population[(auth, year, band)] = int(size * share * growth)
            for code in codes:
                values[(auth, year, code)] = _metric_value(catalogue, code, auth, year, yi, size, values, rng)
            _apply_indicators(catalogue, auth, year, yi, values, population, rng)
            _repair(catalogue, auth, year, ordered, values)
            _apply_indicators(catalogue, auth, year, yi, values, population, rng)
            _repair(catalogue, auth, year, ordered, values)
            _enforce(catalogue, auth, year, ordered, values)
    for year in years:
        for band in BAND_SHARES:
            population[(WALES, year, band)] = sum(
                population[(a, year, band)] for a in authorities if a.startswith("W06")
            )
        sums: dict[str, float] = defaultdict(float)
        for (auth, y, code), v in values.items():
            if y == year and auth.startswith("W06"):
                sums[code] += v
        for code, total in sums.items():
            values[(WALES, year, code)] = round(total, 1)
    metrics_rows = [[a, y, c, _fmt(v)] for (a, y, c), v in sorted(values.items())]
    population_rows = [[a, y, b, str(p)] for (a, y, b), p in sorted(population.items())]
    survey_rows = _survey(catalogue, [*authorities, WALES], years, rng)
    return metrics_rows, population_rows, survey_rows


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def _parents_first(catalogue) -> list[str]:  # type: ignore[no-untyped-def]
    done: list[str] = []
    seen: set[str] = set()

    def visit(code: str) -> None:
        if code in seen:
            return
        seen.add(code)
        for whole in catalogue.metrics[code].whole:
            visit(whole)
        done.append(code)

    for code in catalogue.metrics:
        visit(code)
    return done


def _whole(catalogue, metric, auth, year, values) -> float | None:  # type: ignore[no-untyped-def]
    """The value of the whole a metric is part of (one code, or a sum such as AD/002a+b), in the metric's unit."""
    codes = metric.whole
    if not codes or any((auth, year, c) not in values or catalogue.metrics[c].unit != metric.unit for c in codes):
        return None
    return float(sum(values[(auth, year, c)] for c in codes))


def _metric_value(catalogue, code, auth, year, yi, size, values, rng) -> float:  # type: ignore[no-untyped-def]
    metric = catalogue.metrics[code]
    prefix = code.split("/")[0]
    if metric.same_as and (auth, year, metric.same_as) in values:
        return float(values[(auth, year, metric.same_as)])
    if code in PER_10K:
        local = random.Random(zlib.crc32(f"{code}{auth}".encode())).uniform(0.75, 1.3)
        value = PER_10K[code] * size / 10_000 * local * (1 + 0.02 * yi) * rng.uniform(0.96, 1.04)
        return round(value, 1) if metric.unit == "wte" else float(max(0, round(value)))
    whole = _whole(catalogue, metric, auth, year, values)
    if whole is not None and metric.parent:
        siblings = [m for m in catalogue.children_of(metric.parent) if m.exclusive]
        # each part keeps a steady share of its whole from year to year, with a little noise
        steady = random.Random(zlib.crc32(f"share{code}{auth}".encode()))
        noise = rng.uniform(0.5, 1.5)
        if metric.exclusive and siblings:
            share = 0.92 / len(siblings) * steady.uniform(0.5, 1.5) * (0.95 + 0.1 * (noise - 0.5))
        else:
            share = steady.uniform(0.35, 0.9) * (0.95 + 0.1 * (noise - 0.5))
        value = whole * share
    else:
        base = BASE_RATE.get(prefix, 50.0) * size / 10_000
        local = random.Random(zlib.crc32(f"{code}{auth}".encode())).uniform(0.15, 1.2)
        value = base * local * (1 + 0.03 * yi) * rng.uniform(0.93, 1.07)
        if metric.unit == "days":
            value *= rng.uniform(8, 40)
    if metric.unit == "wte":
        return float(round(value, 1))
    return float(max(0, round(value)))


def _apply_indicators(catalogue, auth, year, yi, values, population, rng) -> None:  # type: ignore[no-untyped-def]
    """Draw each indicator's numerator as a rate of its denominator so the figures are plausible."""
    for ind in catalogue.indicators.values():
        numerator_codes = [t.ref for t in ind.numerator if t.kind == "metric"]
        if not ind.denominator or not numerator_codes:
            continue
        if any(t.kind == "population" for t in ind.denominator):
            continue
        denominator = sum(values.get((auth, year, t.ref), 0.0) for t in ind.denominator)
        if denominator <= 0:
            continue
        if ind.unit == "percent":
            target = denominator * _rate_for(ind.id, auth, yi, rng)
        elif ind.unit == "days":
            target = (
                denominator * rng.uniform(20, 60)
                if "WAIT" in ind.id
                else denominator * rng.uniform(180, 320)
                if "CPR" in ind.id
                else denominator * rng.uniform(9, 16)
            )
        else:
            continue
        current = sum(values.get((auth, year, c), 0.0) for c in numerator_codes) or 1.0
        for c in numerator_codes:
            share = values.get((auth, year, c), current / len(numerator_codes)) / current
            unit = catalogue.metrics[c].unit
            v = target * share
            values[(auth, year, c)] = round(v, 1) if unit == "wte" else float(round(v))
        _restore_parts(catalogue, auth, year, numerator_codes, values)


def _restore_parts(catalogue, auth, year, changed, values) -> None:  # type: ignore[no-untyped-def]
    """After a total moved, scale its parts so none exceeds it and exclusive parts still fit."""
    for code in changed:
        total = values.get((auth, year, code))
        if total is None:
            continue
        children = [m for m in catalogue.children_of(code) if (auth, year, m.code) in values]
        exclusive = [m for m in children if m.exclusive]
        summed = sum(values[(auth, year, m.code)] for m in exclusive)
        factor = (0.95 * total / summed) if summed > total else 1.0
        for m in children:
            v = values[(auth, year, m.code)]
            if m.exclusive:
                v *= factor
            v = min(v, total)
            values[(auth, year, m.code)] = round(v, 1) if m.unit == "wte" else float(int(v))
        _restore_parts(catalogue, auth, year, [m.code for m in children], values)


def _repair(catalogue, auth, year, ordered, values) -> None:  # type: ignore[no-untyped-def]
    """Enforce the catalogue's rules once more after indicators moved numerators about."""
    for breakdown in catalogue.breakdowns:
        wholes = [values.get((auth, year, c)) for c in breakdown.whole]
        total = None if any(w is None for w in wholes) else sum(w for w in wholes if w is not None)
        present = [c for c in breakdown.parts if (auth, year, c) in values]
        summed = sum(values[(auth, year, c)] for c in present)
        if total is not None and summed > total:
            factor = 0.96 * total / summed
            for c in present:
                v = values[(auth, year, c)] * factor
                values[(auth, year, c)] = round(v, 1) if catalogue.metrics[c].unit == "wte" else float(int(v))

    for code in ordered:
        key = (auth, year, code)
        if key not in values:
            continue
        metric = catalogue.metrics[code]
        if metric.same_as and (auth, year, metric.same_as) in values:
            values[key] = values[(auth, year, metric.same_as)]
        whole = _whole(catalogue, metric, auth, year, values)
        if whole is not None:
            values[key] = min(values[key], whole)


def _enforce(catalogue, auth, year, ordered, values) -> None:  # type: ignore[no-untyped-def]
    """The guidance's relationships, last of all: parts within wholes, complete breakdowns equal to their totals.

    Totals come before their parts (``ordered``), so a part changed here is
    itself a whole by the time its own parts are reached.  A complete
    (exhaustive) breakdown is scaled to its total, and its last part, the
    guidance's "other" category, takes what rounding leaves.
    """
    # a breakdown of a sum (AD/034a–e) is reached at the sum's last code, when all of it is known
    families: dict[str, list] = {b.whole[-1]: [] for b in catalogue.breakdowns}  # type: ignore[type-arg]
    for b in catalogue.breakdowns:
        families[b.whole[-1]].append(b)

    def put(code: str, v: float) -> None:
        values[(auth, year, code)] = round(v, 1) if catalogue.metrics[code].unit == "wte" else float(round(v))

    for code in ordered:
        key = (auth, year, code)
        if key not in values:
            continue
        metric = catalogue.metrics[code]
        whole = _whole(catalogue, metric, auth, year, values)
        if whole is not None and values[key] > whole:
            put(code, whole)
        for breakdown in families.get(code, []):
            if any((auth, year, c) not in values for c in breakdown.whole):
                continue
            total = sum(values[(auth, year, c)] for c in breakdown.whole)
            present = [c for c in breakdown.parts if (auth, year, c) in values]
            if not present:
                continue
            complete = breakdown.exhaustive and len(present) == len(breakdown.parts)
            summed = sum(values[(auth, year, c)] for c in present)
            if summed > 0 and (summed > total or complete):
                for c in present:
                    put(c, values[(auth, year, c)] * total / summed)
            if complete:
                # rounding leaves a little over or under: the last part, "other", takes it
                last = present[-1]
                put(last, total - sum(values[(auth, year, c)] for c in present[:-1]))
    # AD/035a-f: the alleged perpetrators of the abuse found (AD/034a-e), "not known" taking the rest
    found = [values.get((auth, year, f"AD/034{x}")) for x in "abcde"]
    perpetrators = [f"AD/035{x}" for x in "abcdef"]
    if all(v is not None for v in found) and all((auth, year, c) in values for c in perpetrators):
        total = sum(v for v in found if v is not None)
        summed = sum(values[(auth, year, c)] for c in perpetrators[:-1]) or 1.0
        for c in perpetrators[:-1]:
            put(c, values[(auth, year, c)] * 0.85 * total / summed)
        put(perpetrators[-1], total - sum(values[(auth, year, c)] for c in perpetrators[:-1]))


def _survey(catalogue, authorities, years, rng) -> list[list[str]]:  # type: ignore[no-untyped-def]
    rows = []
    for auth in authorities:
        for yi, year in enumerate(years[-3:]):
            for measure in catalogue.survey.values():
                for group in measure.groups:
                    scale = 22 if auth == WALES else 1
                    n = int(rng.uniform(60, 320) * scale)
                    p = _rate_for(measure.id + group, auth, yi, rng)
                    rows.append([auth, year, measure.id, group, str(n), str(int(n * p))])
    return rows


def write(folder: Path, metrics: list[list[str]], population: list[list[str]], survey: list[list[str]]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, header, rows in (
        ("metrics.csv", ["authority", "year", "metric", "value"], metrics),
        ("population.csv", ["authority", "year", "age_band", "population"], population),
        ("survey.csv", ["authority", "year", "measure", "group", "respondents", "positive"], survey),
    ):
        with (folder / name).open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(header)
            writer.writerows(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all", type=Path, help="write a dataset with full metrics for every authority here")
    args = parser.parse_args()
    authorities = [a for a in SIZES if a != SAMPLE_CODE]
    if args.all:
        rows = generate(authorities, all_metrics_for=set(authorities))
        write(args.all, *rows)
        return
    rows = generate([*authorities, SAMPLE_CODE], all_metrics_for={SAMPLE_CODE})
    write(ROOT / "data", *rows)


if __name__ == "__main__":
    main()
