"""Disclosure control: no small count quoted in a sentence."""

from __future__ import annotations

import re

from dirreport.checks.findings import (
    ERROR,
    ReportCard,
)
from dirreport.compute.indicators import OK
from dirreport.errors import Problem
from dirreport.lang.i18n import _
from dirreport.pipeline.project import Project

SMALL_COUNT = re.compile(
    r"(?<![\d.,%£])\b([1-4]|one|two|three|four)\s+(?:of\s+(?:the\s+)?)?"
    r"(people|persons?|children|child|adults?|carers?|young people|young carers?|families|family|residents?|"
    r"service users?|individuals?|girls?|boys?|men|women|man|woman|babies|baby|pupils?|care leavers?)\b",
    re.IGNORECASE,
)
SMALL_COUNT_CY = re.compile(
    r"(?<![\d.,%£])\b([1-4]|un|dau|dwy|tri|tair|pedwar|pedair)\s+(?:o\s+)?"
    r"(bobl|phobl|blant|phlant|oedolion|ofalwyr|gofalwyr|deulu|theulu|pherson|berson|blentyn|phlentyn|oedolyn|"
    r"gofalwr|ofalwr|plentyn|person|teulu|teuluoedd|deuluoedd|ymadawyr|breswylwyr)\b",
    re.IGNORECASE,
)


def check_disclosure(project: Project, card: ReportCard) -> None:
    """A count of 1 to 4 people can identify someone: it must not appear in the text either."""
    for lang, narratives in project.narratives.items():
        pattern = SMALL_COUNT if lang == "en" else SMALL_COUNT_CY
        for narrative in narratives.values():
            for n, line in enumerate(narrative.lines, start=1):
                if n < narrative.body_start or line.lstrip().startswith(("#", "|")):
                    continue
                for match in pattern.finditer(re.sub(r"\{\{<.*?>\}\}", " ", line)):
                    if match.group(1).lower() in ("one", "un") and not re.search(r"\d", match.group(0)):
                        # "one of our priorities", "un teulu" as an example: only digits and 2-4 are counts
                        continue
                    card.add(
                        "disclosure",
                        ERROR,
                        Problem(
                            _("'{text}' is a count small enough to identify people", card.lang, text=match.group(0)),
                            file=narrative.path,
                            line=n,
                            hint=_(
                                "describe it without the number (e.g. 'a small number'), as the tables show [c]",
                                card.lang,
                            ),
                        ),
                    )
    for (code, year), value in project.results.metrics.items():
        metric = project.catalogue.metrics[code]
        if (
            value.status == OK
            and metric.unit == "count"
            and metric.people
            and value.value is not None
            and 1 <= value.value <= 4
        ):
            card.add(
                "disclosure",
                ERROR,
                Problem(
                    _(
                        "{code} for {year} is {value} and would be published",
                        card.lang,
                        code=code,
                        year=year,
                        value=f"{value.value:g}",
                    ),
                    file=project.dataset.files.get("metrics"),
                    hint=_("this is a fault in dirreport's suppression; report it", card.lang),
                ),
            )
