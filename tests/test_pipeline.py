"""The pipeline's own rules, in process: caches keyed by tool versions, a clean worker start on every system."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

import pytest

from dirreport import toolchain
from dirreport.assemble.document import Document
from dirreport.figures.charts import chart_files
from dirreport.figures.specs import ChartSpec
from dirreport.pipeline import cache, workers
from dirreport.render import jobs_for, renderer
from dirreport.render.common import RenderSettings


def _document() -> Document:
    return Document(
        edition="en",
        lang="en",
        basename="r",
        markdown="# A heading\n",
        metadata={},
        figures=(),
        tables=(),
        resources={},
        draft=False,
    )


def _spec() -> ChartSpec:
    return ChartSpec(
        id="AD-X", kind="trend", lang="en", title="A rate", categories=("2022-23", "2023-24"), series=(), value_axis="%"
    )


def _upgrade(monkeypatch: pytest.MonkeyPatch, tool: str) -> None:
    before = toolchain.versions()
    monkeypatch.setattr(toolchain, "versions", lambda: {**before, tool: before[tool] + ".1"})
    if hasattr(cache.code_fingerprint, "cache_clear"):
        cache.code_fingerprint.cache_clear()


@pytest.mark.parametrize(
    ("tool", "fmt"), [("pandoc", "html"), ("typst", "pdf"), ("python-docx", "docx"), ("dirreport", "html")]
)
def test_a_new_tool_version_gives_a_new_render_key(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, tool: str, fmt: str
) -> None:
    settings = RenderSettings(project_root=tmp_path, cache_dir=tmp_path, epoch=0)
    before = cache.render_key(_document(), fmt, "pandoc", settings)
    assert cache.render_key(_document(), fmt, "pandoc", settings) == before  # stable while nothing changes
    _upgrade(monkeypatch, tool)
    assert cache.render_key(_document(), fmt, "pandoc", settings) != before
    cache.code_fingerprint.cache_clear()


def test_an_unrelated_tool_leaves_a_render_key_alone(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    settings = RenderSettings(project_root=tmp_path, cache_dir=tmp_path, epoch=0)
    before = cache.render_key(_document(), "html", "pandoc", settings)
    _upgrade(monkeypatch, "typst")  # the web page owes nothing to Typst
    assert cache.render_key(_document(), "html", "pandoc", settings) == before
    cache.code_fingerprint.cache_clear()


@pytest.mark.parametrize("tool", ["matplotlib", "dirreport"])
def test_a_new_matplotlib_or_dirreport_redraws_charts(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, tool: str
) -> None:
    spec = _spec()
    before = chart_files(spec, tmp_path)
    _upgrade(monkeypatch, tool)
    after = chart_files(spec, tmp_path)
    assert after["svg"] != before["svg"] and after["png"] != before["png"]


def test_a_new_typst_makes_new_word_pictures_but_keeps_the_svg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    spec = _spec()
    before = chart_files(spec, tmp_path)
    _upgrade(monkeypatch, "typst")
    after = chart_files(spec, tmp_path)
    assert after["svg"] == before["svg"] and after["png"] != before["png"]


def test_a_whole_build_is_stale_after_a_tool_upgrade(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "_quarto.yml").write_text("x: 1\n", encoding="utf-8")
    before = cache.project_fingerprint(tmp_path, tmp_path / "_output", "")
    _upgrade(monkeypatch, "pandoc")
    assert cache.project_fingerprint(tmp_path, tmp_path / "_output", "") != before
    cache.code_fingerprint.cache_clear()


def test_workers_start_clean_on_every_system() -> None:
    method = workers.start_method()
    assert method in multiprocessing.get_all_start_methods()
    assert method in ("forkserver", "spawn")  # never fork: it does not exist on Windows and copies threads


def test_a_pool_of_one_runs_in_this_process() -> None:
    pool = workers.worker_pool(1)
    assert isinstance(pool, workers.InProcess) and workers.workers_of(pool) == 1
    assert pool.submit(sum, [1, 2, 3]).result() == 6


def test_engines_are_looked_up_by_name() -> None:
    assert jobs_for("pandoc", ["html", "pdf", "docx"]) == ["html", "pdf", "docx"]
    assert jobs_for("quarto", ["html", "pdf"]) == ["qmd"]  # Quarto makes every format of an edition at once
    assert renderer("pandoc", "html").__module__ == "dirreport.render.html"
    assert renderer("quarto", "qmd").__module__ == "dirreport.render.quarto"
    with pytest.raises(ValueError, match="no renderer"):
        renderer("pandoc", "epub")


def _tiny_project(root: Path) -> Path:
    """A project folder of the kinds of file a build reads, none of them valid: the fingerprint reads bytes only."""
    for relative in (
        "_quarto.yml",
        "_brand.yml",
        "data/metrics.csv",
        "narratives/en/1.md",
        "narratives/cy/1.md",
        "templates/report.html",
        "images/logo.svg",
    ):
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"{relative}\n", encoding="utf-8")
    return root


@pytest.mark.parametrize(
    "relative",
    [
        "_quarto.yml",
        "_brand.yml",
        "data/metrics.csv",
        "narratives/en/1.md",
        "narratives/cy/1.md",
        "templates/report.html",
        "images/logo.svg",
    ],
)
def test_every_input_is_in_the_fingerprint_by_its_content(tmp_path: Path, relative: str) -> None:
    root = _tiny_project(tmp_path / "p")
    before = cache.project_fingerprint(root, root / "_output", "")
    path = root / relative
    stat = path.stat()
    path.write_text("!" + f"{relative}\n"[1:], encoding="utf-8")  # the same size
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # and the same time: only the content says
    assert cache.project_fingerprint(root, root / "_output", "") != before


def test_a_file_touched_but_unchanged_is_no_change(tmp_path: Path) -> None:
    root = _tiny_project(tmp_path / "p")
    before = cache.project_fingerprint(root, root / "_output", "")
    os.utime(root / "data/metrics.csv", ns=(1, 1))
    assert cache.project_fingerprint(root, root / "_output", "") == before


def test_last_years_project_and_the_build_date_are_in_the_fingerprint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _tiny_project(tmp_path / "p")
    last = _tiny_project(tmp_path / "last")
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    before = cache.project_fingerprint(root, root / "_output", "", also=(last,))
    (last / "narratives/en/1.md").write_text("What we need to improve: more\n", encoding="utf-8")
    after_last_year = cache.project_fingerprint(root, root / "_output", "", also=(last,))
    assert after_last_year != before
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1730332800")
    assert cache.project_fingerprint(root, root / "_output", "", also=(last,)) != after_last_year


def test_the_output_and_the_cache_are_not_inputs(tmp_path: Path) -> None:
    root = _tiny_project(tmp_path / "p")
    before = cache.project_fingerprint(root, root / "_output", "")
    for folder in ("_output/en", ".dirreport-cache"):
        (root / folder).mkdir(parents=True, exist_ok=True)
        (root / folder / "x.html").write_text("new", encoding="utf-8")
    assert cache.project_fingerprint(root, root / "_output", "") == before


def test_word_pictures_are_dealt_in_even_rounds() -> None:
    """No core waits through a last round of one short chunk, and nothing is dropped or reordered."""
    from dirreport.pipeline.workers import even_chunks

    for count, workers_, most in [(64, 2, 24), (49, 2, 24), (3, 2, 24), (200, 2, 24), (10, 1, 24), (5, 4, 24)]:
        items = list(range(count))
        chunks = even_chunks(items, workers_, most)  # type: ignore[arg-type]
        assert [i for chunk in chunks for i in chunk] == items
        assert all(len(c) <= most for c in chunks)
        assert max(map(len, chunks)) - min(map(len, chunks)) <= 1
        if count >= workers_:
            assert len(chunks) % workers_ == 0 or len(chunks) == count, (count, [len(c) for c in chunks])
    assert [len(c) for c in even_chunks(list(range(64)), 2, 24)] == [16, 16, 16, 16]  # type: ignore[arg-type]
    assert even_chunks([], 2, 24) == []


def test_the_longest_renders_start_first() -> None:
    from dirreport.pipeline.build import render_cost

    jobs = [(e, j) for e in ("en", "cy", "bilingual", "en-summary") for j in ("html", "pdf", "docx")]
    ordered = sorted(jobs, key=lambda job: -render_cost(*job))
    assert ordered[0] == ("bilingual", "docx")
    assert ordered[-1] == ("en-summary", "html")
    assert render_cost("en", "docx") > render_cost("en", "pdf") > render_cost("en", "html")
