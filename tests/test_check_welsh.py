"""`dirreport check --lang cy`: the report card entirely in Welsh, for a Welsh-speaking Director or inspector.

A copy of the sample is flawed in many ways at once (a missing section, a
draft, personal data, a name after a title, a small count, an image without
alternative text, a vague link, a skipped heading level, a placeholder, a
quoted story without consent, a sentence its figure contradicts, an
improvement too small to tell from chance, a claim against Wales, a unit
written twice, a section too short, one holding "TBC"), and its card is read
in Welsh as text and as HTML for English left in it: English words outside the
literal things a user types (file paths, shortcodes, settings, quoted headings
and ids).  The status board of the same copy is read in Welsh the same way.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import html as lxml_html

import dirreport
from conftest import REPO, copy_project, dirreport_here

ENGLISH = {
    "the", "and", "of", "not", "is", "has", "have", "no", "yes", "error", "errors", "warning", "warnings",
    "line", "row", "column", "with", "for", "from", "to", "add", "remove", "it", "its", "or", "in", "a",
    "an", "looks", "like", "ready", "publish", "publication", "blocked", "evidence", "standard", "quality",
    "narrative", "data", "translation", "accessibility", "personal", "disclosure", "control", "findings",
    "report", "card", "heading", "level", "image", "text", "link", "section", "missing", "final", "marked",
    "count", "people", "small", "identify", "number", "write", "placeholder", "still", "holds", "consent",
    "case", "study", "story", "quoted", "indicators", "survey", "results", "voice", "cited", "points",
    "says", "but", "figure", "up", "down", "since", "improvement", "deterioration", "little", "change",
    "above", "below", "against", "wales", "same", "as", "chance", "too", "difference", "tell",
    "unit", "writes", "after", "prints", "already", "twice", "reads", "shortcode", "only", "word", "words",
    "own", "fewer", "written", "edition", "english", "welsh", "draft", "would", "be", "published", "measure",
    "shows", "check", "behind", "say", "changed", "improved", "give", "that", "stands", "full",
    "owner", "status", "figures", "surveys", "stories", "standards", "blocks", "empty", "translated", "date",
    "out", "needed", "none", "named", "annual", "where", "sections", "problems", "block", "also",
    "year", "on", "every", "state", "wrote", "days", "per",
}  # fmt: skip
LITERALS = re.compile(
    r"\{\{<.*?>\}\}"  # shortcodes
    r"|‘[^’]*’|'[^']*'"  # quoted literals: a heading to write, a file name, a command
    r"|\S+/\S*|\S+\.(?:md|csv|yml|xlsx)\b"  # paths and file names
    r"|\b[a-z-]+:\s*[a-z]*\b(?=[ ),.;]|$)"  # settings as written in _quarto.yml (status: final, allow:)
    r"|\b[A-Z]{2,}[\w/-]*"  # codes and ids (QS1, CS-01, AD/006, NHS)
)


def english_left(text: str) -> list[str]:
    """English words in Welsh text, once literals a user types are set aside."""
    words = re.findall(r"[^\W\d_]+", WELSH_IS.sub(" ", LITERALS.sub(" ", text)))
    return sorted({w for w in words if w.lower() in ENGLISH and w.lower() not in WELSH_TOO})


WELSH_IS = re.compile(r"(?:\byn|’n)\s+is\s+na", re.I)  # "mae’n is na Chymru": lower than Wales, in Welsh
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
    # the newest checks: contradictions, a unit written twice, a titled name, a section too short, a placeholder
    wellbeing = project / "narratives" / "en" / "3d-i.md"
    wellbeing.write_text(
        wellbeing.read_text(encoding="utf-8") + "\nSickness absence fell to {{< indicator WF-SICKNESS >}}.\n"
        "\nReviews improved, to {{< indicator AD-DP-REVIEWS-TIMELY >}}.\n"
        "\nAt 31 March, {{< indicator AD-DP-RATE >}} adults had them. This is well above Wales.\n"
        "\nOnly {{< survey SV03 adults >}} of adults feel safe. This is above the figure for Wales.\n"
        "\nAbsence was {{< indicator WF-SICKNESS >}} days per post.\n"
        "\nMrs Gwyneth Pritchard told us about her care. The new figures are TBC.\n",
        encoding="utf-8",
    )
    structure = project / "narratives" / "cy" / "4d-structure.md"
    front = structure.read_text(encoding="utf-8").split("\n---\n")[0]
    structure.write_text(front + "\n---\n\nMae’r Cyfarwyddwr yn arwain ein gwasanaethau.\n", encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def cards(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    project = flawed(tmp_path_factory.mktemp("welsh-card"))
    from dirreport.checks.card import render_card, run_checks
    from dirreport.checks.status import status_board
    from dirreport.checks.status_page import render_html, render_json, render_text
    from dirreport.pipeline.project import load_project

    loaded = load_project(project)
    card = run_checks(loaded, lang="cy")
    english = run_checks(loaded, lang="en")
    board = status_board(loaded, card)
    english_board = status_board(loaded, english)
    return {
        "text": render_card(card, "text"),
        "html": render_card(card, "html"),
        "english": render_card(english, "text"),
        "board": render_text(board),
        "board-html": render_html(board),
        "board-json": render_json(board),
        "english-board": render_text(english_board) + render_html(english_board),
    }


def test_the_flawed_copy_has_findings_in_many_sections(cards: dict[str, str]) -> None:
    english = cards["english"]
    for finding in ("is missing", "NHS number", "small enough to identify", "no alternative text", "skips from level"):
        assert finding in english, english[-3000:]
    newest = (
        "says 'fell' of indicator WF-SICKNESS, but the figure is",  # a contradiction
        "a deterioration",  # its verdict, from the sentences' own words
        "too small a change for the data to tell it from chance",  # an improvement that may be chance
        "but it is below Wales",  # a claim against Wales
        "of survey measure SV03 (adults), but it is below Wales",
        "writes the unit 'days' after",  # a unit written twice
        "has only 6 words of its own",  # a section too short
        "holds the placeholder 'TBC'",  # a placeholder
        "so the Welsh edition would be published as a DRAFT",
        "looks like a person's name",  # a name after a title
    )
    for finding in newest:
        assert finding in english, english[-3000:]


def test_the_welsh_card_holds_no_english(cards: dict[str, str]) -> None:
    text = cards["text"]
    assert "Tystiolaeth ar gyfer y safonau ansawdd" in text and "mae’r cyhoeddi wedi’i atal" in text
    assert "gwall:" in text and "rhybudd:" in text and ":llinell " in text
    # the newest checks, in Welsh, their verdicts the sentences' own Welsh words
    for finding in ("mae’n dweud ‘fell’ am ddangosydd WF-SICKNESS", "sy’n ddirywiad", "fesul 10,000 o’i gymharu â"):
        assert finding in " ".join(text.split()), text[-3000:]
    for finding in ("mae’n ysgrifennu’r uned ‘days’", "dim ond 6 gair", "mae’r ddalfan ‘TBC’", "fersiwn Gymraeg"):
        assert finding in " ".join(text.split()), text[-3000:]
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


def test_the_welsh_status_board_holds_no_english(cards: dict[str, str]) -> None:
    # 4b has no Welsh section in this copy, so its owner is named as its English section names them
    board = cards["board"].replace("Complaints and", "")
    page = lxml_html.fromstring(cards["board-html"].replace("Complaints and", ""))
    assert "adroddiad blynyddol" in board and "terfynol" in board and "Perchennog" in board
    assert "mae’r cyhoeddi wedi’i atal" in " ".join(board.split())
    left = {line.strip(): english_left(line) for line in board.splitlines() if english_left(line)}
    assert not left, left
    assert page.get("lang") == "cy"
    shown = page.find("body").text_content() + page.findtext(".//title")  # the style sheet's names aside
    assert "Yn atal cyhoeddi" in shown
    assert not english_left(shown), english_left(shown)
    assert english_left(cards["english-board"])  # the lint would find the English board's words


def test_the_welsh_status_board_json_keeps_its_codes(cards: dict[str, str]) -> None:
    import json

    data = json.loads(cards["board-json"])
    assert data["lang"] == "cy"
    sections = {s["id"]: s for s in data["sections"]}
    assert (sections["4b"]["status"], sections["4b"]["translation"]) == ("final", "missing")
    assert (sections["4b"]["status_text"], sections["4b"]["translation_text"]) == ("terfynol", "ar goll")
    assert not any(english_left(" ".join(s["blocks"]) + s["heading"]) for s in data["sections"])


def test_status_takes_the_language_on_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(REPO, tmp_path / "p")
    page = tmp_path / "statws.html"
    run = dirreport_here(capsys, "status", str(project), "--lang", "cy", "--html", str(page))
    assert run.returncode == 0, run.output
    assert "30 adran: 30 yn derfynol; 0 â phroblemau sy’n atal cyhoeddi; yn barod i’w gyhoeddi" in run.stdout
    assert not english_left(run.stdout), english_left(run.stdout)
    assert lxml_html.fromstring(page.read_text(encoding="utf-8")).get("lang") == "cy"
    assert dirreport.status(project, lang="cy").sections[0].heading != dirreport.status(project).sections[0].heading
