"""Reading the catalogue: the package's YAML and CSV, a project's local catalogue, and their validation."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import replace
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from dirreport import yaml_text
from dirreport.catalogue.model import (
    ICONS,
    INDICATOR_UNITS,
    METRIC_CODE,
    PERIODS,
    POLARITIES,
    POPULATION_GROUPS,
    SURVEY_GROUPS,
    UNITS,
    Authority,
    Breakdown,
    Catalogue,
    Composition,
    Counted,
    Indicator,
    Metric,
    QualityStandard,
    Section,
    SurveyMeasure,
    Term,
    bounded,
    counts_only,
)
from dirreport.errors import InputError, Problem
from dirreport.lang.bilingual_text import Bilingual
from dirreport.lang.welsh import WelshNoun

LOCAL_CATALOGUE = "data/local-catalogue.yml"  # the authority's own metrics, indicators and survey measures


def _package_file(name: str) -> Any:
    return resources.files(__package__).joinpath(name)


# the packaged catalogue is ours and checked by the suite, so it is read by libyaml where PyYAML has it
# (five times faster); the user's YAML goes through yaml_text's strict loader, which reports duplicate keys
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _load_yaml_resource(name: str) -> Any:
    return yaml.load(_package_file(name).read_text(encoding="utf-8"), Loader=_FAST_LOADER)  # a safe loader: no objects


@cache
def load_authorities() -> dict[str, Authority]:
    text = _package_file("authorities.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    return {
        r["code"]: Authority(
            r["code"],
            Bilingual(en=r["en"], cy=r["cy"]),
            r["kind"],
            Bilingual(en=r["council_en"], cy=r["council_cy"]) if r["council_en"] else None,
        )
        for r in rows
    }


@cache
def load_standards() -> tuple[dict[str, QualityStandard], dict[str, Bilingual]]:
    data = _load_yaml_resource("standards.yaml")
    standards: dict[str, QualityStandard] = {}
    headings: dict[str, Bilingual] = {}
    number = 0
    for heading in data["headings"]:
        title = Bilingual.from_mapping(heading, f"heading {heading['id']}")
        headings[heading["id"]] = title
        for std in heading["standards"]:
            number += 1
            standards[std["id"]] = QualityStandard(
                id=std["id"],
                number=number,
                heading_id=heading["id"],
                heading=title,
                text=Bilingual.from_mapping(std, f"quality standard {std['id']}"),
            )
    return standards, headings


def _read_metrics(data: Any, local: bool) -> tuple[list[Metric], list[Section], dict[str, Bilingual]]:
    metrics: list[Metric] = []
    sections: list[Section] = []
    groups: dict[str, Bilingual] = {}
    for group in data.get("groups", []) or []:
        gid = group["id"]
        if "en" in group:
            groups[gid] = Bilingual.from_mapping(group, f"group {gid}")
        for section in group.get("sections", []) or []:
            sections.append(Section(section["id"], gid, Bilingual.from_mapping(section, f"section {section['id']}")))
            for m in section.get("metrics", []) or []:
                metrics.append(
                    Metric(
                        code=str(m["code"]),
                        group=gid,
                        section=section["id"],
                        label=Bilingual.from_mapping(m, f"metric {m['code']}"),
                        unit=m.get("unit", "count"),
                        period=m.get("period", "year"),
                        parent=str(m["parent"]).strip() if m.get("parent") else None,
                        exclusive=bool(m.get("exclusive", False)),
                        same_as=m.get("same-as"),
                        note=m.get("note"),
                        local=local,
                        people=bool(m.get("people", True)),
                        exhaustive=bool(m.get("exhaustive", False)),
                    )
                )
    return metrics, sections, groups


def _terms(value: Any, what: str) -> tuple[Term, ...]:
    items = value if isinstance(value, list) else [value]
    terms: list[Term] = []
    for item in items:
        text = str(item).strip()
        if text.startswith("population:"):
            group = text.split(":", 1)[1].strip()
            if group not in POPULATION_GROUPS:
                raise ValueError(f"{what} names population group '{group}'; use one of " + ", ".join(POPULATION_GROUPS))
            terms.append(Term("population", group))
        else:
            terms.append(Term("metric", text))
    return tuple(terms)


def _read_indicators(data: Any, local: bool) -> list[Indicator]:
    out: list[Indicator] = []
    for item in data.get("indicators", []) or []:
        iid = str(item["id"])
        what = f"indicator {iid}"
        note = item.get("note")
        out.append(
            Indicator(
                id=iid,
                title=Bilingual.from_mapping(item.get("title"), f"{what} title"),
                unit=item["unit"],
                polarity=item.get("polarity", "none"),
                standard=item["standard"],
                group=item["group"],
                numerator=_terms(item["numerator"], what),
                denominator=_terms(item["denominator"], what) if item.get("denominator") else (),
                chart=item.get("chart", "trend"),
                note=Bilingual.from_mapping(note, f"{what} note") if note else None,
                local=local,
                threshold=_threshold(item.get("threshold"), what),
                welsh=WelshNoun.from_mapping(item["welsh"], f"{what} welsh") if item.get("welsh") else None,
                key=bool(item.get("key", False)),
                nested=_nested(item.get("nested", True), what),
                counted=Counted.from_mapping(item["counted"], f"{what} counted") if item.get("counted") else None,
                icon=_icon(item.get("icon"), what),
            )
        )
    return out


def _icon(value: Any, what: str) -> str | None:
    if value is not None and value not in ICONS:
        raise ValueError(f"{what} has icon '{value}'; use one of " + ", ".join(ICONS))
    return None if value is None else str(value)


def _nested(value: Any, what: str) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"{what} has nested '{value}'; write 'nested: false' for a ratio that is not part of a whole")
    return value


def _threshold(value: Any, what: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
        raise ValueError(f"{what} has threshold '{value}'; give a positive number in the indicator's units")
    return float(value)


def _read_compositions(data: Any, local: bool) -> list[Composition]:
    out: list[Composition] = []
    for item in data.get("compositions", []) or []:
        cid = str(item["id"])
        parts = tuple(
            (str(code), Bilingual.from_mapping(label, f"composition {cid} part {code}"))
            for code, label in (item.get("parts") or {}).items()
        )
        out.append(
            Composition(
                id=cid,
                title=Bilingual.from_mapping(item.get("title"), f"composition {cid} title"),
                parts=parts,
                standard=item["standard"],
                group=item["group"],
                total=item.get("total"),
                local=local,
            )
        )
    return out


def _read_survey(data: Any, local: bool) -> list[SurveyMeasure]:
    out: list[SurveyMeasure] = []
    for item in data.get("survey-measures", []) or []:
        sid = str(item["id"])
        groups = item.get("groups") or []
        out.append(
            SurveyMeasure(
                id=sid,
                title=Bilingual.from_mapping(item.get("title"), f"survey measure {sid} title"),
                groups=tuple(groups),
                standard=item["standard"],
                source=item.get("source", ""),
                local=local,
            )
        )
    return out


def _breakdowns(metrics: Iterable[Metric]) -> tuple[Breakdown, ...]:
    """Families of mutually exclusive parts of one total.

    A total can be divided in more than one way (contacts by how they were
    dealt with, AD/002a-c, and by who made them, AD/004a-k); each numbered
    family is its own breakdown.
    """
    parts: dict[tuple[str, str], list[Metric]] = {}
    for m in metrics:
        if m.parent and m.exclusive:
            parts.setdefault((m.parent, m.family), []).append(m)
    return tuple(
        Breakdown(total, tuple(m.code for m in members), all(m.exhaustive for m in members))
        for (total, _), members in parts.items()
        if len(members) > 1
    )


@cache
def _national() -> tuple[
    list[Metric], list[Section], dict[str, Bilingual], list[Indicator], list[SurveyMeasure], list[Composition]
]:
    metrics, sections, groups = _read_metrics(_load_yaml_resource("metrics.yaml"), local=False)
    indicator_data = _load_yaml_resource("indicators.yaml")
    indicators = _read_indicators(indicator_data, local=False)
    compositions = _read_compositions(indicator_data, local=False)
    survey = _read_survey(_load_yaml_resource("survey.yaml"), local=False)
    return metrics, sections, groups, indicators, survey, compositions


def load_catalogue(local_file: Path | None = None, display_name: str | None = None) -> Catalogue:
    """The national catalogue, extended by a project's local catalogue when given."""
    metrics, sections, groups, indicators, survey, compositions = _national()
    metrics, sections, groups = list(metrics), list(sections), dict(groups)
    indicators, survey, compositions = list(indicators), list(survey), list(compositions)
    if local_file is not None and local_file.exists():
        name = display_name or local_file.name
        data = _read_local(local_file, name)
        try:
            m, s, g = _read_metrics(data, local=True)
            metrics += m
            sections += s
            groups.update(g)
            indicators += _read_indicators(data, local=True)
            survey += _read_survey(data, local=True)
            compositions += _read_compositions(data, local=True)
        except (KeyError, ValueError, TypeError) as exc:
            raise InputError(
                Problem(
                    f"the local catalogue does not follow the catalogue schema: {_explain(exc)}",
                    file=name,
                    hint="compare the entry with the field list at the top of the package's catalogue/indicators.yaml "
                    "(metrics, indicators, survey measures and their fields), and fix it",
                )
            ) from None
    standards, headings = load_standards()
    catalogue = Catalogue(
        metrics={m.code: m for m in metrics},
        sections={s.id: s for s in sections},
        groups=groups,
        indicators={i.id: i for i in indicators},
        survey={s.id: s for s in survey},
        standards=standards,
        headings=headings,
        authorities=load_authorities(),
        breakdowns=_breakdowns(metrics),
        compositions={c.id: c for c in compositions},
    )
    problems = validate_catalogue(catalogue, metrics, indicators, survey)
    for comp in compositions:
        for code, _label in comp.parts:
            if code not in catalogue.metrics:
                problems.append(Problem(f"composition {comp.id} uses unknown metric {code}", hint="check the code"))
        if comp.total and comp.total not in catalogue.metrics:
            problems.append(Problem(f"composition {comp.id} has unknown total {comp.total}", hint="check the code"))
        elif comp.total and not any(
            b.total == comp.total and b.exhaustive and set(b.parts) == {c for c, _ in comp.parts}
            for b in catalogue.breakdowns
        ):
            problems.append(
                Problem(
                    f"composition {comp.id} names total {comp.total} but its parts are not a complete breakdown of it",
                    hint="mark each part 'parent: "
                    + comp.total
                    + "', 'exclusive: true' and 'exhaustive: true' if they "
                    "add up to it, or leave out 'total' so the report prints the sum of the parts",
                )
            )
        if comp.standard not in catalogue.standards:
            problems.append(
                Problem(f"composition {comp.id} names quality standard '{comp.standard}'", hint="use QS1 to QS8")
            )
    if problems:
        name = display_name or (local_file.name if local_file else "catalogue")
        text = local_file.read_text(encoding="utf-8-sig") if local_file is not None and local_file.exists() else ""
        raise InputError([replace(p, file=p.file or name, line=p.line or _line_of(text, p.message)) for p in problems])
    return catalogue


_ENTRY = re.compile(r"^(?:metric|indicator|composition|survey measure) ([A-Za-z0-9/_.-]+)")
_CODE = re.compile(
    r"(?:unknown metric|unknown total|names quality standard|names group|has unit|has polarity|"
    r"names respondent group) '?([A-Za-z0-9/_.+-]+)'?"
)


def _line_of(text: str, message: str) -> int | None:
    """The line of a local catalogue entry a problem is about: the offending value, else the entry's id."""
    entry = _ENTRY.match(message)
    if not text or entry is None:
        return None
    lines = text.splitlines()
    start = next(
        (
            n
            for n, line in enumerate(lines)
            if re.match(rf"^\s*-?\s*(id|code):\s*['\"]?{re.escape(entry.group(1))}['\"]?\s*$", line)
        ),
        None,
    )
    if start is None:
        return None
    code = _CODE.search(message)
    if code:
        for n in range(start, len(lines)):
            if n > start and re.match(r"^\s*-\s", lines[n]):
                break
            if re.search(rf"(?<![\w/]){re.escape(code.group(1))}(?![\w/])", lines[n]):
                return n + 1
    return start + 1


def _explain(exc: BaseException) -> str:
    if isinstance(exc, KeyError):
        return f"an entry has no '{exc.args[0]}' field"
    return str(exc)


def _read_local(path: Path, name: str) -> Any:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(Problem("is not UTF-8 text", file=name, hint="save it as UTF-8")) from None
    data, problem = yaml_text.parse(text, name)
    if problem is not None:
        raise InputError(problem)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InputError(
            Problem(
                "must be a mapping with 'groups', 'indicators' or 'survey-measures'",
                file=name,
                hint="see the packaged catalogue for the schema",
            )
        )
    return data


def validate_catalogue(
    catalogue: Catalogue,
    metrics: list[Metric],
    indicators: list[Indicator],
    survey: list[SurveyMeasure],
) -> list[Problem]:
    """Cross-checks the catalogue so a typo in a formula cannot reach a report."""
    problems: list[Problem] = []
    seen: set[str] = set()
    for m in metrics:
        if m.code in seen:
            problems.append(Problem(f"metric {m.code} is defined twice", hint="keep one entry"))
        seen.add(m.code)
        if not METRIC_CODE.match(m.code):
            problems.append(
                Problem(
                    f"metric code '{m.code}' is not of the form AB/123 or AB/123a",
                    hint="use two or three capital letters, a slash, three digits",
                )
            )
        if m.unit not in UNITS:
            problems.append(Problem(f"metric {m.code} has unit '{m.unit}'", hint="use one of " + ", ".join(UNITS)))
        if m.period not in PERIODS:
            problems.append(Problem(f"metric {m.code} has period '{m.period}'", hint="use 'year' or '31-march'"))
        try:
            whole = m.whole
        except ValueError as exc:
            problems.append(Problem(f"metric {m.code} has parent {exc}", hint="write one code, or a sum: AD/002a+b"))
            whole = ()
        for ref in (*whole, m.same_as):
            if ref and ref not in catalogue.metrics:
                problems.append(Problem(f"metric {m.code} refers to unknown metric {ref}", hint="check the code"))
    ids: set[str] = set()
    for ind in indicators:
        if ind.id in ids:
            problems.append(Problem(f"indicator {ind.id} is defined twice", hint="keep one entry"))
        ids.add(ind.id)
        for code in ind.metrics:
            if code not in catalogue.metrics:
                problems.append(
                    Problem(
                        f"indicator {ind.id} uses unknown metric {code}",
                        hint="define the metric or correct the formula",
                    )
                )
        if ind.unit not in INDICATOR_UNITS:
            problems.append(
                Problem(f"indicator {ind.id} has unit '{ind.unit}'", hint="use one of " + ", ".join(INDICATOR_UNITS))
            )
        if ind.counted is not None and ind.unit != "count":
            problems.append(
                Problem(f"indicator {ind.id} has 'counted' words but is a {ind.unit}", hint="only a count has them")
            )
        if ind.unit != "count" and not ind.denominator:
            problems.append(
                Problem(
                    f"indicator {ind.id} is a {ind.unit} but has no denominator",
                    hint="add a denominator or make its unit 'count'",
                )
            )
        problems += _nesting_problems(ind, catalogue)
        if ind.polarity not in POLARITIES:
            problems.append(
                Problem(f"indicator {ind.id} has polarity '{ind.polarity}'", hint="use higher, lower or none")
            )
        if ind.standard not in catalogue.standards:
            problems.append(
                Problem(f"indicator {ind.id} names quality standard '{ind.standard}'", hint="use QS1 to QS8")
            )
        if ind.threshold is None and not counts_only(ind, catalogue.metrics):
            problems.append(
                Problem(
                    f"indicator {ind.id} is not built from counts alone, so no test can judge its change, "
                    "and it has no threshold",
                    hint="add 'threshold:' with the smallest change, in the indicator's units, that means something",
                )
            )
        if ind.group not in catalogue.groups:
            problems.append(
                Problem(f"indicator {ind.id} names group '{ind.group}'", hint="use " + ", ".join(catalogue.groups))
            )
    for s in survey:
        if s.standard not in catalogue.standards:
            problems.append(
                Problem(f"survey measure {s.id} names quality standard '{s.standard}'", hint="use QS1 to QS8")
            )
        for g in s.groups:
            if g not in SURVEY_GROUPS:
                problems.append(
                    Problem(
                        f"survey measure {s.id} names respondent group '{g}'",
                        hint="use one of " + ", ".join(SURVEY_GROUPS),
                    )
                )
    return problems


def _nesting_problems(ind: Indicator, catalogue: Catalogue) -> list[Problem]:
    """A percentage's numerator is declared part of its denominator, or the indicator is declared not nested.

    Without one or the other a numerator above its denominator could print as
    108.6% and be judged by a test that assumes a part of a whole.
    """
    if ind.unit != "percent":
        if not ind.nested:
            return [
                Problem(f"indicator {ind.id} is a {ind.unit} with 'nested: false'", hint="only a percent is nested")
            ]
        return []
    top = [t.ref for t in ind.numerator if t.kind == "metric"]
    bottom = [t.ref for t in ind.denominator if t.kind == "metric"]
    if len(top) != len(ind.numerator) or len(bottom) != len(ind.denominator):
        return []  # a population denominator: a rate, tested as one
    if any(code not in catalogue.metrics for code in (*top, *bottom)):
        return []  # reported as unknown metrics
    implied = bounded(catalogue.metrics, top, bottom)
    if ind.nested and not implied:
        return [
            Problem(
                f"indicator {ind.id} is a percentage, but the catalogue does not make its numerator "
                f"({' + '.join(top)}) a part of its denominator ({' + '.join(bottom)})",
                hint="give the numerator's metrics 'parent:' (the whole they are part of, e.g. AD/002a+b), "
                "or write 'nested: false' on the indicator if its numerator is not counted within its denominator",
            )
        ]
    if not ind.nested and implied:
        return [
            Problem(
                f"indicator {ind.id} says 'nested: false', but its numerator ({' + '.join(top)}) is part of "
                f"its denominator ({' + '.join(bottom)})",
                hint="remove 'nested: false'",
            )
        ]
    return []
