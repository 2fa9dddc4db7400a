"""A file a command writes where the user says (``translate export FILE``, ``data template FILE``, ``check -o``).

A name typed on the command line can be the name of a file that matters: a
narrative, the metrics file, the settings.  Such a command therefore never
writes over one of the project's own files (its settings and anything in
``data/``, ``narratives/``, ``templates/``, ``images/``), and replaces an
existing file only when asked to with ``--force``, and then only a file of the
kind the command writes (an XLIFF over an XLIFF, a workbook over a workbook).
Nor does it write into the output folder, whose folders every build replaces.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from dirreport.config.settings import INPUT_FOLDERS
from dirreport.errors import DirreportError, InputError, Problem

SETTINGS_FILES = ("_quarto.yml", "_brand.yml")


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as f:
            return f.read(4096)
    except OSError:
        return b""


def is_xliff(path: Path) -> bool:
    return b"<xliff" in _head(path)


def is_workbook(path: Path) -> bool:
    return path.suffix.lower() in (".xlsx", ".xlsm") and _head(path).startswith(b"PK")


def _output_dir(root: Path) -> Path:
    """The project's output folder, or the usual one when the settings cannot be read (that is said elsewhere)."""
    from dirreport.config.settings import load_config

    try:
        return load_config(root).output_dir
    except (DirreportError, OSError):
        return root / "_output"


def writable(target: Path, project_dir: Path, force: bool, kind: str, of_kind: Callable[[Path], bool]) -> None:
    """Refuse to write ``target`` over a file of the project's, or over any existing file without ``--force``.

    ``kind`` names what the command writes ("an XLIFF file"); ``of_kind`` tells whether a file is one.
    """
    shown = str(target)
    resolved = target.resolve()
    root = project_dir.resolve()
    output = _output_dir(root)
    if resolved.is_relative_to(output):
        raise InputError(
            Problem(
                "is inside the output folder, where every build publishes the report afresh",
                file=shown,
                hint=f"write {kind} outside {output.relative_to(root).as_posix()}/",
            )
        )
    if not target.exists():
        return
    own = resolved in {root / name for name in SETTINGS_FILES} or any(
        resolved.is_relative_to((root / folder).resolve()) for folder in INPUT_FOLDERS
    )
    if own:
        raise InputError(
            Problem(
                "is one of the report's own files, and this command would replace it",
                file=shown,
                hint=f"write {kind} under another name outside data/, narratives/, templates/ and images/",
            )
        )
    if not of_kind(target):
        raise InputError(
            Problem(
                f"already exists and is not {kind}, so it is not a file dirreport wrote",
                file=shown,
                hint="choose another name; dirreport never replaces a file it did not write",
            )
        )
    if not force:
        raise InputError(
            Problem(
                f"already exists ({kind})",
                file=shown,
                hint="add --force to replace it, or choose another name",
            )
        )
