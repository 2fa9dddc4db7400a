"""What the catalogue holds: metrics, indicators, survey measures, compositions, standards, authorities."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from dirreport.lang.bilingual_text import Bilingual
from dirreport.lang.welsh import WelshNoun, counted, noun_from_title

METRIC_CODE = re.compile(r"^[A-Z]{2,3}/[0-9]{3}[a-z]?$")
# one summand of a written whole: a code, a code with a range of letters, or more letters of the code before
_WHOLE_TERM = re.compile(
    r"^(?:(?P<base>[A-Z]{2,3}/[0-9]{3})(?P<first>[a-z])?|(?P<letter>[a-z]))(?:[-–](?P<last>[a-z]))?$"
)
UNITS = ("count", "days", "wte", "hours", "pounds")
PERIODS = ("year", "31-march")
POPULATION_BANDS = ("0-17", "18-64", "65-74", "75+")
POPULATION_GROUPS: dict[str, tuple[str, ...]] = {
    "all": POPULATION_BANDS,
    "0-17": ("0-17",),
    "18+": ("18-64", "65-74", "75+"),
    "18-64": ("18-64",),
    "65+": ("65-74", "75+"),
    "65-74": ("65-74",),
    "75+": ("75+",),
}
INDICATOR_UNITS = ("percent", "per-10000", "per-1000", "days", "number", "count")
# the year in numbers' pictures (resources/icons/<name>.svg), each a subject a card can be about
ICONS = ("person", "people", "child", "home", "clock", "heart", "hand")
POLARITIES = ("higher", "lower", "none")
SURVEY_GROUPS = ("adults", "children", "carers", "parents", "young-adults", "staff")


@dataclass(frozen=True)
class Authority:
    """One of the 22 authorities (or Wales): the area it serves and the council that publishes the report.

    ``name`` is the area, for sentences ("people living in Powys", "ym Mhowys");
    ``council`` is the publisher, for the cover, title, metadata, page
    furniture and logo ("Cyngor Sir Powys", "Powys County Council").
    """

    code: str
    name: Bilingual
    kind: str = "authority"
    council: Bilingual | None = None

    @property
    def publisher(self) -> Bilingual:
        """The council's name, or the area's where there is no council (Wales)."""
        return self.council or self.name


@dataclass(frozen=True)
class QualityStandard:
    id: str
    number: int
    heading_id: str
    heading: Bilingual
    text: Bilingual


@functools.lru_cache(maxsize=4096)  # a pure function of a short string, asked for once per row of the data
def whole_codes(written: str) -> tuple[str, ...]:
    """The codes a whole is written as, in the guidance's own notation.

    ``AD/001`` is one code; ``AD/002a+b`` is AD/002a + AD/002b; ``CH/023a–i``
    (an en dash or a hyphen) is CH/023a to CH/023i; ``WF/020a+WF/020b`` is
    written out.  Raises ValueError for anything else.
    """
    codes: list[str] = []
    base: str | None = None
    for term in written.replace(" ", "").split("+"):
        match = _WHOLE_TERM.match(term)
        if match is None or (match.group("letter") and base is None):
            raise ValueError(f"'{written}' is not a code or a sum of codes such as AD/002a+b or CH/023a–i")
        base = match.group("base") or base
        first = match.group("first") or match.group("letter") or ""
        last = match.group("last")
        if last and (not first or last < first):
            raise ValueError(f"'{written}' has the range {first}–{last}; write it from the first letter to the last")
        letters = [chr(c) for c in range(ord(first), ord(last) + 1)] if last else [first]
        codes += [f"{base}{letter}" for letter in letters]
    return tuple(dict.fromkeys(codes))


@dataclass(frozen=True)
class Metric:
    code: str
    group: str
    section: str
    label: Bilingual
    unit: str
    period: str
    parent: str | None = None
    exclusive: bool = False
    same_as: str | None = None
    note: str | None = None
    local: bool = False
    # a count of people can identify someone when small; a count of places, plans or applications cannot
    people: bool = True
    # true on a part of a family of exclusive parts that together make up the whole (sum = parent)
    exhaustive: bool = False

    @property
    def whole(self) -> tuple[str, ...]:
        """The codes of the whole this metric is part of: one, or the guidance's sum (AD/002a+b)."""
        return whole_codes(self.parent) if self.parent else ()

    @property
    def family(self) -> str:
        """The numbered family a lettered code belongs to: AD/002a and AD/002b are both AD/002."""
        return self.code.rstrip("abcdefghijklmnopqrstuvwxyz")


@dataclass(frozen=True)
class Section:
    id: str
    group: str
    title: Bilingual


@dataclass(frozen=True)
class Term:
    """One summand of a numerator or denominator: a metric or a population group."""

    kind: str  # "metric" | "population"
    ref: str

    def __str__(self) -> str:
        return self.ref if self.kind == "metric" else f"population {self.ref}"


@dataclass(frozen=True)
class Counted:
    """What a headline count counts, as the words after its number ("8,000 contacts", "8,000 o gysylltiadau").

    English needs the noun phrase for one and for more; Welsh the singular phrase (after 1 to 4, which
    mutate by the head noun's gender), the plural one (after "o" for any other number) and that gender.
    """

    en_one: str
    en_other: str
    cy_one: str
    cy_other: str
    cy_gender: str

    def words(self, n: int, lang: str) -> str:
        """The phrase that follows the number ``n`` in ``lang``, agreeing with it."""
        if lang == "cy":
            return counted(n, self.cy_one, self.cy_other, self.cy_gender)
        return self.en_one if n == 1 else self.en_other

    def plural(self, lang: str) -> str:
        """The phrase as a label with no number before it (a hidden figure, a table's row)."""
        text = self.cy_other if lang == "cy" else self.en_other
        return text[:1].upper() + text[1:]

    @classmethod
    def from_mapping(cls, value: object, what: str) -> Counted:
        """Read ``{en: {one, other}, cy: {one, other, gender}}`` from a catalogue entry."""
        if not isinstance(value, dict) or not all(isinstance(value.get(lang), dict) for lang in ("en", "cy")):
            raise ValueError(f"{what} must have 'en: {{one, other}}' and 'cy: {{one, other, gender}}'")
        en, cy = value["en"], value["cy"]
        texts = [en.get("one"), en.get("other"), cy.get("one"), cy.get("other")]
        if not all(isinstance(t, str) and t.strip() for t in texts):
            raise ValueError(f"{what} needs the words for one and for other in English and Welsh")
        if cy.get("gender") not in ("m", "f"):
            raise ValueError(f"{what} has Welsh gender {cy.get('gender')!r}; use m or f")
        one, other, cy_one, cy_other = (" ".join(str(t).split()) for t in texts)
        return cls(one, other, cy_one, cy_other, str(cy["gender"]))


@dataclass(frozen=True)
class Indicator:
    id: str
    title: Bilingual
    unit: str
    polarity: str
    standard: str
    group: str
    numerator: tuple[Term, ...]
    denominator: tuple[Term, ...] = ()
    chart: str = "trend"
    note: Bilingual | None = None
    local: bool = False
    # the smallest change, in the indicator's own units, the report calls a change; for values
    # that are not built from counts (averages, whole-time equivalents) no test applies
    threshold: float | None = None
    welsh: WelshNoun | None = None  # the Welsh subject, where the title cannot be one as it stands
    key: bool = False  # a key indicator: charted when the project charts key indicators only
    # false for a ratio whose numerator is not part of its denominator (leavers over staff in post):
    # it may pass 100% and its change is tested as a rate (Poisson), never as a proportion
    nested: bool = True
    # a count of people helped or of work done, for the year in numbers: the words after its number
    counted: Counted | None = None
    icon: str | None = None  # the year in numbers' picture (ICONS), where its subject's default does not fit

    def welsh_subject(self) -> WelshNoun | None:
        """The Welsh noun phrase a sentence about this indicator can start with, if there is one."""
        return self.welsh or noun_from_title(self.title.cy)

    @property
    def metrics(self) -> tuple[str, ...]:
        return tuple(t.ref for t in (*self.numerator, *self.denominator) if t.kind == "metric")

    def formula(self) -> str:
        """The formula as a performance officer would write it."""
        top = " + ".join(str(t) for t in self.numerator)
        if not self.denominator:
            return top
        bottom = " + ".join(str(t) for t in self.denominator)
        if len(self.numerator) > 1:
            top = f"({top})"
        if len(self.denominator) > 1:
            bottom = f"({bottom})"
        scale = {"percent": " × 100", "per-10000": " × 10,000", "per-1000": " × 1,000"}
        return f"{top} ÷ {bottom}{scale.get(self.unit, '')}"


@dataclass(frozen=True)
class SurveyMeasure:
    id: str
    title: Bilingual
    groups: tuple[str, ...]
    standard: str
    source: str = ""
    local: bool = False


@dataclass(frozen=True)
class Composition:
    """A total and the parts it divides into, each part with a short label for charts."""

    id: str
    title: Bilingual
    parts: tuple[tuple[str, Bilingual], ...]
    standard: str
    group: str
    total: str | None = None
    local: bool = False


@dataclass(frozen=True)
class Breakdown:
    """A total and the mutually exclusive parts it divides into; exhaustive parts add up to it.

    ``total`` is the whole as the catalogue writes it (AD/001, or a sum such as AD/034a–e).
    """

    total: str
    parts: tuple[str, ...]
    exhaustive: bool = False

    @property
    def whole(self) -> tuple[str, ...]:
        return whole_codes(self.total)


@dataclass(frozen=True)
class Catalogue:
    metrics: Mapping[str, Metric]
    sections: Mapping[str, Section]
    groups: Mapping[str, Bilingual]
    indicators: Mapping[str, Indicator]
    survey: Mapping[str, SurveyMeasure]
    standards: Mapping[str, QualityStandard]
    headings: Mapping[str, Bilingual]
    authorities: Mapping[str, Authority]
    breakdowns: tuple[Breakdown, ...] = field(default=())
    compositions: Mapping[str, Composition] = field(default_factory=dict)

    def standards_of(self, heading_id: str) -> list[QualityStandard]:
        return [s for s in self.standards.values() if s.heading_id == heading_id]

    def indicators_for(self, standard: str) -> list[Indicator]:
        return [i for i in self.indicators.values() if i.standard == standard]

    def survey_for(self, standard: str) -> list[SurveyMeasure]:
        return [m for m in self.survey.values() if m.standard == standard]

    def compositions_for(self, standard: str) -> list[Composition]:
        return [c for c in self.compositions.values() if c.standard == standard]

    def children_of(self, code: str) -> list[Metric]:
        return [m for m in self.metrics.values() if m.parent == code]


WALES = "W92000004"


def bounded(metrics: Mapping[str, Metric], parts: Iterable[str], whole: Iterable[str]) -> bool:
    """Whether the catalogue's relationships make the sum of ``parts`` at most the sum of ``whole``.

    True when every part is in the whole, or the parts can be replaced, step by
    step, by the wholes they are declared part of: one part by its whole, an
    exclusive family of parts by their common whole, and parts with different
    wholes only when those wholes do not overlap (so nothing is counted twice).
    A metric the guidance defines as the same count stands for the other.
    """
    target = set(whole)
    for code in list(target):
        same = metrics[code].same_as if code in metrics else None
        target |= {same} if same else set()
        target |= {m.code for m in metrics.values() if m.same_as == code}
    current = frozenset(parts)
    for _step in range(12):
        if current <= target:
            return True
        kept = {c for c in current if c in target}
        groups: dict[tuple[str, str], list[Metric]] = {}
        for code in current - kept:
            metric = metrics.get(code)
            if metric is None:
                return False
            if metric.same_as and metric.same_as in target:
                kept.add(metric.same_as)
                continue
            if not metric.parent:
                return False
            groups.setdefault((metric.parent, metric.family if metric.exclusive else metric.code), []).append(metric)
        wholes: list[set[str]] = []
        for members in groups.values():
            if len(members) > 1 and not all(m.exclusive for m in members):
                return False
            wholes.append(set(members[0].whole))
        replaced = set(kept)
        for codes in wholes:
            if replaced & codes:
                return False  # two parts within the same whole: their sum may pass it
            replaced |= codes
        if replaced == current:
            return False
        current = frozenset(replaced)
    return False


def counts_only(indicator: Indicator, metrics: Mapping[str, Metric]) -> bool:
    """Whether an indicator is built from counts of people or events alone, so a test can judge its change."""
    if indicator.unit in ("days", "number"):
        return False
    return all(
        metrics[t.ref].unit == "count"
        for t in (*indicator.numerator, *indicator.denominator)
        if t.kind == "metric" and t.ref in metrics
    )


def base_unit(indicator: Indicator, metrics: Mapping[str, Metric]) -> str:
    """What an indicator's numerator and denominator count: "wte" (whole-time equivalents) or "count"."""
    units = {metrics[code].unit for code in indicator.metrics if code in metrics}
    return "wte" if "wte" in units else "count"
