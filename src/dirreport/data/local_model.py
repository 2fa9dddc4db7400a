"""The authority's own tables beside the metrics: budget and outturn, complaints, inspections.

These are not returns to the Welsh Government, so their schema is declared
here, once: the readers check against it, ``dirreport new`` writes its
headers and comments from it, and the README describes it.  Money is in
pounds thousands (£000) as council finance reports give it; a variance is
never typed, it is worked out from the budget and the outturn.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from dirreport.lang.i18n import N_


@dataclass(frozen=True)
class Column:
    """One column of a local table: its name, whether it must be there, and what it holds."""

    name: str
    required: bool
    holds: str


@dataclass(frozen=True)
class LocalSchema:
    stem: str  # data/<stem>.csv or .xlsx
    what: str
    columns: tuple[Column, ...]

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)

    @property
    def header(self) -> list[str]:
        return [c.name for c in self.columns]


# Service areas of a social services budget, with their names in both languages; a project may add its
# own with label_en and label_cy in the file.
SERVICE_AREAS: Mapping[str, str] = {
    "adults": N_("Adult services"),
    "children": N_("Children's services"),
    "support": N_("Strategy, commissioning and support"),
}
# The complaints procedure's two services (Social Services Complaints Procedure (Wales) Regulations 2014)
COMPLAINT_SERVICES: Mapping[str, str] = {
    "adults": N_("Adult services"),
    "children": N_("Children's services"),
}
COMPLAINT_STAGES: Mapping[str, str] = {"1": N_("Stage 1 (local resolution)"), "2": N_("Stage 2 (formal investigation)")}
INSPECTION_TYPES: Mapping[str, str] = {
    "inspection": N_("Inspection"),
    "performance-evaluation": N_("Performance evaluation inspection"),
    "assurance-check": N_("Assurance check"),
    "improvement-check": N_("Improvement check"),
    "performance-review": N_("Annual performance review"),
    "review": N_("Review"),
}
INSPECTORATES: Mapping[str, str] = {
    "ciw": N_("Care Inspectorate Wales"),
    "audit-wales": N_("Audit Wales"),
    "hiw": N_("Healthcare Inspectorate Wales"),
    "estyn": N_("Estyn"),
}

FINANCE = LocalSchema(
    "finance",
    "budget and outturn by service area and year, in £ thousands",
    (
        Column("year", True, "financial year, e.g. 2023-24"),
        Column("service_area", True, "adults, children, support, or a code of your own with label_en and label_cy"),
        Column("budget", True, "net budget at the start of the year, £ thousands (e.g. 45210 for £45.2 million)"),
        Column("outturn", True, "net spending at the year's end, £ thousands; the variance is worked out"),
        Column("label_en", False, "the service area's name in English, for a code of your own"),
        Column("label_cy", False, "the service area's name in Welsh, for a code of your own"),
    ),
)
COMPLAINTS = LocalSchema(
    "complaints",
    "complaints under the social services complaints procedure, by year, service and stage",
    (
        Column("year", True, "financial year, e.g. 2023-24"),
        Column("service", True, "adults or children"),
        Column("stage", True, "1 (local resolution) or 2 (formal investigation)"),
        Column("received", True, "complaints received at this stage"),
        Column("responded_in_timescale", True, "of those, responded to within the statutory timescale"),
        Column("upheld", False, "of those, upheld in full or in part (blank if not recorded)"),
        Column("referred_to_ombudsman", False, "of those, referred to the Public Services Ombudsman for Wales"),
    ),
)
INSPECTIONS = LocalSchema(
    "inspections",
    "inspections, checks and reviews of the authority's social services, one row each",
    (
        Column("date", True, "the date the inspection ended or the report was published, e.g. 2023-11-17"),
        Column("type", True, ", ".join(INSPECTION_TYPES)),
        Column("inspectorate", True, ", ".join(INSPECTORATES)),
        Column("setting_en", True, "the service or setting inspected, in English"),
        Column("setting_cy", True, "the service or setting inspected, in Welsh"),
        Column("outcome_en", True, "what the inspectorate found, in a sentence, in English"),
        Column("outcome_cy", True, "what the inspectorate found, in a sentence, in Welsh"),
        Column("link", False, "the published report's address (https://…), optional"),
    ),
)
SCHEMAS = (FINANCE, COMPLAINTS, INSPECTIONS)


@dataclass(frozen=True)
class BudgetLine:
    """A service area's budget and outturn for one year, in £ thousands."""

    year: str
    area: str
    budget: float
    outturn: float
    row: int

    @property
    def variance(self) -> float:
        """Outturn less budget: above zero is an overspend, below zero an underspend."""
        return self.outturn - self.budget


@dataclass(frozen=True)
class ComplaintCount:
    """One year's complaints for a service at a stage; None where a count was not recorded."""

    year: str
    service: str
    stage: str
    received: int
    in_timescale: int
    upheld: int | None
    ombudsman: int | None
    row: int


@dataclass(frozen=True)
class Inspection:
    date: dt.date
    year: str  # the financial year the date falls in
    type: str
    inspectorate: str
    setting: Mapping[str, str]
    outcome: Mapping[str, str]
    link: str
    row: int


@dataclass(frozen=True)
class LocalTables:
    """What the authority's own tables hold; empty where a project has none of them."""

    finance: tuple[BudgetLine, ...] = ()
    area_labels: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # a project's own areas: {lang: name}
    complaints: tuple[ComplaintCount, ...] = ()
    inspections: tuple[Inspection, ...] = ()
