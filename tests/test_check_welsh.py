"""`dirreport check --lang cy`: the report card entirely in Welsh, for a Welsh-speaking Director or inspector.

A copy of the sample is flawed in many ways at once (a missing section, a
draft, personal data, a small count, an image without alternative text, a
vague link, a skipped heading level, a placeholder, a quoted story without
consent), and its card is read in Welsh as text and as HTML for English left
in it: English words outside the literal things a user types (file paths,
shortcodes, settings, quoted headings and ids).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import html as lxml_html

from conftest import REPO, copy_project, dirreport_here

ENGLISH = {
    "the", "and", "of", "not", "is", "has", "have", "no", "yes", "error", "errors", "warning", "warnings",
    "line", "row", "column", "with", "for", "from", "to", "add", "remove", "it", "its", "or", "in", "a",
    "an", "looks", "like", "ready", "publish", "publication", "blocked", "evidence", "standard", "quality",
    "narrative", "data", "translation", "accessibility", "personal", "disclosure", "control", "findings",
    "report", "card", "heading", "level", "image", "text", "link", "section", "missing", "final", "marked",
    "count", "people", "small", "identify", "number", "write", "placeholder", "still", "holds", "consent",
    "case", "study", "story", "quoted", "indicators", "survey", "results", "voice", "cited", "points",
}  # fmt: skip
LITERALS = re.compile(
    r"\{\{<.*?>\}\}"  # shortcodes
    r"|‘[^’]*’|'[^']*'"  # quoted literals: a heading to write, a file name, a command
    r"|\S+/\S*|\S+\.(?:md|csv|yml|xlsx)\b"  # paths and file names
    r"|\b[a-z-]+:\s*[a-z]*\b(?= |$)"  # settings as written in _quarto.yml (status: final, allow:)
    r"|\b[A-Z]{2,}[\w/-]*"  # codes and ids (QS1, CS-01, AD/006, NHS)
)


def english_left(text: str) -> list[str]:
    """English words in Welsh text, once literals a user types are set aside."""
    words = re.findall(r"[^\W\d_]+", LITERALS.sub(" ", text))
    return sorted({w for w in words if w.lower() in ENGLISH and w.lower() not in WELSH_TOO})


WELSH_TOO = {"a", "i", "yn", "data", "o", "na", "ie"}  # the same letters are Welsh words: "a", "data" (data, Welsh too)


def flawed(tmp_path: Path) -> Path:
    project = copy_project(REPO, tmp_path / "p")
    (project / "narratives" / "cy" / "4b.md").unlink()
    context = project / "narratives" / "en" / "2-context.md"
    context.write_text(
        context.read_text(encoding="utf-8").replace("status: final", "status: draft")
        + "\nOne resident, NHS number 943 476 5919, told us. We helped 3 children in the scheme.\n"
        "\n![](images/director-placeholder.png)\n\n[click here](https://example.org)\n\n#### Skipped\n\nText.\n",
        encoding="utf-8",
    )
    evidence = project / "narratives" / "cy" / "3a-ii.md"
    evidence.write_text(evidence.read_text(encoding="utf-8").replace("status: final", "status: draft"), "utf-8")
    return project


@pytest.fixture(scope="module")
def cards(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    project = flawed(tmp_path_factory.mktemp("welsh-card"))
    from dirreport.checks.card import render_card, run_checks
    from dirreport.pipeline.project import load_project

    loaded = load_project(project)
    card = run_checks(loaded, lang="cy")
    english = run_checks(loaded, lang="en")
    return {
        "text": render_card(card, "text"),
        "html": render_card(card, "html"),
        "english": render_card(english, "text"),
    }


def test_the_flawed_copy_has_findings_in_many_sections(cards: dict[str, str]) -> None:
    english = cards["english"]
    for finding in ("is missing", "NHS number", "small enough to identify", "no alternative text", "skips from level"):
        assert finding in english, english[-3000:]


def test_the_welsh_card_holds_no_english(cards: dict[str, str]) -> None:
    text = cards["text"]
    assert "Tystiolaeth ar gyfer y safonau ansawdd" in text and "mae’r cyhoeddi wedi’i atal" in text
    assert "gwall:" in text and "rhybudd:" in text and ":llinell " in text
    left = {line.strip(): english_left(line) for line in text.splitlines() if english_left(line)}
    assert not left, left


def test_the_welsh_html_card_holds_no_english(cards: dict[str, str]) -> None:
    page = lxml_html.fromstring(cards["html"])
    assert page.get("lang") == "cy"
    text = page.text_content()
    assert "Cerdyn adroddiad" in text
    assert not english_left(text), english_left(text)


def test_the_lint_would_find_english_left_in_a_welsh_card(cards: dict[str, str]) -> None:
    assert english_left(cards["english"])
    assert english_left("rhybudd: narratives/cy/2-context.md:llinell 3: is not marked final.") == [
        "final",
        "is",
        "marked",
        "not",
    ]


def test_check_takes_the_language_on_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(REPO, tmp_path / "p")
    run = dirreport_here(capsys, "check", str(project), "--lang", "cy")
    assert run.returncode == 0, run.output
    assert "0 gwall, 0 rhybudd; yn barod i’w gyhoeddi" in run.stdout
    assert not english_left(run.stdout), english_left(run.stdout)
