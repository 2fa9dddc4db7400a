"""PDF: pandoc's Typst writer, then Typst itself (the PyPI package), as Quarto does.

Typst writes a tagged PDF: structure tree, headings, figures with their
alternative text, table header cells, the document language and each
passage's own language, bookmarks from headings, embedded fonts.  The PDF is
declared PDF/UA-1, which Typst validates while writing it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from dirreport.assemble.document import Document
from dirreport.errors import InputError, Problem
from dirreport.figures.fonts import font_paths
from dirreport.render import pdf_finish
from dirreport.render.common import RenderSettings, lua_filters, metadata_args, run_pandoc, stage, template
from dirreport.typst_process import PdfJob, TypstFailed, compile_pdf

PDF_STANDARD: Literal["ua-1"] = "ua-1"


def render(document: Document, work: Path, settings: RenderSettings) -> list[Path]:
    source = stage(document, work)
    typ = work / f"{document.basename}.typ"
    run_pandoc(
        [
            source.name,
            "--from",
            "markdown",
            "--to",
            "typst",
            "--standalone",
            "--template",
            str(template(settings, "report.typ")),
            "--metadata",
            f"lang-code={document.lang}",
            *lua_filters(),
            *metadata_args(document, settings, "typst"),
            "--output",
            typ.name,
        ],
        cwd=work,
        epoch=settings.epoch,
    )
    output = work / f"{document.basename}.pdf"
    brand_fonts = [str(d) for d in document.metadata.get("font-dirs", ())]
    job = PdfJob(
        source=str(typ),
        output=str(output),
        root=str(work),
        font_paths=[*font_paths(), *brand_fonts],
        pdf_standards=PDF_STANDARD,
        timestamp=settings.epoch,
    )
    try:
        compile_pdf(job)
    except TypstFailed as exc:
        raise InputError(_typst_problem(exc, settings, work)) from None
    parts = document.metadata.get("language-parts") if document.edition == "bilingual" else None
    pdf_finish.finish(output, parts, bool(document.metadata.get("sample")))
    return [output]


def _typst_problem(exc: TypstFailed, settings: RenderSettings, work: Path) -> Problem:
    """Typst's error, pointed at the file the user can edit: a narrative's line, or the template.

    Typst's own line numbers count lines of the document pandoc wrote, in a
    working folder of dirreport's own, so the message quotes the offending
    line rather than a number, finds it in a narrative when it came from one
    (a raw Typst block), and never names the working folder.
    """
    message = _without_work(exc.message, work)
    hints = [_without_work(h, work) for h in exc.hints]
    line = exc.source_line()
    where = f" at `{line}`" if line else ""
    found = _in_narratives(line, settings.project_root) if line else None
    if found is not None:
        rel, number = found
        return Problem(
            f"Typst could not make the PDF from this line: {message}",
            file=rel,
            line=number,
            hint="a narrative holds Typst written for the PDF; write it as Markdown instead"
            + (f" ({'; '.join(hints)})" if hints else ""),
        )
    used = template(settings, "report.typ")
    own = used.is_relative_to(settings.project_root)
    return Problem(
        f"Typst could not make the PDF: {message}{where}",
        file=used.relative_to(settings.project_root).as_posix() if own else used.name,
        hint="; ".join(hints)
        or (
            "correct that line of your template, or remove the file to use dirreport's own"
            if own
            else "report this: dirreport's own template should always compile"
        ),
    )


def _without_work(text: str, work: Path) -> str:
    """A message with dirreport's working folder left out of the paths it names."""
    for folder in {str(work), str(work.resolve())}:
        text = text.replace(folder + "/", "").replace(folder + "\\", "").replace(folder, ".")
    return text


def _in_narratives(line: str, root: Path) -> tuple[str, int] | None:
    """The narrative file and line holding this line of Typst, if one does."""
    wanted = line.strip()
    for path in sorted((root / "narratives").glob("*/*.md")):
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            continue
        for number, text in enumerate(lines, start=1):
            if text.strip() == wanted:
                return path.relative_to(root).as_posix(), number
    return None
