"""YAML read from a project's files, its syntax errors told as a line of that file in plain words.

Settings, the brand, the local catalogue and a narrative's front matter are all
YAML written by hand, mostly by people who have never heard of YAML; a slip in
any of them should be told the same way: the file, the line, what is wrong in
words a performance officer uses ("put the title in quotes", "indent with
spaces, not a tab"), never only the parser's own phrase.  A key written twice
is refused at its second line: PyYAML would silently keep the later one.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.nodes import MappingNode

from dirreport.errors import Problem

_MERGE = "tag:yaml.org,2002:merge"


class DuplicateKey(yaml.MarkedYAMLError):
    """A mapping that holds the same key twice."""

    def __init__(self, key: object, first: yaml.Mark, again: yaml.Mark) -> None:
        super().__init__(problem=f"found duplicate key {key!r}", problem_mark=again, context_mark=first)
        self.key = key


class _RefusesDuplicateKeys:
    """A loader's mapping constructor refusing a key given twice in one mapping."""

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        if isinstance(node, MappingNode):
            self.flatten_mapping(node)  # type: ignore[attr-defined]
            seen: dict[Any, yaml.Mark] = {}
            for key_node, _value in node.value:
                if key_node.tag == _MERGE:
                    continue
                key = self.construct_object(key_node, deep=True)  # type: ignore[attr-defined]
                try:
                    first = seen.get(key)
                except TypeError:  # an unhashable key: PyYAML's own error says so
                    continue
                if first is not None:
                    raise DuplicateKey(key, first, key_node.start_mark)
                seen[key] = key_node.start_mark
        return super().construct_mapping(node, deep=deep)  # type: ignore[misc,no-any-return]


class StrictLoader(_RefusesDuplicateKeys, yaml.SafeLoader):
    """PyYAML's safe loader, refusing a key given twice in one mapping: the one whose errors are told."""


# libyaml's parser with the same constructor, where PyYAML was built with it: a text it reads is read alike,
# and one it cannot read is read again by StrictLoader, whose errors are the ones `explain` knows
_FastStrictLoader = (
    type("_FastStrictLoader", (_RefusesDuplicateKeys, yaml.CSafeLoader), {}) if yaml.__with_libyaml__ else StrictLoader
)


def load(text: str) -> Any:
    """The data of a YAML text; a duplicate key raises ``DuplicateKey``."""
    try:
        return yaml.load(text, Loader=_FastStrictLoader)  # safe loaders only: no arbitrary objects
    except yaml.YAMLError:
        return yaml.load(text, Loader=StrictLoader)  # the same refusal, told with PyYAML's own marks


def parse(text: str, file: str, subject: str = "", first_line: int = 1) -> tuple[Any, Problem | None]:
    """The YAML's data, or the problem with it when it cannot be read.

    ``subject`` names the part of the file that is YAML ("front matter"), when it is not all of it;
    ``first_line`` is the file's line on which ``text`` starts (front matter
    starts on line 2, after its ``---``).  A date that does not exist (YAML
    reads 2024-09-31 as a date) is a problem of the same kind.
    """
    try:
        return load(text), None
    except DuplicateKey as exc:
        assert exc.problem_mark is not None and exc.context_mark is not None
        first = exc.context_mark.line + first_line
        return None, Problem(
            f"{_subject(subject)}gives '{exc.key}' twice (first on line {first}); only one can count",
            file=file,
            line=exc.problem_mark.line + first_line,
            hint=f"keep one '{exc.key}:' and delete or merge the other",
        )
    except yaml.YAMLError as exc:
        message, line, hint = explain(exc, text.split("\n"))
        return None, Problem(
            f"{_subject(subject)}is not valid YAML: {message}",
            file=file,
            line=(line if line is not None else 0) + first_line,
            hint=hint,
        )
    except ValueError as exc:
        return None, Problem(
            f"{_subject(subject)}has a date that does not exist ({exc})",
            file=file,
            line=value_error_line(text, first_line),
            hint="write dates as YYYY-MM-DD with a real day of that month, e.g. 2024-10-31",
        )


def explain(exc: yaml.YAMLError, lines: list[str]) -> tuple[str, int | None, str]:
    """PyYAML's error in plain words: what is wrong, its line (counted from 0) and how to fix it."""
    problem = str(getattr(exc, "problem", None) or exc)
    context = str(getattr(exc, "context", None) or "")
    mark = getattr(exc, "problem_mark", None)
    context_mark = getattr(exc, "context_mark", None)
    line = mark.line if mark is not None else None
    column = mark.column if mark is not None else 0
    text = lines[line] if line is not None and line < len(lines) else ""
    said = f"(the reader says: {problem})"
    if "'\\t'" in problem:
        return (f"a tab is used to indent this line {said}", line, "indent with spaces, never tabs, two per level")
    if "quoted scalar" in context:
        opened = context_mark.line if context_mark is not None else line
        return (
            f"a quote mark opened on this line is never closed {said}",
            opened,
            "close the quote at the end of the value on the same line, "
            "or write an apostrophe inside a value as two ('') when the value is in single quotes",
        )
    # what a quote left open leads to: the reader stumbles where the next quote mark closes it
    stumbled = "<scalar>" in problem or "expected ':'" in problem or problem.startswith("mapping values")
    opened = _unclosed_quote_line(lines, line) if stumbled else None
    if opened is not None and opened != line:
        # a quote left open runs on into the lines below, and the parser stumbles only where the next one closes it
        return (
            f"a quote mark opened on this line is never closed {said}",
            opened,
            "close the quote at the end of the value on the same line",
        )
    if problem.startswith("mapping values are not allowed"):
        before = text[:column]
        if ": " in before or before.rstrip().endswith(":"):
            key = before.split(":", 1)[0].strip().lstrip("- ")
            return (
                f"the value of '{key}' holds a colon followed by a space {said}",
                line,
                f'put the {key} in double quotes: {key}: "{_quoted(text.split(":", 1)[1].strip())}"',
            )
        return (f"this line's indentation is deeper than the line above calls for {said}", line, _INDENT)
    if "'<scalar>'" in problem and line is not None and ('"' in text[:column] or "'" in text[:column]):
        return (
            f"text follows a closing quote mark {said}",
            line,
            'put the whole value in quotes, and write a quote mark inside it as \\" '
            "(or use single quotes outside and double inside)",
        )
    if "expected <block end>" in problem or "block collection" in context:
        return (f"this line's indentation does not line up with the lines above {said}", line, _INDENT)
    if "could not find expected ':'" in problem or "simple key" in context:
        at = context_mark.line if context_mark is not None else line
        return (
            f"a line has no 'key: value' colon {said}",
            at,
            "write 'key: value', or join the line to the value above and put it in quotes",
        )
    if "flow sequence" in context or "flow mapping" in context:
        opened = context_mark.line if context_mark is not None else line
        closer = "]" if "sequence" in context else "}"
        return (
            f"a list or set opened on this line is not closed with {closer} {said}",
            opened,
            f"close it with {closer} on the same line, e.g. standards: [QS1, QS2], "
            "or put a value holding commas or colons in quotes",
        )
    if "cannot start any token" in problem or "alias" in context or "anchor" in context:
        character = problem.split("'")[1] if "'" in problem else ""
        return (
            f"a value starts with '{character}', which YAML keeps for itself {said}",
            line,
            "put the value in double quotes",
        )
    return (f"{problem}{f' ({context})' if context else ''}", line, _INDENT)


def _unclosed_quote_line(lines: list[str], before: int | None) -> int | None:
    """The first line above ``before`` with a double quote mark that is not closed on it, if any."""
    for number, text in enumerate(lines[: before if before is not None else len(lines)]):
        if _ends_inside_quotes(text):
            return number
    return None


def _ends_inside_quotes(text: str) -> bool:
    """Whether a line ends inside a double-quoted value (a comment after # not counted)."""
    inside, previous = False, " "
    for n, character in enumerate(text):
        if character == '"' and not (inside and previous == "\\"):
            inside = not inside
        elif character == "#" and not inside and (n == 0 or previous in " \t"):
            break
        previous = character
    return inside


_INDENT = "indent each setting under its heading by the same number of spaces (two per level) and check the quoting"


def value_error_line(text: str, first_line: int = 1) -> int | None:
    """The line of a YAML text that PyYAML cannot turn into a value (an impossible date such as 2024-02-30)."""
    for number, line in enumerate(text.split("\n"), start=first_line):
        try:
            yaml.safe_load(line.strip().lstrip("- "))
        except ValueError:
            return number
        except yaml.YAMLError:
            continue
    return None


def _quoted(value: str) -> str:
    return value.strip("\"'").replace("\\", "\\\\").replace('"', '\\"')


def _subject(subject: str) -> str:
    return f"{subject} " if subject else ""
