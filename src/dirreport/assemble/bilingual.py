"""The bilingual edition: Welsh and English side by side, passage by passage.

Each language's passages are rendered by that language's own templates and
message catalogue, then paired under one bilingual heading.  Every passage
keeps its language tag, which becomes HTML ``lang``, the PDF's span language
and Word's run language, so a screen reader switches voice with the text.
Which language comes first is the project's choice (``bilingual.first``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from typing import Any

from markupsafe import Markup

from dirreport.assemble import key_figure_cards, year_in_numbers
from dirreport.assemble.bilingual_pairs import paired
from dirreport.assemble.contact import contact_block
from dirreport.assemble.document import Document, output_basename
from dirreport.assemble.edition import Assembler, marked_in_data, population_sentence, resources_for
from dirreport.assemble.edition_gate import refuse_unpublishable
from dirreport.assemble.figure_book import data_files
from dirreport.assemble.glossary import glossary_list
from dirreport.assemble.metadata import front_matter, keywords, literal, metadata_for
from dirreport.assemble.shortcodes import PAGEBREAK
from dirreport.assemble.templates import environment, raise_template_fault
from dirreport.content import prescribed_form
from dirreport.errors import InputError
from dirreport.lang.bilingual_text import LANG_TAGS
from dirreport.pipeline.project import Project


@dataclass
class Side:
    lang: str
    heading: str
    body: Markup

    @property
    def tag(self) -> str:
        """The language tag each output needs: Word's run language wants the region (cy-GB)."""
        return LANG_TAGS[self.lang]


@dataclass
class Pair:
    level: int
    anchor: str
    sides: list[Side]
    page: str = ""  # the year in numbers, once for both languages, after the sides
    rest: list[Side] = field(default_factory=list)  # each language's passage after the page

    @property
    def has_body(self) -> bool:
        return bool(self.page) or any(str(s.body).strip() for s in (*self.sides, *self.rest))

    @property
    def body(self) -> Markup:
        """The two passages side by side, section by section under headings in both languages; the year in
        numbers, where this place holds it, once across the page between its two parts."""
        before = paired([(side.lang, str(side.body)) for side in self.sides])
        if not self.page:
            return Markup(before)
        after = paired([(side.lang, str(side.body)) for side in self.rest])
        return Markup("\n\n".join(part for part in (before, str(self.page), after) if part.strip()))


def assemble_bilingual(project: Project, engine: str = "pandoc", draft: bool = False) -> Document:
    config = project.config
    first = config.bilingual.first
    order = [first, "en" if first == "cy" else "cy"]
    assemblers = {lang: Assembler(project, lang, engine, draft, data_edition="bilingual") for lang in order}
    # the PDF and Word print each chart and table once, in both languages: the second language's passage is
    # written first, so the first's figure book has its twin of each figure to take the words from
    assemblers[first].book.lead(assemblers[order[1]].book)
    envs = {lang: environment(config.root, lang) for lang in order}
    pairs: list[Pair] = []
    placed = False  # the year in numbers is printed once, at the first place either language gives it
    any_draft = draft
    try:
        for place in prescribed_form.of_report(config):
            if place.id == "4d-sufficiency" and not assemblers[first].sufficiency_applies():
                continue
            sides: list[Side] = []
            for lang in reversed(order):
                view = assemblers[lang].place_view(place)
                any_draft = any_draft or ((view.narrative is not None or view.missing) and view.status != "final")
                context = {
                    "lang": lang,
                    "place": view,
                    "summary": partial(_summary, assemblers[lang], project, lang),
                    "summary_number": partial(_summary_number, assemblers[lang]),
                    "sufficiency": assemblers[lang].sufficiency_table,
                    "population": _population(project, lang),
                    "contact": partial(contact_block, config, lang),
                }
                body = envs[lang].get_template("place-body.md.j2").render(context)
                sides.insert(0, Side(lang, view.heading, Markup(body)))
            pair = Pair(place.level, place.anchor, sides)
            if not placed:
                placed = _place_year_in_numbers(pair, project)
            else:
                _drop_marks(pair)
            pairs.append(pair)
        notices = []
        for lang in order:
            meta = metadata_for(project, lang, lang, any_draft)
            meta.pop("other-edition-notice", None)
            text = envs[lang].get_template("notices.md.j2").render({"meta": meta})
            notices.append(Side(lang, "", Markup(text)))
        body = (
            envs[first]
            .get_template("bilingual.md.j2")
            .render({"pairs": pairs, "notices": notices, "pagebreak": PAGEBREAK})
        )
        appendix = _appendix(assemblers, envs, order)
    except InputError:
        raise
    except Exception as exc:  # the template's fault at its line, or a fault in dirreport reported as one
        raise_template_fault(exc, config.root)
    errors = [e for a in assemblers.values() for e in a.errors]
    refuse_unpublishable(project, _unique(errors), body + appendix, "bilingual")
    metadata = metadata_for(project, first, "bilingual", any_draft)
    for key in [k for k in metadata if k.startswith("other-edition-")]:
        metadata.pop(key, None)  # the bilingual edition holds both languages: there is no other to name
    metadata["keywords"] = list(dict.fromkeys(k for lang in order for k in keywords(project, lang)))
    each = {lang: metadata_for(project, lang, "bilingual", any_draft) for lang in order}
    marked = _both_languages(metadata, each, order)
    if "logo" in metadata:
        # an alt attribute holds one language: the council's name in the edition's first language, tagged
        # with it; the other language's name is printed beside the logo, tagged with its own
        metadata["logo-alt"] = each[first]["logo-alt"]
        metadata["logo-alt-lang"] = LANG_TAGS[first]
    metadata["lang"] = LANG_TAGS[first]
    metadata["html-lang"] = first
    metadata["bilingual"] = True
    figures = [*(f for lang in order for f in assemblers[lang].book.figures), *assemblers[first].book.merged]
    tables = [(f"{lang}_{label}", t) for lang in order for label, t in assemblers[lang].book.numbered_tables()]
    return Document(
        edition="bilingual",
        lang=first,
        basename=output_basename("bilingual", config.year),
        markdown=front_matter(metadata, marked) + body + "\n" + appendix,
        metadata=metadata,
        figures=tuple(figures),
        tables=tuple(tables),
        resources=resources_for(project, figures),
        draft=any_draft,
        warnings=(*project.warnings, *(w for a in assemblers.values() for w in a.warnings)),
    )


def _place_year_in_numbers(pair: Pair, project: Project) -> bool:
    """Split a pair where either language's passage marks the year in numbers' place: each language's
    passage up to it, the page once across the page, then each language's passage after it."""
    marks = [year_in_numbers.PLACE_MARK.search(str(side.body)) for side in pair.sides]
    found = [m for m in marks if m is not None]
    if not found:
        return False
    level = int(found[0].group(1)) or None
    before, after = [], []
    for side, mark in zip(pair.sides, marks, strict=True):
        text = str(side.body)
        cut, resume = (mark.start(), mark.end()) if mark else (len(text), len(text))
        before.append(Side(side.lang, side.heading, Markup(text[:cut])))
        after.append(Side(side.lang, "", Markup(text[resume:])))
    langs = [side.lang for side in pair.sides]
    config, catalogue, results = project.config, project.catalogue, project.results
    figures = {lang: year_in_numbers.key_figures(config, catalogue, results, lang) for lang in langs}
    pair.sides, pair.rest = before, after
    pair.page = Markup(key_figure_cards.bilingual_block(figures, results, level, "year-in-numbers"))
    return True


def _drop_marks(pair: Pair) -> None:
    """A second language's own place for the page, after it has been printed: nothing there."""
    for side in pair.sides:
        side.body = Markup(year_in_numbers.PLACE_MARK.sub("", str(side.body)))


# What the page templates print around the body, in both languages: cover, contents title, page furniture.
BOTH_LANGUAGES = (
    "title",
    "subtitle",
    "toc-title",
    "date",
    "page-label",
    "draft-mark",
    "sample-label",
    "sample-text",
    "running-head",
    "skip-link",
    "toc-sections",
)
# Printed inside an HTML attribute or as a background mark, where a tagged span cannot go: plain text only.
PLAIN_ONLY = ("draft-mark", "toc-sections")


def _both_languages(metadata: dict[str, Any], each: dict[str, dict[str, Any]], order: list[str]) -> dict[str, str]:
    """Give each printed label both languages, each half tagged with its own language.

    ``metadata`` gets the plain text ("Tudalen / Page", for document
    properties, the spreadsheet and HTML attributes) and, under
    ``language-parts``, each half with its language tag (for Word's
    finishing); the returned values are the same texts as pandoc Markdown
    spans with ``lang``, which become HTML ``lang``, Word's ``w:lang`` and, in
    the PDF, Typst's ``text(lang:)`` (lang.lua), so no English half is read
    as Welsh.
    """
    marked: dict[str, str] = {}
    parts: dict[str, list[tuple[str, str]]] = {}
    for key in BOTH_LANGUAGES:
        if not all(key in each[lang] for lang in order):
            continue
        halves = [(LANG_TAGS[lang], str(each[lang][key])) for lang in order]
        if len({text for _tag, text in halves}) == 1:
            halves = halves[:1]  # a name the same in both languages is printed once, not "Powys / Powys"
        parts[key] = halves
        metadata[key] = " / ".join(text for _tag, text in halves)
        if key not in PLAIN_ONLY:
            marked[key] = " / ".join(f'[{literal(text)}]{{lang="{tag}"}}' for tag, text in halves)
    metadata["language-parts"] = parts
    # the page's <title> and description are plain text: the tagged halves cannot go there
    metadata["head-title"] = f"{metadata['title']} – {metadata['subtitle']}"
    return marked


def _summary_number(assembler: Assembler) -> int | None:
    return assembler.book.summary_number


def _summary(assembler: Assembler, project: Project, lang: str) -> Markup:
    """Made when the template reaches it, so the table is numbered in reading order."""
    return assembler.summary()


def _appendix(assemblers: dict[str, Assembler], envs: dict, order: list[str]) -> str:  # type: ignore[type-arg]
    parts: list[tuple[str, str]] = []
    for lang in reversed(order):  # the second language's tables first: the first's are made from them
        text = (
            envs[lang]
            .get_template("appendix.md.j2")
            .render(
                {
                    "appendix": assemblers[lang].book.appendix_tables(),
                    "lang": lang,
                    "pagebreak": Markup(""),
                    "source_notes": marked_in_data(assemblers[lang].project, lang),
                    "data_file": data_files(assemblers[lang].book),
                    "glossary": partial(glossary_list, assemblers[lang].first_use, lang),
                }
            )
        )
        parts.insert(0, (lang, _demote_anchors(text, lang)))
    # the back matter side by side, like the chapters: one heading in both languages over each part
    return paired(parts) + "\n"


def _demote_anchors(text: str, lang: str) -> str:
    """Both languages' appendices have the same anchors; keep them distinct."""
    for anchor in ("sec-appendix", "sec-about-figures", "sec-glossary"):
        text = text.replace(f"{{#{anchor}}}", f"{{#{anchor}-{lang}}}")
    return text


def _population(project: Project, lang: str) -> str:
    return population_sentence(project, lang)


def _unique(errors: list) -> list:  # type: ignore[type-arg]
    seen = set()
    out = []
    for e in errors:
        if e not in seen:
            seen.add(e)
            out.append(e)
    return out


__all__ = ["assemble_bilingual", "output_basename"]
