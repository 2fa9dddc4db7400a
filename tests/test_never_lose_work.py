"""A build never loses work: atomic publishing, untouched inputs, the same bytes from the same inputs."""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pytest

from conftest import REPO, SAMPLE_EPOCH, copy_built, copy_project, dirreport, pdf_text

EDITION_FILES = 5  # html, pdf, docx and the two downloads


def digests(folder: Path) -> dict[str, str]:
    """Every published file (through the edition links) and its hash."""
    out = {}
    for edition in ("en", "cy", "bilingual"):
        for path in sorted((folder / edition).iterdir()):
            out[f"{edition}/{path.name}"] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def inputs(project: Path) -> dict[str, str]:
    return {
        str(p.relative_to(project)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(project.rglob("*"))
        if p.is_file() and "_output" not in p.parts and ".dirreport-cache" not in p.parts
    }


def edit(project: Path) -> None:
    """A new figure in the data, so every edition and format changes."""
    path = project / "data" / "metrics.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines = [
        "X99999999,2023-24,AD/022b,54321" if line.startswith("X99999999,2023-24,AD/022b,") else line for line in lines
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


EPOCH = "1700000000"  # 14 November 2023: not the sample's publication date, so the PDF shows which one was used


@dataclass(frozen=True)
class Versions:
    """The published sample and the same project with one figure changed, built from nothing."""

    old: Path
    before: dict[str, str]  # digests of the sample's published files
    new: Path
    after: dict[str, str]  # digests the edited project must give, however it gets there
    new_inputs: dict[str, str]  # the edited project's inputs before its build


@pytest.fixture(scope="module")
def versions(built_sample: Path, tmp_path_factory: pytest.TempPathFactory) -> Versions:
    new = copy_project(REPO, tmp_path_factory.mktemp("lose") / "new")
    edit(new)
    new_inputs = inputs(new)
    run = dirreport("build", str(new), env={"SOURCE_DATE_EPOCH": EPOCH})
    assert run.returncode == 0, run.output
    return Versions(built_sample, digests(built_sample / "_output"), new, digests(new / "_output"), new_inputs)


def test_killed_builds_leave_a_whole_report_old_or_new(versions: Versions, tmp_path: Path) -> None:
    assert versions.before != versions.after
    rng = random.Random(20241031)
    outcomes = set()
    # one kill in each stretch of a build's first 12 seconds: reading, drawing, rendering, publishing
    for attempt, (earliest, latest) in enumerate(((0.3, 3.0), (3.0, 6.0), (6.0, 9.0), (9.0, 12.0))):
        project = copy_built(versions.old, tmp_path / f"attempt{attempt}")
        edit(project)
        process = subprocess.Popen(
            [sys.executable, "-m", "dirreport", "build", str(project)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH},
        )
        time.sleep(rng.uniform(earliest, latest))
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        published = digests(project / "_output")
        assert len(published) == 3 * EDITION_FILES
        assert published in (versions.before, versions.after), "a mix of old and new files, or a damaged file"
        outcomes.add("new" if published == versions.after else "old")
        # the next build after a kill finishes the job from whatever the cache holds, and gives the very bytes
        # of the build made from nothing
        assert dirreport("build", str(project), env={"SOURCE_DATE_EPOCH": EPOCH}).returncode == 0
        assert digests(project / "_output") == versions.after
    assert "old" in outcomes  # at least one kill landed before the switch


def test_a_build_changes_no_input(versions: Versions) -> None:
    assert inputs(versions.new) == versions.new_inputs


def test_the_same_inputs_give_the_same_files(built_sample: Path, tmp_path: Path) -> None:
    """Two builds from nothing, in two folders, of the same project (the shared build is one of them)."""
    again = copy_project(REPO, tmp_path / "again")
    assert dirreport("build", str(again), env={"SOURCE_DATE_EPOCH": SAMPLE_EPOCH}).returncode == 0
    before = digests(built_sample / "_output")
    rebuilt = digests(again / "_output")
    for name, digest in before.items():
        if name.endswith((".html", ".docx", ".csv", ".xlsx")):
            assert rebuilt[name] == digest, f"{name} differs between two builds of the same project"
    for edition in ("en", "cy", "bilingual"):
        first = next((built_sample / "_output" / edition).glob("*.pdf"))
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
