"""The year in numbers: a page of key figures near the front of the report.

Readers of a Director's report look first for a handful of figures.  Each
figure here is an indicator's value for the report year exactly as its
indicator table prints it, with its change since last year in the words the
``{{< change >}}`` shortcode uses: one judgement (``compute.judgement``) for
every place a change is described, so a change the data do not support is
"little change" here too.  A figure disclosure control hides shows the
report's marker ([c], [low]) and never a number; a count is never set
against Wales.

Published reports open with how many people were helped and how much was
done ("4,623 cases closed"), so a headline count (an indicator with
``counted`` words in the catalogue) prints its number with the words that
agree with it, "8,000 contacts ..." and "8,000 o gysylltiadau ...", and is
judged against last year by the same test as its table, or plainly called the
year's count where there is no earlier year to compare.

The figures are the project's ``year-in-numbers`` setting, or, by default,
three headline counts, a key indicator for each quality standard and then a
count, leaving out any figure that cannot be shown.  How the cards are laid
out in each format, and across the page in the bilingual edition, is
``key_figure_cards``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dirreport.catalogue import Catalogue, Indicator
from dirreport.compute.indicators import OK, IndicatorResult, Results
from dirreport.config.settings import Config, located_line
from dirreport.errors import Problem
from dirreport.lang import i18n
from dirreport.lang.i18n import _
from dirreport.prose import sentences

SHORTCODE = "year-in-numbers"
DEFAULT_COUNT = 12  # three headline counts, a key indicator for each of the eight standards, and one count
HEADLINE_COUNTS = 3  # the people helped and the work done, first, as published reports open
# the picture of a figure without its own (the catalogue's `icon`): by its unit, then by whom it is about
ICON_BY_UNIT = {"days": "clock"}
ICON_BY_GROUP = {"AD": "person", "CH": "child", "CA": "heart", "WF": "people"}


@dataclass(frozen=True)
class KeyFigure:
    """One card: what is measured, its value as printed, and its change in words."""

    id: str
    label: str  # a count's words after its number ("contacts to ..."), else the indicator's title
    value: str
    change: str
    judgement: str  # better | worse | neutral | little | unknown (as the indicator tables judge it)
    wales: str | None  # the figure for Wales as printed; never for a count
    shown: bool  # False where the value is a marker ([c], [low], [x], [z])
    title: str = ""  # the indicator's title, for a table's row (Word), where a count's words cannot stand alone
    number: str = ""  # the value without its unit's words ("26.9" of "26.9 days"): the bilingual card's figure
    icon: str = "person"  # the picture beside the figure (assemble.icons)

    @property
    def unit_words(self) -> str:
        """The words of the value after its number ("days", "fesul 10,000"), printed in each language."""
        return self.value[len(self.number) :].strip() if self.value.startswith(self.number) else ""


def chosen_ids(config: Config, catalogue: Catalogue, results: Results) -> list[str]:
    """The indicators on the page: the setting's, in its order, or the default choice."""
    if config.year_in_numbers is not None:
        return [i for i in config.year_in_numbers if i in results.indicators]
    shown = [i for i in catalogue.indicators.values() if i.id in results.indicators and _can_show(results, i.id)]
    groups: dict[str, int] = {}  # how many figures each group (adults, children, carers, workforce) has so far
    ids: list[str] = []

    def take(candidates: list[Indicator]) -> None:
        # the group least on the page so far, so adults' and children's services both appear
        best = min(candidates, key=lambda i: (groups.get(i.group, 0), shown.index(i)))
        groups[best.group] = groups.get(best.group, 0) + 1
        ids.append(best.id)

    headline = [i for i in shown if i.counted is not None]
    while headline and len(ids) < HEADLINE_COUNTS:
        take(headline)
        headline = [i for i in headline if i.id not in ids]
    for standard in sorted(catalogue.standards.values(), key=lambda s: s.number):
        key = [i for i in shown if i.key and i.standard == standard.id]
        if key:
            take(key)
    counts = [i for i in shown if i.unit == "count" and i.id not in ids]
    if counts and len(ids) < DEFAULT_COUNT:
        # a count of people helped reads better up front than one with no direction
        take([i for i in counts if i.polarity != "none"] or counts)
    return ids[:DEFAULT_COUNT]


def _can_show(results: Results, iid: str) -> bool:
    """A default figure must have a value the disclosure rules let the report print."""
    latest = results.indicators[iid].latest
    return latest.status == OK and latest.value is not None


def unknown_ids(config: Config, results: Results) -> list[Problem]:
    """A figure the setting names that is not an indicator: the setting's line, and how to find the ids."""
    if not config.year_in_numbers:
        return []
    line = located_line(config.root / "_quarto.yml", "dirreport", "year-in-numbers")
    return [
        Problem(
            f"year-in-numbers names '{iid}', which is not an indicator in the catalogue",
            file="_quarto.yml",
            line=line,
            hint="list the indicators with 'dirreport catalogue', or write true for the default choice",
        )
        for iid in config.year_in_numbers
        if iid not in results.indicators
    ]


def key_figure(result: IndicatorResult, lang: str, said_since: str | None = None) -> KeyFigure:
    """A figure as every other part of the report prints it: the table's value, the sentence's change.

    The page's introduction names last year once (``said_since``); a card repeats it only for a change
    measured from another year.
    """
    indicator = result.indicator
    unit, decimals = indicator.unit, result.decimals
    latest = result.latest
    shown = latest.status == OK and latest.value is not None
    if not shown:
        change = _("not shown, so not compared with last year", lang)
    elif unit == "count" and result.trend.since is None:
        # a count with no comparable earlier year is printed plainly as the year's count
        change = _("our count for {year}", lang, year=i18n.financial_year(latest.year, lang))
    else:
        change = sentences.change(result, lang, said_since)
    wales = None
    if unit != "count" and result.wales_latest is not None and result.wales_latest.status == OK:
        wales = sentences.point(result.wales_latest, unit, lang, decimals)
    label = indicator.title(lang)
    if indicator.counted is not None:
        # "8,000 contacts ...", "8,000 o gysylltiadau ...": the words agree with the number they follow;
        # a hidden count gets the plural as a label, agreeing with no number
        n = round(latest.value) if shown and latest.value is not None else None
        label = indicator.counted.words(n, lang) if n is not None else indicator.counted.plural(lang)
    return KeyFigure(
        id=indicator.id,
        label=label,
        value=sentences.point(latest, unit, lang, decimals),
        change=change[:1].upper() + change[1:],
        judgement=result.trend.judgement if result.trend.movement != "same" else "neutral",
        wales=wales,
        shown=shown,
        title=indicator.title(lang),
        number=sentences.cell(latest, unit, lang, decimals),
        icon=indicator.icon or ICON_BY_UNIT.get(unit) or ICON_BY_GROUP.get(indicator.group, "person"),
    )


def key_figures(config: Config, catalogue: Catalogue, results: Results, lang: str) -> list[KeyFigure]:
    last = previous_year(results)
    return [key_figure(results.indicators[iid], lang, last) for iid in chosen_ids(config, catalogue, results)]


def previous_year(results: Results) -> str | None:
    """The year before the report's, which the page's introduction names, if the results hold it."""
    years = list(results.years)
    return years[years.index(results.year) - 1] if results.year in years and years.index(results.year) else None


def heading(lang: str) -> str:
    return _("The year in numbers", lang)


# the bilingual edition's mark of the page's place in one language's passage, with the level of its heading
# (0: placed by a narrative, which gives it its own); that edition puts the page there once for both languages
PLACE_MARK = re.compile(r"^<!-- dirreport:year-in-numbers:(\d) -->$", re.M)


def place_mark(level: int | None) -> str:
    return f"\n<!-- dirreport:year-in-numbers:{level or 0} -->\n"


def with_default_place(body: str, section: str) -> str:
    """The page at the end of the summary's opening: before its first subheading, or after it all."""
    lines = body.split("\n")
    fence = False
    for n, line in enumerate(lines):
        if line.lstrip().startswith(("```", "~~~")):
            fence = not fence
        if not fence and line.startswith("#"):
            return "\n".join(lines[:n]).rstrip() + "\n\n" + section + "\n\n" + "\n".join(lines[n:])
    return body.rstrip() + "\n\n" + section + "\n"
