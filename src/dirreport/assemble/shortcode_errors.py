"""How a shortcode that cannot be honoured is told: what is wrong, its usage, the id it probably meant.

A figure that exists but may not be printed (``NotShown``) carries the
marker a draft prints in its place.
"""

from __future__ import annotations

import difflib

from dirreport.compute.indicators import SUPPRESSED
from dirreport.lang import i18n


class ShortcodeError(Exception):
    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.hint = hint


class NotShown(ShortcodeError):
    """A figure that exists but may not or cannot be printed in a sentence."""

    def __init__(self, message: str, hint: str, marker: str, missing: bool = False) -> None:
        super().__init__(message, hint)
        self.marker = marker
        self.missing = missing  # no value in the data at all: the data is short, not the sentence wrong


def figure_not_shown(what: str, status: str, year: str, marked_x: bool = False) -> NotShown:
    """Why a figure is not printed; ``marked_x``: the data itself says [x] (not collected), rather than lacking it."""
    if marked_x:
        return NotShown(
            f"{what} for {year} is marked [x] (not available: not collected or not applicable) in the data",
            "remove the figure from the sentence, or say in words that it is not collected",
            i18n.NOT_AVAILABLE,
        )
    if status == SUPPRESSED:
        return NotShown(
            f"{what} for {year} is not shown ([c]): it is marked confidential in the data, rests on "
            "a count of 1 to 4, or leaves out only 1 to 4 cases (95.7% of 23 would show the 1 left out)",
            "do not quote it in a sentence; describe it without the number or use a table",
            i18n.SUPPRESSED,
        )
    if status == "low":
        return NotShown(
            f"{what} for {year} is not shown ([low]): a low figure, or fewer than 10 respondents",
            "do not quote it as a figure",
            i18n.LOW_BASE,
        )
    if status == "z":
        return NotShown(
            f"{what} for {year} is marked not applicable ([z]) in the data",
            "remove the figure from the text",
            i18n.NOT_APPLICABLE,
        )
    return NotShown(
        f"{what} has no value for {year}",
        "add the data or remove the figure from the text",
        i18n.NOT_AVAILABLE,
        missing=True,
    )


def usage(name: str) -> str:
    return {
        "indicator": "{{< indicator ID >}}, {{< indicator ID 2022-23 >}}, with its base {{< indicator ID n >}}, "
        "or the number without its unit {{< indicator ID value >}}",
        "metric": "{{< metric AD/001 >}} or {{< metric AD/001 2022-23 >}}",
        "change": "{{< change ID >}}",
        "chart": "{{< chart ID >}} or {{< chart ID compare >}}",
        "table": "{{< table ID >}}",
        "survey": "{{< survey SV03 adults >}} or, with its base, {{< survey SV03 adults n >}}",
        "quote": "{{< quote STORY-ID >}}",
        "case-study": "{{< case-study CASE-STUDY-ID >}}",
        "pagebreak": "{{< pagebreak >}}",
        "year-in-numbers": "{{< year-in-numbers >}}, on a line of its own",
    }[name]


def did_you_mean(value: str, options: list[str]) -> str | None:
    close = difflib.get_close_matches(value, options, n=1, cutoff=0.6)
    return f"did you mean {close[0]}?" if close else None
