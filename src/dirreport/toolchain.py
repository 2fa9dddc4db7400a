"""The versions of the tools that make a report, so a cache never outlives the tool that filled it.

A chart drawn by one matplotlib, a PDF laid out by one Typst or a page written by
one pandoc may differ from what the next version makes; every cache key includes
the versions of the tools behind it, and dirreport's own.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
from functools import cache
from importlib import metadata
from pathlib import Path

TOOLS = ("dirreport", "matplotlib", "pandoc", "typst", "python-docx")


def _distribution_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "absent"


@cache
def _pandoc_version() -> str:
    """pandoc's own version (not the wrapper's): asked of the binary once per process.

    The pandoc that pypandoc-binary carries is the one pypandoc runs unless PYPANDOC_PANDOC names another,
    and it changes only with that package's version: then the version needs no pandoc started (the check
    that nothing changed since the last build is quicker by that much).
    """
    bundled = _bundled_pandoc()
    if bundled is not None and not os.environ.get("PYPANDOC_PANDOC"):
        return "bundled"  # versions() adds the package's version
    try:
        import pypandoc

        return str(pypandoc.get_pandoc_version())
    except (ImportError, OSError, RuntimeError):
        return "absent"


def _bundled_pandoc() -> Path | None:
    """The pandoc inside pypandoc-binary's package folder, found without importing pypandoc."""
    spec = importlib.util.find_spec("pypandoc")
    if spec is None or spec.origin is None or _distribution_version("pypandoc-binary") == "absent":
        return None
    files = Path(spec.origin).parent / "files"
    found = [files / name for name in ("pandoc", "pandoc.exe") if (files / name).is_file()]
    return found[0] if found else None


@cache
def versions() -> dict[str, str]:
    """Each tool's version as installed now (read once per process: installing a tool starts a new one)."""
    return {
        "dirreport": _distribution_version("dirreport"),
        "matplotlib": _distribution_version("matplotlib"),
        "pandoc": f"{_pandoc_version()}+{_distribution_version('pypandoc-binary')}",
        "typst": _distribution_version("typst"),
        "python-docx": _distribution_version("python-docx"),
    }


def fingerprint(*tools: str) -> str:
    """A short hash of the named tools' versions, for a cache key."""
    known = versions()
    unknown = [t for t in tools if t not in known]
    if unknown:
        raise ValueError(f"no version is known for {', '.join(unknown)}")
    text = "\0".join(f"{t}={known[t]}" for t in sorted(set(tools)))
    return hashlib.sha256(text.encode()).hexdigest()[:12]
