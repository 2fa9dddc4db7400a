"""Merge Welsh translations from a Python dict file into the Welsh catalogue.

    python tools/fill_messages.py translations.py

The file defines CY = {english msgid: welsh}; a plural message takes a tuple of
forms in the order of the catalogue's Plural-Forms header.  Existing translations are
overwritten by the dict's; the .po file stays the source of truth for
translators' tools.
"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

PO = Path(__file__).resolve().parents[1] / "src" / "dirreport" / "locale" / "cy" / "LC_MESSAGES" / "dirreport.po"


def main() -> None:
    table = runpy.run_path(sys.argv[1])["CY"]
    with PO.open("rb") as handle:
        catalog = read_po(handle, locale="cy")
    missing = []
    for message in catalog:
        if not message.id:
            continue
        key = message.id if isinstance(message.id, str) else message.id[0]
        if key in table:
            value = table[key]
            message.string = tuple(value) if isinstance(value, (list, tuple)) else value
            message.flags.discard("fuzzy")
        elif not message.string:
            missing.append(key)
    catalog.fuzzy = False
    with PO.open("wb") as handle:
        write_po(handle, catalog, width=100, omit_header=False)
    for key in missing:
        print("untranslated:", key)


if __name__ == "__main__":
    main()
