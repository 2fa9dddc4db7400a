"""The assembled Markdown of the sample, compared with golden files in ``tests/snapshots/``.

Assembly is where the templates, the narrative, the shortcodes and the figures
meet; a change anywhere in them shows here as a readable diff of the Markdown
every engine renders. Built in this process, with no pandoc or Typst.

After an intended change, rewrite the golden files and review their diff in git:

    PYTHONPATH=$PWD/src python -m pytest tests/test_snapshots.py --update-snapshots
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest

from conftest import REPO, copy_project
from dirreport.assemble.document import Document
from dirreport.assemble.editions import assemble
from dirreport.pipeline.project import load_project

SNAPSHOTS = Path(__file__).parent / "snapshots"
# a chart's file name carries a digest of its specification; the snapshot shows the kind of chart, and the
# values it draws are in the tables and descriptions beside it
CHART_FILE = re.compile(r"\b([a-z]+)-[0-9a-f]{20}\.(svg|png)\b")
DIFF_LINES = 80


@pytest.fixture(scope="module")
def assembled(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Document]:
    """The sample's three editions, assembled from a fresh copy (no chart cache, so no inline SVG)."""
    project = load_project(copy_project(REPO, tmp_path_factory.mktemp("snapshot") / "sample"))
    return {edition: assemble(project, edition) for edition in ("en", "cy", "bilingual")}


def normalised(markdown: str) -> str:
    return CHART_FILE.sub(r"\1-DIGEST.\2", markdown).rstrip("\n") + "\n"


def compare(name: str, actual: str, update: bool) -> None:
    """Fail with a unified diff of the golden file against what was produced, or rewrite it when asked."""
    golden = SNAPSHOTS / name
    if update:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8", newline="\n")
        return
    assert golden.exists(), f"no golden file {golden}: run pytest {Path(__file__).name} --update-snapshots"
    expected = golden.read_text(encoding="utf-8")
    if actual == expected:
        return
    diff = list(
        difflib.unified_diff(
            expected.splitlines(), actual.splitlines(), f"tests/snapshots/{name}", "assembled now", lineterm="", n=2
        )
    )
    shown = "\n".join(diff[:DIFF_LINES])
    more = f"\n... and {len(diff) - DIFF_LINES} more lines of diff" if len(diff) > DIFF_LINES else ""
    pytest.fail(
        f"the assembled Markdown differs from {name}; if the change is intended, run\n"
        f"  pytest tests/test_snapshots.py --update-snapshots\nand review the golden file's diff.\n\n{shown}{more}",
        pytrace=False,
    )


@pytest.mark.parametrize("edition", ["en", "cy", "bilingual"])
def test_assembled_markdown_matches_the_snapshot(
    assembled: dict[str, Document], edition: str, update_snapshots: bool
) -> None:
    compare(f"sample-{edition}.md", normalised(assembled[edition].markdown), update_snapshots)


def test_a_difference_is_shown_as_a_diff_naming_the_golden_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(f"{__name__}.SNAPSHOTS", tmp_path)
    compare("x.md", "# Heading\n\nOne line.\n", update=True)
    with pytest.raises(pytest.fail.Exception) as failed:
        compare("x.md", "# Heading\n\nAnother line.\n", update=False)
    message = str(failed.value)
    assert "tests/snapshots/x.md" in message and "-One line." in message and "+Another line." in message


def test_chart_digests_are_normalised_but_nothing_else() -> None:
    text = '<img src="charts/trend-a6f709a9c0b053cc01a2.svg"> and ![x](charts/comparison-8690840954c897127517.png)'
    assert normalised(text) == '<img src="charts/trend-DIGEST.svg"> and ![x](charts/comparison-DIGEST.png)\n'
