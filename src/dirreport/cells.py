"""Reading one cell of a data file: numbers, StatsWales shorthand and financial years.

Authorities copy figures from StatsWales and from their own spreadsheets, so a
cell may hold ``1,234``, ``..`` or ``2024/25``.  Each is read here, once, with
the same rules for every file (metrics, population, survey): a marker is a
status and never a zero, a decimal comma is refused rather than read as a
thousands separator, and a value no report could hold (``inf``, ``1e300``) is
refused at its row.

The shorthand is the one StatsWales publishes: in a note column a value may be
marked a (average), b (break in series), c (confidential), e (estimated),
f (forecast), k (low figure), ns/s/ss/sss (significance), p (provisional),
r (revised), t (total), u (low reliability), w (none recorded in survey),
x (not available) or z (not applicable); older tables put ``*``, ``..``,
``.`` or ``-`` in the value itself, and the Government Statistical Service
writes ``[c]``, ``[x]``, ``[z]``, ``[low]``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

# statuses that take the place of a value: what the reader sees instead of a number
CONFIDENTIAL, NOT_AVAILABLE, NOT_APPLICABLE, LOW_FIGURE = "c", "x", "z", "low"
HIDING = (CONFIDENTIAL, NOT_AVAILABLE, NOT_APPLICABLE, LOW_FIGURE)

# markers written in the value column instead of a number
VALUE_MARKERS = {
    "*": CONFIDENTIAL,
    "[c]": CONFIDENTIAL,
    "c": CONFIDENTIAL,
    "..": NOT_AVAILABLE,
    "[x]": NOT_AVAILABLE,
    "x": NOT_AVAILABLE,
    ".": NOT_APPLICABLE,
    "[z]": NOT_APPLICABLE,
    "z": NOT_APPLICABLE,
    "-": LOW_FIGURE,
    "[low]": LOW_FIGURE,
    "k": LOW_FIGURE,
    "[k]": LOW_FIGURE,
    "low": LOW_FIGURE,
}

# codes of a note column, as StatsWales publishes them
NOTE_CODES = {
    "a": "average",
    "b": "break in series",
    "c": "confidential",
    "e": "estimated",
    "f": "forecast",
    "k": "low figure",
    "ns": "not significant",
    "s": "significant at 0.05",
    "ss": "significant at 0.01",
    "sss": "significant at 0.001",
    "p": "provisional",
    "r": "revised",
    "t": "total",
    "u": "low reliability",
    "w": "none recorded in survey",
    "x": "not available",
    "z": "not applicable",
    "low": "low figure",
}
NOTE_STATUS = {"c": CONFIDENTIAL, "x": NOT_AVAILABLE, "z": NOT_APPLICABLE, "k": LOW_FIGURE, "low": LOW_FIGURE}
# the flags a reader is told about beside the value
SHOWN_FLAGS = ("p", "r", "e", "f", "u")
BREAK = "b"

# No figure in a social services report comes near a million million; a bigger one is a slip of the keyboard.
LARGEST = 1e12

_PLAIN = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_DECIMAL_COMMA = re.compile(r"^[+-]?\d+,\d+$")
_NON_FINITE = re.compile(r"^[+-]?(inf|infinity|nan)$", re.IGNORECASE)
_WITH_CODES = re.compile(
    r"^(?P<number>[+-]?[\d.,]+(?:[eE][+-]?\d+)?)\s*"
    r"(?P<codes>(?:[\[(]?[a-z]{1,3}[\])]?\s*)+)$",
    re.IGNORECASE,
)
_YEAR = re.compile(r"^(\d{4})\s*(?:[-/–]|\s+to\s+)?\s*(\d{2}|\d{4})$", re.IGNORECASE)


@dataclass(frozen=True)
class Refusal:
    """Why a cell cannot be read, and how to put it right."""

    message: str
    hint: str


@dataclass(frozen=True)
class Cell:
    """A value cell read: a number, or the status that stands in its place (or neither: blank)."""

    value: float | None = None
    status: str | None = None
    codes: tuple[str, ...] = ()  # shorthand written after the number, as in '1,234 [p]' or '87 (r)'


def number(text: str) -> float | Refusal | None:
    """A number as people write it in a spreadsheet; None for a blank cell.

    ``1,234`` and ``1,234,567.5`` are thousands separators; ``2,5`` is a decimal
    comma and refused, since reading it either way could be wrong.
    """
    shown = text.strip()
    text = shown.replace("\u00a0", "").replace(" ", "")
    if not text:
        return None
    if _NON_FINITE.match(text):
        return Refusal(
            f"'{shown}' is not a finite number",
            "write the figure itself, or leave the cell blank if it was not collected",
        )
    if _GROUPED.match(text):
        text = text.replace(",", "")
    elif _DECIMAL_COMMA.match(text):
        return Refusal(
            f"'{shown}' has a decimal comma",
            f"write {text.replace(',', '.')} with a decimal point (commas only separate thousands, as in 1,234)",
        )
    if not _PLAIN.match(text):
        return Refusal(f"'{shown}' is not a number", "write a number such as 1234 or 12.5")
    value = float(text)
    if not math.isfinite(value) or abs(value) > LARGEST:
        return Refusal(
            f"'{shown}' is too large to be a figure in a report",
            "check the value; it is probably a slip of the keyboard",
        )
    return value


def value_cell(text: str) -> Cell | Refusal:
    """A metric's value: a number, a shorthand marker, or blank (not collected)."""
    stripped = text.strip()
    status = VALUE_MARKERS.get(stripped.lower())
    if status is not None:
        return Cell(None, status)
    with_codes = _WITH_CODES.match(stripped)
    codes = note_codes(re.sub(r"[\[\]()]", " ", with_codes.group("codes"))) if with_codes else ()
    if with_codes and isinstance(codes, tuple) and codes:
        value = number(with_codes.group("number"))
        if isinstance(value, Refusal) or value is None:
            return value or Refusal(f"'{stripped}' has no number", "write the number before its shorthand")
        hiding = [NOTE_STATUS[c] for c in codes if c in NOTE_STATUS]
        if hiding and hiding[0] in (NOT_AVAILABLE, NOT_APPLICABLE):
            return Refusal(
                f"'{stripped}' gives a number but marks it {NOTE_CODES[codes[0]]}",
                "give either the number or the marker, not both",
            )
        if hiding:  # confidential or a low figure: the publisher says the number must not be shown
            return Cell(None, hiding[0], tuple(c for c in codes if c not in NOTE_STATUS))
        return Cell(value, None, codes)
    read = number(stripped)
    if isinstance(read, Refusal):
        if read.message.endswith("is not a number"):
            return Refusal(
                read.message,
                "write a number such as 1234 or 12.5, a shorthand marker "
                "([c] confidential, [x] not available, [z] not applicable, [low] low "
                "figure, or StatsWales' * .. . -), or leave it blank if it was not collected",
            )
        return read
    return Cell(read, None)


def note_codes(text: str) -> tuple[str, ...] | Refusal:
    """The codes in a note cell: ``p``, ``p r``, ``[p],[r]`` or ``p;r``."""
    codes = [c.strip("[]()").lower() for c in re.split(r"[\s,;/]+", text.strip()) if c.strip("[]()")]
    unknown = [c for c in codes if c not in NOTE_CODES]
    if unknown:
        return Refusal(
            f"note '{text.strip()}' has the code{'s' if len(unknown) > 1 else ''} "
            f"{', '.join(repr(u) for u in unknown)}, which StatsWales does not use",
            "use the published shorthand: " + ", ".join(f"{k} {v}" for k, v in NOTE_CODES.items() if k != "low"),
        )
    return tuple(dict.fromkeys(codes))


def financial_year(text: str) -> str | Refusal:
    """``2024-25``, ``2024/25``, ``202425``, ``2024-2025`` and ``2024 to 2025`` all as ``2024-25``."""
    stripped = text.strip()
    m = _YEAR.match(stripped)
    if not m:
        return Refusal(
            f"year '{stripped}' is not a financial year like 2023-24",
            "write years as YYYY-YY; in Excel format the column as Text so it is not read as a date",
        )
    start, end = int(m.group(1)), m.group(2)
    expected = start + 1
    if (len(end) == 4 and int(end) != expected) or (len(end) == 2 and int(end) != expected % 100):
        return Refusal(
            f"year '{stripped}' is not one financial year: {start}-{expected % 100:02d} runs from "
            f"April {start} to March {expected}",
            f"write the year the figures cover, e.g. {start}-{expected % 100:02d}",
        )
    return f"{start}-{expected % 100:02d}"
