"""The bilingual edition: Welsh and English side by side, passage by passage.

Each language's passages are rendered by that language's own templates and
message catalogue, then paired under one bilingual heading.  Every passage
keeps its language tag, which becomes HTML ``lang``, the PDF's span language
and Word's run language, so a screen reader switches voice with the text.
Which language comes first is the project's choice (``bilingual.first``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from markupsafe import Markup

from . import form
from .assemble import (
    PAGEBREAK,
    Assembler,
    Document,
    _resources,
    _template_problem,
    data_files,
    environment,
    front_matter,
    keywords,
    metadata_for,
    output_basename,
    report_title,
)
from .errors import InputError
from .i18n import _
from .project import Project
from .text import LANG_TAGS


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

    @property
    def has_body(self) -> bool:
        return any(str(s.body).strip() for s in self.sides)


def assemble_bilingual(project: Project, engine: str = "pandoc", draft: bool = False) -> Document:
    config = project.config
    first = config.bilingual.first
    order = [first, "en" if first == "cy" else "cy"]
    assemblers = {lang: Assembler(project, lang, engine, draft, data_edition="bilingual") for lang in order}
    envs = {lang: environment(config.root, lang) for lang in order}
    pairs: list[Pair] = []
    any_draft = draft
    try:
        for place in form.places():
            if place.id == "4d-sufficiency" and not assemblers[first].sufficiency_applies():
                continue
            sides = []
            for lang in order:
                view = assemblers[lang].place_view(place)
                any_draft = any_draft or ((view.narrative is not None or view.missing) and view.status != "final")
                context = {
                    "lang": lang, "place": view,
                    "summary": partial(_summary, assemblers[lang], project, lang),
                    "summary_number": partial(_summary_number, assemblers[lang]),
                    "sufficiency": assemblers[lang].sufficiency_table,
                    "population": _population(project, lang),
                }
                body = envs[lang].get_template("place-body.md.j2").render(context)
                sides.append(Side(lang, view.heading, Markup(body)))
            pairs.append(Pair(place.level, place.anchor, sides))
        notices = []
        for lang in order:
            meta = metadata_for(project, lang, lang, any_draft)
            meta.pop("other-edition-notice", None)
            text = envs[lang].get_template("notices.md.j2").render({"meta": meta})
            notices.append(Side(lang, "", Markup(text)))
        body = envs[first].get_template("bilingual.md.j2").render(
            {"pairs": pairs, "notices": notices, "pagebreak": PAGEBREAK})
        appendix = _appendix(assemblers, envs, order)
    except InputError:
        raise
    except Exception as exc:  # a project template may fail in any way: locate it for the user
        raise InputError(_template_problem(exc, config.root)) from None
    errors = [e for a in assemblers.values() for e in a.errors]
    if errors:
        raise InputError(_unique(errors))
    metadata = metadata_for(project, first, "bilingual", any_draft)
    for key in ("other-edition-notice", "other-edition-file", "other-edition-lang", "other-edition-link-text"):
        metadata.pop(key, None)  # the bilingual edition holds both languages: there is no other to name
    metadata["keywords"] = list(dict.fromkeys(k for lang in order for k in keywords(project, lang)))
    metadata["title"] = " / ".join(report_title(project, lang) for lang in order)
    metadata["subtitle"] = " / ".join(config.authority_name(lang) for lang in order)
    if "logo" in metadata:
        metadata["logo-alt"] = metadata["subtitle"]
    metadata["toc-title"] = " / ".join(_("Contents", lang) for lang in order)
    metadata["lang"] = LANG_TAGS[first]
    metadata["html-lang"] = first
    metadata["bilingual"] = True
    figures = [f for lang in order for f in assemblers[lang].book.figures]
    tables = [(f"{lang}_{label}", t) for lang in order for label, t in assemblers[lang].book.numbered_tables()]
    return Document(
        edition="bilingual",
        lang=first,
        basename=output_basename("bilingual", config.year),
        markdown=front_matter(metadata) + body + "\n" + appendix,
        metadata=metadata,
        figures=tuple(figures),
        tables=tuple(tables),
        resources=_resources(project, figures),
        draft=any_draft,
        warnings=(*project.warnings, *(w for a in assemblers.values() for w in a.warnings)),
    )


def _summary_number(assembler: Assembler) -> int | None:
    return assembler.book.summary_number


def _summary(assembler: Assembler, project: Project, lang: str) -> Markup:
    """Made when the template reaches it, so the table is numbered in reading order."""
    return assembler.summary()


def _appendix(assemblers: dict[str, Assembler], envs: dict, order: list[str]) -> str:  # type: ignore[type-arg]
    parts = []
    for lang in order:
        text = envs[lang].get_template("appendix.md.j2").render(
            {"appendix": assemblers[lang].book.appendix_tables(), "lang": lang, "pagebreak": Markup(""),
             "data_file": data_files(assemblers[lang].book)})
        parts.append(f'::: {{lang="{LANG_TAGS[lang]}"}}\n{_demote_anchors(text, lang)}\n:::\n')
    return "\n".join(parts)


def _demote_anchors(text: str, lang: str) -> str:
    """Both languages' appendices have the same anchors; keep them distinct."""
    return text.replace("{#sec-appendix}", f"{{#sec-appendix-{lang}}}").replace(
        "{#sec-about-figures}", f"{{#sec-about-figures-{lang}}}")


def _population(project: Project, lang: str) -> str:
    from .assemble import _population_sentence

    return _population_sentence(project, lang)


def _unique(errors: list) -> list:  # type: ignore[type-arg]
    seen = set()
    out = []
    for e in errors:
        if e not in seen:
            seen.add(e)
            out.append(e)
    return out


__all__ = ["assemble_bilingual", "output_basename"]
