"""Write the README's settings table, the guide's settings page and the dirreport: key's JSON Schema.

The settings are declared once, in ``src/dirreport/settings.py``; run this after changing them
(``python tools/settings_docs.py``).  ``--check`` only says whether the committed files match.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
SCHEMA = ROOT / "src" / "dirreport" / "resources" / "dirreport-settings.schema.json"
GUIDE = ROOT / "docs" / "inputs" / "settings.md"
START, END = "<!-- settings table: written by tools/settings_docs.py -->", "<!-- end of settings table -->"
GUIDE_START, GUIDE_END = "<!-- settings: written by tools/settings_docs.py -->", "<!-- end of settings -->"


def guide_entries() -> str:
    """The user guide's settings page: a heading per setting, so the guide names every one."""
    from dirreport.config.schema import SETTINGS, default_text

    parts = []
    for s in SETTINGS:
        default = default_text(s)
        doc = s.doc[0].upper() + s.doc[1:]
        parts.append(
            f"### `{s.key}`\n\n{doc}.\n\n- holds: {s.kind.name}\n- default: {default}\n"
            f"- for example: `{s.key}: {s.example}`\n"
        )
    return "\n".join(parts)


def expected() -> dict[Path, str]:
    """Each file as the declaration says it should read."""
    sys.path.insert(0, str(ROOT / "src"))
    from dirreport.config.schema import json_schema, readme_table

    readme = README.read_text(encoding="utf-8")
    before, _, rest = readme.partition(START)
    _, _, after = rest.partition(END)
    if not rest:
        raise SystemExit(f"README.md has no '{START}' marker")
    guide = GUIDE.read_text(encoding="utf-8")
    g_before, _, g_rest = guide.partition(GUIDE_START)
    _, _, g_after = g_rest.partition(GUIDE_END)
    if not g_rest:
        raise SystemExit(f"docs/inputs/settings.md has no '{GUIDE_START}' marker")
    return {
        README: f"{before}{START}\n{readme_table()}{END}{after}",
        GUIDE: f"{g_before}{GUIDE_START}\n\n{guide_entries()}\n{GUIDE_END}{g_after}",
        SCHEMA: json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n",
    }


def main(argv: list[str]) -> int:
    stale = []
    for path, text in expected().items():
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        if current != text:
            stale.append(path.relative_to(ROOT).as_posix())
            if "--check" not in argv:
                path.write_text(text, encoding="utf-8")
    if "--check" in argv and stale:
        print("out of date with src/dirreport/settings.py: " + ", ".join(stale) + "; run tools/settings_docs.py")
        return 1
    for name in stale:
        print(f"wrote {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
