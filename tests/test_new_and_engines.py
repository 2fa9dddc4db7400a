"""A new project builds at once; the Quarto engine and the live preview behave as documented."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from conftest import assert_user_error, copy_with_cache, dirreport, html_text, output_file, pdf_text


def test_new_then_build_gives_a_draft_report(tmp_path: Path) -> None:
    target = tmp_path / "cardiff-2024-25"
    run = dirreport("new", str(target), "--authority", "W06000015", "--year", "2024-25")
    assert run.returncode == 0, run.output
    assert (target / "narratives" / "cy" / "3a-i.md").exists()
    assert "status: draft" in (target / "narratives" / "en" / "3a-i.md").read_text(encoding="utf-8")
    header = (target / "data" / "metrics.csv").read_text(encoding="utf-8-sig").strip()
    assert header == "authority,year,metric,value"
    check = dirreport("check", str(target))
    assert check.returncode == 1  # nothing is written or evidenced yet
    build = dirreport(
        "build", str(target), "--draft", "--lang", "en", "--lang", "cy", "--format", "html", "--format", "pdf"
    )
    assert build.returncode == 0, build.output
    text = " ".join(pdf_text(output_file(target, "cy", "pdf")).split())
    assert "DRAFFT" in text and "Dalfan" in text and "Pennod 3(a): Pobl" in text
    english = html_text(output_file(target, "en", "html"))
    assert "Placeholder: this section has not been written yet" in english and "Cardiff" in english


def test_new_refuses_an_unknown_authority_without_names(tmp_path: Path) -> None:
    run = dirreport("new", str(tmp_path / "x"), "--authority", "X1", "--year", "2024-25")
    assert_user_error(run, "--authority", "not the ONS code")


def test_quarto_engine_writes_qmd_and_says_when_quarto_is_missing(built_sample: Path, tmp_path: Path) -> None:
    project = copy_with_cache(built_sample, tmp_path / "p")
    # the PATH without any folder holding a quarto executable: this test is about its absence
    folders = os.environ.get("PATH", "").split(os.pathsep)
    bare_path = {"PATH": os.pathsep.join(f for f in folders if f and not shutil.which("quarto", path=f))}
    run = dirreport("build", str(project), "--engine", "quarto", "--lang", "en", env=bare_path)
    assert run.returncode == 0, run.output
    assert "Quarto CLI is not installed" in run.output and "quarto render" in run.output
    folder = project / "_output" / "quarto" / "en"
    qmd = folder / "directors-report-2023-24.qmd"
    assert qmd.exists() and (folder / "_quarto.yml").exists() and (folder / "pairs.lua").exists()
    text = qmd.read_text(encoding="utf-8")
    assert 'content-visible when-format="html"' in text and "Chapter 3(a): People" in text
    assert any(p.suffix == ".svg" for p in (folder / "charts").iterdir())


def test_quarto_engine_runs_the_blocking_checks_and_publishes_atomically(built_sample: Path, tmp_path: Path) -> None:
    project = copy_with_cache(built_sample, tmp_path / "p")
    first = dirreport("build", str(project), "--engine", "quarto", "--lang", "en")
    assert first.returncode == 0, first.output
    qmd = project / "_output" / "quarto" / "en" / "directors-report-2023-24.qmd"
    before = qmd.read_bytes()
    summary = project / "narratives" / "en" / "1-summary.md"
    summary.write_text(
        summary.read_text(encoding="utf-8") + "\n\nCall about NHS number 943 476 5919.\n", encoding="utf-8"
    )
    run = dirreport("build", str(project), "--engine", "quarto", "--lang", "en")
    assert run.returncode == 1, run.output
    assert "NHS number" in run.output and "narratives/en/1-summary.md" in run.output
    assert qmd.read_bytes() == before  # the published Quarto sources are exactly as they were
    assert "943 476 5919" not in "".join(
        p.read_text(encoding="utf-8", errors="replace") for p in (project / "_output").rglob("*.qmd")
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_preview_serves_locally_and_reloads_after_an_edit(built_sample: Path, tmp_path: Path) -> None:
    project = copy_with_cache(built_sample, tmp_path / "p")
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "dirreport", "preview", str(project), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        page = _wait_for(f"http://127.0.0.1:{port}/", timeout=300)
        assert "Chapter 1: Director" in page and "EventSource" in page
        events = urllib.request.urlopen(f"http://127.0.0.1:{port}/__events", timeout=300)
        narrative = project / "narratives" / "en" / "1-summary.md"
        narrative.write_text(
            narrative.read_text(encoding="utf-8") + "\nA sentence added while previewing.\n", encoding="utf-8"
        )
        assert events.readline().startswith(b"data: reload")
        assert "A sentence added while previewing." in _wait_for(f"http://127.0.0.1:{port}/", timeout=60)
        assert _listening_addresses(port) == {"127.0.0.1"}  # nothing listens beyond this machine's loopback
        assert not (project / "_output").exists()  # previewing never touches the published report
    finally:
        server.terminate()
        server.wait(timeout=30)


def _listening_addresses(port: int) -> set[str]:
    """Local addresses of listening TCP sockets on a port, as the operating system reports them."""
    import psutil

    return {
        c.laddr.ip
        for c in psutil.net_connections(kind="inet")
        if c.status == psutil.CONN_LISTEN and c.laddr and c.laddr.port == port
    }


def _wait_for(url: str, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                return str(response.read().decode("utf-8"))
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)
