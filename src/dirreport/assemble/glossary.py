"""The glossary appendix: the abbreviations and terms an edition's text uses, each explained in its language."""

from __future__ import annotations

from markupsafe import Markup

from dirreport.assemble.blocks import md
from dirreport.content.abbreviations import FirstUse


def glossary_list(first_use: FirstUse, lang: str) -> Markup:
    """A definition list, one term a row: the abbreviation and the words, then what it is.

    Empty when the edition uses none of the glossary's terms, so the template prints no heading.
    """
    rows = []
    for entry in first_use.glossary():
        term = entry.term[lang]
        abbr = entry.abbreviation.get(lang)
        shown = f"**{md(abbr)}**: {md(term)}" if abbr else f"**{md(term[:1].upper() + term[1:])}**"
        explanation = entry.explanation.get(lang) or term
        rows.append(f"{shown}\n:   {md(explanation)}")
    return Markup("\n\n".join(rows))
