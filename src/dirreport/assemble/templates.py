"""The Jinja2 sandbox the report's templates run in, and whose fault an error is: the template's or dirreport's."""

from __future__ import annotations

from pathlib import Path

from jinja2 import ChoiceLoader, FileSystemLoader, PackageLoader, StrictUndefined, TemplateError
from jinja2.exceptions import SecurityError, TemplateNotFound, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from dirreport.assemble import blocks
from dirreport.errors import InputError, Problem
from dirreport.lang import i18n


def environment(project_root: Path, lang: str) -> ImmutableSandboxedEnvironment:
    """The sandboxed Jinja2 environment: project templates first, then the package's own."""
    env = ImmutableSandboxedEnvironment(
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
    if name:
        path = Path(name)
        try:
            name = "templates/" + path.relative_to(project_root / "templates").as_posix()
        except ValueError:
            name = "dirreport template " + path.name
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
    return Problem(f"the template failed: {exc}", file=name, line=line, hint="compare with the package template")
