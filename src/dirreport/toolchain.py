"""The versions of the tools that make a report, so a cache never outlives the tool that filled it.

A chart drawn by one matplotlib, a PDF laid out by one Typst or a page written by
one pandoc may differ from what the next version makes; every cache key includes
the versions of the tools behind it, and dirreport's own.
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import metadata

TOOLS = ("dirreport", "matplotlib", "pandoc", "typst", "python-docx")


def _distribution_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "absent"


@cache
def _pandoc_version() -> str:
    """pandoc's own version (not the wrapper's): asked of the binary once per process."""
    try:
        import pypandoc

        return str(pypandoc.get_pandoc_version())
    except (ImportError, OSError, RuntimeError):
        return "absent"


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
