"""The parts of a section's Word file that pandoc and python-docx do not write or read.

A section travels to its owner as a .docx and back.  What keeps it safe in
transit lives here, at the level of the file's XML:

- every shortcode and heading id is a run in the ``Shortcode`` character style
  (grey, so an author sees it is not prose) inside a content control locked
  against editing: Word lets an author move or delete it whole, never change it;
- the narratives it was made from, with a digest of each as it was at export,
  are a custom document property (``docProps/custom.xml``), which Word and
  LibreOffice both keep when they save, so an import can tell whether the
  Markdown changed since;
- the tracked changes and comments an author leaves are read from the XML so
  an import reports them, with author and text, instead of accepting them unseen.
"""

from __future__ import annotations

import json
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
CUSTOM_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
PROPERTY = "dirreport-sections"
SHORTCODE_STYLE = "Shortcode"
VALUE_STYLE = "Shortcode Value"
GUIDANCE_STYLE = "Guidance"
CONTROL_TAG = "dirreport-protected"


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


@dataclass(frozen=True)
class SentSection:
    """One narrative as it was when its Word file was made."""

    file: str  # narratives/<lang>/<id>.md, relative to the project
    digest: str


@dataclass(frozen=True)
class Remark:
    """A tracked change or a comment found in a returned file."""

    kind: str  # inserted | deleted | comment
    author: str
    text: str


def lock_shortcodes(document: Any, replacements: dict[str, str]) -> None:
    """Give each placeholder run its shortcode's text and wrap it in a locked content control.

    ``document`` is python-docx's Document; ``replacements`` maps each placeholder pandoc
    wrote to the shortcode or heading id it stands for.
    """
    body = document.element.body
    for text_el in list(body.iter(_w("t"))):
        original = replacements.get(text_el.text or "")
        if original is None or (text_el.text or "").endswith("V"):
            continue
        run = text_el.getparent()
        value_run = run.getprevious()
        value_text = value_run.find(_w("t")) if value_run is not None and value_run.tag == _w("r") else None
        if value_text is None or not (value_text.text or "").endswith("V") or value_text.text not in replacements:
            value_run = None
        else:
            value_text.text = replacements[value_text.text or ""]
            value_text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        text_el.text = original
        text_el.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        sdt = etree.Element(_w("sdt"))
        props = etree.SubElement(sdt, _w("sdtPr"))
        etree.SubElement(props, _w("alias")).set(_w("val"), "dirreport")
        etree.SubElement(props, _w("tag")).set(_w("val"), CONTROL_TAG)
        etree.SubElement(props, _w("lock")).set(_w("val"), "sdtContentLocked")
        content = etree.SubElement(sdt, _w("sdtContent"))
        run.addprevious(sdt)
        if value_run is not None:
            content.append(value_run)  # the current value first, so text typed after the field is not in its style
        content.append(run)


def write_properties(path: Path, sections: list[SentSection], lang: str) -> None:
    """Add the custom property naming the narratives (and their digests) this file was made from."""
    value = json.dumps({"lang": lang, "sections": [[s.file, s.digest] for s in sections]})
    root = etree.Element(f"{{{CUSTOM_NS}}}Properties", nsmap={None: CUSTOM_NS, "vt": VT_NS})
    prop = etree.SubElement(
        root,
        f"{{{CUSTOM_NS}}}property",
        fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}",
        pid="2",
        name=PROPERTY,
    )
    etree.SubElement(prop, f"{{{VT_NS}}}lpwstr").text = value
    custom = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    parts: dict[str, bytes] = {}
    with zipfile.ZipFile(path) as source:
        for name in source.namelist():
            parts[name] = source.read(name)
    types = etree.fromstring(parts["[Content_Types].xml"])
    if not any(el.get("PartName") == "/docProps/custom.xml" for el in types):
        ct = types.nsmap[None]
        etree.SubElement(types, f"{{{ct}}}Override", PartName="/docProps/custom.xml", ContentType=CUSTOM_TYPE)
    rels = etree.fromstring(parts["_rels/.rels"])
    if not any(el.get("Type") == CUSTOM_REL for el in rels):
        rn = rels.nsmap[None]
        etree.SubElement(
            rels, f"{{{rn}}}Relationship", Id="rIdDirreport", Type=CUSTOM_REL, Target="docProps/custom.xml"
        )
    parts["[Content_Types].xml"] = etree.tostring(types, xml_declaration=True, encoding="UTF-8", standalone=True)
    parts["_rels/.rels"] = etree.tostring(rels, xml_declaration=True, encoding="UTF-8", standalone=True)
    parts["docProps/custom.xml"] = custom
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)


def read_properties(path: Path) -> tuple[str, list[SentSection]] | None:
    """The language and narratives a returned file was made from, or None when it has no such property."""
    try:
        with zipfile.ZipFile(path) as source:
            if "docProps/custom.xml" not in source.namelist():
                return None
            root = etree.fromstring(source.read("docProps/custom.xml"))
    except (zipfile.BadZipFile, etree.XMLSyntaxError):
        return None
    for prop in root:
        if prop.get("name") != PROPERTY:
            continue
        try:
            data = json.loads("".join(prop.itertext()))
            sections = [SentSection(str(f), str(d)) for f, d in data["sections"]]
            return str(data["lang"]), sections
        except (ValueError, KeyError, TypeError):
            return None
    return None


def remarks(path: Path) -> list[Remark]:
    """Every tracked insertion and deletion, and every comment, with its author and text."""
    out: list[Remark] = []
    with zipfile.ZipFile(path) as source:
        names = source.namelist()
        document = etree.fromstring(source.read("word/document.xml"))
        comments = etree.fromstring(source.read("word/comments.xml")) if "word/comments.xml" in names else None
    for kind, tag, text_tag in (("inserted", "ins", "t"), ("deleted", "del", "delText")):
        for change in document.iter(_w(tag)):
            text = "".join(t.text or "" for t in change.iter(_w(text_tag)))
            if text.strip():
                out.append(Remark(kind, change.get(_w("author")) or "?", _squash(text)))
    if comments is not None:
        for comment in comments.iter(_w("comment")):
            text = " ".join("".join(t.text or "" for t in p.iter(_w("t"))) for p in comment.iter(_w("p")))
            out.append(Remark("comment", comment.get(_w("author")) or "?", _squash(text)))
    return out


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
