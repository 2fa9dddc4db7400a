"""The form the law prescribes for the report, and the narrative places around it.

The Schedule to the Local Authority Social Services Annual Reports
(Prescribed Form) (Wales) Regulations 2017 (SI 2017/274, as amended) fixes
the headings: four chapters, Chapter 3 in four parts (one for each heading of
the quality standards) each with sections (i) to (iv), Chapter 4 in four
parts.  Headings are gettext messages so the Welsh edition uses the Welsh
wording recorded in the glossary.  Each place has one narrative file per
language, ``narratives/<lang>/<id>.md``.  Extra places (people's experience,
workforce, finance, priorities, other formats) sit inside the prescribed
headings so the prescribed order is never broken.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dirreport.config.report_parts import ExtraSection, Foreword
from dirreport.lang.bilingual_text import Bilingual
from dirreport.lang.i18n import N_, _

if TYPE_CHECKING:
    from dirreport.config.settings import Config

CHAPTERS = (
    ("1", "1-summary", N_("Director's summary")),
    ("2", "2-context", N_("Context")),
    ("3", "3-performance", N_("Performance assessment")),
    ("4", "4-other", N_("Other information")),
)

PARTS_3 = (
    ("a", "people", N_("People")),
    ("b", "prevention", N_("Prevention")),
    ("c", "partnerships", N_("Partnership and integration")),
    ("d", "wellbeing", N_("Well-being")),
)

SECTIONS = (
    ("i", N_("What do we know about the quality and impact of what we are doing?")),
    ("ii", N_("How do we know?")),
    ("iii", N_("What are we doing well and how can we do better?")),
    (
        "iv",
        N_(
            "What progress did we make on the areas for improvement identified in last year's report? "
            "What difference did we make?"
        ),
    ),
)

PARTS_4 = (
    ("a", N_("Inspections and reviews")),
    ("b", N_("Complaints and representations")),
    ("c", N_("Referencing other sources of information")),
    ("d", N_("Any other information")),
)

CHAPTER_HEADING = N_("Chapter {number}: {title}")
PART_HEADING = N_("Chapter {number}({letter}): {title}")
SECTION_HEADING = N_("Section ({numeral}): {title}")


@dataclass(frozen=True)
class Place:
    """A heading of the report that has authored narrative under it."""

    id: str
    level: int
    kind: str  # foreword | chapter | part | section | extra
    prescribed: bool
    numbering: tuple[str, ...]
    title: str  # English msgid
    heading_id: str | None = None  # quality-standard heading for Chapter 3 parts and sections
    parent: str | None = None
    optional: bool = False
    own_title: Bilingual | None = None  # a declared foreword's or section's title, in the authority's words
    foreword: Foreword | None = None

    def heading(self, lang: str) -> str:
        """The heading as printed, in the edition's language."""
        if self.own_title is not None:
            return self.own_title(lang)
        title = _(self.title, lang)
        if self.kind == "chapter":
            return _(CHAPTER_HEADING, lang, number=self.numbering[0], title=title)
        if self.kind == "part":
            return _(PART_HEADING, lang, number=self.numbering[0], letter=self.numbering[1], title=title)
        if self.kind == "section":
            return _(SECTION_HEADING, lang, numeral=self.numbering[-1], title=title)
        return title

    @property
    def anchor(self) -> str:
        return f"sec-{self.id}"


EXTRAS = {
    "3-experience": ("3-performance", N_("What people told us")),
    "4c-formats": ("4c", N_("This report in other formats and languages")),
    "4d-workforce": ("4d", N_("Our workforce")),
    "4d-finance": ("4d", N_("Finance and resources")),
    "4d-priorities": ("4d", N_("Our priorities for next year")),
    "4d-sufficiency": ("4d", N_("Sufficiency of accommodation for looked after children")),
}


# Places the law adds from a given report year (the first year's start).  Section 75D of the 2014 Act,
# inserted by the Health and Social Care (Wales) Act 2025, is in force from 1 April 2026: the report on
# the sufficiency of accommodation is due from the 2026-27 report on, and never before, whatever the data.
FROM_YEAR = {"4d-sufficiency": 2026}


def in_force(place: Place, year: str) -> bool:
    """Whether a place belongs in the report for this financial year (e.g. '2026-27')."""
    start = FROM_YEAR.get(place.id)
    return start is None or int(year[:4]) >= start


def first_year(place: Place) -> str | None:
    """The first report year a place belongs in, written like 2026-27, or None for every year."""
    start = FROM_YEAR.get(place.id)
    return None if start is None else f"{start}-{(start + 1) % 100:02d}"


FOREWORD_TITLES = {
    "director": N_("Foreword by the Director of Social Services"),
    "cabinet-member": N_("Foreword by the Cabinet Member for Social Services"),
}


def places(forewords: Sequence[Foreword] = (), sections: Sequence[ExtraSection] = ()) -> tuple[Place, ...]:
    """Every place in reading order: the prescribed form with its extras inside it.

    The authority's forewords come before Chapter 1; each of its own sections comes after the
    prescribed sections (and the built-in extras) of the chapter or part it is declared in, so the
    prescribed headings keep their order whatever is declared.
    """
    out: list[Place] = []

    def extras_of(parent: str) -> None:
        for pid, (owner, title) in EXTRAS.items():
            if owner == parent:
                level = 2 if parent in ("3-performance", "4-other") else 3
                out.append(Place(pid, level, "extra", False, (), title, parent=parent, optional=pid in FROM_YEAR))

    def declared_in(parent: str) -> None:
        level = 2 if parent in {c[1] for c in CHAPTERS} else 3
        for s in sections:
            if s.parent == parent:
                out.append(Place(s.file, level, "extra", False, (), s.title.en, parent=parent, own_title=s.title))

    for f in forewords:
        title = FOREWORD_TITLES[f.role]
        out.append(Place(f.file, 1, "foreword", False, (), title, own_title=f.title, foreword=f))
    for number, chapter_id, title in CHAPTERS:
        out.append(Place(chapter_id, 1, "chapter", True, (number,), title))
        if number == "3":
            extras_of(chapter_id)
            for letter, heading_id, part_title in PARTS_3:
                part_id = f"3{letter}"
                out.append(Place(part_id, 2, "part", True, ("3", letter), part_title, heading_id, chapter_id))
                for numeral, section_title in SECTIONS:
                    out.append(
                        Place(
                            f"{part_id}-{numeral}",
                            3,
                            "section",
                            True,
                            ("3", letter, numeral),
                            section_title,
                            heading_id,
                            part_id,
                        )
                    )
                declared_in(part_id)
        if number == "4":
            for letter, part_title in PARTS_4:
                part_id = f"4{letter}"
                out.append(Place(part_id, 2, "part", True, ("4", letter), part_title, None, chapter_id))
                extras_of(part_id)
                declared_in(part_id)
        declared_in(chapter_id)
    return tuple(out)


def place(place_id: str) -> Place:
    for p in places():
        if p.id == place_id:
            return p
    raise KeyError(place_id)


def narrative_places(forewords: Sequence[Foreword] = (), sections: Sequence[ExtraSection] = ()) -> tuple[Place, ...]:
    """Places with a narrative file: all but Chapters 3 and 4 and Chapter 3's parts, whose text is generated."""
    generated = ("3-performance", "4-other", "3a", "3b", "3c", "3d")
    return tuple(p for p in places(forewords, sections) if p.id not in generated)


def of_report(config: Config) -> tuple[Place, ...]:
    """This project's places in reading order: the prescribed form with its declared forewords and sections."""
    return places(config.forewords, config.sections)


def narrative_places_of(config: Config) -> tuple[Place, ...]:
    """This project's places with a narrative file, declared ones included."""
    return narrative_places(config.forewords, config.sections)
