"""The report card as text for a terminal, JSON for CI, or an HTML page, in the card's language.

Every word the card prints around the findings (titles, columns, yes and no,
error and warning, the verdict) goes through the message catalogue, so
``dirreport check --lang cy`` gives a Welsh-speaking Director or inspector
the card in Welsh.  JSON keeps its keys and severities in English for
machines; its messages are in the card's language.
"""

from __future__ import annotations

import html
import json

from dirreport.checks.findings import (
    ERROR,
    SECTIONS,
    Finding,
    ReportCard,
)
from dirreport.errors import Problem, cap_per_file
from dirreport.lang.i18n import N_, _, ngettext

COLUMNS = (
    N_("Standard"),
    N_("Narrative final"),
    N_("Indicators"),
    N_("Survey results"),
    N_("Improvement points"),
    N_("Evidence cited"),
    N_("People's voice"),
)
SEVERITIES = {"error": N_("error"), "warning": N_("warning")}


def located(problem: Problem, lang: str) -> str:
    """``file:row N: message. hint`` on one line, the position's words in the card's language."""
    if lang == "en":
        return problem.located()
    row = _("row", lang) if problem.position_kind == "row" else _("line", lang)
    # the column's number goes in after translation: the pattern is the catalogue's "column {column}"
    column = _("column {column}", lang, column="{column}")
    return problem.located(where=problem.position(row, column))


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


def _counts(card: ReportCard) -> str:
    """'2 errors, 1 warning' in the card's language."""
    lang = card.lang
    errors = ngettext("{n} error", "{n} errors", len(card.errors), lang)
    warnings = ngettext("{n} warning", "{n} warnings", len(card.warnings), lang)
    return _("{errors}, {warnings}", lang, errors=errors, warnings=warnings)


def _text(card: ReportCard, quiet: bool) -> str:
    from io import StringIO

    from rich.console import Console
    from rich.table import Table

    lang = card.lang
    buffer = StringIO()
    console = Console(file=buffer, width=110, force_terminal=False, color_system=None)
    if not quiet:
        table = Table(title=_("Evidence for the quality standards", lang))
        for column in COLUMNS:
            table.add_column(_(column, lang))
        for row in card.coverage:
            table.add_row(
                row.standard,
                _tick(row.narrative_final, lang),
                str(row.indicators),
                str(row.survey),
                _tick(row.improvement_point, lang),
                _tick(row.evidence_cited, lang),
                _tick(row.voice, lang),
            )
        console.print(table)
    for key, title in SECTIONS.items():
        items = [f for f in card.findings if f.section == key and (not quiet or f.severity == ERROR)]
        if quiet and not items:
            continue
        mark = "✗" if any(f.severity == ERROR for f in items) else ("!" if items else "✓")
        console.print(f"{mark} {_(title, lang)}", markup=False, highlight=False)
        for finding in _capped(items):
            # one line per problem, never wrapped, so it can be searched and copied whole
            console.print(
                f"    {_(SEVERITIES[finding.severity], lang)}: {located(finding.problem, lang)}",
                markup=False,
                highlight=False,
                soft_wrap=True,
            )
    verdict = _("publication is blocked", lang) if card.errors else _("ready to publish", lang)
    console.print(_("{counts}; {verdict}", lang, counts=_counts(card), verdict=verdict), markup=False, highlight=False)
    return buffer.getvalue()


def _capped(items: list[Finding]) -> list[Finding]:
    """A section's findings with at most so many for each file and severity; the rest counted on one line."""
    out: list[Finding] = []
    for severity in dict.fromkeys(f.severity for f in items):
        mine = [f for f in items if f.severity == severity]
        section = mine[0].section
        out += [Finding(section, severity, p) for p in cap_per_file(f.problem for f in mine)]
    return out


def _tick(value: bool, lang: str) -> str:
    return _("yes", lang) if value else _("no", lang)


def _html(card: ReportCard) -> str:
    lang = card.lang
    rows = "".join(
        f"<tr><th scope='row'>{html.escape(c.standard)}</th><td>{_tick(c.narrative_final, lang)}</td>"
        f"<td>{c.indicators}</td><td>{c.survey}</td><td>{_tick(c.improvement_point, lang)}</td>"
        f"<td>{_tick(c.evidence_cited, lang)}</td><td>{_tick(c.voice, lang)}</td></tr>"
        for c in card.coverage
    )
    sections = []
    for key, title in SECTIONS.items():
        items = [f for f in card.findings if f.section == key]
        lis = "".join(
            f"<li><strong>{html.escape(_(SEVERITIES[f.severity], lang))}</strong>: "
            f"{html.escape(located(f.problem, lang))}</li>"
            for f in _capped(items)
        )
        empty = html.escape(_("No findings.", lang))
        sections.append(f"<h2>{html.escape(_(title, lang))}</h2>" + (f"<ul>{lis}</ul>" if lis else f"<p>{empty}</p>"))
    head = "".join(f"<th scope='col'>{html.escape(_(column, lang))}</th>" for column in COLUMNS)
    title = html.escape(_("Report card", lang))
    caption = html.escape(_("Evidence for the quality standards", lang))
    return (
        f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'>"
        f"<title>{title}</title></head><body>"
        f"<main><h1>{title}</h1><p>{html.escape(_counts(card))}.</p>"
        f"<table><caption>{caption}</caption>"
        f"<thead><tr>{head}</tr></thead>"
        f"<tbody>{rows}</tbody></table>{''.join(sections)}</main></body></html>"
    )
