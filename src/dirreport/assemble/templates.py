"""The Jinja2 sandbox the report's templates run in, and whose fault an error is: the template's or dirreport's."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, FileSystemLoader, PackageLoader, StrictUndefined, TemplateError
from jinja2.exceptions import SecurityError, TemplateNotFound, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from dirreport.assemble import blocks
from dirreport.errors import InputError, Problem
from dirreport.lang import i18n

# the most text one template may make; the sample's whole English report is about 0.5 MB
MAX_TEMPLATE_OUTPUT = 20_000_000
# the longest string or list one '*' in a template may make ("x" * 1000000000 would take a gigabyte)
MAX_REPEAT = 1_000_000


class TemplateTooLarge(SecurityError):
    """A template making more text than any report holds: a slip (or an attack), refused before memory runs out."""

    def __init__(self, message: str, template_file: str | None = None) -> None:
        super().__init__(message)
        self.template_file = template_file


def _bounded_concat(parts: Iterable[str]) -> str:
    """Jinja's join of a template's output, refused once it passes ``MAX_TEMPLATE_OUTPUT`` characters."""
    out: list[str] = []
    size = 0
    for part in parts:
        size += len(part)
        if size > MAX_TEMPLATE_OUTPUT:
            code = getattr(parts, "gi_code", None)  # the template's own render function names its file
            raise TemplateTooLarge(
                f"the template makes more than {MAX_TEMPLATE_OUTPUT:,} characters of text, "
                "far more than any report holds",
                code.co_filename if code is not None else None,
            )
        out.append(part)
    return "".join(out)


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """Jinja2's immutable sandbox, with repetition ('*', '**') kept to sizes a report can use."""

    intercepted_binops = frozenset(["*", "**"])
    concat = staticmethod(_bounded_concat)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            for sequence, times in ((left, right), (right, left)):
                repeated = isinstance(sequence, str | list | tuple) and isinstance(times, int)
                if repeated and len(sequence) * times > MAX_REPEAT:
                    raise TemplateTooLarge(
                        f"the template repeats a text or list {times:,} times, making more than {MAX_REPEAT:,} items"
                    )
        if operator == "**" and isinstance(left, int) and isinstance(right, int) and abs(right) > 1000:
            raise TemplateTooLarge(f"the template raises a number to the power {right:,}; at most 1,000 is allowed")
        return super().call_binop(context, operator, left, right)


def environment(project_root: Path, lang: str) -> ImmutableSandboxedEnvironment:
    """The sandboxed Jinja2 environment: project templates first, then the package's own."""
    env = BoundedSandbox(
        loader=ChoiceLoader(
            [
                FileSystemLoader(str(project_root / "templates")),
                PackageLoader("dirreport", "templates"),
            ]
        ),
        autoescape=True,
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        comment_start_string="{##",
        comment_end_string="##}",
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    translations = i18n.translations(lang)
    env.install_gettext_translations(translations, newstyle=False)  # type: ignore[attr-defined]
    env.filters["md"] = lambda text: Markup(blocks.md(str(text)))
    return env


def is_template_fault(exc: BaseException) -> bool:
    """True when a template, not dirreport's own code, is where the error arose.

    Jinja2's own errors (syntax, undefined names, the sandbox, a missing
    include) and endless self-inclusion are always the template's.  Any other
    exception is the template's only when the innermost frame of ours or of a
    template is a template line (``{{ 1 + "a" }}``); raised inside dirreport's
    Python code (figures, phrases) it is a fault in dirreport, reported as one.
    """
    import traceback

    if isinstance(exc, TemplateError | RecursionError):
        return True
    package = Path(__file__).resolve().parent.parent  # all of dirreport, not only this stage
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith(".j2"):
            return True
        if frame.filename == __file__:  # the sandbox's own operators, on the template's behalf
            continue
        try:
            inside = Path(frame.filename).resolve().is_relative_to(package)
        except (OSError, ValueError):
            inside = False
        if inside:
            return False
    return False


def raise_template_fault(exc: Exception, project_root: Path) -> None:
    """Re-raise ``exc`` as the template's error at its line, or unchanged when it is a fault in dirreport."""
    if is_template_fault(exc):
        raise InputError(template_problem(exc, project_root)) from None
    raise exc


def template_problem(exc: Exception, project_root: Path) -> Problem:
    """A template error located at its template file and line, in the user's terms."""
    import traceback

    name, line = None, None
    if isinstance(exc, TemplateSyntaxError):
        name, line = exc.filename or exc.name, exc.lineno
    else:
        for frame in reversed(traceback.extract_tb(exc.__traceback__)):
            if frame.filename.endswith(".j2"):
                name, line = frame.filename, frame.lineno
                break
    if name is None and isinstance(exc, TemplateTooLarge):
        name = exc.template_file
    if name:
        path = Path(name)
        try:
            name = "templates/" + path.relative_to(project_root / "templates").as_posix()
        except ValueError:
            name = "dirreport template " + path.name
    if isinstance(exc, TemplateTooLarge):
        return Problem(
            str(exc),
            file=name,
            line=line,
            hint=f"a template may make at most {MAX_TEMPLATE_OUTPUT:,} characters, and one '*' at most "
            f"{MAX_REPEAT:,}; check the numbers on that line",
        )
    if isinstance(exc, MemoryError):
        return Problem(
            "the template needs more memory than this computer has",
            file=name,
            line=line,
            hint="check that line for a very large repetition or loop",
        )
    if isinstance(exc, SecurityError):
        return Problem(
            f"the template tried something not allowed ({exc})",
            file=name,
            line=line,
            hint="templates may only use the values dirreport gives them, not Python internals",
        )
    if isinstance(exc, TemplateSyntaxError):
        return Problem(
            f"template syntax error: {exc.message}",
            file=name,
            line=line,
            hint="check the {% %} and {{ }} tags on that line",
        )
    if isinstance(exc, UndefinedError):
        return Problem(
            f"the template uses something undefined ({exc.message})",
            file=name,
            line=line,
            hint="check the spelling of the name, or compare with the package template",
        )
    if isinstance(exc, RecursionError):
        return Problem(
            "the template includes itself, directly or through another template",
            file=name,
            line=line,
            hint="a template in templates/ replaces the package's template of the same name, so it "
            "cannot include it; copy the package template's text instead",
        )
    if isinstance(exc, TemplateNotFound):
        return Problem(
            f"template '{exc.name}' was not found", file=name, line=line, hint="check the name in the include"
        )
    said = str(exc).strip() or type(exc).__name__
    return Problem(f"the template failed: {said}", file=name, line=line, hint="compare with the package template")
