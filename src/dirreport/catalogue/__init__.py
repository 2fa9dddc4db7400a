"""The catalogue: what the report measures and how, shipped as reviewable package data.

Metrics come from the Welsh Government's technical guidance, indicators are
our declared formulas over them, survey measures are the national
"People reporting ..." questions, and the quality standards and authorities
are fixed by the code of practice and the ONS.  A project may add local
metrics, indicators and survey measures in ``data/local-catalogue.yml`` with
the same schema; they are used exactly like national ones.
"""

from __future__ import annotations

from dirreport.catalogue.loading import (
    LOCAL_CATALOGUE,
    load_authorities,
    load_catalogue,
    load_standards,
    validate_catalogue,
)
from dirreport.catalogue.model import (
    INDICATOR_UNITS,
    METRIC_CODE,
    PERIODS,
    POLARITIES,
    POPULATION_BANDS,
    POPULATION_GROUPS,
    SURVEY_GROUPS,
    UNITS,
    WALES,
    Authority,
    Breakdown,
    Catalogue,
    Composition,
    Indicator,
    Metric,
    QualityStandard,
    Section,
    SurveyMeasure,
    Term,
    base_unit,
    bounded,
    counts_only,
    whole_codes,
)

__all__ = [
    "INDICATOR_UNITS",
    "LOCAL_CATALOGUE",
    "METRIC_CODE",
    "PERIODS",
    "POLARITIES",
    "POPULATION_BANDS",
    "POPULATION_GROUPS",
    "SURVEY_GROUPS",
    "UNITS",
    "WALES",
    "Authority",
    "Breakdown",
    "Catalogue",
    "Composition",
    "Indicator",
    "Metric",
    "QualityStandard",
    "Section",
    "SurveyMeasure",
    "Term",
    "base_unit",
    "bounded",
    "counts_only",
    "load_authorities",
    "load_catalogue",
    "load_standards",
    "validate_catalogue",
    "whole_codes",
]
