"""``dirreport sections import``: an owner's Word file taken back into ``narratives/<lang>/``.

Nothing is written unless every file given can be taken whole: a shortcode or
heading id changed or broken in Word is refused with its section, paragraph and
text; a narrative edited since its Word file was made is refused unless
``--force`` (the edit would be lost); tracked changes are refused until the
author accepts them or ``--accept-changes`` is given, and are always listed
with their author, as are comments.  The front matter stays as it was, and a
paragraph that was not changed in Word keeps its exact Markdown: the current
narrative is sent through the same way there and back, and only the
paragraphs that differ from that are taken from the Word file.
"""

from __future__ import annotations

import difflib
import re
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from dirreport.config.settings import load_config
from dirreport.content import prescribed_form
from dirreport.errors import InputError, Problem
from dirreport.sections.export import PROTECTED, Section, make_docx, read_section
from dirreport.sections.word_file import Remark, read_properties, remarks
from dirreport.sections.word_text import read_sections

LOOSE = re.compile(r"\{\{|\}\}|\{#")
COMMENT = re.compile(r"^\s*<!--.*-->\s*$", re.DOTALL)


@dataclass(frozen=True)
class Incoming:
    """A section's new text, checked, ready to write."""

    section: Section
    content: str
    changes: tuple[str, ...]


def blocks(text: str) -> list[str]:
    return [b.strip("\n") for b in re.split(r"\n[ \t]*\n", text.strip("\n")) if b.strip()]


def _short(text: str, width: int = 70) -> str:
    one = " ".join(text.split())
    return one if len(one) <= width else one[: width - 1] + "…"


def damaged(section: Section, text: str, file: str) -> list[Problem]:
    """Each shortcode or heading id in the returned text that was not sent, or is broken, with its place."""
    sent = set(PROTECTED.findall(section.body))
    problems = []
    for number, paragraph in enumerate(blocks(text), start=1):
        where = f"section '{section.place.heading('en') if section.place.own_title is None else section.place.id}'"
        for found in PROTECTED.findall(paragraph):
            if found not in sent:
                guess = difflib.get_close_matches(found, sorted(sent), n=1)
                problems.append(
                    Problem(
                        f"{where}, paragraph {number}: {found} is not a field this section was sent with",
                        file=file,
                        hint=(f"was it {guess[0]}? " if guess else "")
                        + "put back the grey field as it was sent, or export the section again",
                    )
                )
        rest = PROTECTED.sub("", paragraph)
        loose = LOOSE.search(rest)
        if loose:
            start = max(loose.start() - 20, 0)
            problems.append(
                Problem(
                    f"{where}, paragraph {number}: a grey field was broken, near "
                    f"'{_short(rest[start : loose.end() + 30], 60)}'",
                    file=file,
                    hint="put back the whole field as it was sent (copy it from the exported file), or delete it whole",
                )
            )
    return problems


def merge(original: str, canonical: str, returned: str) -> tuple[str, list[str]]:
    """The new body: unchanged paragraphs as written in Markdown, changed ones from Word; and what changed.

    ``canonical`` is the original sent through Word and back unedited, paragraph for paragraph the
    Markdown's own paragraphs less its comments; where the two do not pair up, the Word text is taken whole.
    """
    own = blocks(original)
    comments: dict[int, list[str]] = {}
    kept: list[str] = []
    for block in own:
        if COMMENT.match(block):
            comments.setdefault(len(kept), []).append(block)
        else:
            kept.append(block)
    before, after = blocks(canonical), blocks(returned)
    paired = len(before) == len(kept)
    out: list[str] = []
    changes: list[str] = []

    def emit_comments(upto: int) -> None:
        for index in sorted(k for k in comments if k <= upto):
            out.extend(comments.pop(index))

    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        emit_comments(i1)
        if op == "equal":
            for k in range(i2 - i1):
                emit_comments(i1 + k)
                out.append(kept[i1 + k] if paired else after[j1 + k])
            continue
        out.extend(after[j1:j2])
        changes += _described(before[i1:i2], after[j1:j2], j1)
    emit_comments(len(kept) + len(comments) + 1)
    return "\n\n".join(out) + "\n", changes


def _described(before: list[str], after: list[str], first: int) -> list[str]:
    """Each new paragraph as changed (from the most alike old one) or added; old ones left over as removed."""
    left = list(before)
    out = []
    for k, paragraph in enumerate(after):
        scores = [difflib.SequenceMatcher(None, old, paragraph).ratio() for old in left]
        best = max(range(len(left)), key=scores.__getitem__) if left else -1
        if best >= 0 and scores[best] >= 0.5:
            left.pop(best)
            out.append(f"paragraph {first + k + 1} changed: '{_short(paragraph)}'")
        else:
            out.append(f"paragraph {first + k + 1} added: '{_short(paragraph)}'")
    return out + [f"paragraph removed: '{_short(old)}'" for old in left]


def _canonical(sections: list[Section], lang: str) -> list[str]:
    """The current narratives sent to Word and read back with no edits, for comparison."""
    with tempfile.TemporaryDirectory() as work:
        target = Path(work) / "canonical.docx"
        make_docx(sections, lang, target, "canonical")
        return read_sections(target, accept_changes=True)


def check_file(project: Path, path: Path, force: bool, accept_changes: bool) -> tuple[list[Incoming], list[str]]:
    """A returned file checked whole: what it would write, and the remarks to print. Raises on any refusal."""
    name = str(path)
    found = read_properties(path)
    if found is None:
        raise InputError(
            Problem(
                "was not made by 'dirreport sections export' (it has no record of the sections it carries)",
                file=name,
                hint="export the sections to Word, edit those files and import them; Word and LibreOffice keep "
                "the record when they save",
            )
        )
    lang, sent = found
    places = {p.id: p for p in prescribed_form.of_report(load_config(project))}
    sections: list[Section] = []
    problems: list[Problem] = []
    for item in sent:
        place = places.get(Path(item.file).stem)
        section = read_section(project, place, lang) if place is not None else None
        if section is None:
            problems.append(
                Problem(
                    f"carries {item.file}, which is not a narrative of this project",
                    file=name,
                    hint="import it into the project it was exported from (--project)",
                )
            )
            continue
        if section.digest != item.digest and not force:
            problems.append(
                Problem(
                    f"{item.file} has been changed since this Word file was made; importing would lose that edit",
                    file=name,
                    hint="export the section again and send the new file, or add --force to replace the "
                    "Markdown with the Word file's text",
                )
            )
        sections.append(section)
    if problems:
        raise InputError(problems)
    found_remarks = remarks(path)
    tracked = [r for r in found_remarks if r.kind != "comment"]
    if tracked and not accept_changes:
        raise InputError(
            [Problem(f"has a tracked change ({_remark(r)})", file=name) for r in tracked]
            + [
                Problem(
                    f"has {len(tracked)} tracked change(s) not yet accepted",
                    file=name,
                    hint="accept or reject them in Word (Review > Accept) and save, or add --accept-changes "
                    "to take them all",
                )
            ]
        )
    returned = read_sections(path, accept_changes=True)
    if len(returned) != len(sections):
        raise InputError(
            Problem(
                f"has {len(returned)} section heading(s) (Heading 1) but was sent with {len(sections)}",
                file=name,
                hint="keep each section's heading as it was sent, and use Heading 2 for headings inside a section",
            )
        )
    for section, text in zip(sections, returned, strict=True):
        problems += damaged(section, text, name)
    if problems:
        raise InputError(problems)
    canonical = _canonical(sections, lang)
    incoming = []
    for section, before, text in zip(sections, canonical, returned, strict=True):
        body, changes = merge(section.body, before, text)
        front = section.front + "\n\n" if section.front else ""
        removed = Counter(PROTECTED.findall(section.body)) - Counter(PROTECTED.findall(text))
        changes += [f"field removed: {field}" for field in removed.elements()]
        incoming.append(Incoming(section, front + body, tuple(changes)))
    notes = [f"  {_remark(r)}" for r in found_remarks]
    return incoming, notes


def _remark(remark: Remark) -> str:
    what = {"inserted": "inserted", "deleted": "deleted", "comment": "comment"}[remark.kind]
    return f"{what} by {remark.author}: '{_short(remark.text, 80)}'"


def import_sections(project: Path, files: list[Path], force: bool, accept_changes: bool, dry_run: bool) -> list[str]:
    """Check every file, then write every changed narrative; the lines to print."""
    project = Path(project)
    checked = [(path, *check_file(project, path, force, accept_changes)) for path in files]
    lines: list[str] = []
    for path, incoming, notes in checked:
        lines.append(f"{'would import' if dry_run else 'imported'} {path}")
        if notes:
            lines.append(" tracked changes and comments in the file (read them before publishing):")
            lines += notes
        for item in incoming:
            if not item.changes:
                lines.append(f"  {item.section.relative}: unchanged")
                continue
            if not dry_run:
                item.section.path.write_text(item.content, encoding="utf-8", newline="\n")
            lines.append(f"  {item.section.relative}: {len(item.changes)} change(s)")
            lines += [f"    {change}" for change in item.changes]
    return lines
