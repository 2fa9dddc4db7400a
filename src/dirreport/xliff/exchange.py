"""The translation loop: narrative out to translators as XLIFF 2.0, and their work back in.

Each narrative is cut into segments - one per paragraph, heading, list item
or table cell, found by markdown-it - with a stable id made from the file and
the segment's text.  Shortcodes and heading ids travel as protected
placeholders (``<ph>`` with the original in ``<originalData>``), so a
translation tool shows them but a translator cannot break them.

Each translated narrative records, in its front matter, the hash of every
source segment it translates.  Export marks as ``initial`` (to translate)
only the segments whose source has no translation on record - new or changed
since the last import; the rest go out ``final`` with their translation for
context.  Import rebuilds the translated file on the source file's skeleton,
changing only segments the XLIFF brings, and records the new hashes.  The
parity check uses the same records to report translations that are out of date.

Files are XLIFF 2.0, written with lxml and validated against the XLIFF 2.0
core schema shipped in ``resources/xliff_core_2.0.xsd`` both ways.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from lxml import etree

from dirreport.config.settings import load_config
from dirreport.content import prescribed_form
from dirreport.content.narrative import normalise_newlines, parse_tokens, read_front_matter
from dirreport.content.sanitise import passage_problems
from dirreport.errors import InputError, Problem
from dirreport.lang.bilingual_text import LANG_TAGS

_SCHEMA = Path(str(resources.files("dirreport").joinpath("resources", "xliff_core_2.0.xsd")))

XLIFF_NS = "urn:oasis:names:tc:xliff:document:2.0"
NS = {"x": XLIFF_NS}
UNTRANSLATED = "[CYFIEITHU / TRANSLATE]"
PLACEHOLDERS = (UNTRANSLATED, "[Placeholder:", "[Dalfan:")  # as the checks' PLACEHOLDERS
PREVIOUS_NOTE = "Previous translation (the source has changed since):"
RECORD_KEY = "translation"
# Shortcodes and heading ids must come back unchanged; link addresses stay editable text,
# because a Welsh edition often links to the Welsh version of a page.
PROTECTED = re.compile(
    r"\{\{<.*?>\}\}"  # shortcodes
    r"|\{#[^}]+\}\s*$"  # heading ids {#IMP-01}
)


@dataclass(frozen=True)
class Segment:
    """A piece of translatable text and exactly where it sits in its file."""

    index: int
    text: str
    spans: tuple[tuple[int, int, int], ...]  # (0-based line, start column, end column) per content line
    kind: str

    @property
    def digest(self) -> str:
        return hashlib.sha256(" ".join(self.text.split()).encode()).hexdigest()[:16]

    @property
    def line(self) -> int:
        return self.spans[0][0] + 1


@dataclass(frozen=True)
class NarrativeFile:
    path: str
    meta: dict[str, Any]
    lines: tuple[str, ...]
    body_start: int  # 0-based index of the first body line
    segments: tuple[Segment, ...]

    @property
    def record(self) -> list[str]:
        record = self.meta.get(RECORD_KEY) or {}
        # a digest of digits alone, copied by hand without quotes, reads as a number: it is still text
        return [str(d) for d in record.get("segments") or []] if isinstance(record, dict) else []


def read_segments(path: str, text: str) -> NarrativeFile:
    text = normalise_newlines(text)
    lines = tuple(text.split("\n"))
    tokens = parse_tokens(text)
    meta: dict[str, Any] = {}
    body_start = 0
    segments: list[Segment] = []
    used: dict[int, int] = {}
    for i, token in enumerate(tokens):
        if token.type == "front_matter":
            meta, problems = read_front_matter(path, token.content)
            if problems and not meta:  # front matter that cannot be read at all: say where, as 'check' does
                raise InputError(problems)
            body_start = token.map[1] if token.map else 0
            continue
        if token.type != "inline" or not token.map or not token.content.strip():
            continue
        parent = tokens[i - 1].type if i else ""
        kind = {"heading_open": "heading", "th_open": "cell", "td_open": "cell"}.get(parent, "paragraph")
        spans = []
        for k, content_line in enumerate(token.content.split("\n")):
            index = token.map[0] + k
            source = lines[index]
            start = source.find(content_line, used.get(index, 0)) if content_line else used.get(index, 0)
            start = max(start, 0)
            end = start + len(content_line)
            used[index] = end
            spans.append((index, start, end))
        segments.append(Segment(len(segments), token.content, tuple(spans), kind))
    return NarrativeFile(path, meta if isinstance(meta, dict) else {}, lines, body_start, tuple(segments))


def rebuild(source: NarrativeFile, texts: list[str], meta: dict[str, Any]) -> str:
    """The source file's skeleton with each segment replaced by the given text, under new front matter."""
    lines = list(source.lines)
    deleted: set[int] = set()
    edits: dict[int, list[tuple[int, int, str]]] = {}
    for segment, text in zip(source.segments, texts, strict=True):
        if text == segment.text:
            continue  # untouched segments keep their exact lines
        first, start, end = segment.spans[0]
        edits.setdefault(first, []).append((start, end, " ".join(text.split("\n"))))
        for index, s, e in segment.spans[1:]:
            if lines[index][:s].strip(" >\t") == "" and lines[index][e:].strip() == "":
                deleted.add(index)
            else:
                edits.setdefault(index, []).append((s, e, ""))
    for index, changes in edits.items():
        line = lines[index]
        for s, e, replacement in sorted(changes, reverse=True):
            line = line[:s] + replacement + line[e:]
        lines[index] = line
    body = [line for i, line in enumerate(lines) if i >= source.body_start and i not in deleted]
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{front}---\n\n" + "\n".join(body).lstrip("\n")


def narrative_files(project: Path, lang: str) -> list[Path]:
    folder = project / "narratives" / lang
    order = [p.id for p in prescribed_form.narrative_places_of(load_config(project))]  # declared ones too
    return sorted(folder.glob("*.md"), key=lambda p: (order.index(p.stem) if p.stem in order else 999, p.name))


def load_narrative(path: Path, project: Path) -> NarrativeFile:
    name = path.relative_to(project).as_posix()
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            Problem(
                f"is not UTF-8 text (byte 0x{raw[exc.start]:02x})",
                file=name,
                line=raw[: exc.start].count(b"\n") + 1,
                hint="save the file as UTF-8",
            )
        ) from None
    return read_segments(name, text)


def aligned_translations(source: NarrativeFile, target: NarrativeFile | None) -> list[str | None]:
    """For each source segment, its translation on record, or None when it has none (new or changed)."""
    if target is None:
        return [None] * len(source.segments)
    record = target.record
    available: dict[str, list[int]] = {}
    for j, digest in enumerate(record):
        # a placeholder on record (an older baseline recorded stubs) is still no translation
        if digest and j < len(target.segments) and not is_placeholder(target.segments[j].text):
            available.setdefault(digest, []).append(j)
    out: list[str | None] = []
    for segment in source.segments:
        slots = available.get(segment.digest)
        out.append(target.segments[slots.pop(0)].text if slots else None)
    return out


def is_placeholder(text: str) -> bool:
    """A stub's placeholder or an untranslated marker: text no one has written or translated yet."""
    return not text.strip() or any(marker in text for marker in PLACEHOLDERS)


def previous_translations(source: NarrativeFile, target: NarrativeFile | None) -> list[str | None]:
    """For each source segment with no translation on record, the translation it had before it changed.

    Where the two files still have the same structure, the target's segment in the same place is the
    translation of the source's previous wording: a reference for the translator, not a translation.
    """
    out: list[str | None] = [None] * len(source.segments)
    if target is None or [s.kind for s in source.segments] != [s.kind for s in target.segments]:
        return out
    current = aligned_translations(source, target)
    record = target.record
    for segment, translation in zip(source.segments, current, strict=True):
        old = target.segments[segment.index]
        if translation is None and segment.index < len(record) and record[segment.index]:
            out[segment.index] = None if is_placeholder(old.text) else old.text
    return out


def stale_segments(source: NarrativeFile, target: NarrativeFile) -> list[tuple[Segment, int]]:
    """Source segments with no up-to-date translation on record, with the target line to look at."""
    if not target.record:
        return []
    translated = aligned_translations(source, target)
    out = []
    for segment, text in zip(source.segments, translated, strict=True):
        if text is None:
            k = min(segment.index, len(target.segments) - 1)
            line = target.segments[k].line if k >= 0 else target.body_start + 1
            out.append((segment, line))
    return out


# --- XLIFF -------------------------------------------------------------------------------------------


@cache
def _schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(_SCHEMA)))


def _q(tag: str) -> str:
    return f"{{{XLIFF_NS}}}{tag}"


def _fill_inline(element: Any, text: str, data: dict[str, str]) -> None:
    """Write text into a source/target element, protected parts as <ph> pointing at original data.

    A placeholder's id comes from its data and occurrence, so the same code has the same id in
    source and target even when the translation moves it, as XLIFF 2.0 requires.
    """
    last = 0
    tail_holder = None
    occurrences: dict[str, int] = {}
    for match in PROTECTED.finditer(text):
        chunk = text[last : match.start()]
        if tail_holder is None:
            element.text = (element.text or "") + chunk
        else:
            tail_holder.tail = (tail_holder.tail or "") + chunk
        original = match.group(0)
        ref = next((k for k, v in data.items() if v == original), None)
        if ref is None:
            ref = f"d{len(data) + 1}"
            data[ref] = original
        occurrences[ref] = occurrences.get(ref, 0) + 1
        ph = etree.SubElement(
            element, _q("ph"), id=f"p{ref[1:]}-{occurrences[ref]}", dataRef=ref, disp=original.strip()
        )
        tail_holder = ph
        last = match.end()
    rest = text[last:]
    if tail_holder is None:
        element.text = (element.text or "") + rest
    else:
        tail_holder.tail = (tail_holder.tail or "") + rest


def _unit_id(stem: str, segment: Segment, seen: dict[str, int]) -> str:
    base = f"{stem}.{segment.digest[:10]}"
    seen[base] = seen.get(base, 0) + 1
    return base if seen[base] == 1 else f"{base}.{seen[base]}"


def export_xliff(project: Path, target_file: Path, source_lang: str = "en") -> str:
    target_lang = "cy" if source_lang == "en" else "en"
    root = etree.Element(
        _q("xliff"),
        nsmap={None: XLIFF_NS},
        version="2.0",
        srcLang=LANG_TAGS[source_lang],
        trgLang=LANG_TAGS[target_lang],
    )
    to_translate: list[str] = []
    total = 0
    for path in narrative_files(project, source_lang):
        source = load_narrative(path, project)
        target_path = project / "narratives" / target_lang / path.name
        target = load_narrative(target_path, project) if target_path.exists() else None
        translations = aligned_translations(source, target)
        previous = previous_translations(source, target)
        file_el = etree.SubElement(root, _q("file"), id=f"f-{path.stem}", original=source.path)
        seen: dict[str, int] = {}
        for segment, translation in zip(source.segments, translations, strict=True):
            total += 1
            unit = etree.SubElement(
                file_el, _q("unit"), id=_unit_id(path.stem, segment, seen), name=f"{source.path}:{segment.line}"
            )
            notes = etree.SubElement(unit, _q("notes"))
            etree.SubElement(notes, _q("note"), category="location").text = f"{source.path} line {segment.line}"
            if translation is None and previous[segment.index]:
                etree.SubElement(
                    notes, _q("note"), category="previous-translation"
                ).text = f"{PREVIOUS_NOTE} {previous[segment.index]}"
            data: dict[str, str] = {}
            state = "final" if translation is not None else "initial"
            seg_el = etree.Element(_q("segment"), state=state)
            _fill_inline(etree.SubElement(seg_el, _q("source")), segment.text, data)
            if translation is not None:
                _fill_inline(etree.SubElement(seg_el, _q("target")), translation, data)
            else:
                to_translate.append(f"{source.path} line {segment.line}")
            if data:
                original = etree.SubElement(unit, _q("originalData"))
                for key, value in data.items():
                    etree.SubElement(original, _q("data"), id=key).text = value
            unit.append(seg_el)
    tree = etree.ElementTree(root)
    if not _schema().validate(tree):
        raise AssertionError(f"dirreport wrote XLIFF that fails its schema: {_schema().error_log}")
    try:
        tree.write(str(target_file), xml_declaration=True, encoding="UTF-8", pretty_print=True)
    except OSError as exc:  # lxml does not name the file; the user needs to know which one
        raise InputError(
            Problem(
                f"cannot be written ({exc.strerror or exc})",
                file=str(target_file),
                hint="check that the folder exists and that you may write there",
            )
        ) from None
    summary = f"wrote {target_file}: {total} segments, {len(to_translate)} to translate"
    if to_translate:
        summary += "\n" + "\n".join(f"  {where}" for where in to_translate)
    return summary


def _inline_text(element: Any, data: dict[str, str], where: str) -> str:
    parts = [element.text or ""]
    for child in element:
        if child.tag == _q("ph"):
            ref = child.get("dataRef")
            if ref not in data:
                raise InputError(
                    Problem(
                        f"placeholder {child.get('id')} refers to unknown data '{ref}'",
                        file=where,
                        line=child.sourceline,
                        hint="keep the placeholders the export gave you",
                    )
                )
            parts.append(data[ref])
        elif child.tag in (_q("mrk"), _q("pc")):
            parts.append(_inline_text(child, data, where))
        parts.append(child.tail or "")
    return "".join(parts)


def _protected(text: str) -> list[str]:
    return PROTECTED.findall(text)


def import_xliff(project: Path, xliff_file: Path) -> str:
    name = xliff_file.name
    try:
        tree = etree.parse(str(xliff_file))
    except etree.XMLSyntaxError as exc:
        raise InputError(
            Problem(
                f"is not well-formed XML ({exc.msg})",
                file=name,
                line=exc.lineno,
                hint="return the file your translation tool exported, unedited",
            )
        ) from None
    if not _schema().validate(tree):
        error = _schema().error_log.last_error
        raise InputError(
            Problem(
                f"is not valid XLIFF 2.0: {error.message}",
                file=name,
                line=error.line,
                hint="export XLIFF 2.0 from your translation tool",
            )
        ) from None
    root = tree.getroot()
    source_lang = _lang(root.get("srcLang"))
    target_lang = _lang(root.get("trgLang") or "")
    if not source_lang or not target_lang or source_lang == target_lang:
        raise InputError(
            Problem(
                f"languages {root.get('srcLang')} to {root.get('trgLang')} are not English and Welsh",
                file=name,
                line=root.sourceline,
                hint="use srcLang en-GB and trgLang cy-GB",
            )
        )
    languages = load_config(project).languages
    if source_lang not in languages or target_lang not in languages:
        raise InputError(
            Problem(
                f"translates {root.get('srcLang')} to {root.get('trgLang')}, but this report's languages "
                f"are {', '.join(languages)}",
                file=name,
                line=root.sourceline,
                hint="import it into the project it was exported from, or add the language to languages in _quarto.yml",
            )
        )
    changed: list[str] = []
    stale: list[str] = []
    for file_el in root.findall("x:file", NS):
        original = file_el.get("original") or ""
        source_path = project / original
        if not original.startswith(f"narratives/{source_lang}/") or not source_path.is_file():
            raise InputError(
                Problem(
                    f"refers to '{original}', which is not a narrative of this project",
                    file=name,
                    line=file_el.sourceline,
                    hint="import into the project it was exported from",
                )
            )
        source = load_narrative(source_path, project)
        target_path = project / "narratives" / target_lang / source_path.name
        target = load_narrative(target_path, project) if target_path.exists() else None
        incoming, left = _units(file_el, source, name)
        stale += left
        signed_off = _all_final(file_el) and not left
        if target is not None and [x.kind for x in target.segments] == [x.kind for x in source.segments]:
            content, updates = _patch(source, target, incoming, signed_off)
        else:
            content, updates = _from_skeleton(source, target, incoming, signed_off)
        target_path.parent.mkdir(parents=True, exist_ok=True)
        if not target_path.exists() or target_path.read_text(encoding="utf-8") != content:
            target_path.write_text(content, encoding="utf-8")
            changed.append(f"  {target_path.relative_to(project).as_posix()}: {updates} segment(s) updated")
        status = read_segments(str(target_path), content).meta.get("status")
        if status != "final":
            changed.append(
                f"  {target_path.relative_to(project).as_posix()}: still status: {status}, so the edition is a "
                "draft; mark every segment final in the translation tool and import again, or set status: final"
            )
    summary = f"imported {name}\n" + ("\n".join(changed) if changed else "  nothing changed")
    if stale:
        summary += (
            f"\n{len(stale)} segment(s) not imported: their source changed after export (export again to "
            "send the new text; the next export carries these translations as a reference):\n" + "\n".join(stale)
        )
    return summary


def _all_final(file_el: Any) -> bool:
    """Every segment the translator returns for this file is signed off (XLIFF state final)."""
    states = [seg.get("state", "initial") for seg in file_el.iter(_q("segment"))]
    return bool(states) and all(state == "final" for state in states)


def _finalised(
    meta: dict[str, Any], source: NarrativeFile, record: list[str], texts: list[str], signed_off: bool
) -> None:
    """A translation complete in every segment, each signed off, of a final source is final itself.

    Otherwise its status is left as it was: the check says it is a draft and why.
    """
    complete = all(record) and not any(t.startswith(UNTRANSLATED) for t in texts)
    if signed_off and complete and source.meta.get("status") == "final":
        meta["status"] = "final"


def _patch(
    source: NarrativeFile, target: NarrativeFile, incoming: dict[int, str], signed_off: bool = False
) -> tuple[str, int]:
    """Same structure in both languages: change only the segments the XLIFF brings, in the target's own file."""
    record = target.record + [""] * (len(target.segments) - len(target.record))
    aligned = aligned_translations(source, target)
    texts, updates = [], 0
    for segment, current, on_record in zip(target.segments, aligned, record, strict=False):
        source_segment = source.segments[segment.index]
        new = incoming.get(segment.index)
        if new is not None:
            updates += new != segment.text
            texts.append(new)
            record[segment.index] = source_segment.digest
        else:
            texts.append(segment.text)
            if current is not None and not on_record:
                record[segment.index] = source_segment.digest
    meta = dict(target.meta)
    meta[RECORD_KEY] = {"source": source.path, "segments": record[: len(target.segments)]}
    _finalised(meta, source, record[: len(target.segments)], texts, signed_off)
    return rebuild(target, texts, meta), updates


def _from_skeleton(
    source: NarrativeFile, target: NarrativeFile | None, incoming: dict[int, str], signed_off: bool = False
) -> tuple[str, int]:
    """A new or restructured translation: the source's skeleton filled with what is translated."""
    existing = aligned_translations(source, target)
    texts: list[str] = []
    record: list[str] = []
    updates = 0
    for segment, old in zip(source.segments, existing, strict=True):
        new = incoming.get(segment.index)
        updates += new is not None and new != old
        text = new if new is not None else old
        if text is None:
            texts.append(f"{UNTRANSLATED} {segment.text}")
            record.append("")
        else:
            texts.append(text)
            record.append(segment.digest)
    meta = dict(target.meta if target else source.meta)
    if target is None:
        meta["status"] = "draft"
    meta[RECORD_KEY] = {"source": source.path, "segments": record}
    _finalised(meta, source, record, texts, signed_off)
    return rebuild(source, texts, meta), updates


def _lang(tag: str) -> str | None:
    base = tag.split("-")[0].lower()
    return base if base in LANG_TAGS else None


def _units(file_el: Any, source: NarrativeFile, name: str) -> tuple[dict[int, str], list[str]]:
    """Translated text for each source segment the file element brings, checked against the source.

    A unit whose source no longer matches (the source changed after export) is left out and listed,
    so one changed paragraph does not cost the translator the rest of the file.
    """
    ids: dict[str, Segment] = {}
    seen: dict[str, int] = {}
    for segment in source.segments:
        ids[_unit_id(Path(source.path).stem, segment, seen)] = segment
    out: dict[int, str] = {}
    stale: list[str] = []
    for unit in file_el.iter(_q("unit")):
        uid = unit.get("id")
        found = ids.get(uid)
        if found is None:
            source_el = unit.find("x:segment/x:source", NS)
            text = " ".join("".join(source_el.itertext()).split()) if source_el is not None else ""
            stale.append(f"  {name}:line {unit.sourceline}: unit '{uid}' ({source.path}): '{text[:70]}'")
            continue
        data = {d.get("id"): d.text or "" for d in unit.findall("x:originalData/x:data", NS)}
        seg_el = unit.find("x:segment", NS)
        target = seg_el.find("x:target", NS) if seg_el is not None else None
        if target is None or (seg_el.get("state") == "initial" and not (target.text or len(target))):
            continue
        text = _inline_text(target, data, name)
        if not text.strip():
            continue
        wanted, got = sorted(_protected(found.text)), sorted(_protected(text))
        if wanted != got:
            missing = [p for p in wanted if p not in got] or got
            raise InputError(
                Problem(
                    f"unit '{uid}' does not keep the protected parts of the source ({', '.join(missing)})",
                    file=name,
                    line=target.sourceline,
                    hint="keep every placeholder exactly once in the translation",
                )
            )
        refused = passage_problems(source.path, text)
        if refused:
            raise InputError(
                Problem(
                    f"unit '{uid}': the translation of {source.path} cannot be used: {'; '.join(refused)}",
                    file=name,
                    line=target.sourceline,
                    hint="translate the words only, keeping the source's Markdown; ask the translator to take it out",
                )
            )
        out[found.index] = text.replace("\n", " ")
    return out, stale
