"""A unit printed once: a figure's shortcode prints its unit, so the sentence must not write it again.

``{{< indicator ID >}}`` prints "23.2 days", "54.1 per 10,000" or "87.3%"
(Welsh "23,2 diwrnod", "54,1 fesul 10,000"); a narrative that adds the unit
after it prints "23.2 days days".  Each such repetition is a warning at its
line, with the shortcode's form that prints the number alone
(``{{< indicator ID value >}}``).
"""

from __future__ import annotations

import re

from dirreport.checks.claims import Claim
from dirreport.content.narrative import Narrative, Shortcode
from dirreport.errors import Problem
from dirreport.lang.i18n import N_, _
from dirreport.pipeline.project import Project

# the unit words each unit prints, as a sentence might repeat them straight after the figure
UNIT_WORDS = {
    "en": {
        "days": r"days?\b",
        "per-10000": r"per\s+10[,\s]?000\b",
        "per-1000": r"per\s+1[,\s]?000\b",
        "percent": r"(?:%|per\s?cent\b)",
    },
    "cy": {
        "days": r"(?:diwrnod|ddiwrnod|niwrnod|diwrnodau|niwrnodau)\b",
        "per-10000": r"(?:fesul|pob)\s+10[,\s]?000\b",
        "per-1000": r"(?:fesul|pob)\s+1[,\s]?000\b",
        "percent": r"(?:%|y\s+cant\b)",
    },
}
# the unit as the figure prints it, in the report card's language
PRINTED = {"days": N_("days"), "per-10000": N_("per 10,000"), "per-1000": N_("per 1,000"), "percent": "%"}


def doubled_units(project: Project, card_lang: str = "en") -> list[Claim]:
    """Every unit written again after the figure that prints it; ``card_lang`` is the report card's language."""
    out: list[Claim] = []
    for lang, narratives in project.narratives.items():
        for narrative in narratives.values():
            for code in narrative.shortcodes:
                unit = _unit_printed(code, project)
                if unit is None:
                    continue
                found = _repeated(narrative, code, UNIT_WORDS.get(lang, UNIT_WORDS["en"])[unit])
                if found is None:
                    continue
                out.append(
                    Claim(
                        "warning",
                        "narrative",
                        Problem(
                            _(
                                "writes the unit '{found}' after {code}, which already prints '{unit}', so the "
                                "report reads it twice",
                                card_lang,
                                found=found,
                                code=code.raw,
                                unit=_(PRINTED[unit], card_lang) if unit != "percent" else "%",
                            ),
                            file=narrative.path,
                            line=code.span.line,
                            hint=_(
                                "remove '{found}' after the shortcode, or print the number alone with {code}",
                                card_lang,
                                found=found,
                                code=f"{{{{< {code.name} {code.args[0]} value >}}}}",
                            )
                            if code.name == "indicator"
                            else _("remove '{found}' after the shortcode", card_lang, found=found),
                        ),
                    )
                )
    return out


def _unit_printed(code: Shortcode, project: Project) -> str | None:
    """The unit a shortcode prints after its number, or None."""
    if not code.args:
        return None
    if code.name == "survey":
        return "percent" if "n" not in code.args[2:] else None
    if code.name != "indicator" or "value" in code.args or "n" in code.args:
        return None
    result = project.results.indicators.get(code.args[0])
    unit = result.indicator.unit if result is not None else None
    return unit if unit in PRINTED else None


def _repeated(narrative: Narrative, code: Shortcode, words: str) -> str | None:
    """The unit words straight after the shortcode (on its line, or wrapped onto the next), if any."""
    lines = narrative.lines
    index = code.span.line - 1
    after = lines[index][code.span.end :] if index < len(lines) else ""
    if index + 1 < len(lines):
        after += " " + lines[index + 1]
    m = re.match(rf"\s*({words})", after, re.I)
    return " ".join(m.group(1).split()) if m else None
