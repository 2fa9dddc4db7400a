"""A section's Word file read back as Markdown, the way pandoc reads it (docx → Markdown).

pandoc reads the file with its styles (``docx+styles``), so the guidance notes
can be left out and the section headings found; what remains of each section
is written as CommonMark with pandoc's extensions, in one pandoc run.  pandoc
escapes the characters of shortcodes and heading ids, which are given back.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

from dirreport.errors import InputError, Problem
from dirreport.render.common import pandoc_path
from dirreport.sections.word_file import GUIDANCE_STYLE, VALUE_STYLE

BREAK = "XDRSECTIONBREAKX"
ESCAPED_SHORTCODE = re.compile(r"\{\{\\?<(.*?)\\?>\}\}")
ESCAPED_ID = re.compile(r"\\?\{(#[^}\s]+?)\\?\}")
ESCAPED_BRACKET = re.compile(r"\\([\[\]])")


def _pandoc(args: list[str], stdin: str | None, file: Path) -> str:
    result = subprocess.run(
        [pandoc_path(), *args], input=stdin, capture_output=True, text=True, encoding="utf-8", check=False
    )
    if result.returncode != 0:
        raise InputError(
            Problem(
                f"cannot be read as a Word document ({result.stderr.strip()[-200:]})",
                file=str(file),
                hint="save it from Word or LibreOffice as a Word document (.docx) and try again",
            )
        )
    return result.stdout


def _style(attr: list[Any]) -> str | None:
    for key, value in attr[2]:
        if key == "custom-style":
            return str(value)
    return None


def _clean(items: list[Any]) -> list[Any]:
    """Leave out guidance notes, unwrap styled divisions and spans, drop bookmarks and ids."""
    out: list[Any] = []
    for item in items:
        if not isinstance(item, dict) or "t" not in item:
            out.append(_clean(item) if isinstance(item, list) else item)
            continue
        kind = item["t"]
        if kind == "Div":
            if _style(item["c"][0]) == GUIDANCE_STYLE:
                continue
            out.extend(_clean(item["c"][1]))
        elif kind == "Span":
            if _style(item["c"][0]) == VALUE_STYLE:
                continue  # a field's current value, shown for reading
            out.extend(_clean(item["c"][1]))
        elif kind == "Header":
            level, _attr, inlines = item["c"]
            out.append({"t": "Header", "c": [level, ["", [], []], _clean(inlines)]})
        elif "c" in item and isinstance(item["c"], list):
            out.append({"t": kind, "c": _clean(item["c"])})
        else:
            out.append(item)
    return out


def read_sections(path: Path, accept_changes: bool) -> list[str]:
    """The Markdown of each section in a Word file, in order (text under each Heading 1)."""
    raw = _pandoc(
        ["-f", "docx+styles", "-t", "json", f"--track-changes={'accept' if accept_changes else 'reject'}", str(path)],
        None,
        path,
    )
    document = json.loads(raw)
    sections: list[list[Any]] = []
    for block in _clean(document["blocks"]):
        if block["t"] == "Header" and block["c"][0] == 1:
            sections.append([])
            continue
        if not sections:
            continue  # the note on how to use the file
        if block["t"] == "Header":
            block["c"][0] -= 1
        sections[-1].append(block)
    blocks: list[Any] = []
    for i, section in enumerate(sections):
        if i:
            blocks.append({"t": "Para", "c": [{"t": "Str", "c": BREAK}]})
        blocks.extend(section)
    document["blocks"] = blocks
    text = _pandoc(["-f", "json", "-t", "commonmark_x-smart", "--wrap=none"], json.dumps(document), path)
    if not sections:
        return []
    parts = re.split(rf"(?m)^{BREAK}$", text)  # an emptied section leaves its break alone, not between blank lines
    return [unescape(part.strip("\n")) for part in parts]


def unescape(text: str) -> str:
    """Give back the characters pandoc escaped in shortcodes, heading ids and square brackets."""
    text = ESCAPED_SHORTCODE.sub(lambda m: "{{<" + re.sub(r"\\(.)", r"\1", m.group(1)) + ">}}", text)
    text = ESCAPED_ID.sub(lambda m: "{" + m.group(1).replace("\\", "") + "}", text)
    text = ESCAPED_BRACKET.sub(r"\1", text)
    return re.sub(r"\\!(?=\[)", "!", text)  # a picture's mark
