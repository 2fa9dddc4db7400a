"""The Python API runs as the README shows it, and raises user errors as dirreport errors."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from conftest import REPO, copy_project


def readme_example() -> str:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## From Python") :]
    match = re.search(r"```python\n(.*?)```", section, re.S)
    assert match, "the README's 'From Python' section has no Python example"
    return match.group(1)


def test_the_readme_example_runs_as_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(REPO, tmp_path / "p")
    here = Path.cwd()
    os.chdir(project)
    try:
        exec(compile(readme_example(), "README.md", "exec"), {})
    finally:
        os.chdir(here)
    printed = capsys.readouterr().out
    assert "2023-24" in printed and "errors," in printed
    assert (project / "_output" / "en" / "directors-report-2023-24.html").is_file()
    assert not list((project / "_output").glob("cy/*.html"))  # only what was asked for


def test_a_user_error_is_raised_with_its_file(tmp_path: Path) -> None:
    import dirreport

    with pytest.raises(dirreport.InputError) as caught:
        dirreport.load_project(tmp_path)
    assert any("_quarto.yml" in p.located() for p in caught.value.problems)
