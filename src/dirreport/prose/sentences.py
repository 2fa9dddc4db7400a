"""Figures as words: formatted values and the sentences written from them.

Every sentence is one gettext message with named placeholders, so a
translator sees and orders the whole sentence; where Welsh needs a mutation
after a preposition the message supplies the mutated form it needs.  Values
are formatted only here and in ``i18n``.
"""

from __future__ import annotations

from dirreport import cells
from dirreport.compute.indicators import (
    LOW,
    MISSING,
    NOT_APPLICABLE,
    OK,
    SUPPRESSED,
    IndicatorResult,
    Point,
    SurveyPoint,
    SurveyResult,
)
from dirreport.lang import i18n
from dirreport.lang.i18n import N_, _
from dirreport.lang.welsh import in_place

UNIT_PATTERNS = {
    "percent": None,
    "per-10000": N_("{value} per 10,000"),
    "per-1000": N_("{value} per 1,000"),
    "days": N_("{value} days"),
    "number": None,
    "count": None,
}

GROUP_NAMES = {
    "adults": N_("Adults"),
    "children": N_("Children and young people"),
    "carers": N_("Carers"),
    "parents": N_("Parents"),
    "young-adults": N_("Young adults"),
    "staff": N_("Staff"),
}

MARKERS = {
    SUPPRESSED: i18n.SUPPRESSED,
    LOW: i18n.LOW_BASE,
    MISSING: i18n.NOT_AVAILABLE,
    NOT_APPLICABLE: i18n.NOT_APPLICABLE,
}


def flagged(text: str, flags: tuple[str, ...]) -> str:
    """A published value with the StatsWales shorthand a reader must see beside it: '87.3% [p]'."""
    shown = [f"[{f}]" for f in cells.SHOWN_FLAGS if f in flags]
    return " ".join([text, *shown]) if shown else text


def marker(status: str, lang: str) -> str:
    """The shorthand for a figure not shown, as the edition's language writes it ([low] is [isel] in Welsh)."""
    return i18n.low_marker(lang) if status == LOW else MARKERS.get(status, i18n.NOT_AVAILABLE)


def value(amount: float | None, unit: str, lang: str, decimals: int) -> str:
    """87.3%, 123.4 per 10,000, 12.3 days, 1,234."""
    if amount is None:
        return i18n.NOT_AVAILABLE
    if unit == "percent":
        return i18n.percent(amount, lang, decimals)
    text = i18n.number(amount, lang, decimals)
    pattern = UNIT_PATTERNS.get(unit)
    return _(pattern, lang, value=text) if pattern else text


def point(p: Point | None, unit: str, lang: str, decimals: int) -> str:
    """A value as published: the number, or [c], [x] when it may not or cannot be shown."""
    if p is None:
        return i18n.NOT_AVAILABLE
    if p.status != OK:
        return marker(p.status, lang)
    return flagged(value(p.value, unit, lang, decimals), p.flags)


def cell(p: Point | None, unit: str, lang: str, decimals: int) -> str:
    """A value in a table whose row label names the unit: 87.3% or 123.4, never '123.4 per 10,000'."""
    if p is None:
        return i18n.NOT_AVAILABLE
    if p.status != OK or p.value is None:
        return marker(p.status, lang)
    text = i18n.percent(p.value, lang, decimals) if unit == "percent" else i18n.number(p.value, lang, decimals)
    return flagged(text, p.flags)


def signed_change(result: IndicatorResult, lang: str) -> str:
    """+3.2 or −1.5: this year's printed value minus last year's (percentage points for percentages)."""
    return signed(result.trend.change if result.trend.movement != "none" else None, lang, result.decimals)


def signed(change: float | None, lang: str, decimals: int) -> str:
    """A printed difference with its sign: +3.2, −1.5 or 0.0."""
    if change is None:
        return i18n.NOT_AVAILABLE
    if abs(change) < 0.5 * 10 ** (-decimals):
        return i18n.number(0, lang, decimals)
    sign = "+" if change > 0 else "−"
    return sign + i18n.number(abs(change), lang, decimals)


def with_base(text: str, p: Point, lang: str) -> str:
    """58.8% (120 of 204): a percentage with the counts it rests on; 32.0% (127.8 of 400.0 WTE) for staff."""
    numerator, denominator = base_numbers(p, lang)
    if p.base == "wte":
        return _(
            "{value} ({numerator} of {denominator} WTE)", lang, value=text, numerator=numerator, denominator=denominator
        )
    return _("{value} ({numerator} of {denominator})", lang, value=text, numerator=numerator, denominator=denominator)


def base_numbers(p: Point, lang: str) -> tuple[str, str]:
    """A point's numerator and denominator as printed: whole numbers, or whole-time equivalents to a tenth."""
    decimals = 1 if p.base == "wte" else 0
    return i18n.number(p.numerator, lang, decimals), i18n.number(p.denominator, lang, decimals)


def bare(p: Point | None, lang: str, decimals: int) -> str:
    """The number alone for table cells whose column header states the unit."""
    if p is None:
        return i18n.NOT_AVAILABLE
    if p.status != OK or p.value is None:
        return marker(p.status, lang)
    return flagged(i18n.number(p.value, lang, decimals), p.flags)


def survey_point(p: SurveyPoint | None, lang: str) -> str:
    if p is None:
        return i18n.NOT_AVAILABLE
    if p.status != OK:
        return marker(p.status, lang)
    return i18n.percent(p.percent, lang, 1)


def group_name(group: str, lang: str) -> str:
    return _(GROUP_NAMES[group], lang)


def lower_first(title: str) -> str:
    """Sentence-case a title for use mid-sentence, keeping acronyms such as IAA."""
    if len(title) > 1 and title[1].isupper():
        return title
    return title[:1].lower() + title[1:]


def change(result: IndicatorResult, lang: str, said_since: str | None = None) -> str:
    """Direction and size since last year, in words, judged against the indicator's polarity.

    ``said_since`` is a year the text around already names ("how they changed since 2022-23"): a change
    since that year leaves it out, so nine cards do not each repeat it.
    """
    trend = result.trend
    unit, decimals = result.indicator.unit, result.decimals
    if trend.change is None or trend.since is None:
        return _("no comparison with last year is available", lang)
    if trend.movement == "same":
        return _("unchanged since {year}", lang, year=i18n.financial_year(trend.since, lang))
    size = (
        i18n.points(trend.change, lang, decimals)
        if unit == "percent"
        else value(abs(trend.change), unit, lang, decimals)
    )
    year = i18n.financial_year(trend.since, lang)
    messages = {
        ("up", "better"): N_("up {size} since {year}, an improvement"),
        ("up", "worse"): N_("up {size} since {year}, a deterioration"),
        ("up", "neutral"): N_("up {size} since {year}"),
        ("down", "better"): N_("down {size} since {year}, an improvement"),
        ("down", "worse"): N_("down {size} since {year}, a deterioration"),
        ("down", "neutral"): N_("down {size} since {year}"),
        ("up", "little"): N_("up {size} since {year}, little change"),
        ("down", "little"): N_("down {size} since {year}, little change"),
    }
    if said_since is not None and trend.since == said_since:
        return _(SHORT_CHANGES[(trend.movement, trend.judgement)], lang, size=size)
    return _(messages[(trend.movement, trend.judgement)], lang, size=size, year=year)


SHORT_CHANGES = {  # a change since the year the text around names, without naming it again
    ("up", "better"): N_("up {size}, an improvement"),
    ("up", "worse"): N_("up {size}, a deterioration"),
    ("up", "neutral"): N_("up {size}"),
    ("down", "better"): N_("down {size}, an improvement"),
    ("down", "worse"): N_("down {size}, a deterioration"),
    ("down", "neutral"): N_("down {size}"),
    ("up", "little"): N_("up {size}, little change"),
    ("down", "little"): N_("down {size}, little change"),
}


def direction_label(result: IndicatorResult, lang: str) -> str:
    """One or two words for a summary table's direction column."""
    labels = {
        "better": N_("Improved"),
        "worse": N_("Worsened"),
        "neutral": N_("Changed"),
    }
    if result.trend.movement == "none":
        return i18n.NOT_AVAILABLE
    if result.trend.movement == "same":
        return _("No change", lang)
    if result.trend.judgement == "little":
        return _("Little change", lang)
    arrow = "▲" if result.trend.movement == "up" else "▼"
    return f"{arrow} {_(labels[result.trend.judgement], lang)}"


def subject_of(result: IndicatorResult, title: str, lang: str) -> str | None:
    """The indicator as the subject of a sentence, or None where Welsh has no subject form for it.

    English titles read as subjects as they stand.  A Welsh title such as
    "Gofalwyr a nodwyd ... fesul 10,000 o oedolion" does not ("cododd
    gofalwyr ..." says the carers rose): the catalogue gives the subject
    ("cyfradd y gofalwyr ...") and its gender, and ``welsh`` adds the article
    and the mutation after it.
    """
    if lang != "cy":
        return title
    noun = result.indicator.welsh_subject()
    return noun.subject() if noun is not None else None


def describe_indicator(result: IndicatorResult, title: str, lang: str) -> str:
    """Alt text and summary: latest value, direction over the period, standing against Wales."""
    unit, decimals = result.indicator.unit, result.decimals
    latest = result.latest
    given = {  # a status the data itself gives, in words
        SUPPRESSED: N_("{title}: the figure for {year} is confidential in the data and is not shown [c]."),
        NOT_APPLICABLE: N_("{title}: the figure for {year} is not applicable [z]."),
        LOW: N_("{title}: the figure for {year} is a low figure and is not shown [low]."),
    }
    if latest.status in latest.flags and latest.status in given:
        return _(given[latest.status], lang, title=title, year=i18n.financial_year(latest.year, lang))
    if latest.status == SUPPRESSED:
        return _(
            "{title}: the figure for {year} is not shown because it rests on a count small enough "
            "to identify people [c].",
            lang,
            title=title,
            year=i18n.financial_year(latest.year, lang),
        )
    if latest.status != OK:
        return _(
            "{title}: no figure is available for {year}.",
            lang,
            title=title,
            year=i18n.financial_year(latest.year, lang),
        )
    # a break in series starts a new series: nothing before it is compared with what follows
    current = max((i for i, p in enumerate(result.series) if p.breaks), default=0)
    shown = [p for p in result.series[current:] if p.status == OK]
    earlier = any(p.status == OK for p in result.series[:current])
    end = value(latest.value, unit, lang, decimals)
    end_year = i18n.financial_year(latest.year, lang)
    subject = subject_of(result, title, lang)
    if len(shown) < 2:
        pattern = N_("{title} was {end} in {end_year}.") if subject is not None else N_("{title}: {end} in {end_year}.")
        sentence = _(pattern, lang, title=subject or title, subject=subject, end=end, end_year=end_year)
    else:
        first = shown[0]
        start = value(first.value, unit, lang, decimals)
        start_year = i18n.financial_year(first.year, lang)
        from dirreport.compute.indicators import judge
        from dirreport.compute.judgement import printed_change

        movement, _judgement = judge(
            printed_change(latest.value or 0.0, first.value or 0.0, decimals), result.indicator.polarity, decimals
        )
        patterns = {
            "up": N_("{title} rose from {start} in {start_year} to {end} in {end_year}."),
            "down": N_("{title} fell from {start} in {start_year} to {end} in {end_year}."),
            "same": N_("{title} was {end} in {end_year}, the same as in {start_year}."),
        }
        labelled = {  # for a Welsh title that cannot be a subject: the title as a label, then a whole sentence
            "up": N_("{title}: it rose from {start} in {start_year} to {end} in {end_year}."),
            "down": N_("{title}: it fell from {start} in {start_year} to {end} in {end_year}."),
            "same": N_("{title}: it was {end} in {end_year}, the same as in {start_year}."),
        }
        pattern = patterns[movement] if subject is not None else labelled[movement]
        sentence = _(
            pattern,
            lang,
            title=subject or title,
            subject=subject,
            start=start,
            start_year=start_year,
            end=end,
            end_year=end_year,
        )
    if earlier:
        sentence += " " + _(
            "The series changed in {year}, so earlier years are not compared.",
            lang,
            year=i18n.financial_year(result.series[current].year, lang),
        )
    wales = result.wales_latest
    if wales is not None and wales.status == OK and result.versus_wales != "none":
        wales_text = value(wales.value, unit, lang, decimals)
        versus = {
            "above": N_("This is above the figure for Wales ({wales})."),
            "below": N_("This is below the figure for Wales ({wales})."),
            "same": N_("This is the same as the figure for Wales ({wales})."),
        }
        sentence += " " + _(versus[result.versus_wales], lang, wales=wales_text)
    if result.trend.since is not None and result.trend.movement != "none":
        # the change says "since {year}" itself: no "Since last year:" before it
        words = change(result, lang)
        sentence += " " + words[:1].upper() + words[1:] + "."
    return sentence


def describe_survey(result: SurveyResult, title: str, lang: str) -> str:
    """What a reader should take from a survey result, honest about uncertainty."""
    latest = result.latest
    group = group_name(result.group, lang)
    if latest is None or latest.status != OK:
        shorthand = marker(latest.status if latest else MISSING, lang)
        return _(
            "{title} ({group}): no result can be shown for {year} {marker}.",
            lang,
            title=title,
            group=group,
            year=i18n.financial_year((result.series and _last_year(result)) or "", lang),
            marker=shorthand,
        )
    low, high = latest.interval
    sentence = _(
        "{title} ({group}): {percent} of {n} people who answered in {year} (95% confidence interval {low} to {high}).",
        lang,
        title=title,
        group=group,
        percent=i18n.percent(latest.percent, lang),
        n=i18n.number(latest.respondents, lang),
        year=i18n.financial_year(latest.year, lang),
        low=i18n.percent(low, lang),
        high=i18n.percent(high, lang),
    )
    if result.change_significant is not None and result.trend.since:
        since = i18n.financial_year(result.trend.since, lang)
        if result.change_significant:
            pattern = (
                N_("This is a statistically significant rise since {year}.")
                if result.trend.movement == "up"
                else N_("This is a statistically significant fall since {year}.")
            )
        elif result.trend.movement == "up":
            pattern = N_("It rose by {size} since {year}, which is not statistically significant.")
        elif result.trend.movement == "down":
            pattern = N_("It fell by {size} since {year}, which is not statistically significant.")
        else:
            pattern = N_("The change since {year} is not statistically significant.")
        size = i18n.points(result.trend.change or 0.0, lang)
        sentence += " " + _(pattern, lang, year=since, size=size)
    if result.wales_significant is not None and result.wales is not None:
        wales = i18n.percent(result.wales.percent, lang)
        if result.wales_significant:
            pattern = (
                N_("It is significantly above Wales ({wales}).")
                if result.versus_wales == "above"
                else N_("It is significantly below Wales ({wales}).")
            )
        else:
            pattern = N_("It is not significantly different from Wales ({wales}).")
        sentence += " " + _(pattern, lang, wales=wales)
    return sentence


def _last_year(result: SurveyResult) -> str:
    for p in reversed(result.series):
        if p is not None:
            return p.year
    return ""


def people_in_place(total: int, place: str, year: str, lang: str) -> str:
    """'In 2023-24 an estimated 123,456 people lived in Glanafon' - Welsh mutates the place after 'yn'."""
    return _(
        "In {year}, an estimated {n} people lived in {place}.",
        lang,
        year=i18n.financial_year(year, lang),
        n=i18n.number(total, lang),
        place=place,
        in_place=in_place(place),
    )
