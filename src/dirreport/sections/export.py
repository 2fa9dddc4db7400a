"""``dirreport sections export``: each narrative sent to its owner as a Word file.

Most of a report's authors are heads of service who write in Word, not in
Markdown.  Each section (or each owner's sections, one heading each) becomes a
.docx with the prescribed heading, the guidance for that place as a note, and
the current text, made by pandoc from the narrative itself, so what comes back
through pandoc reads the same.  Shortcodes and heading ids become locked
content controls (``word_file``), and the file records which narratives it
carries and their digests, so ``sections import`` can take the text back
without breaking a figure or overwriting a newer edit.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from dirreport.config.settings import load_config
from dirreport.content import prescribed_form
from dirreport.content.guidance import guidance
from dirreport.content.narrative import normalise_newlines, parse
from dirreport.errors import InputError, Problem
from dirreport.lang.bilingual_text import LANG_TAGS
from dirreport.lang.i18n import _
from dirreport.render.common import pandoc_path
from dirreport.sections.word_file import (
    GUIDANCE_STYLE,
    SHORTCODE_STYLE,
    VALUE_STYLE,
    SentSection,
    lock_shortcodes,
    write_properties,
)

# What must come back exactly as it went: shortcodes, the ids that end a heading ({#IMP-01}), and pictures
# (their files are the project's, which Word would not send back).
PROTECTED = re.compile(r"\{\{<.*?>\}\}|\{#[^}\s]+\}|!\[[^\]\n]*\]\([^)\n]*\)")
TOKEN = "XDRPROT{:04d}X"
ATX = re.compile(r"^(#{1,5})(\s)", re.MULTILINE)
FENCE = re.compile(r"^(```|~~~)")


@dataclass(frozen=True)
class Section:
    """A narrative ready to send: its place, its file, its text split from its front matter."""

    place: prescribed_form.Place
    path: Path
    relative: str
    front: str  # the front matter block as written, '---' lines included, or ''
    body: str
    owner: str
    digest: str


def read_section(project: Path, place: prescribed_form.Place, lang: str) -> Section | None:
    path = project / "narratives" / lang / f"{place.id}.md"
    if not path.is_file():
        return None
    raw = path.read_bytes()
    text = normalise_newlines(raw.decode("utf-8", errors="replace"))
    relative = path.relative_to(project).as_posix()
    narrative, _problems = parse(relative, text)
    lines = text.split("\n")
    front = "\n".join(lines[: narrative.body_start - 1]) if narrative.body_start > 1 else ""
    body = "\n".join(lines[narrative.body_start - 1 :]).strip("\n")
    owner = str(narrative.meta.get("owner") or "").strip()
    return Section(place, path, relative, front, body, owner, hashlib.sha256(raw).hexdigest())


def sections_of(project: Path, lang: str) -> list[Section]:
    """The project's narratives in the report's order, those that exist in this language."""
    config = load_config(project)
    out = []
    for place in prescribed_form.narrative_places_of(config):
        if not prescribed_form.in_force(place, config.year):
            continue
        section = read_section(project, place, lang)
        if section is not None:
            out.append(section)
    return out


# The shortcodes that print a figure in a sentence: their current value is shown beside them in Word.
INLINE = {"indicator", "change", "metric", "survey", "finance", "complaints", "inspections"}


def current_values(project: Path, lang: str, sections: list[Section]) -> tuple[dict[str, str], str | None]:
    """Each inline shortcode's text as the report prints it now, or why no values can be shown."""
    from dirreport.assemble.edition import Assembler
    from dirreport.pipeline.project import load_project

    try:
        loaded = load_project(project)
    except InputError as error:
        return {}, error.problems[0].located() if error.problems else "the project cannot be read"
    assembler = Assembler(loaded, lang, draft=True)
    values: dict[str, str] = {}
    for section in sections:
        narrative = loaded.narratives.get(lang, {}).get(section.place.id)
        if narrative is None:
            continue
        expand = assembler.expander(narrative)
        for code in narrative.shortcodes:
            if code.name in INLINE and code.raw not in values:
                try:
                    shown = expand(code)
                except Exception:  # a value is shown for reading only: one that cannot be made is left out
                    continue
                text = re.sub(r"\\(.)", r"\1", " ".join(shown.split()))  # pandoc's escapes
                if text and len(text) <= 120 and "{{" not in text and "[" not in text:
                    values[code.raw] = text
    return values, None


def protect(body: str, replacements: dict[str, str], values: dict[str, str] | None = None) -> str:
    """The body with each protected piece as a placeholder in the Shortcode style, headings one level down.

    Headings move down one level because the section's own heading is Heading 1 in the Word file.
    A shortcode's current value, where known, goes before it in the Shortcode Value style, inside the
    same locked field; ``sections import`` leaves it out.
    """
    out, fenced = [], False
    for line in body.split("\n"):
        if FENCE.match(line):
            fenced = not fenced
        if not fenced:
            line = ATX.sub(lambda m: "#" + m.group(1) + m.group(2), line)

            def token(match: re.Match[str]) -> str:
                key = TOKEN.format(len(replacements) + 1)
                replacements[key] = match.group(0)
                value = (values or {}).get(match.group(0))
                code = f'[{key}]{{custom-style="{SHORTCODE_STYLE}"}}'
                if value:
                    replacements[key + "V"] = value + "\u00a0"  # a space pandoc keeps inside the value's run
                    return f'[{key}V]{{custom-style="{VALUE_STYLE}"}}' + code
                return code

            line = PROTECTED.sub(token, line)
        out.append(line)
    return "\n".join(out)


def _note(text: str) -> str:
    escaped = PROTECTED.sub(lambda m: "`" + m.group(0) + "`", text)
    paragraphs = [p.strip() for p in escaped.split("\n\n") if p.strip()]
    return "\n\n".join(f'::: {{custom-style="{GUIDANCE_STYLE}"}}\n{p}\n:::' for p in paragraphs)


def markdown_for(
    sections: list[Section], lang: str, replacements: dict[str, str], values: dict[str, str] | None = None
) -> str:
    """The Markdown pandoc makes the Word file from: a note on how to use it, then each section."""
    parts = [
        _note(
            _(
                "Write your text under each heading, in place of the text there now. The grey fields, such as "
                "{{< indicator AD-LANGUAGE-CHOICE >}}, are figures, charts and tables from the report's data, "
                "each figure shown first as it is now: leave them as they are (you may move or delete a whole "
                "field, never change its text). Keep "
                "each section's heading. Use Heading 2 for a heading inside a section. Save the file as a Word "
                "document (.docx) and send it back.",
                lang,
            )
        )
    ]
    for section in sections:
        heading = section.place.heading(lang)
        parts.append(f"# {heading}")
        notes = [_("Guidance: {text}", lang, text=guidance(section.place, lang))]
        if section.owner:
            notes.append(_("Owner: {owner}. File: {file}", lang, owner=section.owner, file=section.relative))
        parts.append(_note("\n\n".join(notes)))
        parts.append(protect(section.body, replacements, values))
    return "\n\n".join(parts) + "\n"


def make_docx(
    sections: list[Section], lang: str, target: Path, title: str, values: dict[str, str] | None = None
) -> None:
    """pandoc writes the Word file; then its shortcodes are locked and its narratives recorded."""
    import docx
    from docx.enum.text import WD_COLOR_INDEX
    from docx.shared import Pt, RGBColor

    replacements: dict[str, str] = {}
    markdown = markdown_for(sections, lang, replacements, values)
    with tempfile.TemporaryDirectory() as work:
        source = Path(work) / "section.md"
        source.write_text(markdown, encoding="utf-8")
        result = subprocess.run(
            [
                pandoc_path(),
                str(source),
                "-f",
                "commonmark_x-smart",
                "-o",
                str(target),
                "--metadata",
                f"lang={LANG_TAGS[lang]}",
                "--metadata",
                f"title={title}",
            ],
            capture_output=True,
            text=True,
            check=False,
        )
    if result.returncode != 0:
        raise InputError(
            Problem(
                f"pandoc could not make the Word file ({result.stderr.strip()[-200:]})",
                file=str(target),
                hint="this is a fault in dirreport; please report it",
            )
        )
    word = docx.Document(str(target))
    styles = {s.name: s for s in word.styles}
    if SHORTCODE_STYLE in styles:
        font = styles[SHORTCODE_STYLE].font
        font.highlight_color = WD_COLOR_INDEX.GRAY_25
        font.color.rgb = RGBColor(0x12, 0x43, 0x6D)
    if VALUE_STYLE in styles:
        value = styles[VALUE_STYLE].font
        value.bold = True
        value.color.rgb = RGBColor(0x12, 0x43, 0x6D)
    if GUIDANCE_STYLE in styles:
        style = styles[GUIDANCE_STYLE]
        style.font.italic = True
        style.font.size = Pt(10)
        style.font.color.rgb = RGBColor(0x50, 0x5A, 0x5F)
        style.paragraph_format.left_indent = Pt(18)
    lock_shortcodes(word, replacements)
    word.core_properties.title = title
    word.save(str(target))
    write_properties(target, [SentSection(s.relative, s.digest) for s in sections], lang)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "owner"


def export_sections(
    project: Path,
    lang: str,
    owner: str | None,
    per_owner: bool,
    out: Path | None,
    force: bool,
) -> list[str]:
    """Write the Word files; the lines to print.  Nothing is written if any file would be overwritten."""
    project = Path(project)
    sections = sections_of(project, lang)
    folder = Path(out) if out is not None else project / "word" / lang
    groups: dict[str, list[Section]] = {}
    if owner is not None:
        wanted = owner.strip().casefold()
        mine = [s for s in sections if s.owner.casefold() == wanted]
        if not mine:
            owners = sorted({s.owner for s in sections if s.owner})
            raise InputError(
                Problem(
                    f"no section in narratives/{lang}/ has the owner '{owner}'",
                    file="--owner",
                    hint=("the owners are: " + "; ".join(owners))
                    if owners
                    else "write 'owner: NAME' in the front matter of each section",
                )
            )
        groups[slug(owner)] = mine
    elif per_owner:
        for section in sections:
            groups.setdefault(slug(section.owner or "no-owner"), []).append(section)
    else:
        groups = {s.place.id: [s] for s in sections}
    if not groups:
        raise InputError(
            Problem("has no narratives to export", file=f"narratives/{lang}/", hint="run 'dirreport new' first")
        )
    targets = {folder / f"{name}.docx": group for name, group in groups.items()}
    existing = [t for t in targets if t.exists()]
    if existing and not force:
        raise InputError(
            [
                Problem(
                    "already exists and may hold an owner's edits",
                    file=str(t),
                    hint="import it first, choose another folder with --out, or replace it with --force",
                )
                for t in existing
            ]
        )
    folder.mkdir(parents=True, exist_ok=True)
    values, why_not = current_values(project, lang, [s for group in groups.values() for s in group])
    lines = [] if why_not is None else [f"the fields' current values are not shown: {why_not}"]
    for target, group in targets.items():
        title = group[0].place.heading(lang) if len(group) == 1 else group[0].owner
        make_docx(group, lang, target, title, values)
        who = ", ".join(sorted({s.owner for s in group if s.owner})) or "no owner"
        lines.append(f"wrote {target} ({len(group)} section(s); owner: {who})")
    lines.append(
        f"next: send each file to its owner; when it comes back, run: dirreport sections import FILE.docx "
        f"--project {project}"
    )
    return lines
