"""Extract the program's messages and merge them into the Welsh catalogue.

    python tools/update_messages.py

Writes src/dirreport/locale/dirreport.pot and updates
src/dirreport/locale/cy/LC_MESSAGES/dirreport.po, keeping existing
translations.  New messages arrive untranslated; the test suite fails until
every message has Welsh, so Welsh is never a fallback to English.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "src" / "dirreport" / "locale"
POT = LOCALE / "dirreport.pot"
PO = LOCALE / "cy" / "LC_MESSAGES" / "dirreport.po"


def main() -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            str(ROOT / "babel.cfg"),
            "-k",
            "_",
            "-k",
            "N_",
            "-k",
            "ngettext:1,2",
            "--no-location",
            "--sort-output",
            "--project",
            "dirreport",
            "--copyright-holder",
            "dirreport contributors",
            "-o",
            str(POT),
            str(ROOT / "src" / "dirreport"),
        ],
        check=True,
        cwd=ROOT,
    )
    if PO.exists():
        subprocess.run(
            [
                sys.executable,
                "-m",
                "babel.messages.frontend",
                "update",
                "-i",
                str(POT),
                "-o",
                str(PO),
                "-l",
                "cy",
                "--no-fuzzy-matching",
                "--ignore-obsolete",
            ],
            check=True,
            cwd=ROOT,
        )
    else:
        PO.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [sys.executable, "-m", "babel.messages.frontend", "init", "-i", str(POT), "-o", str(PO), "-l", "cy"],
            check=True,
            cwd=ROOT,
        )


if __name__ == "__main__":
    main()
