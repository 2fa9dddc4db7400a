"""Break copies of the sample one way at a time and print what dirreport says, for the guide's pages.

The guide quotes real messages, never invented ones: run this (``python tools/guide_messages.py``,
a few minutes) to see each input file's commonest mistakes as the tool reports them today, and
copy what changed into ``docs/inputs/``.  ``tests/test_guide.py`` checks that every quoted
message is still in the code.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _edit(path: str, old: str, new: str, count: int = 1) -> Callable[[Path], None]:
    def change(project: Path) -> None:
        file = project / path
        text = file.read_text(encoding="utf-8")
        if old not in text:
            raise SystemExit(f"{path}: {old!r} not found in the sample")
        file.write_text(text.replace(old, new, count), encoding="utf-8")

    return change


def _append(path: str, line: str) -> Callable[[Path], None]:
    def change(project: Path) -> None:
        file = project / path
        file.parent.mkdir(parents=True, exist_ok=True)
        with file.open("a", encoding="utf-8") as out:
            out.write(line)

    return change


def _bytes(path: str, old: bytes, new: bytes) -> Callable[[Path], None]:
    def change(project: Path) -> None:
        file = project / path
        file.write_bytes(file.read_bytes().replace(old, new, 1))

    return change


# (input, what goes wrong, the change)
CASES: list[tuple[str, str, Callable[[Path], None]]] = [
    ("settings", "year left out", _edit("_quarto.yml", '  year: "2023-24"\n', "")),
    (
        "settings",
        "a key dirreport does not know",
        _edit("_quarto.yml", "  sample: true\n", "  sample: true\n  draft: true\n"),
    ),
    (
        "settings",
        "a colon in an unquoted text",
        _edit("_quarto.yml", "    name: Rhian Ellis-Morgan", "    name: Director: Rhian Ellis-Morgan"),
    ),
    (
        "settings",
        "a format that does not exist",
        _edit("_quarto.yml", "formats: [html, pdf, docx]", "formats: [html, pdf, word]"),
    ),
    ("metrics", "a metric code that does not exist", _edit("data/metrics.csv", ",AD/001,", ",AD/0001,")),
    ("metrics", "text where a number belongs", _edit("data/metrics.csv", ",AD/001,6716", ",AD/001,about 6700")),
    ("metrics", "a decimal comma", _edit("data/metrics.csv", ",AD/001,6716", ',AD/001,"6716,5"')),
    ("metrics", "a row given twice", _append("data/metrics.csv", "W06000001,2019-20,AD/001,6716\n")),
    ("metrics", "saved by Excel as plain CSV", _bytes("data/metrics.csv", b"6716", b"6716\x92")),
    ("population", "an age band that is not used", _edit("data/population.csv", ",0-17,", ",0-15,")),
    ("population", "a population of 0", _edit("data/population.csv", ",0-17,14145", ",0-17,0")),
    ("survey", "an unknown group", _edit("data/survey.csv", ",SV01,adults,", ",SV01,adult,")),
    (
        "survey",
        "more positive than respondents",
        _edit("data/survey.csv", ",SV01,adults,108,94", ",SV01,adults,108,194"),
    ),
    ("stories", "consent not yes or no", _edit("data/stories.csv", "STORY-01,yes,", "STORY-01,Y,")),
    (
        "stories",
        "a quality standard that does not exist",
        _edit("data/stories.csv", "STORY-01,yes,QS4", "STORY-01,yes,QS9"),
    ),
    ("case-studies", "no quality standard", _edit("data/case-studies.csv", "CS-01,yes,QS1; QS2,", "CS-01,yes,,")),
    (
        "last-year-improvements",
        "a part that does not exist",
        _edit("data/last-year-improvements.csv", "IMP-01,3a,", "IMP-01,3e,"),
    ),
    (
        "last-year-improvements",
        "an id used twice",
        _edit("data/last-year-improvements.csv", "IMP-02,3a,", "IMP-01,3a,"),
    ),
    ("local-catalogue", "a unit that does not exist", _edit("data/local-catalogue.yml", "unit: count", "unit: people")),
    ("local-catalogue", "a broken indent", _edit("data/local-catalogue.yml", "  - id: SU\n", "  - id: SU\n   en: x\n")),
    ("glossary", "no Welsh term", _edit("data/glossary.csv", "Foster Wales,Maethu Cymru,", "Foster Wales,,")),
    (
        "finance",
        "a typed variance column",
        _edit(
            "data/finance.csv",
            "year,service_area,budget,outturn\n2019-20,adults,61184,61047",
            "year,service_area,budget,outturn,variance\n2019-20,adults,61184,61047,-137",
        ),
    ),
    ("finance", "a negative budget", _edit("data/finance.csv", "2019-20,adults,61184,", "2019-20,adults,-61184,")),
    ("finance", "an unknown service area", _edit("data/finance.csv", "2019-20,adults,", "2019-20,adult social care,")),
    (
        "complaints",
        "more answered in time than received",
        _edit("data/complaints.csv", "2019-20,adults,1,80,62,", "2019-20,adults,1,80,92,"),
    ),
    (
        "complaints",
        "a stage that does not exist",
        _edit("data/complaints.csv", "2019-20,adults,1,80,", "2019-20,adults,3,80,"),
    ),
    (
        "inspections",
        "a type written in words",
        _edit("data/inspections.csv", "2019-10-09,inspection,", "2019-10-09,Assurance check,"),
    ),
    (
        "inspections",
        "an unknown inspectorate",
        _edit("data/inspections.csv", "2019-10-09,inspection,ciw,", "2019-10-09,inspection,CSSIW,"),
    ),
    ("inspections", "a date that cannot be read", _edit("data/inspections.csv", "2019-10-09,", "9th Oct 2019,")),
    (
        "narratives",
        "a quality standard that does not exist",
        _edit("narratives/en/3a-i.md", "standards: [QS1, QS2]", "standards: [QS1, QS9]"),
    ),
    ("narratives", "an unknown status", _edit("narratives/en/3a-i.md", "status: final", "status: done")),
    (
        "narratives",
        "front matter never closed",
        _edit(
            "narratives/en/3a-i.md", 'owner: "Principal Social Worker"\n---\n', 'owner: "Principal Social Worker"\n\n'
        ),
    ),
    (
        "narratives",
        "an indicator misspelt",
        _edit("narratives/en/3a-i.md", "{{< indicator CH-WELSH-OFFER >}}", "{{< indicator CH-WELSH-OFFR >}}"),
    ),
    (
        "narratives",
        "a shortcode without its angle brackets",
        _edit("narratives/en/3a-i.md", "{{< indicator CH-WELSH-OFFER >}}", "{{ indicator CH-WELSH-OFFER }}"),
    ),
    (
        "narratives",
        "a shortcode that does not exist",
        _edit("narratives/en/3a-i.md", "{{< indicator CH-WELSH-OFFER >}}", "{{< figure CH-WELSH-OFFER >}}"),
    ),
    (
        "shortcodes",
        "a chart inside a sentence",
        _edit("narratives/en/3a-i.md", "{{< change CH-WELSH-OFFER >}}", "{{< chart CH-WELSH-OFFER >}}"),
    ),
    (
        "shortcodes",
        "a survey without its group",
        _edit("narratives/en/3a-i.md", "{{< change CH-WELSH-OFFER >}}", "{{< survey SV03 >}}"),
    ),
    (
        "shortcodes",
        "a count of 1 to 4 in a sentence",
        _edit("narratives/en/3a-i.md", "{{< change CH-WELSH-OFFER >}}", "{{< complaints upheld 2 >}}"),
    ),
    ("brand", "a colour that is not a colour", _edit("_brand.yml", 'slate: "#2B3A42"', 'slate: "#2B3A4"')),
    ("brand", "a logo file that is missing", _edit("_brand.yml", "images/glanafon-logo.svg", "images/logo.svg")),
    ("templates", "a template with a typing error", _append("templates/report.md.j2", "{% if x %}\n{{ body }\n")),
    ("templates", "a Word styles file that is not a Word file", _append("templates/reference.docx", "not word\n")),
]


def main(argv: list[str]) -> int:
    only = set(argv)
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "sample"
        subprocess.run(
            [sys.executable, "-m", "dirreport", "new", str(base), "--sample"], check=True, capture_output=True
        )
        for n, (name, what, change) in enumerate(CASES):
            if only and name not in only:
                continue
            project = Path(tmp) / f"case{n}"
            shutil.copytree(base, project)
            change(project)
            # check does not read the templates: a build does (the English Word file, the quickest that uses both)
            command = ["build", str(project), "--lang", "en", "--format", "docx", "--draft"]
            run = subprocess.run(
                [sys.executable, "-m", "dirreport", *(command if name == "templates" else ["check", str(project)])],
                capture_output=True,
                text=True,
                encoding="utf-8",
            )
            text = (run.stdout + run.stderr).replace(str(project) + "/", "").replace(str(project), "PROJECT")
            lines = [line for line in text.splitlines() if re.search(r"error|refused|not |cannot", line)]
            print(f"## {name}: {what} (exit {run.returncode})")
            print("\n".join(lines[:4]) or text[:600])
            print()
            shutil.rmtree(project)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
