"""A build never loses work: atomic publishing, untouched inputs, the same bytes from the same inputs."""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pikepdf
import pytest

from conftest import REPO, copy_project, dirreport, pdf_text

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


@pytest.fixture(scope="module")
def versions(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str], dict[str, str]]:
    """A published project, the digests of its output, and the digests the edited project must give."""
    base = tmp_path_factory.mktemp("lose")
    old = copy_project(REPO, base / "old")
    assert dirreport("build", str(old)).returncode == 0
    new = copy_project(REPO, base / "new")
    edit(new)
    assert dirreport("build", str(new)).returncode == 0
    return old, digests(old / "_output"), digests(new / "_output")


def test_killed_builds_leave_a_whole_report_old_or_new(versions, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    old, before, after = versions
    assert before != after
    rng = random.Random(20241031)
    outcomes = set()
    for attempt in range(6):
        project = tmp_path / f"attempt{attempt}"
        shutil.copytree(old, project, symlinks=True)
        edit(project)
        process = subprocess.Popen(
            [sys.executable, "-m", "dirreport", "build", str(project)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        time.sleep(rng.uniform(0.3, 12.0))
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        published = digests(project / "_output")
        assert len(published) == 3 * EDITION_FILES
        assert published in (before, after), "a mix of old and new files, or a damaged file"
        outcomes.add("new" if published == after else "old")
        # the next build after a kill finishes the job from whatever the cache holds
        assert dirreport("build", str(project)).returncode == 0
        assert digests(project / "_output") == after
    assert "old" in outcomes  # at least one kill landed before the switch


def test_a_build_changes_no_input(tmp_path: Path) -> None:
    project = copy_project(REPO, tmp_path / "p")
    before = inputs(project)
    assert dirreport("build", str(project), "--lang", "en").returncode == 0
    assert inputs(project) == before


def test_the_same_inputs_give_the_same_files(versions, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    old, before, _after = versions
    again = copy_project(REPO, tmp_path / "again")
    assert dirreport("build", str(again)).returncode == 0
    rebuilt = digests(again / "_output")
    for name, digest in before.items():
        if name.endswith((".html", ".docx", ".csv", ".xlsx")):
            assert rebuilt[name] == digest, f"{name} differs between two builds of the same project"
    for edition in ("en", "cy", "bilingual"):
        first = next((old / "_output" / edition).glob("*.pdf"))
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


def test_source_date_epoch_sets_the_pdf_date(tmp_path: Path) -> None:
    project = copy_project(REPO, tmp_path / "p")
    run = dirreport("build", str(project), "--lang", "en", "--format", "pdf", env={"SOURCE_DATE_EPOCH": "1700000000"})
    assert run.returncode == 0, run.output
    with pikepdf.open(next((project / "_output" / "en").glob("*.pdf"))) as pdf:
        assert str(pdf.docinfo["/CreationDate"]).startswith("D:20231114")
