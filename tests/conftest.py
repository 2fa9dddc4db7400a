"""Shared fixtures: the sample project built once for real, and ways to read what it produced.

Builds run the real toolchain (pandoc, Typst); readers use the real tools
people use to open the files (poppler's pdftotext, python-docx, lxml).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from filelock import FileLock

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tools"))

from project_files import copy_project  # noqa: E402  (shared with the benchmarks)

EDITIONS = ("en", "cy", "bilingual")
SUMMARY_EDITIONS = ("en-summary", "cy-summary")
SAMPLE_EPOCH = "1730332800"  # SOURCE_DATE_EPOCH of the shared build: 31 October 2024, the sample's publication date
FORMATS = ("html", "pdf", "docx")


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def dirreport(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None, timeout: int = 600) -> Run:
    """Run the real command line in its own process, as a user would."""
    full_env = {**os.environ, **(env or {})}
    result = subprocess.run(
        [sys.executable, "-m", "dirreport", *args],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    return Run(result.returncode, result.stdout, result.stderr)


def dirreport_here(capsys: pytest.CaptureFixture[str], *args: str) -> Run:
    """The command line's own ``main`` in this process: its exit code and what it printed.

    For tests about what a command answers rather than about starting a process, which costs seconds.
    """
    from dirreport.cli import main

    capsys.readouterr()
    code = main(list(args))
    out, err = capsys.readouterr()
    return Run(code, out, err)


def assert_user_error(run: Run, *fragments: str) -> None:
    """A user error: non-zero exit, no traceback, and the message names what it should."""
    assert run.returncode != 0, run.output
    assert "Traceback" not in run.output, run.output
    for fragment in fragments:
        assert fragment in run.output, f"{fragment!r} not in:\n{run.output}"


def output_file(project: Path, edition: str, fmt: str) -> Path:
    folder = project / "_output" / edition
    matches = sorted(p for p in folder.glob(f"*.{fmt}") if not p.name.endswith("-data.xlsx"))
    assert matches, f"no .{fmt} in {folder}"
    return matches[0]


def copy_built(built: Path, target: Path) -> Path:
    """A copy of a built project with its published report and its cache, so a build there starts from both.

    The edition folders are relative links into the current generation, copied as links.
    """
    shutil.copytree(built, target, symlinks=True)
    return target


def copy_with_cache(built: Path, target: Path) -> Path:
    """A copy of a built project's inputs and its cache, without its published report: charts come from the cache."""
    copy_project(built, target)
    shutil.copytree(built / ".dirreport-cache", target / ".dirreport-cache")
    return target


def real_tool(variable: str, *names: str) -> str:
    """A program the tests run for real: named by an environment variable, or found on the PATH.

    Never skipped: a missing tool fails the test that needs it, saying how to provide it.
    """
    given = os.environ.get(variable)
    if given:
        if not Path(given).exists() and shutil.which(given) is None:
            pytest.fail(f"{variable}={given} does not exist")
        return given
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    pytest.fail(f"none of {', '.join(names)} is on the PATH: install it, or set {variable} to its path")


def chromium_path() -> str:
    return real_tool("CHROMIUM", "chromium", "chromium-browser", "google-chrome", "chrome")


def soffice_path() -> str:
    return real_tool("SOFFICE", "soffice", "libreoffice")


def pdf_text(path: Path, *args: str) -> str:
    return subprocess.run(["pdftotext", *args, str(path), "-"], capture_output=True, text=True, check=True).stdout


def html_text(path: Path) -> str:
    from lxml import html

    tree = html.fromstring(path.read_bytes())
    for bad in tree.xpath("//script|//style"):
        bad.drop_tree()
    return " ".join(tree.text_content().split())


def docx_text(path: Path) -> str:
    import docx

    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                parts.append(cell.text)
    return "\n".join(parts)


def docx_body_text(path: Path) -> str:
    """Paragraph text in document order, including paragraphs inside tables."""
    import docx
    from docx.oxml.ns import qn

    document = docx.Document(str(path))
    texts = []
    for p in document.element.body.iter(qn("w:p")):
        texts.append("".join(t.text or "" for t in p.iter(qn("w:t"))))
    return "\n".join(texts)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-snapshots",
        action="store_true",
        default=False,
        help="rewrite the golden files in tests/snapshots/ from what the code produces now",
    )


# files of many independent cases, spread over this many groups of workers: one worker alone would take longest
SPREAD = {"test_bad_inputs.py": 4, "test_browser.py": 2}


# the files whose fixtures build, lay out or open a browser for longest, dealt to the workers first (xdist hands out
# groups in the order they are collected), so the run does not end with one worker on a long file and two idle
LONGEST_FIRST = (
    "test_never_lose_work.py",
    "test_statswales.py",
    "test_sections_word.py",
    "test_docx_accessibility.py",
    "test_browser.py",
    "test_pages.py",
    "test_charts.py",
    "test_injection.py",
    "test_publishing.py",
    "test_build.py",
    "test_check.py",
    "test_templates_and_safety.py",
    "test_new_and_engines.py",
    "test_word_without_libreoffice.py",
    "test_bilingual_language.py",
    "test_benchmarks_smoke.py",
    "test_processes.py",
)


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist's own, which writes each item's group into its id
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """One pytest-xdist group a test file (``--dist loadgroup``), so its module fixtures are made once; a file
    named in ``SPREAD`` is dealt out over several groups; the longest files first."""
    order = {name: rank for rank, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: order.get(item.path.name, len(order)))  # stable: a file's tests keep their order
    for index, item in enumerate(items):
        name = item.path.name
        group = f"{name}:{index % SPREAD[name]}" if name in SPREAD else name
        item.add_marker(pytest.mark.xdist_group(group))


@pytest.fixture(scope="session")
def update_snapshots(request: pytest.FixtureRequest) -> bool:
    """True when the run was asked to rewrite the golden files rather than compare with them."""
    return bool(request.config.getoption("--update-snapshots"))


def made_once(tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]) -> Path:
    """A folder made once per test run, however many pytest-xdist workers ask for it.

    The first worker to ask makes it under a file lock; the others wait for it
    and read it.  Tests only read such a folder: one that changes files works
    on a copy (``copy_built``).
    """
    if os.environ.get("PYTEST_XDIST_WORKER") is None:
        target = tmp_path_factory.mktemp(name)
        make(target)
        return target
    target = tmp_path_factory.getbasetemp().parent / name
    with FileLock(f"{target}.lock"):
        made = target.with_name(f"{name}.made")
        if not made.exists():
            shutil.rmtree(target, ignore_errors=True)
            target.mkdir()
            make(target)
            made.write_text("", encoding="utf-8")
    return target


def with_settings(tmp_path: Path, **settings: object) -> Path:
    """A copy of the sample whose dirreport: settings are changed as given (None removes one)."""
    project = copy_project(REPO, tmp_path / "p")
    path = project / "_quarto.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for key, value in settings.items():
        if value is None:
            data["dirreport"].pop(key, None)
        else:
            data["dirreport"][key] = value
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return project


def _build_sample(folder: Path) -> None:
    copy_project(REPO, folder)
    run = dirreport("build", str(folder), env={"SOURCE_DATE_EPOCH": SAMPLE_EPOCH})
    assert run.returncode == 0, run.output


def _publish_english(folder: Path) -> None:
    copy_project(REPO, folder / "p")
    run = dirreport("build", str(folder / "p"), "--lang", "en", "--format", "html")
    assert run.returncode == 0, run.output


@pytest.fixture(scope="session")
def built_sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample project built once, every edition and format, with the real toolchain."""
    return made_once(tmp_path_factory, "sample", _build_sample)


EDITED_EPOCH = "1700000000"  # 14 November 2023: not the sample's publication date, so the PDF shows which one was used


def edit_one_figure(project: Path) -> None:
    """A new figure in the data (days waited for domiciliary care, quoted in the summary): every file changes."""
    replace_metrics(project, {"AD/022b": "5432"})


def input_digests(project: Path) -> dict[str, str]:
    """Every input file of a project (not its outputs or cache) and its hash."""
    return {
        str(p.relative_to(project)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(project.rglob("*"))
        if p.is_file() and "_output" not in p.parts and ".dirreport-cache" not in p.parts
    }


def _build_edited(folder: Path, charts_from: Path) -> None:
    project = copy_project(REPO, folder / "p")
    edit_one_figure(project)
    (folder / "inputs.json").write_text(json.dumps(input_digests(project)), encoding="utf-8")
    shutil.copytree(charts_from / ".dirreport-cache" / "charts", project / ".dirreport-cache" / "charts")
    run = dirreport("build", str(project), env={"SOURCE_DATE_EPOCH": EDITED_EPOCH})
    assert run.returncode == 0, run.output


@pytest.fixture(scope="session")
def edited_sample(built_sample: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample with one figure changed, built in every edition and format (``EDITED_EPOCH``) with no
    rendered file and no cache but the sample's charts: those the new figure changes are drawn again (their
    specification, so their name in the cache, holds the figure), the rest are the same drawings.

    Beside the project, ``inputs.json`` holds its inputs' digests from before the build.
    """
    return made_once(tmp_path_factory, "edited", lambda folder: _build_edited(folder, built_sample)) / "p"


@pytest.fixture(scope="session")
def published_sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The full sample with a good English HTML report already published, for tests that break a copy of it."""
    return made_once(tmp_path_factory, "published", _publish_english) / "p"


@pytest.fixture(scope="session")
def soffice_profile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One LibreOffice user profile for the run: a new profile costs LibreOffice seconds to set up."""
    return tmp_path_factory.mktemp("libreoffice-profile")


@pytest.fixture(scope="session")
def word_laid_out(built_sample: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each edition's Word file as LibreOffice lays it out (converted to PDF, as a reader's word processor shows it),
    once for the run however many workers' tests read it."""
    sources = {edition: output_file(built_sample, edition, "docx") for edition in (*EDITIONS, *SUMMARY_EDITIONS)}

    def lay_out(out: Path) -> None:
        profile = out / "profile"
        result = subprocess.run(
            [
                soffice_path(),
                f"-env:UserInstallation={profile.as_uri()}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out),
                *(str(s) for s in sources.values()),
            ],
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        for source in sources.values():
            assert (out / f"{source.stem}.pdf").exists(), result.stdout + result.stderr

    out = made_once(tmp_path_factory, "word-pages", lay_out)
    return {edition: out / f"{source.stem}.pdf" for edition, source in sources.items()}


def replace_metrics(
    project: Path, values: dict[str, str], authority: str = "X99999999", year: str = "2023-24"
) -> dict[str, int]:
    """Put new values into a copy's metrics.csv for the given codes; the file row of each code changed."""
    path = project / "data" / "metrics.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    rows = {}
    for number, line in enumerate(lines, start=1):
        row_authority, row_year, code, _value = line.split(",")
        if row_authority == authority and row_year == year and code in values:
            lines[number - 1] = f"{authority},{year},{code},{values[code]}"
            rows[code] = number
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return rows
