"""The status board as text for a terminal, JSON, or a styled, accessible HTML page.

The page is for a report's coordinator to share: it names the authority, the
year and the day, says each state in words (never by colour alone), has a
caption and column and row headers for a screen reader, and works without
script or anything from the network.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from io import StringIO

from dirreport.checks.status import STATES, TRANSLATIONS, StatusBoard
from dirreport.lang import i18n
from dirreport.lang.i18n import N_, _, ngettext

COLUMNS = (  # messages, translated where the board is written
    N_("Section"),
    N_("Owner"),
    N_("Status"),
    N_("Words"),
    N_("Figures"),
    N_("Surveys"),
    N_("Stories"),
    N_("Quality standards"),
    N_("Translation"),
    N_("Blocks publication"),
)
COUNTS = {
    "final": N_("{n} final"),
    "draft": N_("{n} draft"),
    "empty": N_("{n} empty"),
    "missing": N_("{n} missing"),
}


def render_json(board: StatusBoard) -> str:
    return json.dumps(board.to_json(), ensure_ascii=False, indent=2)


def _summary(board: StatusBoard) -> str:
    lang = board.lang
    counts: dict[str, int] = {}
    for section in board.sections:
        counts[section.status] = counts.get(section.status, 0) + 1
    states = ", ".join(_(COUNTS[s], lang, n=counts[s]) for s in ("final", "draft", "empty", "missing") if counts.get(s))
    blocked = sum(1 for s in board.sections if s.blocks)
    verdict = _("ready to publish", lang) if board.ready else _("publication is blocked", lang)
    return ngettext(
        "{n} section: {states}; {blocked} with problems that block publication; {verdict}",
        "{n} sections: {states}; {blocked} with problems that block publication; {verdict}",
        len(board.sections),
        lang,
        states=states,
        blocked=blocked,
        verdict=verdict,
    )


def _short(text: str, width: int = 28) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def render_text(board: StatusBoard) -> str:
    from rich.console import Console
    from rich.table import Table

    buffer = StringIO()
    console = Console(file=buffer, width=160, force_terminal=False, color_system=None)
    lang = board.lang
    table = Table(
        title=_(
            "{authority}: annual report {year}, status on {date}",
            lang,
            authority=board.authority,
            year=i18n.financial_year(board.year, lang),
            date=board.date,
        )
    )
    for column in COLUMNS:
        table.add_column(_(column, lang), overflow="fold", no_wrap=column in ("Status", "Translation"))
    for s in board.sections:
        table.add_row(
            s.id if len(s.heading) <= 1 else f"{s.id} {_short(s.heading)}",
            s.owner or "-",
            _(STATES[s.status], lang),
            str(s.words),
            str(s.figures),
            str(s.surveys),
            str(s.stories),
            ", ".join(s.standards) or "-",
            _(TRANSLATIONS[s.translation], lang),
            str(len(s.blocks)) if s.blocks else "-",
        )
    console.print(table)
    for s in board.sections:
        for problem in s.blocks:
            console.print(f"  {s.id}: {problem}", markup=False, highlight=False, soft_wrap=True)
    for problem in board.other_blocks:
        console.print(_("  report: {problem}", lang, problem=problem), markup=False, highlight=False, soft_wrap=True)
    console.print(_summary(board), markup=False, highlight=False)
    return buffer.getvalue()


STYLE = """
body { font-family: Arial, "Liberation Sans", sans-serif; color: #0b0c0c; background: #fff;
       margin: 2rem; line-height: 1.4; }
h1 { color: #12436d; font-size: 1.8rem; margin-bottom: .2rem; }
.meta { color: #3b3f42; margin-top: 0; }
table { border-collapse: collapse; width: 100%; margin-top: 1rem; font-size: .95rem; }
caption { text-align: left; font-weight: bold; font-size: 1.1rem; padding: .5rem 0; }
th, td { border: 1px solid #b1b4b6; padding: .4rem .5rem; text-align: left; vertical-align: top; }
thead th { background: #12436d; color: #fff; }
tbody th { font-weight: normal; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.state { display: inline-block; padding: .1rem .45rem; border-radius: .2rem; border: 1px solid currentColor; }
.final, .translated { color: #005a30; background: #e6f2eb; }
.draft, .out-of-date { color: #6a4a00; background: #fff4d6; }
.empty, .missing, .not-translated { color: #8a1d0d; background: #fde9e6; }
.not-needed { color: #3b3f42; }
ul.blocks { margin: 0; padding-left: 1.1rem; }
:focus { outline: 3px solid #ffdd00; }
"""


def _day(iso: str, lang: str = "en") -> str:
    return i18n.date(dt.date.fromisoformat(iso), lang)


def _state(code: str, text: str) -> str:
    """A state in words, its class named by its English code for the style."""
    return f"<span class='state {code.replace(' ', '-')}'>{html.escape(text)}</span>"


def render_html(board: StatusBoard) -> str:
    lang = board.lang
    none = html.escape(_("none", lang))
    nobody = html.escape(_("none named", lang))
    rows = []
    for s in board.sections:
        blocks = (
            "<ul class='blocks'>" + "".join(f"<li>{html.escape(b)}</li>" for b in s.blocks) + "</ul>"
            if s.blocks
            else none
        )
        rows.append(
            f"<tr><th scope='row'>{html.escape(s.heading)} <small>({html.escape(s.id)})</small></th>"
            f"<td>{html.escape(s.owner) or nobody}</td>"
            f"<td>{_state(s.status, _(STATES[s.status], lang))}</td>"
            f"<td class='num'>{s.words}</td><td class='num'>{s.figures}</td><td class='num'>{s.surveys}</td>"
            f"<td class='num'>{s.stories}</td><td>{html.escape(', '.join(s.standards)) or none}</td>"
            f"<td>{_state(s.translation, _(TRANSLATIONS[s.translation], lang))}</td><td>{blocks}</td></tr>"
        )
    head = "".join(f"<th scope='col'>{html.escape(_(c, lang))}</th>" for c in COLUMNS)
    others = ""
    if board.other_blocks:
        also = html.escape(_("Also blocking publication", lang))
        others = f"<h2>{also}</h2><ul>" + "".join(f"<li>{html.escape(b)}</li>" for b in board.other_blocks) + "</ul>"
    year = i18n.financial_year(board.year, lang)
    title = _("Annual report {year}: where it stands", lang, year=year)
    meta = _(
        "{authority} · report year {year} · status on {date}",
        lang,
        authority=html.escape(board.authority),
        year=html.escape(year),
        date=f"<time datetime='{board.date}'>{_day(board.date, lang)}</time>",
    )
    caption = html.escape(_("Every section of the report, with its owner and state", lang))
    return (
        f"<!DOCTYPE html>\n<html lang='{lang}'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{html.escape(board.authority)}: {html.escape(title)}</title><style>{STYLE}</style></head>"
        f"<body><main><h1>{html.escape(title)}</h1>"
        f"<p class='meta'>{meta}</p>"
        f"<p>{html.escape(_summary(board))}.</p>"
        f"<table><caption>{caption}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>{others}</main></body></html>\n"
    )
