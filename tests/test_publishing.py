"""Publishing never loses an edition: partial builds keep the rest, faults at every step of a switch, no links.

Every case runs the command line's ``main`` in this process on the small fixture (renders come from its cache
after the first build), and stops publishing at a chosen step through ``publish.fault_hook``, deterministically,
rather than killing a build at a random moment.  A fault is taken as a kill: the build's clean-up of its own
generation is switched off, so what is left is what a killed build would leave; the last tests kill a real build
process outright between its two renames.  Without symbolic links (Windows without Developer Mode) is
``os.symlink`` failing.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import assert_user_error, dirreport_here
from dirreport.pipeline import publish

SMALL = Path(__file__).parent / "fixtures" / "small"
EDITIONS = ("en", "cy")
BUILD = ("build", "--draft", "--jobs", "1")


class Killed(BaseException):
    """A build stopped at a step of publishing, as if killed there."""


def no_links(*_args: object, **_kwargs: object) -> None:
    raise OSError(1, "symbolic links are not allowed here (Windows without Developer Mode)")


def published(output: Path, aside: bool = False) -> dict[str, str]:
    """Every published file of every edition (through the links, where there are links) and its hash.

    With ``aside``, an edition a stopped build set aside (``.en.old``) and had not yet replaced counts: without
    links, the one moment an edition is not in its place is between two renames, and the next build puts it back.
    """
    folders = {e: output / (e if not aside or os.path.lexists(output / e) else f".{e}.old") for e in EDITIONS}
    return {
        f"{edition}/{path.name}": hashlib.sha256(path.read_bytes()).hexdigest()
        for edition, folder in folders.items()
        if folder.is_dir()
        for path in sorted(folder.iterdir())
        if path.name != publish.MARKER
    }


def build(capsys: pytest.CaptureFixture[str], project: Path, *args: str) -> None:
    run = dirreport_here(capsys, *BUILD[:1], str(project), *BUILD[1:], *args)
    assert run.returncode == 0, run.output


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[bool, Path]:
    """The small project published in both languages, HTML and PDF: with links, and where links cannot be made."""
    from dirreport.cli import main

    projects = {}
    for links in (True, False):
        project = tmp_path_factory.mktemp("published") / "p"
        shutil.copytree(SMALL, project)
        settings = project / "_quarto.yml"
        settings.write_text(
            settings.read_text(encoding="utf-8").replace("formats: [html, pdf, docx]", "formats: [html, pdf]"),
            encoding="utf-8",
        )
        with pytest.MonkeyPatch.context() as patch:
            if not links:
                patch.setattr(os, "symlink", no_links)
            assert main([BUILD[0], str(project), *BUILD[1:]]) == 0
        projects[links] = project
    return projects


@pytest.fixture(params=[True, False], ids=["links", "no-links"])
def project(request: pytest.FixtureRequest, made: dict[bool, Path], tmp_path: Path) -> Iterator[Path]:
    links: bool = request.param
    copy = tmp_path / "p"
    shutil.copytree(made[links], copy, symlinks=True)
    if not links:
        request.getfixturevalue("monkeypatch").setattr(os, "symlink", no_links)
    yield copy


def test_the_fixtures_publish_with_and_without_links(made: dict[bool, Path]) -> None:
    assert (made[True] / "_output" / "en").is_symlink()
    without = made[False] / "_output" / "en"
    assert without.is_dir() and not without.is_symlink() and (without / publish.MARKER).is_file()
    assert published(made[True] / "_output").keys() == published(made[False] / "_output").keys()
    assert len(published(made[False] / "_output")) == 2 * 4  # html, pdf and the two downloads


def test_a_partial_build_keeps_what_it_did_not_build(capsys: pytest.CaptureFixture[str], project: Path) -> None:
    output = project / "_output"
    before = published(output)
    build(capsys, project, "--format", "html", "--force")
    assert published(output) == before  # the PDFs are still published, and the HTML is the same
    build(capsys, project, "--lang", "cy", "--format", "pdf", "--force")
    assert published(output) == before  # the English HTML and PDF too
    assert not [p.name for p in output.iterdir() if p.name.endswith(".old")]


def test_clean_publishes_only_what_it_built(capsys: pytest.CaptureFixture[str], project: Path) -> None:
    output = project / "_output"
    build(capsys, project, "--lang", "cy", "--format", "html", "--clean")
    assert not os.path.lexists(output / "en")
    assert sorted(published(output)) == [
        "cy/adroddiad-y-cyfarwyddwr-2023-24-data.csv",
        "cy/adroddiad-y-cyfarwyddwr-2023-24-data.xlsx",
        "cy/adroddiad-y-cyfarwyddwr-2023-24.html",
    ]


def _steps(capsys: pytest.CaptureFixture[str], project: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The steps of publishing a rebuild of the English edition alone, in order."""
    seen: list[str] = []
    monkeypatch.setattr(publish, "fault_hook", seen.append)
    build(capsys, project, "--lang", "en", "--force")
    monkeypatch.setattr(publish, "fault_hook", publish._no_fault)
    return seen


def test_a_fault_at_any_step_of_publishing_loses_no_edition(
    capsys: pytest.CaptureFixture[str], project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Stop publishing at each of its steps in turn: every edition is still published, whole, and the next build
    puts everything in order (no edition left aside, no generation but the live one)."""
    before = published(project / "_output")
    steps = _steps(capsys, project, monkeypatch)
    assert len(steps) >= 3, steps
    for number, step in enumerate(steps):
        copy = tmp_path / f"fault{number}"
        shutil.copytree(project, copy, symlinks=True)
        output = copy / "_output"

        def stop(name: str, at: str = step) -> None:
            if name == at:
                raise Killed(name)

        monkeypatch.setattr(publish, "fault_hook", stop)
        monkeypatch.setattr(publish, "discard", lambda *_a: None)  # a killed build cleans nothing up
        with pytest.raises(Killed):
            dirreport_here(capsys, BUILD[0], str(copy), *BUILD[1:], "--lang", "en", "--force")
        monkeypatch.undo()
        if os.path.lexists(project / "_output" / "en") and not (project / "_output" / "en").is_symlink():
            monkeypatch.setattr(os, "symlink", no_links)
        after_fault = published(output, aside=True)
        assert after_fault.keys() == before.keys(), f"an edition was lost when publishing stopped at '{step}'"
        assert after_fault == before, f"a damaged file when publishing stopped at '{step}'"
        build(capsys, copy, "--lang", "en", "--force")
        assert published(output) == before, f"the build after a stop at '{step}' did not finish the job"
        assert not [p.name for p in output.iterdir() if p.name.endswith((".old", ".tmp"))], step
        generations = output / publish.GENERATIONS
        left = [p for p in generations.iterdir()] if generations.is_dir() else []
        assert len(left) <= 1, f"generations left behind after a stop at '{step}': {left}"


def test_an_edition_set_aside_by_a_killed_build_is_put_back(capsys: pytest.CaptureFixture[str], project: Path) -> None:
    """What a build killed between its two renames leaves: the edition aside, none in its place."""
    output = project / "_output"
    before = published(output)
    os.rename(output / "cy", output / ".cy.old")
    build(capsys, project, "--lang", "en", "--format", "html", "--force")
    assert published(output) == before
    assert not os.path.lexists(output / ".cy.old")


def test_a_folder_dirreport_did_not_make_is_never_replaced(
    capsys: pytest.CaptureFixture[str], project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    output = project / "_output"
    for edition in EDITIONS:
        if (output / edition).is_symlink():
            (output / edition).unlink()
        else:
            shutil.rmtree(output / edition)
    mine = output / "cy"
    mine.mkdir()
    (mine / "notes.md").write_text("my own notes", encoding="utf-8")
    monkeypatch.chdir(project)
    run = dirreport_here(capsys, BUILD[0], str(project), *BUILD[1:], "--lang", "en", "--force")
    assert_user_error(run, "_output/cy", "that dirreport did not make", "move it out of the output folder")
    assert run.returncode == 2
    assert (mine / "notes.md").read_text(encoding="utf-8") == "my own notes"
    assert not os.path.lexists(output / "en")  # refused before any work: nothing was published


# a real kill, not an exception: the build process ends at the step with nothing of its own run after it
KILLED_WITHOUT_LINKS = """
import os, signal, sys
from dirreport.pipeline import publish
from dirreport.cli.main import main

def no_links(*args, **kwargs):
    raise OSError(1, "symbolic links are not allowed here")

def kill_at(step):
    if step == sys.argv[1]:
        os.kill(os.getpid(), getattr(signal, "SIGKILL", signal.SIGTERM))

os.symlink = no_links
publish.fault_hook = kill_at
sys.exit(main(sys.argv[2:]))
"""


@pytest.mark.parametrize("step", ["set en aside", "put en in place", "remove the old en"])
def test_a_build_killed_between_two_renames_loses_nothing(
    capsys: pytest.CaptureFixture[str], made: dict[bool, Path], tmp_path: Path, step: str
) -> None:
    project = tmp_path / "p"
    shutil.copytree(made[False], project, symlinks=True)
    output = project / "_output"
    before = published(output)
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_WITHOUT_LINKS, step, *BUILD, str(project), "--lang", "en", "--force"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert killed.returncode not in (0, 1, 2, 3), killed.stderr
    assert published(output, aside=True) == before
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "symlink", no_links)
        build(capsys, project, "--lang", "en", "--force")
    assert published(output) == before
    assert not [p.name for p in output.iterdir() if p.name.startswith(".") and p.name.endswith(".old")]
