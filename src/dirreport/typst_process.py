"""Typst run in short-lived processes of its own.

Typst memoises what it laid out in the last ten compilations for the life of
the process: some 200 MB for a report, tens of MB for a chart picture.  A
worker that compiled the PDFs and pictures of many reports (a batch of 22
authorities) would hold gigabytes it never uses again; a process that does
one job and exits gives all of it back.  Starting one costs a few hundredths
of a second, a small fraction of the work it does.

The child runs this file as a script, not as part of the package, so it
imports nothing but Typst and the watch that ends it if the process that
started it is killed (``dirreport.processes``).
"""

from __future__ import annotations

import json
import os
import re
import struct
import subprocess
import sys
import zlib
from dataclasses import asdict, dataclass
from typing import Literal

FAILED = 3  # the child's exit status when Typst refused the document
PAGES_PER_COMPILE = 2  # Typst holds every page of a compilation in memory at full resolution


@dataclass(frozen=True)
class PdfJob:
    """One document to compile to PDF: the arguments of ``typst.compile``."""

    source: str
    output: str
    root: str
    font_paths: list[str]
    pdf_standards: Literal["ua-1"]
    timestamp: int | None


@dataclass(frozen=True)
class PictureJob:
    """Charts drawn as SVG, to be turned into PNGs at the width they have on the page."""

    pairs: list[tuple[str, str]]  # (svg, png)
    work: str  # an empty folder of the caller's, the root Typst may read from
    width_in: float
    ppi: int
    font_paths: list[str]


class TypstFailed(Exception):
    """Typst refused the document: its message and hints, as Typst gave them."""

    def __init__(self, message: str, hints: list[str], diagnostic: str) -> None:
        super().__init__(message)
        self.message = message
        self.hints = hints
        self.diagnostic = diagnostic

    def source_line(self) -> str | None:
        """The line of Typst source the error points at, as Typst quoted it."""
        match = re.search(r"^\s*\d+ \u2502 (.*\S)\s*$", self.diagnostic, flags=re.MULTILINE)
        return match.group(1) if match else None


def compile_pdf(job: PdfJob) -> None:
    """Compile ``job.source`` to ``job.output``; raise TypstFailed if Typst refuses it."""
    _run_child("pdf", asdict(job))


def rasterise(job: PictureJob) -> None:
    """Write each PNG of ``job.pairs`` from its SVG, as Typst renders it in the PDF."""
    _run_child("pictures", asdict(job))


def _run_child(kind: str, job: dict[str, object]) -> None:
    run = subprocess.run(
        [sys.executable, __file__, kind, json.dumps(job)], capture_output=True, text=True, encoding="utf-8", check=False
    )
    if run.returncode == FAILED:
        answer = json.loads(run.stdout)
        raise TypstFailed(answer["message"], answer["hints"], answer["diagnostic"])
    if run.returncode != 0:
        raise RuntimeError(f"the Typst process stopped with status {run.returncode}: {run.stderr.strip()}")


# --- the child --------------------------------------------------------------------------------------


def _compile_pdf(job: PdfJob) -> None:
    import typst

    typst.compile(
        job.source,
        output=job.output,
        root=job.root,
        font_paths=job.font_paths,
        ignore_system_fonts=True,
        pdf_standards=job.pdf_standards,
        timestamp=job.timestamp,
    )


def _rasterise(job: PictureJob) -> None:
    import typst

    for start in range(0, len(job.pairs), PAGES_PER_COMPILE):
        pairs = job.pairs[start : start + PAGES_PER_COMPILE]
        pages = []
        for n, (svg, _png) in enumerate(pairs):
            os.link(svg, os.path.join(job.work, f"{start + n}.svg"))
            pages.append(
                f"#page(width: auto, height: auto, margin: 0pt, fill: white)"
                f'[#image("{start + n}.svg", width: {job.width_in}in)]'
            )
        typ = os.path.join(job.work, f"{start}.typ")
        with open(typ, "w", encoding="utf-8") as f:
            f.write("\n".join(pages))
        images = typst.compile(
            typ, format="png", ppi=job.ppi, font_paths=job.font_paths, ignore_system_fonts=True, root=job.work
        )
        for (_svg, png), image in zip(pairs, images if isinstance(images, list) else [images], strict=True):
            tmp = f"{png}.{os.getpid()}.tmp"
            with open(tmp, "wb") as f:
                f.write(_with_resolution(image, job.ppi))
            os.replace(tmp, png)


def _with_resolution(png: bytes, ppi: int) -> bytes:
    """Record the resolution in the PNG (a pHYs chunk), so Word sizes the picture as drawn."""
    per_metre = round(ppi / 0.0254)
    body = b"pHYs" + struct.pack(">IIB", per_metre, per_metre, 1)
    chunk = struct.pack(">I", 9) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)
    header_end = 8 + 4 + 4 + 13 + 4  # signature, then the IHDR chunk: length, type, data, CRC
    return png[:header_end] + chunk + png[header_end:]


def _main(kind: str, argument: str) -> int:
    import typst

    from dirreport.processes import watch_parent

    watch_parent()
    try:
        if kind == "pdf":
            _compile_pdf(PdfJob(**json.loads(argument)))
        else:
            fields = json.loads(argument)
            fields["pairs"] = [tuple(pair) for pair in fields["pairs"]]
            _rasterise(PictureJob(**fields))
    except typst.TypstError as exc:
        print(json.dumps({"message": exc.message, "hints": list(exc.hints), "diagnostic": exc.diagnostic}))
        return FAILED
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1], sys.argv[2]))
