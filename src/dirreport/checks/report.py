"""The report card as text for a terminal, JSON for CI, or an HTML page."""

from __future__ import annotations

import html
import json

from dirreport.checks.findings import (
    ERROR,
    SECTIONS,
    Finding,
    ReportCard,
)
from dirreport.errors import cap_per_file


def render_card(card: ReportCard, fmt: str, quiet: bool = False) -> str:
    if fmt == "json":
        return json.dumps(
            {
                "errors": len(card.errors),
                "warnings": len(card.warnings),
                "coverage": [vars(c) for c in card.coverage],
                "readability": card.readability,
                "findings": [
                    {
                        "section": f.section,
                        "severity": f.severity,
                        "message": f.problem.message,
                        "file": f.problem.file,
                        "line": f.problem.line,
                        "hint": f.problem.hint,
                    }
                    for f in card.findings
                ],
            },
            ensure_ascii=False,
            indent=2,
        )
    if fmt == "html":
        return _html(card)
    return _text(card, quiet)


def _text(card: ReportCard, quiet: bool) -> str:
    from io import StringIO

    from rich.console import Console
    from rich.table import Table

    buffer = StringIO()
    console = Console(file=buffer, width=110, force_terminal=False, color_system=None)
    if not quiet:
        table = Table(title="Evidence for the quality standards")
        for column in (
            "Standard",
            "Narrative final",
            "Indicators",
            "Survey results",
            "Improvement points",
            "Evidence cited",
            "People's voice",
        ):
            table.add_column(column)
        for row in card.coverage:
            table.add_row(
                row.standard,
                _tick(row.narrative_final),
                str(row.indicators),
                str(row.survey),
                _tick(row.improvement_point),
                _tick(row.evidence_cited),
                _tick(row.voice),
            )
        console.print(table)
    for key, title in SECTIONS.items():
        items = [f for f in card.findings if f.section == key and (not quiet or f.severity == ERROR)]
        if quiet and not items:
            continue
        mark = "✗" if any(f.severity == ERROR for f in items) else ("!" if items else "✓")
        console.print(f"{mark} {title}")
        for finding in _capped(items):
            # one line per problem, never wrapped, so it can be searched and copied whole
            console.print(
                f"    {finding.severity}: {finding.problem.located()}", markup=False, highlight=False, soft_wrap=True
            )
    console.print(
        f"{len(card.errors)} errors, {len(card.warnings)} warnings"
        + ("; publication is blocked" if card.errors else "; ready to publish")
    )
    return buffer.getvalue()


def _capped(items: list[Finding]) -> list[Finding]:
    """A section's findings with at most so many for each file and severity; the rest counted on one line."""
    out: list[Finding] = []
    for severity in dict.fromkeys(f.severity for f in items):
        mine = [f for f in items if f.severity == severity]
        section = mine[0].section
        out += [Finding(section, severity, p) for p in cap_per_file(f.problem for f in mine)]
    return out


def _tick(value: bool) -> str:
    return "yes" if value else "no"


def _html(card: ReportCard) -> str:
    rows = "".join(
        f"<tr><th scope='row'>{c.standard}</th><td>{_tick(c.narrative_final)}</td><td>{c.indicators}</td>"
        f"<td>{c.survey}</td><td>{_tick(c.improvement_point)}</td><td>{_tick(c.evidence_cited)}</td>"
        f"<td>{_tick(c.voice)}</td></tr>"
        for c in card.coverage
    )
    sections = []
    for key, title in SECTIONS.items():
        items = [f for f in card.findings if f.section == key]
        lis = "".join(
            f"<li><strong>{f.severity}</strong>: {html.escape(f.problem.located())}</li>" for f in _capped(items)
        )
        sections.append(f"<h2>{title}</h2>" + (f"<ul>{lis}</ul>" if lis else "<p>No findings.</p>"))
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>dirreport check</title></head><body>"
        f"<main><h1>Report card</h1><p>{len(card.errors)} errors, {len(card.warnings)} warnings.</p>"
        "<table><caption>Evidence for the quality standards</caption><thead><tr><th scope='col'>Standard</th>"
        "<th scope='col'>Narrative final</th><th scope='col'>Indicators</th><th scope='col'>Survey results</th>"
        "<th scope='col'>Improvement points</th><th scope='col'>Evidence cited</th>"
        "<th scope='col'>People's voice</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>{''.join(sections)}</main></body></html>"
    )
