"""What the project's data becomes: metrics, population, survey counts, stories, case studies, last year's points."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from dirreport import cells
from dirreport.data.local_model import LocalTables

if TYPE_CHECKING:
    pass


METRICS_COLUMNS = ("authority", "year", "metric", "value")
POPULATION_COLUMNS = ("authority", "year", "age_band", "population")
SURVEY_COLUMNS = ("authority", "year", "measure", "group", "respondents", "positive")
STORIES_COLUMNS = ("id", "consent", "en", "cy")
CASE_STUDY_COLUMNS = (
    "id",
    "consent",
    "standards",
    "title_en",
    "title_cy",
    "mattered_en",
    "mattered_cy",
    "did_en",
    "did_cy",
    "difference_en",
    "difference_cy",
)
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
    # the quality standards the story speaks to (an optional ``standards`` column), for the voice check
    standards: tuple[str, ...] = ()


@dataclass(frozen=True)
class CaseStudy:
    """A person's experience told in three parts, usable only with their recorded consent.

    ``person`` is how the labels name them ("What mattered to Elin"); each
    part may hold several paragraphs, separated by a blank line in the cell.
    """

    id: str
    consent: bool
    standards: tuple[str, ...]
    title: Mapping[str, str]
    person: Mapping[str, str]
    mattered: Mapping[str, str]
    did: Mapping[str, str]
    difference: Mapping[str, str]
    row: int

    def texts(self, lang: str) -> list[str]:
        """Every piece of its text in one language, for the personal-data check."""
        return [part.get(lang, "") for part in (self.title, self.person, self.mattered, self.did, self.difference)]


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
    case_studies: Mapping[str, CaseStudy] = field(default_factory=dict)
    # the authority's own tables: budget and outturn, complaints, inspections (data/local_model.py)
    local: LocalTables = field(default_factory=LocalTables)

    @property
    def authorities(self) -> list[str]:
        return sorted({a for a, _, _ in self.metrics})

    def value(self, authority: str, year: str, code: str) -> float | None:
        return self.metrics.get((authority, year, code))

    def status(self, key: MetricKey) -> str | None:
        """The status that stands in place of this value (confidential, not available …), if any."""
        return next((c for c in self.notes.get(key, ()) if c in cells.HIDING), None)
