"""Publishing's steps on folders made by hand, in process, with no build: fast enough for mutation testing.

``tests/test_publishing.py`` and ``tests/test_never_lose_work.py`` hold publishing to its promises through real
builds; these call ``dirreport.pipeline.publish`` directly on generations of a few small files, so each step
(carry over, switch, recover, refuse a user's folder, prune) is checked on its own, with and without links.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dirreport.errors import InputError
from dirreport.pipeline import publish


class Stopped(BaseException):
    """Publishing stopped at a step, as if the build were killed there."""


def no_links(*_args: object, **_kwargs: object) -> None:
    raise OSError(1, "symbolic links are not allowed here (Windows without Developer Mode)")


def generation(output: Path, files: dict[str, str]) -> Path:
    """A new generation holding ``files`` (``en/report.html``: its text)."""
    made = publish.new_generation(output)
    for name, text in files.items():
        (made / name).parent.mkdir(parents=True, exist_ok=True)
        (made / name).write_text(text, encoding="utf-8")
    return made


def shown(output: Path) -> dict[str, str]:
    """Every published file of every edition, read through the edition folders as a reader would."""
    return {
        f"{edition}/{path.relative_to(output / edition).as_posix()}": path.read_text(encoding="utf-8")
        for edition in publish.published(output)
        for path in sorted((output / edition).rglob("*"))
        if path.is_file() and path.name != publish.MARKER
    }


@pytest.fixture(params=[True, False], ids=["links", "no-links"])
def output(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    if not request.param:
        monkeypatch.setattr(os, "symlink", no_links)
    return tmp_path / "_output"


def test_a_switch_publishes_every_edition_and_keeps_one_generation(output: Path) -> None:
    publish.switch(output, generation(output, {"en/report.html": "one", "cy/adroddiad.html": "un"}))
    assert shown(output) == {"en/report.html": "one", "cy/adroddiad.html": "un"}
    latest = generation(output, {"en/report.html": "two", "cy/adroddiad.html": "dau"})
    publish.switch(output, latest)
    assert shown(output) == {"en/report.html": "two", "cy/adroddiad.html": "dau"}
    assert sorted(p.name for p in output.iterdir() if p.name.startswith(".") and p.name != publish.GENERATIONS) == []
    left = list((output / publish.GENERATIONS).iterdir())
    assert left == ([latest] if (output / publish.CURRENT).is_symlink() else [])


def test_a_partial_build_carries_over_the_formats_and_editions_it_did_not_make(output: Path) -> None:
    publish.switch(output, generation(output, {"en/r.html": "en 1", "en/r.pdf": "pdf 1", "cy/r.html": "cy 1"}))
    publish.publish(output, generation(output, {"en/r.html": "en 2"}), ["en"], ["html"], clean=False)
    assert shown(output) == {"en/r.html": "en 2", "en/r.pdf": "pdf 1", "cy/r.html": "cy 1"}


def test_a_rebuilt_edition_carries_over_only_the_formats_not_built(output: Path) -> None:
    """Its downloads (no format of their own) come new with the build; ``built_formats`` None is every format."""
    first = {"en/r.html": "1", "en/r.pdf": "pdf", "en/r.docx": "docx", "en/sub/data.csv": "csv"}
    publish.switch(output, generation(output, first))
    publish.publish(output, generation(output, {"en/r.html": "2"}), ["en"], ["html", "docx"], clean=False)
    assert shown(output) == {"en/r.html": "2", "en/r.pdf": "pdf"}
    publish.publish(output, generation(output, {"en/r.html": "3"}), ["en"], None, clean=False)
    assert shown(output) == {"en/r.html": "3"}


def test_clean_publishes_only_this_builds_editions(output: Path) -> None:
    publish.switch(output, generation(output, {"en/r.html": "en 1", "cy/r.html": "cy 1"}))
    publish.publish(output, generation(output, {"en/r.html": "en 2"}), ["en"], ["html"], clean=True)
    assert shown(output) == {"en/r.html": "en 2"}
    assert not os.path.lexists(output / "cy")


def test_a_folder_the_user_made_is_refused_and_kept(tmp_path: Path) -> None:
    output = tmp_path / "_output"
    (output / "en").mkdir(parents=True)
    (output / "en" / "mine.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(InputError) as refused:
        publish.prepare(output, ["en", "cy"], tmp_path)
    assert len(refused.value.problems) == 1
    problem = refused.value.problems[0]
    assert problem.file == "_output/en" and "folder 'en'" in problem.message and problem.hint
    (output / publish.CURRENT).write_text("a file", encoding="utf-8")
    with pytest.raises(InputError) as refused:
        publish.check_output(output, ["en"], tmp_path)
    assert [p.file for p in refused.value.problems] == ["_output/en", "_output/current"]
    assert "file 'current'" in refused.value.problems[1].message
    assert (output / "en" / "mine.txt").read_text(encoding="utf-8") == "mine"


def test_what_dirreport_published_passes_the_check(output: Path, tmp_path: Path) -> None:
    publish.switch(output, generation(output, {"en/r.html": "1"}))
    publish.prepare(output, ["en", "cy"], tmp_path)
    assert publish.is_ours(output / "en") and not publish.is_ours(tmp_path)


@pytest.mark.parametrize("stop_at", ["set en aside", "put en in place", "remove the old en"])
def test_an_edition_set_aside_by_a_killed_switch_is_put_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stop_at: str
) -> None:
    """Without links an edition is switched by two renames; stopped between or after them, nothing is lost."""
    output = tmp_path / "_output"
    monkeypatch.setattr(os, "symlink", no_links)
    publish.switch(output, generation(output, {"en/r.html": "1"}))

    def stop(name: str) -> None:
        if name == stop_at:
            raise Stopped(name)

    monkeypatch.setattr(publish, "fault_hook", stop)
    with pytest.raises(Stopped):
        publish.switch(output, generation(output, {"en/r.html": "2"}))
    monkeypatch.setattr(publish, "fault_hook", publish._no_fault)
    publish.recover(output)
    assert shown(output) == {"en/r.html": "1" if stop_at != "remove the old en" else "2"}
    assert not os.path.lexists(output / ".en.old")


def test_recover_leaves_a_folder_it_did_not_make(tmp_path: Path) -> None:
    output = tmp_path / "_output"
    (output / ".en.old").mkdir(parents=True)
    publish.recover(output)
    assert (output / ".en.old").is_dir() and not os.path.lexists(output / "en")


def test_a_generation_never_made_live_is_discarded_and_the_live_one_kept(tmp_path: Path) -> None:
    output = tmp_path / "_output"
    live = generation(output, {"en/r.html": "1"})
    publish.switch(output, live)
    failed = generation(output, {"en/r.html": "2"})
    publish.discard(output, failed)
    publish.discard(output, live)
    assert not failed.exists() and live.is_dir()
    assert publish.current_generation(output) == live


def test_recover_puts_back_every_edition_set_aside_whatever_else_is_there(tmp_path: Path) -> None:
    """A folder of the user's, or a stray, before ``.en.old`` in the listing does not stop the recovery."""
    output = tmp_path / "_output"
    (output / ".a-folder-of-the-users").mkdir(parents=True)
    for aside in (".cy.old", ".en.old"):
        (output / aside).mkdir()
        (output / aside / "r.html").write_text(aside, encoding="utf-8")
        (output / aside / publish.MARKER).write_text(publish.MARKER_TEXT, encoding="utf-8")
    publish.recover(output)
    assert shown(output) == {"cy/r.html": ".cy.old", "en/r.html": ".en.old"}
    assert (output / ".a-folder-of-the-users").is_dir()


def test_editions_published_as_folders_become_links_once_links_can_be_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    output = tmp_path / "_output"
    with monkeypatch.context() as patch:
        patch.setattr(os, "symlink", no_links)
        publish.switch(output, generation(output, {"en/r.html": "1"}))
    assert not (output / "en").is_symlink()
    publish.switch(output, generation(output, {"en/r.html": "2"}))
    assert (output / "en").is_symlink() and shown(output) == {"en/r.html": "2"}
    assert not os.path.lexists(output / ".en.old")
