"""Write the user guide's Python API reference (``docs/api.md``) from the docstrings of ``dirreport.__all__``.

The docstrings are the one source: run this after changing the public API
(``python tools/api_docs.py``); ``--check`` only says whether the committed page matches.
"""

from __future__ import annotations

import dataclasses
import inspect
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "api.md"

INTRODUCTION = """\
# The Python API

For analysts working in a notebook or a script: the same work as the commands,
returning the objects they print from. Everything here is in `dirreport.__all__`;
anything else in the package is internal and may change between versions. A
problem with your files is raised as `dirreport.InputError` (or
`dirreport.CheckFailed` when a check blocks publication), whose `problems` each
name the file, the line and the fix.

```python
import dirreport

project = dirreport.load_project("path/to/project")
report = dirreport.build("path/to/project", languages=["en"], formats=["html"])
card = dirreport.check("path/to/project")
```

This page is written from the docstrings by `python tools/api_docs.py`.
"""


def _doc(item: object) -> str:
    return inspect.cleandoc(inspect.getdoc(item) or "")


def _signature(name: str, item: Any) -> str:
    """``name(parameter: type = default, ...) -> type`` with the annotations as written in the source."""
    try:
        signature = inspect.signature(item)
    except (TypeError, ValueError):
        return f"{name}(...)"
    parts, keyword_only = [], False
    for parameter in signature.parameters.values():
        if parameter.kind is parameter.KEYWORD_ONLY and not keyword_only:
            parts.append("*")
            keyword_only = True
        text = parameter.name
        if parameter.annotation is not parameter.empty:
            text += f": {_annotation(parameter.annotation)}"
        if parameter.default is not parameter.empty:
            text += (
                f" = {parameter.default!r}"
                if parameter.annotation is not parameter.empty
                else f"={parameter.default!r}"
            )
        parts.append(text)
    returns = signature.return_annotation
    arrow = f" -> {_annotation(returns)}" if returns is not signature.empty else ""
    return f"{name}({', '.join(parts)}){arrow}"


def _annotation(annotation: object) -> str:
    return annotation if isinstance(annotation, str) else getattr(annotation, "__name__", repr(annotation))


def _fields(item: type) -> list[str]:
    """A data class's fields as a list, each with its type."""
    if not dataclasses.is_dataclass(item):
        return []
    return [f"- `{f.name}`: `{f.type}`" for f in dataclasses.fields(item) if not f.name.startswith("_")]


def _members(item: type) -> list[str]:
    """The public methods and properties a class defines itself, each with its first docstring line."""
    lines = []
    for name, member in vars(item).items():
        if name.startswith("_"):
            continue
        target = member.fget if isinstance(member, property) else member
        if not (inspect.isfunction(target) or isinstance(member, property)):
            continue
        first = _doc(target).split("\n\n")[0].replace("\n", " ")
        shown = name if isinstance(member, property) else _signature(name, target).replace("(self, ", "(")
        shown = shown.replace("(self)", "()")
        lines.append(f"- `{shown}`" + (f": {first}" if first else ""))
    return lines


def entry(name: str, item: Any) -> str:
    """One name's section: its signature or kind, its docstring, and for a class its fields and methods."""
    if inspect.isclass(item):
        bases = [b.__name__ for b in item.__bases__ if b is not object]
        heading = f"## `{name}`" + (f" ({', '.join(bases)})" if bases else "")
        parts = [heading, "", "A class." if not _doc(item) else _doc(item)]
        fields = _fields(item)
        if fields:
            parts += ["", "Fields:", "", *fields]
        members = _members(item)
        if members:
            parts += ["", "Methods and properties:", "", *members]
    elif callable(item):
        parts = [f"## `{name}()`", "", "```python", _signature(name, item), "```", "", _doc(item)]
    else:
        parts = [f"## `{name}`", "", f"`{item!r}`"]
    return "\n".join(parts).rstrip() + "\n"


def expected() -> str:
    sys.path.insert(0, str(ROOT / "src"))
    import dirreport

    functions = [n for n in dirreport.__all__ if not n.startswith("_") and not inspect.isclass(getattr(dirreport, n))]
    classes = [n for n in dirreport.__all__ if inspect.isclass(getattr(dirreport, n))]
    body = [entry(n, getattr(dirreport, n)) for n in sorted(functions) + sorted(classes)]
    return INTRODUCTION + "\n" + "\n".join(body)


def main(argv: list[str]) -> int:
    text = expected()
    current = PAGE.read_text(encoding="utf-8") if PAGE.exists() else ""
    if current == text:
        return 0
    if "--check" in argv:
        print("docs/api.md is out of date with the docstrings; run python tools/api_docs.py")
        return 1
    PAGE.write_text(text, encoding="utf-8")
    print("wrote docs/api.md")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
