"""Putting a finished build in place, all at once, so a reader never sees half a report, and no file is lost.

Every build writes a complete new generation of the output folder next to the
old one.  ``_output/current`` is a symbolic link to the live generation and
each edition folder (``_output/en``...) is a fixed link through it, so
switching generations is one atomic rename: until that moment the previous
report is untouched; a build that fails or is killed leaves it as it was.
What this build did not make (other editions, other formats of an edition it
made) is carried over from the previous report by hard link, so a partial
build (``--format html``) replaces only what it built; ``clean`` publishes
only this build's files.

Where symbolic links cannot be made (Windows without Developer Mode), each
edition is a real folder, switched by two renames: the old one aside to
``.<edition>.old``, the new one into place.  A build killed between the two
leaves the old edition aside, and the next build puts it back (``recover``)
before anything else, so an edition is never lost.

dirreport removes only what it made: every generation, and every edition
folder published as a real folder, holds a marker file; a folder in the output
folder with an edition's name and no marker is the user's, and publishing
refuses to touch it (``check_output``).  ``fault_hook`` is called before each
step of a switch (and after each render is stored), so tests can stop a build
at every step in turn, deterministically.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from dirreport.errors import InputError, Problem

GENERATIONS = ".generations"
CURRENT = "current"
MARKER = ".dirreport-made"  # in every folder dirreport made in the output folder, and only there
MARKER_TEXT = "dirreport made this folder and replaces it on every build; do not keep your own files here.\n"
FORMAT_SUFFIXES = {".html": "html", ".pdf": "pdf", ".docx": "docx"}
_OLD = re.compile(r"^\.(?P<edition>.+)\.old$")


def _no_fault(step: str) -> None:
    """Publishing's steps in turn; tests replace this to stop publishing at one of them."""


fault_hook: Callable[[str], None] = _no_fault


def step(name: str) -> None:
    """A point where a build may be stopped in tests: each step of a switch, and each render stored."""
    fault_hook(name)


def _generations(output: Path) -> Path:
    return output / GENERATIONS


def _mark(folder: Path) -> None:
    (folder / MARKER).write_text(MARKER_TEXT, encoding="utf-8")


def is_ours(path: Path) -> bool:
    """A folder dirreport made (it holds the marker), or a link dirreport made (into ``current``)."""
    if path.is_symlink():
        return os.readlink(path).replace("\\", "/").startswith(f"{CURRENT}/")
    return path.is_dir() and (path / MARKER).is_file()


def current_generation(output: Path) -> Path | None:
    link = output / CURRENT
    if link.is_symlink():
        target = output / os.readlink(link)
        return target if target.is_dir() else None
    return None


def check_output(output: Path, editions: Iterable[str], root: Path) -> None:
    """Refuse, before any work, an output folder holding a folder or file that publishing would replace but
    that dirreport did not make: a user's own ``en`` folder is never renamed or removed."""
    problems = []
    for name in [*editions, CURRENT, GENERATIONS]:
        path = output / name
        if not os.path.lexists(path) or path.is_symlink() or is_ours(path) or (name == GENERATIONS and path.is_dir()):
            continue
        problems.append(
            Problem(
                f"the output folder already holds a {'folder' if path.is_dir() else 'file'} '{name}' that "
                "dirreport did not make, where it would publish",
                file=_shown(output / name, root),
                hint="move it out of the output folder, or set another output-dir in _quarto.yml; dirreport "
                "never replaces files it did not make",
            )
        )
    if problems:
        raise InputError(problems)


def _shown(path: Path, root: Path) -> str:
    """A path as the user knows it: from the project folder."""
    with contextlib.suppress(ValueError):
        return path.resolve().relative_to(root.resolve()).as_posix()
    return str(path)


def prepare(output: Path, editions: Iterable[str], root: Path) -> None:
    """Before a build: finish what a killed build left half done, and refuse a folder of the user's."""
    recover(output)
    check_output(output, editions, root)


def publish(
    output: Path, generation: Path, editions: Iterable[str], built_formats: Iterable[str] | None, clean: bool
) -> None:
    """Publish a build's generation: with what it did not make carried over (unless ``clean``), then switched.

    ``built_formats`` None: the build made every format of its editions.
    """
    if not clean:
        built = FORMAT_SUFFIXES.values() if built_formats is None else built_formats
        carry_over(output, generation, {*editions, *published(output)}, built)
    switch(output, generation, clean=clean)


def recover(output: Path) -> None:
    """Finish a switch a killed build left half done: an edition set aside and not replaced is put back."""
    if not output.is_dir():
        return
    for aside in sorted(output.iterdir()):
        match = _OLD.match(aside.name)
        if not match or not (aside.is_symlink() or is_ours(aside)):
            continue
        edition = output / match["edition"]
        if os.path.lexists(edition):
            _remove(aside)  # the new edition is in place: the old one is no longer needed
        else:
            os.rename(aside, edition)


def new_generation(output: Path) -> Path:
    """A fresh, empty, marked folder for this build's files, inside the output folder (same file system)."""
    root = _generations(output)
    root.mkdir(parents=True, exist_ok=True)
    name = f"g{time.time_ns()}-{os.getpid()}"
    making = root / f".{name}.making"
    making.mkdir()
    _mark(making)  # marked before it has its name, so every generation by that name is known to be ours
    path = root / name
    os.rename(making, path)
    return path


def carry_over(output: Path, generation: Path, editions: Iterable[str], built_formats: Iterable[str] = ()) -> None:
    """Link into the new generation what the previous report had and this build did not make.

    An edition this build did not make comes whole; an edition it made keeps the previous files of the formats
    it did not make (``--format html`` leaves the PDF and Word files published).
    """
    built = set(built_formats)
    for edition in editions:
        previous = output / edition
        if not previous.is_dir() or not is_ours(previous):
            continue
        target = generation / edition
        rebuilt = target.is_dir()
        for src in sorted(previous.rglob("*")):
            relative = src.relative_to(previous)
            if not src.is_file() or relative.name == MARKER:
                continue
            if rebuilt and FORMAT_SUFFIXES.get(src.suffix) in built | {None}:
                continue  # this build made this format; its own downloads replace the previous ones
            dst = target / relative
            if dst.exists():
                continue
            dst.parent.mkdir(parents=True, exist_ok=True)
            link_or_copy(str(src), str(dst))


def link_or_copy(src: str, dst: str) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def published(output: Path) -> list[str]:
    """The editions dirreport has published in the output folder."""
    if not output.is_dir():
        return []
    return sorted(p.name for p in output.iterdir() if not p.name.startswith(".") and p.name != CURRENT and is_ours(p))


def switch(output: Path, generation: Path, clean: bool = False) -> None:
    """Publish every edition in ``generation``: in one atomic step where links can be made, else edition by
    edition; then tidy up old generations.

    With ``clean``, editions of an earlier build that this generation does not hold are unpublished.
    """
    recover(output)
    editions = sorted(p.name for p in generation.iterdir() if p.is_dir())
    relative = os.path.relpath(generation, output)
    tmp_link = output / f".{CURRENT}.{os.getpid()}.tmp"
    with contextlib.suppress(FileNotFoundError):
        tmp_link.unlink()
    step("link to the new generation")
    try:
        os.symlink(relative, tmp_link, target_is_directory=True)
    except (OSError, NotImplementedError):
        _switch_without_links(output, generation, editions, clean)
        return
    step("switch the current generation")
    os.replace(tmp_link, output / CURRENT)
    for edition in editions:
        _ensure_edition_link(output, edition)
    if clean:
        _unpublish_others(output, editions)
    step("prune")
    prune(output, keep=generation)


def _ensure_edition_link(output: Path, edition: str) -> None:
    path = output / edition
    wanted = os.path.join(CURRENT, edition)
    if path.is_symlink() and os.readlink(path) == wanted:
        return
    tmp = output / f".{edition}.{os.getpid()}.tmp"
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    step(f"link {edition}")
    os.symlink(wanted, tmp, target_is_directory=True)
    if path.is_dir() and not path.is_symlink():
        # an edition published as a real folder (no links then): set aside, replaced by the link, then removed
        old = output / f".{edition}.old"
        step(f"set {edition} aside")
        os.rename(path, old)
        step(f"put {edition} in place")
        os.replace(tmp, path)
        step(f"remove the old {edition}")
        _remove(old)
    else:
        step(f"put {edition} in place")
        os.replace(tmp, path)


def _switch_without_links(output: Path, generation: Path, editions: list[str], clean: bool) -> None:
    """Each edition as a real folder, by two renames: the old one aside, the new one in place."""
    for edition in editions:
        src = generation / edition
        dst = output / edition
        old = output / f".{edition}.old"
        _mark(src)
        if os.path.lexists(dst):
            step(f"set {edition} aside")
            os.rename(dst, old)
        step(f"put {edition} in place")
        os.rename(src, dst)
        step(f"remove the old {edition}")
        _remove(old)
    if clean:
        _unpublish_others(output, editions)
    step("prune")
    _remove(generation)
    prune(output, keep=None)


def _unpublish_others(output: Path, editions: list[str]) -> None:
    """Remove the editions dirreport published before that this build does not (``--clean``)."""
    for path in sorted(output.iterdir()):
        if path.name.startswith(".") or path.name in (CURRENT, *editions) or not is_ours(path):
            continue
        step(f"unpublish {path.name}")
        _remove(path)


def _remove(path: Path) -> None:
    """Remove a folder or link that dirreport made; a link is removed, never followed."""
    if path.is_symlink():
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
    elif path.is_dir() and (path / MARKER).is_file():
        shutil.rmtree(path, ignore_errors=True)


def prune(output: Path, keep: Path | None) -> None:
    """Remove generations other than the live one and any left by killed builds; only dirreport's own."""
    recover(output)
    root = _generations(output)
    if not root.is_dir():
        return
    live = current_generation(output)
    for child in root.iterdir():
        if child in (keep, live):
            continue
        _remove(child)
    for stray in output.glob(".*.tmp"):
        if stray.is_symlink():
            with contextlib.suppress(OSError):
                stray.unlink()


def discard(output: Path, generation: Path) -> None:
    """Remove a generation that was never made live (a build that failed before or during its switch)."""
    if generation != current_generation(output):
        _remove(generation)
