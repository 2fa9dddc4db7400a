"""What the page templates print around the body: title, cover, notices, keywords, brand."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import yaml

from dirreport.assemble.blocks import md
from dirreport.assemble.document import output_basename
from dirreport.lang import i18n
from dirreport.lang.bilingual_text import LANG_TAGS
from dirreport.lang.i18n import N_, _
from dirreport.pipeline.project import Project


def report_title(project: Project, lang: str) -> str:
    if project.config.title is not None:
        return project.config.title(lang)
    return _(
        "Director of Social Services annual report {year}", lang, year=i18n.financial_year(project.config.year, lang)
    )


def metadata_for(project: Project, lang: str, edition: str, draft: bool) -> dict[str, Any]:
    """Everything the output templates print around the body: cover, running heads, notices, labels."""
    config = project.config
    other = "cy" if lang == "en" else "en"
    other_file = output_basename(other, config.year)
    meta: dict[str, Any] = {
        "title": report_title(project, lang),
        "subtitle": config.authority_name(lang),
        "lang": LANG_TAGS[lang],
        "html-lang": lang,
        "author": config.director or config.authority_name(lang),
        "director": config.director,
        "authority": config.authority_name(lang),
        "year": config.year,
        "toc-title": _("Contents", lang),
        "toc-sections": _("Sections in this chapter", lang),
        "draft": draft,
        "draft-mark": _("DRAFT", lang),
        "draft-text": _("This is a draft. Some sections are not yet final and it must not be published.", lang),
        "sample": config.sample,
        "sample-text": _("This report is about a fictional authority and its figures are invented.", lang),
        "figure-label": _("Figure", lang),
        "table-label": _("Table", lang),
        "skip-link": _("Skip to main content", lang),
        "page-label": _("Page", lang),
        "running-head": config.authority_name(lang),
        "sample-label": _("Sample data", lang),
        "generator": "dirreport",
    }
    if config.date is not None:
        meta["date"] = _("Published {date}", lang, date=i18n.date(config.date, lang))
        meta["date-iso"] = config.date.isoformat()
    if other in config.languages:
        meta.update(
            {
                **availability(lang),
                "other-edition-file": other_file,
                "other-edition-path": f"../{other}/{other_file}",
                "other-edition-lang": LANG_TAGS[other],
            }
        )
    if config.summary.enabled and edition == lang:
        # the full edition's web page links to its language's summary, published beside it
        meta["summary-href"] = f"../{lang}-summary/{output_basename(f'{lang}-summary', config.year)}.html"
        meta["summary-link-text"] = _("Read a short summary of this report", lang)
    meta["keywords"] = keywords(project, lang)
    meta.update(brand_metadata(project))
    if "logo" in meta:
        meta["logo-alt"] = config.authority_name(lang)  # the logo stands for the council: its name in this edition
        meta["logo-alt-lang"] = LANG_TAGS[lang]
    return meta


# whole sentences: a language's name mutates after "yn" (yn Gymraeg), so it is never a value put into a pattern
AVAILABLE_IN = {
    "en": N_("This document is available in English"),
    "cy": N_("This document is available in Welsh"),
}


def availability(lang: str) -> dict[str, str]:
    """The line councils print where the other language's edition is: in that language first, then in this one.

    "Mae’r ddogfen hon ar gael yn Gymraeg / This document is available in Welsh" in the English edition,
    "This document is available in English / Mae’r ddogfen hon ar gael yn Saesneg" in the Welsh: each half
    in its own language, so a reader of either finds it, and the whole a link to the other edition.
    """
    other = "cy" if lang == "en" else "en"
    first, second = _(AVAILABLE_IN[other], other), _(AVAILABLE_IN[other], lang)
    return {
        "other-edition-notice": f"{first} / {second}",
        "other-edition-line-other": first,
        "other-edition-line-own": second,
    }


def brand_metadata(project: Project) -> dict[str, Any]:
    """The brand's colours, typefaces and logo, as the output templates use them."""
    brand = project.brand
    # colours without their '#', which pandoc would escape in Typst; the templates put it back
    meta: dict[str, Any] = {
        "brand-primary": brand.primary[1:],
        "brand-heading": brand.heading[1:],
        "brand-link": brand.link[1:],
        "brand-foreground": brand.foreground[1:],
        "font-base": brand.base_font,
        "font-headings": brand.heading_font,
        "font-dirs": tuple(str(d) for d in brand.font_dirs),  # for Typst, not for pandoc (a tuple: not written)
    }
    if brand.logo is not None:
        meta["logo"] = f"brand/{brand.logo.name}"
    return meta


def keywords(project: Project, lang: str) -> list[str]:
    """What the report is about, for the PDF's and Word file's Keywords and the web page's meta keywords."""
    return [
        _("social services", lang),
        _("annual report", lang),
        _("Director of Social Services", lang),
        project.config.authority_name(lang),
        i18n.financial_year(project.config.year, lang),
        _("Wales", lang),
    ]


def literal(text: str) -> str:
    """A metadata value as Markdown that prints as it is, straight quotes too.

    A straight quote left to pandoc's smart quotes pairs into a quotation, which the Typst writer prints
    unescaped: inside the template's ``author: "$author$"`` that would end the string.
    """
    return md(text).replace('"', '\\"')


def front_matter(metadata: Mapping[str, Any], markdown: Mapping[str, str] | None = None) -> str:
    """A YAML metadata block pandoc and Quarto both read.

    pandoc reads every string in it as Markdown, so each value is escaped to print as it is: an authority
    name holding ``<img onerror=...>`` or ``*`` is text on the cover, never markup.  ``markdown`` holds
    values that are Markdown made by dirreport (the bilingual edition's language-tagged halves).
    """
    safe: dict[str, Any] = {}
    for key, value in metadata.items():
        if isinstance(value, str):
            safe[key] = literal(value)
        elif isinstance(value, list):
            safe[key] = [literal(v) if isinstance(v, str) else v for v in value]
        elif isinstance(value, (bool, int, dt.date)):
            safe[key] = value
    safe.update(markdown or {})
    text = yaml.safe_dump(safe, allow_unicode=True, sort_keys=True, width=1000)
    return f"---\n{text}---\n\n"
