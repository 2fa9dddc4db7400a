"""The Python API runs as the README shows it, and raises user errors as dirreport errors."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from conftest import REPO, copy_project, copy_with_cache


def readme_example() -> str:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## From Python") :]
    match = re.search(r"```python\n(.*?)```", section, re.S)
    assert match, "the README's 'From Python' section has no Python example"
    return match.group(1)


def test_the_readme_example_runs_as_written(
    built_sample: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_with_cache(built_sample, tmp_path / "p")  # the charts drawn already: the example is the point
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
    assert not (project / "_output" / "en-summary").exists()  # a summary only when asked for


def test_an_up_to_date_build_lists_what_is_published(tmp_path: Path) -> None:
    import dirreport

    project = copy_project(REPO / "tests" / "fixtures" / "small", tmp_path / "p")
    first = dirreport.build(project, languages=["en"], formats=["html"], draft=True, output_dir=tmp_path / "site")
    again = dirreport.build(project, languages=["en"], formats=["html"], draft=True, output_dir=tmp_path / "site")
    assert again.up_to_date and not first.up_to_date
    assert again.outputs == first.outputs and all(p.is_file() for p in again.outputs)
    assert all(tmp_path / "site" in p.parents for p in first.outputs)  # published where it was asked to be
    assert not (project / "_output").exists()


@pytest.mark.parametrize(
    ("arguments", "named"),
    [
        ({"engine": "latex"}, "latex"),
        ({"languages": ["fr"]}, "fr"),
        ({"formats": ["odt"]}, "odt"),
    ],
)
def test_an_unknown_engine_language_or_format_is_refused_before_any_work(
    tmp_path: Path, arguments: dict[str, object], named: str
) -> None:
    import dirreport

    # the folder is not even a project: the options are refused before anything is read
    with pytest.raises(dirreport.InputError) as caught:
        dirreport.build(tmp_path, **arguments)  # type: ignore[arg-type]
    assert named in str(caught.value.problems[0].message)
    assert list(tmp_path.iterdir()) == []


def test_engines_are_found_by_name_and_the_built_in_ones_are_registered_like_any_other() -> None:
    from importlib import metadata

    from dirreport.render import engines

    assert {"pandoc", "quarto"} <= set(engines())
    registered = {e.name: e.value for e in metadata.entry_points(group="dirreport.engines")}
    assert registered.get("pandoc") == "dirreport.render:PANDOC"


def test_a_user_error_is_raised_with_its_file(tmp_path: Path) -> None:
    import dirreport

    with pytest.raises(dirreport.InputError) as caught:
        dirreport.load_project(tmp_path)
    assert any("_quarto.yml" in p.located() for p in caught.value.problems)


def test_every_public_name_is_there_with_a_docstring() -> None:
    import inspect

    import dirreport

    for name in dirreport.__all__:
        value = getattr(dirreport, name)
        if inspect.isclass(value) or inspect.isfunction(value):
            doc = (value.__doc__ or "").strip()
            # a dataclass without a docstring is given its signature as one
            assert doc and not doc.startswith(f"{value.__name__}("), f"dirreport.{name} has no docstring"
    # what the API returns is public too
    assert {"Point", "Trend", "Verdict", "Results", "IndicatorResult", "ReportCard"} <= set(dirreport.__all__)
