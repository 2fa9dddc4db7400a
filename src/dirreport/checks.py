"""The report card: is the report ready for CIW and safe to publish?

Checks are grouped as CIW and a Director would read them: evidence coverage
for each quality standard, data, translation, accessibility, personal data
and disclosure control.  Errors block publication (``dirreport build``
refuses without ``--draft``); warnings are things to look at.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .errors import Problem
from .project import Project

ERROR, WARNING = "error", "warning"
SECTIONS = ("coverage", "data", "translation", "accessibility", "personal-data", "disclosure")


@dataclass(frozen=True)
class Finding:
    section: str
    severity: str
    problem: Problem


@dataclass
class ReportCard:
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == WARNING]

    def add(self, section: str, severity: str, problem: Problem) -> None:
        self.findings.append(Finding(section, severity, problem))


def run_checks(project: Project) -> ReportCard:
    card = ReportCard()
    for problem in project.warnings:
        card.add("accessibility" if "alternative text" in problem.message else "personal-data"
                 if "personal" in problem.message else "data", ERROR, problem)
    return card


def blocking_problems(project: Project) -> list[Problem]:
    return [f.problem for f in run_checks(project).errors]


def render_card(card: ReportCard, fmt: str, quiet: bool = False) -> str:
    import json

    if fmt == "json":
        return json.dumps([{"section": f.section, "severity": f.severity, "message": f.problem.message,
                            "file": f.problem.file, "line": f.problem.line, "hint": f.problem.hint}
                           for f in card.findings], ensure_ascii=False, indent=2)
    lines = [f"{f.severity}: [{f.section}] {f.problem.located()}" for f in card.findings
             if not quiet or f.severity == ERROR]
    lines.append(f"{len(card.errors)} errors, {len(card.warnings)} warnings")
    return "\n".join(lines)
