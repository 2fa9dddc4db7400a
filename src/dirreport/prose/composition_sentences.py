"""Sentences about a breakdown (a composition): its largest parts, the groups hidden, how its total moved.

They are the text alternative of a composition's bar chart, so they say in
words what the chart shows, with the same hidden groups marked [c].
"""

from __future__ import annotations

from dirreport.compute.indicators import OK
from dirreport.lang import i18n
from dirreport.lang.i18n import _, ngettext
from dirreport.lang.welsh import count
from dirreport.prose.sentences import lower_first


def describe_composition(
    title: str,
    labels: list[str],
    values: list[float | None],
    shown: list[str],
    total: str,
    comp: object,
    results: object,
    lang: str,
) -> str:
    """The largest parts, how many are hidden, and how the total moved since last year."""
    ranked = sorted(((v, i) for i, v in enumerate(values) if v is not None), reverse=True)
    if not ranked:
        return _(
            "{title}: the figures cannot be shown because they are small enough to identify people [c].",
            lang,
            title=title,
        )
    first = ranked[0][1]
    sentence = _(
        "{title}: total {total}; the largest group was {label}, {value}.",
        lang,
        title=title,
        total=total,
        label=lower_first(labels[first]),
        value=shown[first],
    )
    if len(ranked) > 1:
        second = ranked[1][1]
        sentence += " " + _("Next came {label}, {value}.", lang, label=lower_first(labels[second]), value=shown[second])
    hidden = sum(1 for v in values if v is None)
    if hidden:
        sentence += " " + hidden_groups(hidden, lang)
    sentence += " " + _total_change(comp, results, lang)
    return sentence


def hidden_groups(n: int, lang: str) -> str:
    """'2 groups are not shown [c].': Welsh counts the singular "categori", masculine (dau gategori).

    A breakdown's parts are categories (neglect, the police), not groups of people.
    """
    if lang == "cy":
        return _("Groups not shown [c]: {groups}.", lang, groups=count(n, "categori", "m"))
    return ngettext("{n} group is not shown [c].", "{n} groups are not shown [c].", n, lang)


def _total_change(comp: object, results: object, lang: str) -> str:
    from dirreport.compute.indicators import Results

    assert isinstance(results, Results)
    if len(results.years) < 2:
        return ""
    this, last = _total(comp, results, results.years[-1]), _total(comp, results, results.years[-2])
    if this is None or last is None:
        return ""
    if _breaks(comp, results, results.years[-1]):
        return _(
            "The total is not compared with {year}: the series changed in {this_year}.",
            lang,
            year=i18n.financial_year(results.years[-2], lang),
            this_year=i18n.financial_year(results.years[-1], lang),
        )
    return total_change(last, this, results.years[-2], results.years[-1], lang)


def total_change(last: float, this: float, last_year: str, this_year: str, lang: str) -> str:
    """Both totals with their years, and the difference as "a rise of": the same three quantities in each language."""
    # whole-time equivalents are counted in tenths: a total is printed as its breakdown prints it
    places = 0 if float(last).is_integer() and float(this).is_integer() else 1
    values = {
        "before": i18n.number(last, lang, places),
        "year": i18n.financial_year(last_year, lang),
        "after": i18n.number(this, lang, places),
        "this_year": i18n.financial_year(this_year, lang),
        "difference": i18n.number(abs(this - last), lang, places),
    }
    # every pattern states both totals with their years and the difference as "a rise of", never a bare
    # "rose from": Welsh "Cododd y cyfanswm o 7,938" reads as "rose by 7,938"
    if this > last:
        return _("The total was {before} in {year} and {after} in {this_year}, a rise of {difference}.", lang, **values)
    if this < last:
        return _("The total was {before} in {year} and {after} in {this_year}, a fall of {difference}.", lang, **values)
    return _("The total was {after} in {this_year}, the same as in {year}.", lang, **values)


def _total(comp: object, results: object, year: str) -> float | None:
    """A composition's total in a year: its total metric, or the sum of its parts when none is shown hidden."""
    from dirreport.compute.indicators import Results

    assert isinstance(results, Results)
    total_code = getattr(comp, "total", None)
    codes = [total_code] if total_code else [code for code, _label in getattr(comp, "parts", ())]
    values = [results.metric(code, year) for code in codes]
    if any(v.status != OK or v.value is None for v in values):
        return None
    return sum(v.value for v in values if v.value is not None)


def _breaks(comp: object, results: object, year: str) -> bool:
    """Whether any figure behind the composition starts a new series in this year (a break, 'b')."""
    from dirreport import cells
    from dirreport.compute.indicators import Results

    assert isinstance(results, Results)
    total_code = getattr(comp, "total", None)
    codes = [code for code, _label in getattr(comp, "parts", ())] + ([total_code] if total_code else [])
    return any(cells.BREAK in results.metric(code, year).flags for code in codes)
