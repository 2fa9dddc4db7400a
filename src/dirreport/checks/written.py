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
from dirreport.lang.i18n import N_, _, ngettext
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


# an edition published as a draft, by its language
DRAFT_EDITION = {
    "en": N_("is not marked final (status: {status}), so the English edition would be published as a DRAFT"),
    "cy": N_("is not marked final (status: {status}), so the Welsh edition would be published as a DRAFT"),
}


def unwritten(project: Project, card_lang: str = "en") -> list[Claim]:
    """Every section of the languages built that would make an edition a draft or say nothing.

    ``card_lang`` is the language of the report card the findings are written in.
    """
    out: list[Claim] = []
    for lang in project.config.languages:
        for place_id, narrative in project.narratives.get(lang, {}).items():
            out += section_problems(narrative, lang, place_id, card_lang)
    return out


def section_problems(narrative: Narrative, lang: str, place_id: str, card_lang: str = "en") -> list[Claim]:
    out: list[Claim] = []
    if narrative.status != "final":
        out.append(
            Claim(
                "error",
                "narrative",
                Problem(
                    _(DRAFT_EDITION.get(lang, DRAFT_EDITION["en"]), card_lang, status=narrative.status),
                    file=narrative.path,
                    line=_status_line(narrative),
                    hint=_(
                        "set status: final in its front matter when the section is approved; for a translation, "
                        "import the translator's file with every segment marked final "
                        "('dirreport translate import FILE')",
                        card_lang,
                    ),
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
                        _("holds the placeholder '{word}': the section is not written", card_lang, word=word),
                        file=narrative.path,
                        line=n,
                        hint=_("write the text it stands for, or remove it", card_lang),
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
                    _("has no text: only front matter, headings or comments", card_lang),
                    file=narrative.path,
                    line=narrative.body_start,
                    hint=_("write the section; every section of the prescribed form must say something", card_lang),
                ),
            )
        )
    elif 0 < words < MIN_WORDS:
        out.append(
            Claim(
                "error",
                "narrative",
                Problem(
                    ngettext(
                        "has only {n} word of its own, fewer than the {least} a written section has",
                        "has only {n} words of its own, fewer than the {least} a written section has",
                        words,
                        card_lang,
                        least=MIN_WORDS,
                    ),
                    file=narrative.path,
                    line=narrative.body_start,
                    hint=_(
                        "write the section in full; figures and charts placed by shortcodes do not count", card_lang
                    ),
                ),
            )
        )
    return out


def _status_line(narrative: Narrative) -> int:
    for n, line in enumerate(narrative.lines[: narrative.body_start], start=1):
        if line.startswith("status:"):
            return n
    return 1
