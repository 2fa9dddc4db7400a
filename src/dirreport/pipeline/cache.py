"""The build's caches in ``.dirreport-cache/`` (safe to delete), keyed by content and by tool versions.

A chart is keyed by its data, style, language and the matplotlib that draws it
(``figures.charts``); a rendered file by its assembled document, page template,
engine and the versions of pandoc, Typst and python-docx; a whole build by every
file of the project.  A build whose inputs and tools have not changed since the
last successful one does nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from functools import cache
from pathlib import Path

from dirreport import toolchain
from dirreport.assemble.document import Document
from dirreport.pipeline.project import CACHE_DIR
from dirreport.render.common import RenderSettings, template

RENDER_TOOLS = {
    "html": ("pandoc",),
    "pdf": ("pandoc", "typst"),
    "docx": ("pandoc", "python-docx", "typst"),
    "qmd": ("pandoc",),
}
PAGE_TEMPLATES = {"html": ("report.html",), "pdf": ("report.typ",), "docx": ("reference.docx",), "qmd": ()}


@cache
def code_fingerprint() -> str:
    """A hash of dirreport's own files, so an edited filter or template never serves old results."""
    package = Path(__file__).resolve().parent.parent
    h = hashlib.sha256(toolchain.fingerprint(*toolchain.TOOLS).encode())
    for path in sorted(package.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".lua", ".html", ".typ", ".j2", ".yaml", ".csv", ".po", ".xsd"):
            h.update(path.relative_to(package).as_posix().encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def project_fingerprint(root: Path, output_dir: Path, extra: str) -> str:
    """A hash of every file the report could depend on, plus dirreport's files, the tools and the options."""
    h = hashlib.sha256(f"{code_fingerprint()}\0{extra}".encode())
    skip = {output_dir.resolve(), (root / CACHE_DIR).resolve()}
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and (here / d).resolve() not in skip)
        for name in sorted(filenames):
            path = here / name
            if name.startswith(".") or not path.is_file():
                continue
            stat = path.stat()
            h.update(f"{path.relative_to(root).as_posix()}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    return h.hexdigest()


def state_file(root: Path) -> Path:
    return root / CACHE_DIR / "last-build.json"


def is_up_to_date(root: Path, output_dir: Path, fingerprint: str) -> bool:
    """The last successful build had this fingerprint and everything it published is still there."""
    state = state_file(root)
    if not state.exists():
        return False
    try:
        saved = json.loads(state.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if saved.get("fingerprint") != fingerprint:
        return False
    outputs = saved.get("outputs", [])
    return bool(outputs) and all((output_dir / rel).exists() for rel in outputs)


def remember(root: Path, fingerprint: str, outputs: list[str]) -> None:
    state = state_file(root)
    state.parent.mkdir(parents=True, exist_ok=True)
    state.write_text(json.dumps({"fingerprint": fingerprint, "outputs": outputs}), encoding="utf-8")


def render_key(document: Document, fmt: str, engine: str, settings: RenderSettings) -> str:
    """What a rendered file depends on: the document, its page template, the engine and the tools' versions."""
    h = hashlib.sha256(
        f"{code_fingerprint()}\0{engine}\0{fmt}\0{settings.epoch}\0{settings.other_edition_href}"
        f"\0{toolchain.fingerprint(*RENDER_TOOLS[fmt])}\0{settings.formats}".encode()
    )
    h.update(document.digest().encode())
    for name in PAGE_TEMPLATES[fmt]:
        path = template(settings, name) if name != "reference.docx" else settings.project_root / "templates" / name
        if path.is_file():
            h.update(path.read_bytes())
    return h.hexdigest()[:32]


def store(produced: list[Path], work: Path, cached: Path) -> None:
    """Keep a render's files under its key; written aside and renamed so a killed build stores nothing half-made."""
    tmp = cached.with_name(cached.name + f".{os.getpid()}.tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    for path in produced:
        target = tmp / path.relative_to(work)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
    shutil.rmtree(cached, ignore_errors=True)
    os.replace(tmp, cached)


def stored_files(cached: Path) -> list[Path]:
    """A stored render's files, subfolders included, in a fixed order."""
    return sorted(p for p in cached.rglob("*") if p.is_file())
