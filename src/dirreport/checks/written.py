"""A section is written, or it blocks: no empty section, no placeholder, no stub, no draft called ready.

"Ready to publish" has to mean that the next ``build`` publishes every
edition final.  An edition is a draft when any of its sections is not marked
``status: final`` (``assemble.edition_gate.is_draft_edition``), so each such
section is an error here, in every language the report is built in, with
what to do.  A section with no text of its own (front matter, headings or
comments only), one that still holds a placeholder ("TBC", "TODO",
"[Dalfan: …]", "Lorem ipsum" …) or one shorter than ``MIN_WORDS`` words is
not written, and blocks the same way.
"""

from __future__ import annotations

import re

from dirreport.checks.claims import Claim, prose_lines, written_text
from dirreport.content import prescribed_form
from dirreport.content.narrative import Narrative
from dirreport.errors import Problem
from dirreport.pipeline.project import Project

# the fewest words of its own a section may have (the sample's shortest, a foreword, has 86); README says so
MIN_WORDS = 50
# what authors leave for later, in either language; "[Placeholder:" and "[Dalfan:" are claims.py's
PLACEHOLDER = re.compile(
    r"(?<![\w-])(?:TBC|TBA|TBD|TODO|FIXME|XXX+)(?![\w-])"
    r"|lorem ipsum"
    r"|i[’']w gadarnhau|i[’']w ychwanegu"
    r"|\[(?:insert|add|mewnosod|ychwanegu)\b[^\]]*\]",
    re.I,
)
CASE_SENSITIVE = re.compile(r"TBC|TBA|TBD|TODO|FIXME|XXX+")


def unwritten(project: Project) -> list[Claim]:
    """Every section of the languages built that would make an edition a draft or say nothing."""
    out: list[Claim] = []
    for lang in project.config.languages:
        for place_id, narrative in project.narratives.get(lang, {}).items():
            out += section_problems(narrative, lang, place_id)
    return out


def section_problems(narrative: Narrative, lang: str, place_id: str) -> list[Claim]:
    out: list[Claim] = []
    edition = {"en": "English", "cy": "Welsh"}.get(lang, lang)
    if narrative.status != "final":
        out.append(
            Claim(
                "error",
                "narrative",
                Problem(
                    f"is not marked final (status: {narrative.status}), so the {edition} edition would be "
                    "published as a DRAFT",
                    file=narrative.path,
                    line=_status_line(narrative),
                    hint="set status: final in its front matter when the section is approved; for a translation, "
                    "import the translator's file with every segment marked final "
                    "('dirreport translate import FILE')",
                ),
            )
        )
    for n, line in prose_lines(narrative):
        for m in PLACEHOLDER.finditer(line):
            word = m.group(0)
            if CASE_SENSITIVE.fullmatch(word.upper()) and word != word.upper():
                continue  # "todo" or "Tba" in running text is a word, not a marker
            out.append(
                Claim(
                    "error",
                    "narrative",
                    Problem(
                        f"holds the placeholder '{word}': the section is not written",
                        file=narrative.path,
                        line=n,
                        hint="write the text it stands for, or remove it",
                    ),
                )
            )
            break
    words = len(written_text(narrative).split())
    if words == 0 and place_id not in prescribed_form.FROM_YEAR:  # claims.py says what the sufficiency needs
        out.append(
            Claim(
                "error",
                "narrative",
                Problem(
                    "has no text: only front matter, headings or comments",
                    file=narrative.path,
                    line=narrative.body_start,
                    hint="write the section; every section of the prescribed form must say something",
                ),
            )
        )
    elif 0 < words < MIN_WORDS:
        out.append(
            Claim(
                "error",
                "narrative",
                Problem(
                    f"has only {words} word(s) of its own, fewer than the {MIN_WORDS} a written section has",
                    file=narrative.path,
                    line=narrative.body_start,
                    hint="write the section in full; figures and charts placed by shortcodes do not count",
                ),
            )
        )
    return out


def _status_line(narrative: Narrative) -> int:
    for n, line in enumerate(narrative.lines[: narrative.body_start], start=1):
        if line.startswith("status:"):
            return n
    return 1
