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
import time
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from dirreport import toolchain
from dirreport.config.settings import CACHE_DIR

if TYPE_CHECKING:  # the up-to-date check runs without loading assembly or the engines
    from dirreport.assemble.document import Document
    from dirreport.render.common import RenderSettings

RENDER_TOOLS = {
    "html": ("pandoc",),
    "pdf": ("pandoc", "typst"),
    "docx": ("pandoc", "python-docx", "typst"),
    "qmd": ("pandoc",),
}
RACY_NS = 3_000_000_000  # files younger than this are hashed again at the next build
PAGE_TEMPLATES = {"html": ("report.html",), "pdf": ("report.typ",), "docx": ("reference.docx",), "qmd": ()}


@cache
def code_fingerprint() -> str:
    """A hash of dirreport's own files and version, so an edited filter or template never serves old results.

    The other tools' versions are not in it: each key adds the tools its files come from, so a new Typst
    makes new PDFs but leaves the web pages in the cache.
    """
    return _code_digest({}, {})


PACKAGE = Path(__file__).resolve().parent.parent
CODE_SUFFIXES = (".py", ".lua", ".html", ".typ", ".j2", ".yaml", ".csv", ".po", ".xsd", ".js", ".css")


def _code_digest(memo: dict[str, list[object]], seen: dict[str, list[object]]) -> str:
    """dirreport's version and the content of its files, each read only if not in ``memo`` by size and time."""
    h = hashlib.sha256(toolchain.fingerprint("dirreport").encode())
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix in CODE_SUFFIXES and path.is_file():
            key = path.as_posix()
            seen[key] = _file_digest(path, memo.get(key))
            h.update(f"{path.relative_to(PACKAGE).as_posix()}\0{seen[key][2]}\0".encode())
    return h.hexdigest()


def project_fingerprint(root: Path, output_dir: Path, extra: str, also: tuple[Path, ...] = ()) -> str:
    """A hash of the content of every file the report could depend on, plus dirreport's files, tools and options.

    ``also`` names folders outside the project that the build reads (last year's project).  The build's date
    (``SOURCE_DATE_EPOCH``) is part of it, since it is printed on every edition.  Contents are hashed, so a
    file touched but unchanged is not a change and a file changed within the clock's resolution is; each
    file's digest is remembered by its size and time, so an unchanged project is not read again.
    """
    tools = toolchain.fingerprint(*toolchain.TOOLS)  # any tool upgraded: the build runs, its caches decide what to redo
    memo_path = root / CACHE_DIR / "file-digests.json"
    memo = _read_memo(memo_path)
    seen: dict[str, list[object]] = {}
    code = _code_digest(memo, seen)  # dirreport's own files, remembered like the project's
    h = hashlib.sha256(f"{code}\0{tools}\0{extra}\0{os.environ.get('SOURCE_DATE_EPOCH', '')}".encode())
    skip = {output_dir.resolve(), (root / CACHE_DIR).resolve()}
    for label, folder in (("", root), *((f"also:{i}:", p) for i, p in enumerate(also))):
        for path in _project_files(folder, skip):
            key = path.resolve().as_posix()
            digest = _file_digest(path, memo.get(key))
            seen[key] = digest
            h.update(f"{label}{path.relative_to(folder).as_posix()}\0{digest[2]}\0".encode())
    if seen != memo:
        _write_memo(memo_path, seen)
    return h.hexdigest()


def _project_files(folder: Path, skip: set[Path]) -> list[Path]:
    """Every file of a project folder, in a stable order, leaving out hidden files, the output and the cache."""
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(folder):
        here = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and (here / d).resolve() not in skip)
        found += [here / n for n in sorted(filenames) if not n.startswith(".") and (here / n).is_file()]
    return found


def _file_digest(path: Path, known: list[object] | None) -> list[object]:
    """[size, mtime, sha256] of a file, read again only when its size or time differ from what was remembered."""
    stat = path.stat()
    if known is not None and known[0] == stat.st_size and known[1] == stat.st_mtime_ns:
        return known
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    # a file written in the last moments could change again within the clock's resolution: read it again next time
    racy = time.time_ns() - stat.st_mtime_ns < RACY_NS
    return [stat.st_size, -1 if racy else stat.st_mtime_ns, digest]


def _read_memo(path: Path) -> dict[str, list[object]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write_memo(path: Path, memo: dict[str, list[object]]) -> None:
    """Written aside and renamed, so a killed build never leaves half a memo (a bad memo only costs a re-read)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(memo), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        pass


def state_file(root: Path) -> Path:
    return root / CACHE_DIR / "last-build.json"


def up_to_date_outputs(root: Path, output_dir: Path, fingerprint: str) -> list[str] | None:
    """What the last successful build published, if it had this fingerprint and all of it is still there."""
    state = state_file(root)
    if not state.exists():
        return None
    try:
        saved = json.loads(state.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(saved, dict) or saved.get("fingerprint") != fingerprint:
        return None
    outputs = [str(rel) for rel in saved.get("outputs", [])]
    # without links (Windows) there is no current generation to ask for: the files themselves must be there
    return outputs if outputs and all((output_dir / rel).exists() for rel in outputs) else None


def remember(root: Path, fingerprint: str, outputs: list[str]) -> None:
    state = state_file(root)
    state.parent.mkdir(parents=True, exist_ok=True)
    state.write_text(json.dumps({"fingerprint": fingerprint, "outputs": outputs}), encoding="utf-8")


def render_key(document: Document, fmt: str, engine: str, settings: RenderSettings) -> str:
    """What a rendered file depends on: the document, its page template, the engine and the tools' versions."""
    from dirreport.render.common import template

    h = hashlib.sha256(
        f"{code_fingerprint()}\0{engine}\0{fmt}\0{settings.epoch}\0{settings.other_edition_href}"
        f"\0{toolchain.fingerprint(*RENDER_TOOLS[fmt])}\0{settings.formats}\0{settings.site}".encode()
    )
    h.update(document.digest().encode())
    for name in PAGE_TEMPLATES[fmt]:
        path = template(settings, name) if name != "reference.docx" else settings.project_root / "templates" / name
        if path.is_file():
            h.update(path.read_bytes())
    return h.hexdigest()[:32]


def downloads_key(document: Document) -> str:
    """What an edition's data downloads depend on: its tables (numbers included, which the text does not show),
    its labels and file name, and the code that writes them."""
    h = hashlib.sha256(f"{code_fingerprint()}\0downloads\0{document.basename}\0".encode())
    h.update(document.digest().encode())
    h.update(repr(document.tables).encode())
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
