"""Where the report stands, section by section: the status board of ``dirreport status``.

The report is written by many people; the person who gathers it needs one
view of who owns each section, whether it is empty, a draft or final, how long
it is, what evidence it cites, whether its Welsh is translated and up to date,
and what stops it being published.  The board is read from the same project
and report card as ``dirreport check`` (``card.run_checks``), never from a
check of its own, so the two always agree.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass, field
from typing import Any

from dirreport.checks.card import run_checks
from dirreport.checks.findings import PLACEHOLDERS, ReportCard
from dirreport.content import prescribed_form
from dirreport.content.narrative import Narrative
from dirreport.lang.i18n import N_, _
from dirreport.pipeline.project import Project, narrative_path

FIGURES = {
    "indicator",
    "metric",
    "change",
    "chart",
    "table",
    "finance",
    "complaints",
    "inspections",
    "year-in-numbers",
}
COMMENTS = re.compile(r"<!--.*?-->", re.DOTALL)
SHORTCODES = re.compile(r"\{\{<.*?>\}\}")
WORD = re.compile(r"[^\W\d_][\w’'-]*")
# the states as the board prints them (the JSON keeps the English codes, a program's to read)
STATES = {
    "final": N_("final"),
    "draft": N_("draft"),
    "empty": N_("empty"),
    "missing": N_("missing"),
}
TRANSLATIONS = {
    "translated": N_("translated"),
    "out of date": N_("out of date"),
    "not translated": N_("not translated"),
    "missing": N_("missing"),
    "not needed": N_("not needed"),
}


@dataclass(frozen=True)
class SectionStatus:
    """One section of the report as it stands."""

    id: str
    heading: str
    owner: str
    status: str  # missing | empty | draft | final (the English, or the report's first language)
    words: int
    figures: int
    surveys: int
    stories: int  # stories quoted and case studies placed
    standards: tuple[str, ...]
    translation: str  # translated | out of date | not translated | missing | not needed
    blocks: tuple[str, ...]


@dataclass(frozen=True)
class StatusBoard:
    """Every section's status, with the authority, the year and the day it was read."""

    authority: str
    year: str
    date: str
    sections: tuple[SectionStatus, ...]
    other_blocks: tuple[str, ...] = field(default=())  # what blocks publication outside any one section
    lang: str = "en"  # the language of the board's words: headings, states, what blocks ('status --lang cy')

    @property
    def ready(self) -> bool:
        return not self.other_blocks and not any(s.blocks for s in self.sections)

    def to_json(self) -> dict[str, Any]:
        """The board as data: states stay the English codes, with their words in the board's language beside them."""
        data = asdict(self)
        data["ready"] = self.ready
        for section in data["sections"]:
            section["status_text"] = _(STATES[section["status"]], self.lang)
            section["translation_text"] = _(TRANSLATIONS[section["translation"]], self.lang)
        return data


def _body(narrative: Narrative) -> str:
    return COMMENTS.sub(" ", narrative.body)


def written(narrative: Narrative | None) -> str:
    """missing, empty (nothing but comments or the placeholder), draft or final."""
    if narrative is None:
        return "missing"
    text = SHORTCODES.sub(" x ", _body(narrative))
    for marker in PLACEHOLDERS:
        text = re.sub(re.escape(marker) + r"[^\]]*\]", " ", text)
    if not WORD.search(text):
        return "empty"
    return narrative.status if narrative.status in ("draft", "final") else "draft"


def words(narrative: Narrative | None) -> int:
    if narrative is None or written(narrative) == "empty":
        return 0
    return len(WORD.findall(SHORTCODES.sub(" ", _body(narrative))))


def _translation(place_id: str, card: ReportCard, project: Project, first: str) -> str:
    if not {"en", "cy"} <= set(project.config.languages):
        return "not needed"
    other = "cy" if first == "en" else "en"
    target = project.narratives.get(other, {}).get(place_id)
    if target is None:
        return "missing"
    if written(target) == "empty" and written(project.narratives.get(first, {}).get(place_id)) != "empty":
        return "not translated"
    path = narrative_path(other, place_id)
    messages = [f.problem.message for f in card.findings if f.section == "translation" and f.problem.file == path]
    # the translation check's messages, in the card's language
    untranslated = _("holds a paragraph that is not translated yet", card.lang)
    stale = _("is out of date: {source} line {line} changed after it was translated", card.lang).split("{")[0]
    if any(m == untranslated for m in messages):
        return "not translated"
    if any(m.startswith(stale) for m in messages):
        return "out of date"
    return "translated"


def status_board(
    project: Project, card: ReportCard | None = None, today: dt.date | None = None, lang: str = "en"
) -> StatusBoard:
    """The board for a loaded project, in ``lang``; ``card`` when the checks were already run (in its language)."""
    card = card if card is not None else run_checks(project, lang=lang)
    lang = card.lang
    config = project.config
    first = config.languages[0] if config.languages and config.languages[0] in ("en", "cy") else "en"
    sections = []
    claimed: set[int] = set()
    for place in prescribed_form.narrative_places_of(config):
        if not prescribed_form.in_force(place, config.year):
            continue
        narrative = project.narratives.get(first, {}).get(place.id)
        other = project.narratives.get("cy" if first == "en" else "en", {}).get(place.id)
        files = {narrative_path(lang, place.id) for lang in config.languages}
        blocks = []
        for k, finding in enumerate(card.errors):
            if finding.problem.file in files:
                claimed.add(k)
                blocks.append(finding.problem.located())
        codes = narrative.shortcodes if narrative is not None else ()
        meta = narrative.meta if narrative is not None else (other.meta if other is not None else {})
        # the owner as the board's language names them, when that language's section names one
        own = project.narratives.get(lang, {}).get(place.id)
        owner = (own.meta.get("owner") if own is not None else None) or meta.get("owner")
        standards = meta.get("standards") or []
        sections.append(
            SectionStatus(
                id=place.id,
                heading=place.heading(lang),
                owner=str(owner or ""),
                status=written(narrative),
                words=words(narrative),
                figures=sum(1 for c in codes if c.name in FIGURES),
                surveys=sum(1 for c in codes if c.name == "survey"),
                stories=sum(1 for c in codes if c.name in ("quote", "case-study")),
                standards=tuple(str(s) for s in standards) if isinstance(standards, list) else (),
                translation=_translation(place.id, card, project, first),
                blocks=tuple(blocks),
            )
        )
    others = tuple(f.problem.located() for k, f in enumerate(card.errors) if k not in claimed)
    return StatusBoard(
        authority=config.authority_name(lang),
        year=config.year,
        date=(today or dt.date.today()).isoformat(),
        sections=tuple(sections),
        other_blocks=others,
        lang=lang,
    )
