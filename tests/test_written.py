"""A section is written or it blocks, in both languages; 'check' says ready only when 'build' publishes final."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from lxml import etree

from conftest import REPO, copy_project, dirreport_here
from dirreport.assemble.edition_gate import is_draft_edition
from dirreport.checks.card import run_checks
from dirreport.checks.written import MIN_WORDS, section_problems
from dirreport.content.narrative import parse
from dirreport.pipeline.project import load_project

WORDS = " ".join(["Carers told us that the new service helps them to keep going."] * 6)  # 72 words
XLIFF = "{urn:oasis:names:tc:xliff:document:2.0}"


def problems_of(body: str, lang: str = "en", status: str = "final") -> list[tuple[int | None, str]]:
    narrative, _ = parse(f"narratives/{lang}/3a-i.md", f"---\ntitle: x\nstatus: {status}\n---\n\n{body}\n")
    return [(c.problem.line, c.problem.message) for c in section_problems(narrative, lang, "3a-i")]


@pytest.mark.parametrize("lang", ["en", "cy"])
@pytest.mark.parametrize(
    ("body", "line", "says"),
    [
        ("", 5, "has no text"),
        ("## A heading\n\n### Another", 5, "has no text"),
        ("<!-- write about carers here -->", 5, "has no text"),
        ("## Heading\n\n{{< chart CH-WELSH-OFFER compare >}}", 5, "has no text"),
        ("TBC.", 6, "placeholder 'TBC'"),
        (WORDS + "\n\nTODO: the figures for carers", 8, "placeholder 'TODO'"),
        (WORDS + "\n\nLorem ipsum dolor sit amet.", 8, "placeholder 'Lorem ipsum'"),
        (WORDS + "\n\nI’w gadarnhau.", 8, "placeholder 'I’w gadarnhau'"),
        (WORDS + "\n\nWe opened [insert number] homes.", 8, "placeholder '[insert number]'"),
        ("We opened two new homes for children this year.", 5, f"fewer than the {MIN_WORDS}"),
    ],
)
def test_an_unwritten_section_is_an_error_at_its_line(lang: str, body: str, line: int, says: str) -> None:
    found = problems_of(body, lang)
    assert any(n == line and says in message for n, message in found), found


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_a_written_final_section_passes_and_a_draft_one_says_its_edition_is_a_draft(lang: str) -> None:
    assert problems_of(WORDS + "\n\nWe have a to-do list, and todo is not a marker in running text.", lang) == []
    found = problems_of(WORDS, lang, status="draft")
    edition = "English" if lang == "en" else "Welsh"
    assert found == [
        (3, f"is not marked final (status: draft), so the {edition} edition would be published as a DRAFT")
    ]


def test_the_sample_is_ready_and_every_edition_final() -> None:
    project = load_project(REPO)
    assert run_checks(project).errors == []
    assert not any(is_draft_edition(project, [lang]) for lang in project.config.languages)


def _front_matter_only(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("\n---\n", 4) + 5], encoding="utf-8")


@pytest.mark.parametrize(
    ("change", "file", "says"),
    [
        ("draft", "narratives/cy/4c.md", "is not marked final (status: draft), so the Welsh edition"),
        ("empty", "narratives/en/2-context.md", "has no text"),
        ("tbc", "narratives/cy/3b-ii.md", "placeholder 'TBC'"),
    ],
)
def test_check_and_build_agree(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], change: str, file: str, says: str
) -> None:
    project = copy_project(REPO, tmp_path / "p")
    path = project / file
    if change == "draft":
        path.write_text(path.read_text(encoding="utf-8").replace("status: final", "status: draft"), encoding="utf-8")
    elif change == "empty":
        _front_matter_only(path)
    else:
        _front_matter_only(path)
        path.write_text(path.read_text(encoding="utf-8") + "\nTBC.\n", encoding="utf-8")
    check = dirreport_here(capsys, "check", str(project))
    assert check.returncode == 1 and f"{file}:line" in check.output and says in check.output, check.output
    assert "ready to publish" not in check.output
    lang = file.split("/")[1]
    build = dirreport_here(capsys, "build", str(project), "--lang", lang, "--format", "html")
    assert build.returncode == 1 and says in build.output, build.output
    assert not (project / "_output").exists() or not any((project / "_output").rglob("*.html"))


def _translate(xliff: Path, state: str) -> None:
    tree = etree.parse(str(xliff))
    for segment in tree.iter(f"{XLIFF}segment"):
        if segment.find(f"{XLIFF}target") is None:
            target = copy.deepcopy(segment.find(f"{XLIFF}source"))
            target.tag = f"{XLIFF}target"
            target.text = "Cymraeg: " + (target.text or "")
            segment.append(target)
            segment.set("state", state)
    tree.write(str(xliff), xml_declaration=True, encoding="UTF-8")


@pytest.mark.parametrize("state", ["final", "translated"])
def test_after_an_import_a_section_translated_and_final_is_final(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], state: str
) -> None:
    project = copy_project(REPO, tmp_path / "p")
    (project / "narratives" / "cy" / "4b.md").unlink()
    xliff = tmp_path / "t.xlf"
    assert dirreport_here(capsys, "translate", "export", str(xliff), "--project", str(project)).returncode == 0
    _translate(xliff, state)
    run = dirreport_here(capsys, "translate", "import", str(xliff), "--project", str(project))
    assert run.returncode == 0, run.output
    welsh = (project / "narratives" / "cy" / "4b.md").read_text(encoding="utf-8")
    loaded = load_project(project)
    draft = [f.problem.located() for f in run_checks(loaded).errors if "not marked final" in f.problem.message]
    if state == "final":
        assert "status: final" in welsh and draft == [] and not is_draft_edition(loaded, ["cy"])
    else:
        assert "status: draft" in welsh and "still status: draft" in run.output
        assert [d.split(":line")[0] for d in draft] == ["narratives/cy/4b.md"] and is_draft_edition(loaded, ["cy"])


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_a_sufficiency_section_holding_only_tbc_blocks(lang: str) -> None:
    narrative, _ = parse(
        f"narratives/{lang}/4d-sufficiency.md", "---\ntitle: x\nheading: 4d-sufficiency\nstatus: final\n---\n\nTBC.\n"
    )
    messages = [c.problem.message for c in section_problems(narrative, lang, "4d-sufficiency")]
    assert any("placeholder 'TBC'" in m for m in messages) and any("fewer than the" in m for m in messages)
