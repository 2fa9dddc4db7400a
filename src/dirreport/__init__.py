"""dirreport: the statutory annual report of a Welsh local authority's Director of Social Services.

The Python API (see the README's "From Python" section)::

    import dirreport
    project = dirreport.load_project("path/to/project")
    report = dirreport.build("path/to/project", languages=["en"], formats=["html"])
    card = dirreport.check("path/to/project")

Everything not listed in ``__all__`` is internal and may change between versions.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from dirreport.api import build, check, load_project, status
    from dirreport.checks.card import ReportCard
    from dirreport.checks.status import SectionStatus, StatusBoard
    from dirreport.compute.indicators import IndicatorResult, Point, Results, Trend
    from dirreport.compute.judgement import Verdict
    from dirreport.errors import CheckFailed, DirreportError, InputError, Problem
    from dirreport.pipeline.build import BuildReport
    from dirreport.pipeline.project import Project

# imported when first used, so `import dirreport` (and the command line's start) stays quick
_EXPORTS = {
    "load_project": "dirreport.api",
    "build": "dirreport.api",
    "check": "dirreport.api",
    "status": "dirreport.api",
    "StatusBoard": "dirreport.checks.status",
    "SectionStatus": "dirreport.checks.status",
    "Project": "dirreport.pipeline.project",
    "Results": "dirreport.compute.indicators",
    "IndicatorResult": "dirreport.compute.indicators",
    "Point": "dirreport.compute.indicators",
    "Trend": "dirreport.compute.indicators",
    "Verdict": "dirreport.compute.judgement",
    "BuildReport": "dirreport.pipeline.build",
    "ReportCard": "dirreport.checks.card",
    "DirreportError": "dirreport.errors",
    "InputError": "dirreport.errors",
    "CheckFailed": "dirreport.errors",
    "Problem": "dirreport.errors",
}

__all__ = [
    "BuildReport",
    "CheckFailed",
    "DirreportError",
    "IndicatorResult",
    "InputError",
    "Point",
    "Problem",
    "Project",
    "ReportCard",
    "Results",
    "SectionStatus",
    "StatusBoard",
    "Trend",
    "Verdict",
    "__version__",
    "build",
    "check",
    "load_project",
    "status",
]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'dirreport' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
