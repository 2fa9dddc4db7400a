"""A build never loses work: atomic publishing, untouched inputs, the same bytes from the same inputs."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pytest

from conftest import EDITED_EPOCH, copy_built, dirreport, edit_one_figure, input_digests, pdf_text
from dirreport.pipeline.project import CACHE_DIR

EDITION_FILES = 5  # html, pdf, docx and the two downloads


def digests(folder: Path) -> dict[str, str]:
    """Every published file (through the edition links), the site's pages in their folder too, and its hash."""
    out = {}
    for edition in ("en", "cy", "bilingual"):
        for path in sorted(p for p in (folder / edition).rglob("*") if p.is_file()):
            out[f"{edition}/{path.relative_to(folder / edition).as_posix()}"] = hashlib.sha256(
                path.read_bytes()
            ).hexdigest()
    return out


@dataclass(frozen=True)
class Versions:
    """The published sample and the same project with one figure changed, built with nothing rendered before."""

    old: Path
    before: dict[str, str]  # digests of the sample's published files
    new: Path
    after: dict[str, str]  # digests the edited project must give, however it gets there
    new_inputs: dict[str, str]  # the edited project's inputs before its build


@pytest.fixture(scope="module")
def versions(edited_sample: Path, built_sample: Path) -> Versions:
    new_inputs = json.loads((edited_sample.parent / "inputs.json").read_text(encoding="utf-8"))
    return Versions(
        built_sample, digests(built_sample / "_output"), edited_sample, digests(edited_sample / "_output"), new_inputs
    )


@dataclass(frozen=True)
class Attempt:
    """A copy of the published sample, edited, its build killed at one step, then built again."""

    project: Path
    step: str  # where the build was killed
    killed: dict[str, str]  # digests of what was published when the build was killed
    rebuilt: dict[str, str]  # and after the next build


# a build killed outright (SIGKILL, as a user's kill or a crash would) when it reaches a step: the steps are
# publishing's own (``publish.fault_hook``), so where a kill lands is chosen, not left to the clock
KILL_AT_STEP = """
import os, signal, sys
from dirreport.pipeline import publish
from dirreport.cli.main import main

def kill_at(step: str) -> None:
    if step.startswith(sys.argv[1]):
        os.kill(os.getpid(), getattr(signal, "SIGKILL", signal.SIGTERM))

publish.fault_hook = kill_at
sys.exit(main(sys.argv[2:]))
"""
# the first render stored; the moment before the atomic switch; just after it
KILL_STEPS = {"rendered": "before", "switch the current generation": "before", "prune": "after"}


@pytest.fixture(scope="module")
def attempts(versions: Versions, tmp_path_factory: pytest.TempPathFactory) -> list[Attempt]:
    made = []
    for number, step in enumerate(KILL_STEPS):
        project = copy_built(versions.old, tmp_path_factory.mktemp("killed") / f"attempt{number}")
        edit_one_figure(project)
        # a kill needs the new files, not the work of making them all again: they come from the edited project's
        # cache (keyed by content), as they would after a build killed later than its renders; for a kill at the
        # first render, the English edition's three are left out, made by the killed build and the next, so
        # the same bytes from a second build are checked in every format
        for stored in ("renders", "charts"):
            shutil.copytree(versions.new / CACHE_DIR / stored, project / CACHE_DIR / stored, dirs_exist_ok=True)
        if step == "rendered":
            for render in english_renders(versions.new):
                shutil.rmtree(project / CACHE_DIR / "renders" / render)
        process = subprocess.run(
            [sys.executable, "-c", KILL_AT_STEP, step, "build", str(project)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env={**os.environ, "SOURCE_DATE_EPOCH": EDITED_EPOCH},
            check=False,
        )
        assert process.returncode not in (0, 1, 2, 3), f"the build was not killed at '{step}'"
        killed = digests(project / "_output")
        run = dirreport("build", str(project), env={"SOURCE_DATE_EPOCH": EDITED_EPOCH})
        assert run.returncode == 0, run.output
        made.append(Attempt(project, step, killed, digests(project / "_output")))
    return made


def english_renders(project: Path) -> list[str]:
    """The cache folders of the English edition's renders (HTML, PDF, Word) in a built project."""
    renders = project / CACHE_DIR / "renders"
    english = {f"directors-report-2023-24.{fmt}" for fmt in ("html", "pdf", "docx")}
    found = [r.name for r in renders.iterdir() if r.is_dir() and any(f.name in english for f in r.iterdir())]
    assert len(found) == 3, found
    return found


def test_killed_builds_leave_a_whole_report_old_or_new(versions: Versions, attempts: list[Attempt]) -> None:
    assert versions.before != versions.after
    for attempt in attempts:
        assert len([name for name in attempt.killed if name.count("/") == 1]) == 3 * EDITION_FILES
        assert all(f"{edition}/site/index.html" in attempt.killed for edition in ("en", "cy", "bilingual"))
        expected = versions.before if KILL_STEPS[attempt.step] == "before" else versions.after
        assert attempt.killed == expected, f"killed at '{attempt.step}': a mix of old and new files, or a damaged file"


def test_the_next_build_after_a_kill_finishes_the_job(versions: Versions, attempts: list[Attempt]) -> None:
    for attempt in attempts:
        assert attempt.rebuilt == versions.after


def test_a_build_changes_no_input(versions: Versions) -> None:
    assert input_digests(versions.new) == versions.new_inputs


def test_the_same_inputs_give_the_same_files(versions: Versions, attempts: list[Attempt]) -> None:
    """The edited project built with nothing rendered before, and its English edition made again in another
    folder by a killed build and the next: the same bytes, file by file, and the same PDF structure and date."""
    again = attempts[0].project
    for name, digest in versions.after.items():
        assert attempts[0].rebuilt[name] == digest, f"{name} differs between two builds of the same project"
    for edition in ("en", "cy", "bilingual"):
        first = next((versions.new / "_output" / edition).glob("*.pdf"))
        second = next((again / "_output" / edition).glob("*.pdf"))
        assert pdf_text(first) == pdf_text(second)
        with pikepdf.open(first) as a, pikepdf.open(second) as b:
            assert len(a.pages) == len(b.pages)
            assert _structure(a.Root.StructTreeRoot) == _structure(b.Root.StructTreeRoot)
            assert str(a.docinfo.get("/CreationDate")) == str(b.docinfo.get("/CreationDate"))


def _structure(node, depth: int = 0) -> list[str]:  # type: ignore[no-untyped-def]
    out: list[str] = []
    if isinstance(node, pikepdf.Array):
        for item in node:
            out += _structure(item, depth)
    elif isinstance(node, pikepdf.Dictionary):
        if "/S" in node:
            out.append(f"{depth}:{node.S}:{node.get('/Alt', '')}:{node.get('/Lang', '')}")
        if node.get("/K") is not None:
            out += _structure(node.K, depth + 1)
    return out


def test_source_date_epoch_sets_the_pdf_date(versions: Versions) -> None:
    for edition in ("en", "cy", "bilingual"):
        with pikepdf.open(next((versions.new / "_output" / edition).glob("*.pdf"))) as pdf:
            assert str(pdf.docinfo["/CreationDate"]).startswith("D:20231114"), edition
