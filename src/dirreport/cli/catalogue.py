"""``dirreport catalogue``: find a metric, indicator or survey measure, and trace a figure to its rows.

With no argument it lists everything; with a word it searches codes and
wording; with an indicator id it shows the formula and, inside a project, the
value for each year together with the data rows (file and row number) it was
computed from, so a performance officer can check any figure in the report.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from dirreport.catalogue import Catalogue, Indicator, load_catalogue
from dirreport.config.settings import CONFIG_FILE

if TYPE_CHECKING:
    from dirreport.config.settings import Config
    from dirreport.data.model import Dataset


def _catalogue(project_dir: Path) -> Catalogue:
    return load_catalogue(project_dir / "data" / "local-catalogue.yml", "data/local-catalogue.yml")


def show(query: str | None, project_dir: Path, authorities: bool) -> str:
    catalogue = _catalogue(project_dir)
    if authorities:
        return "\n".join(f"{a.code}  {a.name.en} / {a.name.cy}" for a in catalogue.authorities.values())
    if query and query in catalogue.indicators:
        return trace(catalogue.indicators[query], catalogue, project_dir)
    if query and query in catalogue.metrics:
        m = catalogue.metrics[query]
        lines = [
            f"{m.code}  ({catalogue.groups[m.group].en}, {catalogue.sections[m.section].title.en})",
            f"  en: {m.label.en}",
            f"  cy: {m.label.cy}",
            f"  unit: {m.unit}, counted: {m.period}",
        ]
        if m.parent:
            lines.append(f"  part of: {m.parent}" + (" (one of exclusive categories)" if m.exclusive else ""))
        if m.note:
            lines.append(f"  note: {m.note}")
        used = [i.id for i in catalogue.indicators.values() if m.code in i.metrics]
        if used:
            lines.append("  used by: " + ", ".join(used))
        return "\n".join(lines)
    return listing(catalogue, query)


def listing(catalogue: Catalogue, query: str | None) -> str:
    q = (query or "").lower()

    def hit(*texts: str) -> bool:
        return not q or any(q in t.lower() for t in texts)

    lines = ["Indicators:"]
    lines += [
        f"  {i.id:28} {i.standard}  {i.title.en}"
        for i in catalogue.indicators.values()
        if hit(i.id, i.title.en, i.title.cy, i.standard, " ".join(i.metrics))
    ]
    lines.append("Survey measures:")
    lines += [
        f"  {s.id:28} {s.standard}  {s.title.en} ({', '.join(s.groups)})"
        for s in catalogue.survey.values()
        if hit(s.id, s.title.en, s.title.cy, s.standard)
    ]
    lines.append("Metrics:")
    lines += [f"  {m.code:10} {m.label.en}" for m in catalogue.metrics.values() if hit(m.code, m.label.en, m.label.cy)]
    shown = [line for line in lines if line.startswith("  ")]
    if not shown:
        return f"Nothing in the catalogue matches '{query}'."
    return "\n".join(lines)


def trace(indicator: Indicator, catalogue: Catalogue, project_dir: Path) -> str:
    """An indicator's definition and, in a project, its values with the input rows behind each."""
    lines = definition(indicator, catalogue)
    if not (project_dir / CONFIG_FILE).exists():
        return "\n".join(lines)
    from dirreport.config.settings import load_config
    from dirreport.data.dataset import load_dataset

    config = load_config(project_dir)
    return "\n".join(lines + traced_values(indicator, config, load_dataset(config, catalogue)))


def definition(indicator: Indicator, catalogue: Catalogue) -> list[str]:
    """What the catalogue says of an indicator: titles, formula, unit, the rule that judges it, its metrics."""
    lines = [
        f"{indicator.id}: {indicator.title.en}",
        f"  cy: {indicator.title.cy}",
        f"  formula: {indicator.formula()}",
        f"  unit: {indicator.unit}; polarity: {indicator.polarity}; quality standard: {indicator.standard}; "
        f"group: {indicator.group}",
    ]
    lines.append(f"  change judged by: {_rule(indicator, catalogue)}")
    for term in (*indicator.numerator, *indicator.denominator):
        if term.kind == "metric":
            lines.append(f"  {term.ref}: {catalogue.metrics[term.ref].label.en}")
    return lines


def traced_values(indicator: Indicator, config: Config, dataset: Dataset) -> list[str]:
    """Each year's value for the project's authority, and under it every input row it was computed from."""
    from dirreport.compute.indicators import point
    from dirreport.prose import sentences

    lines = [f"  values for {config.authority_name.en} ({config.authority}):"]
    for year in config.years:
        p = point(indicator, dataset, config.authority, year)
        shown = sentences.point(p, indicator.unit, "en", 0 if indicator.unit == "count" else 1)
        lines.append(f"    {year}: {shown}  (numerator {_num(p.numerator)}, denominator {_num(p.denominator)})")
        for term in (*indicator.numerator, *indicator.denominator):
            if term.kind == "metric":
                key = (config.authority, year, term.ref)
                value = dataset.metrics.get(key)
                row = dataset.metric_rows.get(key)
                where = f"{dataset.files.get('metrics', 'data/metrics.csv')} row {row}" if row else "no row"
                lines.append(f"      {term.ref} = {_num(value)}  [{where}]")
            else:
                lines.append(f"      population {term.ref}  [{dataset.files.get('population', 'data/population.csv')}]")
    return lines


def _rule(indicator: Indicator, catalogue: Catalogue) -> str:
    """The rule judgement.py applies to this indicator's change, in words."""
    from dirreport.catalogue import counts_only

    if indicator.threshold is not None:
        units = "percentage points" if indicator.unit == "percent" else indicator.unit
        return f"a threshold of {indicator.threshold:g} ({units})"
    if not counts_only(indicator, catalogue.metrics):
        return "no rule: the indicator is not built from counts and states no threshold"
    from dirreport.compute.judgement import proportion_test

    if not proportion_test(indicator):
        if indicator.unit == "percent" and not indicator.nested:
            return (
                "the exact Poisson test at the 5% level, the denominator as exposure (not nested: the numerator "
                "is not counted within the denominator, so the value may pass 100%)"
            )
        return "the exact Poisson test at the 5% level"
    return (
        "the two-proportion z-test at the 5% level (Fisher's exact test when an expected count is below 5); "
        "nested: a numerator above its denominator is refused as impossible data"
    )


def _num(value: float | None) -> str:
    if value is None:
        return "blank"
    return f"{value:g}"
