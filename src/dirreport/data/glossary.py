"""The glossary: abbreviations and terms the report explains, from dirreport's list and the authority's own.

dirreport ships the terms of the national framework (``catalogue/glossary.csv``);
an authority adds or overrides terms in ``data/glossary.csv``.  Both have one
schema, one row per term:

=================  ========  =====================================================
column             needed    holds
=================  ========  =====================================================
term_en            yes       the term in English: "information, advice and assistance"
term_cy            yes       the term in Welsh: "gwybodaeth, cyngor a chymorth"
abbreviation_en    no        what English text writes for it: "IAA"
abbreviation_cy    no        what Welsh text writes for it, which may differ: "GCC"
explanation_en     no        a sentence saying what it is, in English
explanation_cy     no        the same in Welsh
=================  ========  =====================================================

An authority's row replaces dirreport's row with the same English term or English abbreviation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from dirreport.data.tables import read_table
from dirreport.errors import InputError, Problem, ProblemCollector

GLOSSARY_FILE = "data/glossary.csv"
COLUMNS = ("term_en", "term_cy", "abbreviation_en", "abbreviation_cy", "explanation_en", "explanation_cy")
ABBREVIATION = re.compile(r"^(?=.*[A-Z])[A-Za-z0-9&/-]{2,12}$")


@dataclass(frozen=True)
class GlossaryEntry:
    """One term in both languages; an abbreviation and an explanation where it has them."""

    term: dict[str, str]
    abbreviation: dict[str, str]
    explanation: dict[str, str]

    def key(self) -> str:
        return self.abbreviation.get("en") or self.term["en"].lower()


def load_glossary(root: Path) -> tuple[GlossaryEntry, ...]:
    """dirreport's glossary with the authority's ``data/glossary.csv`` (when there is one) over it."""
    national = resources.files("dirreport").joinpath("catalogue", "glossary.csv")
    with resources.as_file(national) as path:
        entries = {e.key(): e for e in read_glossary(path, "dirreport's catalogue/glossary.csv")}
    local = root / GLOSSARY_FILE
    if local.exists():
        for entry in read_glossary(local, GLOSSARY_FILE):
            by_term = [k for k, e in entries.items() if e.term["en"].lower() == entry.term["en"].lower()]
            for k in by_term:
                entries.pop(k)
            entries[entry.key()] = entry
    return tuple(sorted(entries.values(), key=lambda e: e.term["en"].lower()))


def read_glossary(path: Path, name: str) -> list[GlossaryEntry]:
    """Every row checked; a problem names the row and the column, and says how to put it right."""
    table = read_table(path, name, ("term_en", "term_cy"))
    frame = table.frame
    collector = ProblemCollector()
    seen: dict[tuple[str, str], int] = {}
    terms: dict[tuple[str, str, str], int] = {}
    out = []
    for idx in frame.index:
        row = int(table.rows[idx])

        def value(column: str, _idx: object = idx) -> str:
            return " ".join(str(frame.at[_idx, column]).split()) if column in frame.columns else ""

        def problem(message: str, column: str, hint: str, _row: int = row) -> None:
            collector.add(Problem(message, file=name, line=_row, position_kind="row", column=column, hint=hint))

        bad = False
        for lang, language in (("en", "English"), ("cy", "Welsh")):
            term = value(f"term_{lang}").casefold()
            if term and ("term", lang, term) in terms:
                problem(
                    f"term '{value(f'term_{lang}')}' is already explained on row {terms[('term', lang, term)]}",
                    f"term_{lang}",
                    "keep one row for each term: merge the two explanations and delete this row",
                )
                bad = True
            elif term:
                terms[("term", lang, term)] = row
            if not value(f"term_{lang}"):
                problem(f"has no {language} term", f"term_{lang}", f"write the term in {language} in term_{lang}")
                bad = True
            abbr = value(f"abbreviation_{lang}")
            if abbr and not ABBREVIATION.match(abbr):
                problem(
                    f"abbreviation '{abbr}' is not an abbreviation",
                    f"abbreviation_{lang}",
                    "write it as it appears in the text, 2 to 12 letters with at least one capital, no spaces "
                    "(e.g. IAA), or leave the cell empty",
                )
                bad = True
            elif abbr and (lang, abbr) in seen:
                problem(
                    f"abbreviation '{abbr}' is already explained on row {seen[(lang, abbr)]}",
                    f"abbreviation_{lang}",
                    "keep one row for each abbreviation",
                )
                bad = True
            elif abbr:
                seen[(lang, abbr)] = row
        if bad:
            continue
        out.append(
            GlossaryEntry(
                term={lang: value(f"term_{lang}") for lang in ("en", "cy")},
                abbreviation={lang: a for lang in ("en", "cy") if (a := value(f"abbreviation_{lang}"))},
                explanation={lang: e for lang in ("en", "cy") if (e := value(f"explanation_{lang}"))},
            )
        )
    unknown = [c for c in frame.columns if c not in COLUMNS]
    if unknown:
        collector.add(
            Problem(
                f"has a column '{unknown[0]}' that is not read",
                file=name,
                line=1,
                position_kind="row",
                hint="the columns are " + ", ".join(COLUMNS),
            )
        )
    if collector:
        raise InputError(collector.problems)
    return out
