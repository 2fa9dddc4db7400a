"""Statistical disclosure control, as official statistics practise it.

Small counts can identify a person in a small authority.  Counts from 1 to 4
are never shown ([c]); a rate or percentage built on such a count is not
shown either, nor a percentage whose complement (the cases it leaves out) is
1 to 4, since 95.7% of 23 says that 1 of the 23 was not; survey results from fewer than 10 people are flagged [low].
Where parts of a total are shown, suppressing one part is not enough - the
total minus the others gives it back - so a second part is suppressed too
(secondary suppression).  Zero is shown: it identifies nobody.
"""

from __future__ import annotations

from collections.abc import Mapping

SMALL_MIN = 1
SMALL_MAX = 4
LOW_BASE = 10


def is_small(value: float | None) -> bool:
    """True for the counts 1 to 4 that must not be published."""
    return value is not None and SMALL_MIN <= value <= SMALL_MAX


def ratio_is_disclosive(numerator: float | None, denominator: float | None, denominator_is_count: bool) -> bool:
    """A rate hides its counts only when neither is a small count of people."""
    return is_small(numerator) or (denominator_is_count and is_small(denominator))


def suppress_breakdown(total_code: str, total: float | None, parts: Mapping[str, float | None]) -> set[str]:
    """Codes (parts, and the total if need be) to suppress so nothing hidden can be worked out.

    Primary suppression hides small parts.  If the total is shown and exactly
    one part is hidden, the smallest other non-zero part is hidden as well; if
    there is no such part, the total is hidden instead.  A small total hides
    itself and all its parts.
    """
    if is_small(total):
        return {total_code, *parts}
    hidden = {code for code, value in parts.items() if is_small(value)}
    if total is None or not hidden:
        return hidden
    if len(hidden) == 1:
        candidates = sorted(
            (value, code) for code, value in parts.items() if code not in hidden and value is not None and value > 0
        )
        hidden.add(candidates[0][1] if candidates else total_code)
    return hidden
