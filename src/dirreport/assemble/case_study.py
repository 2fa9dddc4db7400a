"""A case study as a boxed block in every format: ``{{< case-study ID >}}``.

The same parts in the same order everywhere — the words "Case study", the
title as a heading one level below the narrative's place, then three labelled
parts: what mattered to the person, what we did, the difference it made.

- HTML: an ``<aside>`` named by its heading, styled by ``report.html``
  (``.case-study``), which reflows on a narrow screen.
- PDF: a shaded Typst block with a rule in the brand's colour; the title is a
  tagged heading kept out of the contents and bookmarks, as in the other formats.
- Word: the title as a heading and the rest in the paragraph styles "Case Study
  Label" and "Case Study Text"; finishing boxes them in a one-cell table of the
  table style "Case Study" (``render/docx_case_study.py``), each a style a comms
  team can change in Word or in their reference.docx.

The person's own words are Markdown-escaped, so nothing in a spreadsheet cell
can change the document's structure.
"""

from __future__ import annotations

import html
import re

from dirreport.assemble import blocks
from dirreport.data.case_studies import paragraphs
from dirreport.data.model import CaseStudy
from dirreport.lang.i18n import _

LABEL_STYLE = "Case Study Label"
TEXT_STYLE = "Case Study Text"
KIND_STYLE = "Case Study Kind"
LANGUAGE_NAMES = {"en": "English", "cy": "Welsh"}


class CaseStudyRefused(Exception):
    """A case study that may not or cannot be shown in this edition: the message and how to fix it."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.hint = hint


def labelled_parts(case: CaseStudy, lang: str) -> list[tuple[str, list[str]]]:
    """The three parts in order, each with its label in the edition's language and its paragraphs."""
    person = typographic(case.person.get(lang, "").strip())
    mattered = _("What mattered to {person}", lang, person=person) if person else _("What mattered to the person", lang)
    return [
        (mattered, paragraphs(case.mattered.get(lang, ""))),
        (_("What we did", lang), paragraphs(case.did.get(lang, ""))),
        (_("The difference it made", lang), paragraphs(case.difference.get(lang, ""))),
    ]


def refusal(case: CaseStudy, lang: str, file: str) -> CaseStudyRefused | None:
    """Why this case study cannot be placed in an edition in ``lang``, if it cannot."""
    if not case.consent:
        return CaseStudyRefused(
            f"case study '{case.id}' has no consent to publish ({file}, row {case.row})",
            "only place case studies whose consent column says yes, after the person has agreed",
        )
    columns = [f"title_{lang}"] if not case.title.get(lang, "").strip() else []
    for part in ("mattered", "did", "difference"):
        if not getattr(case, part).get(lang, "").strip():
            columns.append(f"{part}_{lang}")
    if columns:
        return CaseStudyRefused(
            f"case study '{case.id}' has no {LANGUAGE_NAMES.get(lang, lang)} text in "
            f"{', '.join(columns)} ({file}, row {case.row})",
            f"fill in {'that column' if len(columns) == 1 else 'those columns'} of row {case.row}",
        )
    return None


def case_study_block(case: CaseStudy, lang: str, level: int, colour: str) -> str:
    """The case study in pandoc Markdown: one version for each format, each showing the same text.

    ``level`` is the heading level of its title; ``colour`` the brand's primary colour (six hex digits).
    """
    level = max(1, min(level, 6))
    anchor = f"case-study-{re.sub(r'[^a-z0-9-]+', '-', case.id.lower())}-{lang}"
    title = typographic(case.title.get(lang, "").strip())
    kind = _("Case study", lang)
    parts = labelled_parts(case, lang)
    return "\n\n".join(
        [
            # the HTML page's h1 is the report's title: its renderer shifts every heading down one level
            blocks.visible("html", _html(anchor, kind, title, min(level + 1, 6), parts)),
            blocks.visible("typst", _typst(kind, title, level, parts, colour)),
            blocks.visible("docx", _docx(kind, title, level, parts)),
        ]
    )


def _text(paras: list[str]) -> str:
    return "\n\n".join(blocks.md(p) for p in paras)


def _html(anchor: str, kind: str, title: str, level: int, parts: list[tuple[str, list[str]]]) -> str:
    out = [
        blocks.raw(
            "html",
            f'<aside class="case-study" id="{anchor}" aria-labelledby="{anchor}-title">\n'
            f'<p class="case-study-kind">{html.escape(kind)}</p>\n'
            f'<h{level} id="{anchor}-title" class="case-study-title">{html.escape(title)}</h{level}>',
        )
    ]
    for label, paras in parts:
        out.append(blocks.raw("html", f'<p class="case-study-label"><strong>{html.escape(label)}</strong></p>'))
        out.append(_text(paras))
    out.append(blocks.raw("html", "</aside>"))
    return "\n\n".join(out)


def _typst(kind: str, title: str, level: int, parts: list[tuple[str, list[str]]], colour: str) -> str:
    colour = colour.lstrip("#")
    opening = (
        # the rule is drawn centred on the block's edge: padded by half its width, it stays inside the margin
        f'#pad(left: 1.5pt)[#block(width: 100%, breakable: true, fill: rgb("#f3f2f1"), '
        f'stroke: (left: 3pt + rgb("#{colour}")), '
        "inset: (left: 12pt, right: 10pt, y: 10pt), above: 1.4em, below: 1.4em)[\n"
        f'#text(size: 8.5pt, weight: "bold", fill: luma(60))[#{blocks.typst_string(kind)}]\n'
        f"#heading(level: {level}, outlined: false, bookmarked: false)[#{blocks.typst_string(title)}]"
    )
    out = [blocks.raw("typst", opening)]
    for label, paras in parts:
        # a block of its own, kept with the part it names: a bare #strong would run into the paragraph
        out.append(
            blocks.raw(
                "typst", f"#block(above: 1em, below: 0.5em, sticky: true)[#strong[#{blocks.typst_string(label)}]]"
            )
        )
        out.append(_text(paras))
    out.append(blocks.raw("typst", "]]"))
    return "\n\n".join(out)


def _docx(kind: str, title: str, level: int, parts: list[tuple[str, list[str]]]) -> str:
    out = [_styled(KIND_STYLE, blocks.md(kind)), "#" * level + " " + blocks.md(title) + " {.unnumbered .unlisted}"]
    for label, paras in parts:
        out.append(_styled(LABEL_STYLE, blocks.md(label)))
        out.append(_styled(TEXT_STYLE, _text(paras)))
    return "\n\n".join(out)


def _styled(style: str, content: str) -> str:
    return f'::: {{custom-style="{style}"}}\n{content}\n:::'


def typographic(text: str) -> str:
    """Straight apostrophes as the curly ones pandoc prints in the narrative, for text set outside it."""
    return re.sub(r"(?<=\w)'", "’", text)
