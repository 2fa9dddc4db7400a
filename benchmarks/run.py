"""Measure dirreport's speed against the bare toolchain, in one run on one machine.

    python benchmarks/run.py            # all measurements; prints a Markdown table
    python benchmarks/run.py --quick    # skip the 22-authority batch build

What is measured (wall-clock seconds, median of the repeats given):

1. cold: ``dirreport build`` of the sample project with no cache (three editions
   x three formats, downloads included), against the bare toolchain doing the same
   work on the documents dirreport assembled: matplotlib drawing the same charts,
   pandoc writing HTML, Word and Typst, and Typst compiling the PDFs, one after
   another in one process (and, separately, spread over every core).
2. nothing changed: ``dirreport build`` again.
3. one paragraph edited: the rebuild after changing one English paragraph, with
   what was re-rendered and whether any chart was redrawn.
4. batch: ``dirreport build --authority all`` on a dataset of all 22
   authorities, with the peak memory of the whole process tree.
5. giant input: ``dirreport check`` on a 1,000,000-row metrics file.
6. preview: the live preview's page after saving one English paragraph, beside the
   command-line rebuild of the English HTML after the same kind of edit.

Shared machines are noisy: compare the ratios printed, which are measured in
the same run, rather than absolute times across runs.
"""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "tools"))
from project_files import copy_project  # noqa: E402


class PeakMemory:
    """Samples the resident memory of a process and all its children until stopped."""

    def __init__(self, pid: int) -> None:
        import psutil

        self.process = psutil.Process(pid)
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        import psutil

        while not self._stop.is_set():
            try:
                procs = [self.process, *self.process.children(recursive=True)]
                total = 0
                for proc in procs:
                    with contextlib.suppress(psutil.Error):
                        total += proc.memory_info().rss
                self.peak = max(self.peak, total)
            except psutil.Error:
                pass
            time.sleep(0.05)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


def run_cli(*args: str, cwd: Path | None = None) -> tuple[float, str, int]:
    """Wall time, output and peak memory (bytes, process tree) of one dirreport command."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "dirreport", *args], cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    memory = PeakMemory(proc.pid)
    out, _ = proc.communicate()
    elapsed = time.perf_counter() - start
    peak = memory.stop()
    if proc.returncode != 0:
        raise SystemExit(f"dirreport {' '.join(args)} failed:\n{out}")
    return elapsed, out, peak


def python_start() -> float:
    """The median time of an interpreter that does nothing: the floor under any command, which the machine's
    own site-packages (a .pth file run at every start) can raise well above Python's own."""
    times = []
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bare_toolchain(project: Path, parallel: bool) -> float:
    """The same drawing and rendering done by calling matplotlib, pandoc and Typst directly."""
    from dirreport.assemble.editions import assemble
    from dirreport.pipeline.project import load_project

    loaded = load_project(project)
    documents = [assemble(loaded, e) for e in loaded.config.editions]
    specs = {f"{s.kind}-{s.digest()}": s for d in documents for s in d.charts}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        jobs: list[tuple[str, object, str]] = [("chart", spec, str(work / "charts")) for spec in specs.values()]
        for document in documents:
            for fmt in loaded.config.formats:  # the formats the build makes
                jobs.append(("render", (document, fmt), str(work / f"{document.edition}-{fmt}")))
        start = time.perf_counter()
        if parallel:
            spawn = multiprocessing.get_context("spawn")
            with ProcessPoolExecutor(max_workers=os.cpu_count() or 1, mp_context=spawn) as pool:
                charts = [pool.submit(_bare_job, *job) for job in jobs if job[0] == "chart"]
                for future in charts:
                    future.result()
                renders = [pool.submit(_bare_job, *job) for job in jobs if job[0] == "render"]
                for future in renders:
                    future.result()
        else:
            for job in jobs:
                _bare_job(*job)
        return time.perf_counter() - start


def _bare_job(kind: str, payload: object, folder: str) -> None:
    from bare import draw_with_matplotlib, render_with_pandoc_and_typst

    if kind == "chart":
        draw_with_matplotlib(payload, Path(folder))
    else:
        assert isinstance(payload, tuple)
        document, fmt = payload
        render_with_pandoc_and_typst(document, fmt, Path(folder))


SMOKE_PROJECT = REPO / "tests" / "fixtures" / "small"  # a handful of indicators, no narrative: built as a draft


def batch_project(path: Path) -> Path:
    """The sample's narratives over a synthetic dataset of all 22 authorities, the first of them its own."""
    from sample_data import SAMPLE_CODE, SIZES, generate, write

    project = copy_project(REPO, path)
    authorities = [a for a in SIZES if a != SAMPLE_CODE]
    write(project / "data", *generate(authorities, all_metrics_for=set(authorities)))
    settings = project / "_quarto.yml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace(f"authority: {SAMPLE_CODE}", f"authority: {authorities[0]}"), encoding="utf-8")
    return project


def smoke() -> list[tuple[str, str]]:
    """Every step of the cold and nothing-changed measurements on a tiny project, so the suite keeps this script
    working; its figures say nothing about speed."""
    with tempfile.TemporaryDirectory() as tmp:
        project = copy_project(SMOKE_PROJECT, Path(tmp) / "small")
        settings = project / "_quarto.yml"
        text = settings.read_text(encoding="utf-8")
        settings.write_text(
            text.replace("languages: [en, cy]", "languages: [en]").replace(
                "formats: [html, pdf, docx]", "formats: [html]"
            ),
            encoding="utf-8",
        )
        cold, _out, peak = run_cli("build", str(project), "--draft")
        bare = bare_toolchain(project, parallel=False)
        again = run_cli("build", str(project), "--draft")[0]
        # the batch's project is made and loaded as its build loads it (the 22 reports themselves are left out)
        from dirreport.pipeline.project import load_project

        start = time.perf_counter()
        load_project(batch_project(Path(tmp) / "batch"))
        batch = time.perf_counter() - start
        return [
            ("Cold build of the small project (draft)", f"{cold:.1f} s, peak {peak / 2**20:.0f} MB"),
            ("Bare toolchain, one process", f"{bare:.1f} s"),
            ("Ratio: dirreport cold / bare toolchain one process", f"{cold / bare:.2f}x"),
            ("Rebuild with nothing changed", f"{again:.2f} s"),
            ("Batch project loaded (22 authorities)", f"{batch:.1f} s"),
        ]


def measure(quick: bool, repeats: int) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        cold_times, bare_seq, bare_par = [], [], []
        for k in range(repeats):
            project = copy_project(REPO, base / f"cold{k}")
            elapsed, _out, cold_peak = run_cli("build", str(project))
            cold_times.append(elapsed)
            bare_seq.append(bare_toolchain(project, parallel=False))
            bare_par.append(bare_toolchain(project, parallel=True))
        cold, seq, par = statistics.median(cold_times), statistics.median(bare_seq), statistics.median(bare_par)
        rows.append(
            ("Cold build of the sample (3 editions x 3 formats)", f"{cold:.1f} s, peak {cold_peak / 2**20:.0f} MB")
        )
        rows.append(("Bare toolchain, one process", f"{seq:.1f} s"))
        rows.append(("Bare toolchain, one process per core", f"{par:.1f} s"))
        rows.append(("Ratio: dirreport cold / bare toolchain one process", f"{cold / seq:.2f}x"))
        rows.append(("Ratio: dirreport cold / bare toolchain on every core", f"{cold / par:.2f}x"))

        project = base / "cold0"
        noop = [run_cli("build", str(project))[0] for _ in range(max(3, repeats))]
        rows.append(("Rebuild with nothing changed", f"{statistics.median(noop):.2f} s"))
        rows.append(("Python starting and doing nothing (`python -c pass`), for scale", f"{python_start():.2f} s"))

        # a Welsh paragraph: only the Welsh and bilingual editions depend on it
        narrative = project / "narratives" / "cy" / "2-context.md"
        text = narrative.read_text(encoding="utf-8")
        narrative.write_text(text.replace("ffermydd yr ucheldir", "ffermydd y bryniau"), encoding="utf-8")
        elapsed, out, _ = run_cli("build", str(project), "--verbose")
        summary = next((line.strip() for line in out.splitlines() if "rendered," in line), "")
        rows.append(("Rebuild after editing one Welsh paragraph", f"{elapsed:.1f} s ({summary})"))

        rows += preview_after_edit(copy_project(REPO, base / "preview"))

        if not quick:
            batch = batch_project(base / "batch")
            # --draft: the sample's narrative quotes figures that the synthetic data suppresses for some
            # authorities (a count of 1 to 4); a draft marks those and renders the same documents
            elapsed, _out, peak = run_cli("build", str(batch), "--authority", "all", "--draft", "--quiet")
            rows.append(
                (
                    "Batch: all 22 authorities, 3 editions x 3 formats each (`--draft`)",
                    f"{elapsed:.0f} s, peak memory {peak / 2**20:.0f} MB",
                )
            )

        giant = copy_project(REPO, base / "giant")
        rows.append(("1,000,000-row metrics file, `dirreport check`", _giant(giant)))
    return rows


def preview_after_edit(project: Path) -> list[tuple[str, str]]:
    """What an author with ``dirreport preview`` open waits for after saving one English paragraph.

    The preview's own path (``pipeline.live``), timed in this process from the save to the page, beside
    ``dirreport build --lang en --format html`` after the same kind of edit, measured in the same run.
    """
    from dirreport.pipeline.live import LivePreview

    narrative = project / "narratives" / "en" / "2-context.md"
    live = LivePreview(project, "en")
    live.page()
    times = []
    for n in range(5):
        narrative.write_text(
            narrative.read_text(encoding="utf-8") + f"\nA sentence saved while previewing ({n}).\n", encoding="utf-8"
        )
        start = time.perf_counter()
        page = live.page([narrative])
        times.append(time.perf_counter() - start)
        assert f"A sentence saved while previewing ({n})." in page
    run_cli("build", str(project), "--lang", "en", "--format", "html", "--draft")
    builds = []
    for n in range(3):
        narrative.write_text(
            narrative.read_text(encoding="utf-8") + f"\nA sentence saved before building ({n}).\n", encoding="utf-8"
        )
        builds.append(run_cli("build", str(project), "--lang", "en", "--format", "html", "--draft")[0])
    preview, build = statistics.median(times), statistics.median(builds)
    return [
        ("Preview: page updated after saving one English paragraph", f"{preview:.2f} s"),
        ("`build --lang en --format html` after saving one English paragraph", f"{build:.1f} s"),
        ("Ratio: preview update / command-line rebuild", f"{preview / build:.2f}x"),
    ]


def _giant(project: Path) -> str:
    source = (project / "data" / "metrics.csv").read_text(encoding="utf-8").splitlines()
    header, body = source[0], source[1:]
    lines = [header]
    while len(lines) <= 1_000_000:
        lines.extend(body)
    # the sample's own rows, then copies of them moved to distinct past years (the same rows again would be
    # duplicates), so the report still has its data and the check can pass
    years = sorted({line.split(",")[1] for line in body})
    out = [header, *body]
    for n, line in enumerate(lines[1 : 1_000_001 - len(body)]):
        authority, year, metric, value = line.split(",")
        first = 2018 - (n // len(body)) * len(years) - years.index(year)
        out.append(f"{authority},{first}-{(first + 1) % 100:02d},{metric},{value}")
    (project / "data" / "metrics.csv").write_text("\n".join(out) + "\n", encoding="utf-8")
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "dirreport", "check", str(project), "--quiet"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    memory = PeakMemory(proc.pid)
    proc.communicate()
    elapsed = time.perf_counter() - start
    return f"{elapsed:.1f} s, peak memory {memory.stop() / 2**20:.0f} MB (exit {proc.returncode})"


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        model = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
        cpu = model
    except (OSError, StopIteration):
        pass
    memory = ""
    try:
        kb = int(
            next(
                line.split()[1]
                for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")
            )
        )
        memory = f", {kb / 2**20:.0f} GiB memory"
    except (OSError, StopIteration):
        pass
    return f"{os.cpu_count()} cores ({cpu}){memory}, Python {platform.python_version()}, {platform.system()}"


def main() -> None:
    parser = argparse.ArgumentParser(description="Measure dirreport against the bare toolchain.")
    parser.add_argument("--quick", action="store_true", help="skip the 22-authority batch build")
    parser.add_argument("--repeats", type=int, default=1, help="cold builds to take the median of")
    parser.add_argument("--smoke", action="store_true", help="a tiny project, to show the script still runs")
    args = parser.parse_args()
    rows = smoke() if args.smoke else measure(args.quick, args.repeats)
    print(f"Machine: {machine()}\n")
    print("| measurement | result |\n| --- | --- |")
    for name, value in rows:
        print(f"| {name} | {value} |")


if __name__ == "__main__":
    main()
