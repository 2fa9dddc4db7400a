"""Program text in Welsh and English, and every number, date and year as each language writes it.

Messages live in gettext catalogues (``locale/cy/LC_MESSAGES/dirreport.po``),
compiled in memory when first used so a pip install needs no build step.
English is the source language.  Welsh never falls back to English: a
message missing from the Welsh catalogue is a bug and stops the build rather
than print English in a Welsh document.
"""

from __future__ import annotations

import datetime as dt
import gettext
import io
import math
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal, localcontext
from functools import cache
from importlib import resources
from typing import Any

from babel import Locale
from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

DOMAIN = "dirreport"
BABEL_LOCALES = {"en": "en_GB", "cy": "cy_GB"}

SUPPRESSED = "[c]"
LOW_BASE = "[low]"
NOT_AVAILABLE = "[x]"
NOT_APPLICABLE = "[z]"
LOW_MARKERS = {"en": LOW_BASE, "cy": "[isel]"}  # the GSS shorthand [low]; Welsh Government releases write [isel]


class MissingTranslation(LookupError):
    """A message has no Welsh: a defect in dirreport's catalogue, never a user error."""


def N_(message: str) -> str:
    """Mark a string for extraction where it is defined; translate it where it is shown."""
    return message


class StrictTranslations(gettext.GNUTranslations):
    """GNU translations that refuse to return the English source for a missing message."""

    def gettext(self, message: str) -> str:
        result = self._catalog.get(message)  # type: ignore[attr-defined]
        if result is None or result == "":
            raise MissingTranslation(f"no Welsh for message {message!r}")
        return str(result)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        index = self.plural(n)  # type: ignore[attr-defined]
        result = self._catalog.get((msgid1, index))  # type: ignore[attr-defined]
        if result is None or result == "":
            raise MissingTranslation(f"no Welsh for message {msgid1!r}")
        return str(result)

    def pgettext(self, context: str, message: str) -> str:
        return self.gettext(f"{context}\x04{message}")

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
        return self.ngettext(f"{context}\x04{msgid1}", msgid2, n)


def po_resource() -> Any:
    return resources.files("dirreport").joinpath("locale", "cy", "LC_MESSAGES", f"{DOMAIN}.po")


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The message catalogue for ``lang``; English is the identity."""
    if lang == "en":
        return gettext.NullTranslations()
    if lang != "cy":
        raise ValueError(f"unsupported language {lang}")
    with po_resource().open("rb") as handle:
        catalog = read_po(handle, locale="cy", domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return StrictTranslations(buffer)


def low_marker(lang: str) -> str:
    """The shorthand for a survey result from too few people, in the edition's language."""
    return LOW_MARKERS[lang]


def _(message: str, lang: str, **values: Any) -> str:
    """Translate a whole-sentence message and fill its named placeholders."""
    text = translations(lang).gettext(message)
    return text.format(**values) if values else text


def ngettext(singular: str, plural: str, n: int, lang: str, **values: Any) -> str:
    text = translations(lang).ngettext(singular, plural, n)
    return text.format(n=n, **values)


def locale(lang: str) -> Locale:
    return Locale.parse(BABEL_LOCALES[lang])


# float arithmetic leaves noise below this many decimals (127.8 / 400 x 100 may be 31.949999999999996)
_NOISE = Decimal(1).scaleb(-9)


def decimal_value(value: float, decimals: int = 0) -> Decimal:
    """``value`` rounded half up (away from zero) on its decimal value, as GSS practice rounds.

    Python's ``round`` works on the binary float and rounds half to even, so
    31.95 became 31.9 and 6.25 became 6.2; here they are 32.0 and 6.3.  The
    float's noise is cleared first (to 9 decimals), so a value that is 31.95
    in decimal arithmetic rounds as 31.95 even when the float holds a hair less.
    """
    if not math.isfinite(value):
        return Decimal(repr(float(value)))  # nothing to round (the data's checks refuse these before printing)
    with localcontext() as context:
        context.prec = 60  # room for 9 decimals after any float's digits
        exact = Decimal(repr(float(value))).quantize(_NOISE, rounding=ROUND_HALF_EVEN)
        return exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def rounded(value: float, decimals: int = 0) -> float:
    """A value as the report prints it: every table, sentence, chart label, download and judgement uses this."""
    return float(decimal_value(value, decimals))


def number(value: float | None, lang: str, decimals: int = 0) -> str:
    """1,234 or 12.5, as each language writes it, rounded half up by ``rounded``."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return NOT_AVAILABLE
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(decimal_value(value, decimals), format=pattern, locale=BABEL_LOCALES[lang])


def percent(value: float | None, lang: str, decimals: int = 1) -> str:
    """``value`` is already a percentage (87.3, not 0.873)."""
    if value is None:
        return NOT_AVAILABLE
    return number(value, lang, decimals) + "%"


def points(value: float, lang: str, decimals: int = 1) -> str:
    """A difference between two percentages: 'percentage points' in words."""
    return _("{value} percentage points", lang, value=number(abs(value), lang, decimals))


def money(thousands: float, lang: str) -> str:
    """An amount held in £ thousands, as a sentence writes it: £112.4 million, £850,000."""
    pounds = thousands * 1000
    if abs(pounds) >= 1_000_000:
        return _("£{value} million", lang, value=number(pounds / 1_000_000, lang, 1))
    return "£" + number(pounds, lang, 0)


def signed(value: float, lang: str, decimals: int = 0) -> str:
    """+1,222 or −411 (a true minus sign), for a difference whose direction the reader needs."""
    text = number(abs(value), lang, decimals)
    if rounded(value, decimals) == 0:
        return text
    return ("+" if value > 0 else "\u2212") + text


def date(value: dt.date, lang: str) -> str:
    """31 March 2024 / 31 Mawrth 2024."""
    return format_date(value, format="d MMMM y", locale=BABEL_LOCALES[lang])


def financial_year(year: str, lang: str) -> str:
    """Financial years are written 2023-24 in both languages."""
    return year
