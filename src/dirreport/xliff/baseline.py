"""The translation record kept by hand: ``translate baseline`` and its undo.

Welsh written directly, not through XLIFF, is put on record as the translation
of its English paragraph by paragraph, so a later change to the English shows
as out of date.  Nothing unwritten is ever put on record: a placeholder in
either language stays untranslated and goes out for translation.
"""

from __future__ import annotations

from pathlib import Path

from dirreport.errors import InputError, Problem
from dirreport.xliff.exchange import RECORD_KEY, is_placeholder, load_narrative, narrative_files, rebuild


def _chosen(project: Path, files: tuple[str, ...], source_lang: str) -> list[Path]:
    """The source narratives named on the command line (either language's path, a file name or an id)."""
    every = narrative_files(project, source_lang)
    if not files:
        return every
    by_stem = {p.stem: p for p in every}
    chosen = []
    for given in files:
        stem = Path(given).stem
        if stem not in by_stem:
            raise InputError(
                Problem(
                    f"'{given}' is not a narrative of this project in narratives/{source_lang}/",
                    file=given,
                    hint="name a section's file, e.g. narratives/cy/3a-i.md or 3a-i",
                )
            )
        chosen.append(by_stem[stem])
    return chosen


def baseline(project: Path, source_lang: str = "en", files: tuple[str, ...] = ()) -> str:
    """Record the current translations as up to date, where both files have the same structure.

    For translations written directly rather than through XLIFF: after this,
    a later change to a source paragraph shows as out of date and is the only
    segment a new export marks for translation.  A paragraph still holding a
    stub's placeholder or the untranslated marker, in either language, is never
    recorded (it goes out for translation); a file that is nothing but
    placeholders is left as it is.  ``files`` limits it to those sections.
    """
    target_lang = "cy" if source_lang == "en" else "en"
    done, skipped = [], []
    for path in _chosen(project, files, source_lang):
        target_path = project / "narratives" / target_lang / path.name
        if not target_path.exists():
            skipped.append(f"  {path.name}: no translation")
            continue
        source, target = load_narrative(path, project), load_narrative(target_path, project)
        if [s.kind for s in source.segments] != [s.kind for s in target.segments]:
            skipped.append(
                f"  {target.path}: its paragraphs and headings do not match {source.path}; "
                "fix the structure or translate it through XLIFF"
            )
            continue
        record = [
            "" if is_placeholder(t.text) or is_placeholder(s.text) else s.digest
            for s, t in zip(source.segments, target.segments, strict=True)
        ]
        if not any(record):
            skipped.append(f"  {target.path}: not written or not translated yet (placeholders only); not recorded")
            continue
        meta = dict(target.meta)
        meta[RECORD_KEY] = {"source": source.path, "segments": record}
        content = rebuild(target, [s.text for s in target.segments], meta)
        target_path.write_text(content, encoding="utf-8")
        left = record.count("")
        done.append(target.path)
        if left:
            skipped.append(f"  {target.path}: {left} paragraph(s) still placeholders, not recorded as translated")
    return f"recorded {len(done)} translation(s) as up to date" + ("\n" + "\n".join(skipped) if skipped else "")


def forget(project: Path, files: tuple[str, ...], source_lang: str = "en") -> str:
    """Undo a baseline: the translations of these sections are no longer on record as up to date.

    Their every paragraph then goes out for translation on the next export, and ``check`` no longer
    compares them with the source paragraph by paragraph until they are translated or recorded again.
    """
    target_lang = "cy" if source_lang == "en" else "en"
    forgotten = []
    for path in _chosen(project, files, source_lang):
        target_path = project / "narratives" / target_lang / path.name
        if not target_path.exists():
            continue
        target = load_narrative(target_path, project)
        if RECORD_KEY not in target.meta:
            continue
        meta = {k: v for k, v in target.meta.items() if k != RECORD_KEY}
        target_path.write_text(rebuild(target, [s.text for s in target.segments], meta), encoding="utf-8")
        forgotten.append(f"  {target.path}")
    return f"forgot the translation record of {len(forgotten)} file(s)" + (
        "\n" + "\n".join(forgotten) if forgotten else ""
    )
