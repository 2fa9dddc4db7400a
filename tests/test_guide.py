"""The user guide cannot drift from the code: every page is reachable, every shortcode and setting
has its page or entry, and every message it quotes is still one dirreport prints."""

from __future__ import annotations

import ast
import importlib.util
import re
import sys
from functools import cache
from pathlib import Path

import pytest

from dirreport.config.schema import SETTINGS
from dirreport.content.integrity import SHORTCODE_NAMES

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
_LINK = re.compile(r"\]\(([^)\s]+?)\)")
_MESSAGE = re.compile(r"^```message\n(.*?)^```", re.MULTILINE | re.DOTALL)
# what varies in a message: a location, a quoted value, a code, a number, an elision; and where the
# message and its hint meet (". "), since the code holds them apart, and a list's commas
_VARIABLE = re.compile(
    r"^\s*(?:error|warning):\s*|\S+:(?:line|row) \d+(?:, column \S+)?:|'[^']*'|\"[^\"]*\"|\{\{<.*?>\}\}|…|\.\.\."
    r"|\S*\d\S*|\S+\.(?:csv|xlsx|yml|md|docx|xlf)\b|\([^()]*\)|\S*_\S*|<[^<>]*>|\.\s|[,;]\s"
)


def _tool(name: str):  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _pages() -> list[Path]:
    return sorted(p for p in DOCS.rglob("*.md") if "_site" not in p.relative_to(DOCS).parts)


def _links(page: Path) -> set[Path]:
    found = set()
    for target in _LINK.findall(page.read_text(encoding="utf-8")):
        if "://" in target or target.startswith(("#", "mailto:")):
            continue
        found.add((page.parent / target.split("#")[0]).resolve())
    return found


def test_every_page_is_linked_from_its_index() -> None:
    for page in _pages():
        if page == DOCS / "README.md":
            continue
        index = page.parent / "README.md"
        if page == index:  # a folder's index is linked from the guide's front page
            index = DOCS / "README.md"
        assert page.resolve() in _links(index), f"{page.relative_to(ROOT)} is not linked from {index.relative_to(ROOT)}"


def test_every_link_in_the_guide_leads_somewhere() -> None:
    for page in _pages():
        for target in _links(page):
            assert target.exists(), f"{page.relative_to(ROOT)} links to {target}, which does not exist"


def test_every_shortcode_has_its_page() -> None:
    index = (DOCS / "shortcodes" / "README.md").resolve()
    for name in SHORTCODE_NAMES:
        page = DOCS / "shortcodes" / f"{name}.md"
        assert page.exists(), f"the guide has no page for the shortcode '{name}': write docs/shortcodes/{name}.md"
        assert page.resolve() in _links(index)
        text = page.read_text(encoding="utf-8")
        assert "{{< " + name in text, f"docs/shortcodes/{name}.md shows no example of {{{{< {name} >}}}}"


def test_every_setting_has_its_entry_and_the_entries_are_current() -> None:
    text = (DOCS / "inputs" / "settings.md").read_text(encoding="utf-8")
    for setting in SETTINGS:
        assert f"### `{setting.key}`" in text, f"docs/inputs/settings.md has no entry for '{setting.key}'"
    settings_docs = _tool("settings_docs")
    guide = settings_docs.GUIDE
    assert settings_docs.expected()[guide] == guide.read_text(encoding="utf-8"), "run python tools/settings_docs.py"


@cache
def _source() -> str:
    """Every string literal in dirreport's source (f-strings' literal parts included), one a line."""
    strings = []
    for path in (ROOT / "src" / "dirreport").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                strings.append(" ".join(node.value.split()))
    return "\n" + "\n".join(strings) + "\n"


@cache
def _literals() -> frozenset[str]:
    """The string literals that are a whole word: the values (views, codes, keys) a message may put in."""
    return frozenset(s for s in _source().split("\n") if s and " " not in s)


def _fragments(message: str) -> list[str]:
    """The fixed wording of a message: the runs of three words or more between the parts that vary."""
    pieces = [" ".join(p.split()).strip(" .,:;") for p in _VARIABLE.split(message) if p]
    return [p for p in pieces if len(p.split()) >= 3 and re.search("[a-z]{3}", p)]


def _found(fragment: str) -> bool:
    """In the source as runs of three words or more; a word at either end may be a value put in at run time.

    "use one of ciw" is "use one of " and a list; "did you mean CH-WELSH-OFFER?" is "did you mean" and
    an id.  Inside the fragment, a word not in a run must itself be a literal of the source ("the number
    of complaints upheld at stage": the view 'upheld'), so a word reworded there is never let through.
    """
    words = fragment.split()
    for first in (0, 1):
        for last in (len(words), len(words) - 1):
            if last - first >= 2 and _covered(words[first:last]):
                return True
    return False


def _covered(words: list[str]) -> bool:
    """Whether the words are, end to end, runs of three or more words found in the source (two to open it,
    where a literal ends) and single literals."""
    reach = [True] + [False] * len(words)
    for start in range(len(words)):
        if not reach[start]:
            continue
        if words[start].strip(".,:;?!") in _literals():
            reach[start + 1] = True
        for end in range(start + 2, len(words) + 1):
            run = " ".join(words[start:end])
            if run not in _source():
                break
            # two words only to open the fragment, as the end of one literal ("remove it: " before a value)
            if end - start > 2 or (start == 0 and f"{run}\n" in _source()):
                reach[end] = True
    return reach[-1]


def _quoted() -> list[tuple[str, str]]:
    found = []
    for page in _pages():
        for block in _MESSAGE.findall(page.read_text(encoding="utf-8")):
            for line in block.splitlines():
                if line.strip():
                    found.append((page.relative_to(ROOT).as_posix(), line))
    return found


def test_the_guide_quotes_messages() -> None:
    assert len([m for _, m in _quoted() if _fragments(m)]) >= 40


@pytest.mark.parametrize(("page", "message"), _quoted(), ids=lambda v: v[:60] if isinstance(v, str) else "")
def test_every_quoted_message_is_still_in_the_code(page: str, message: str) -> None:
    fragments = _fragments(message)  # none where everything in it varies ("no 'year' given")
    missing = [f for f in fragments if not _found(f)]
    assert not missing, f"{page} quotes a message dirreport no longer prints: {missing} (run tools/guide_messages.py)"


def test_the_guide_renders_to_html(tmp_path: Path) -> None:
    build_guide = _tool("build_guide")
    docs = tmp_path / "docs"
    (docs / "inputs").mkdir(parents=True)
    (docs / "README.md").write_text("# Guide\n\n- [Settings](inputs/settings.md)\n", encoding="utf-8")
    (docs / "inputs" / "settings.md").write_bytes((DOCS / "inputs" / "settings.md").read_bytes())
    written = build_guide.render(tmp_path / "site", docs)
    assert len(written) == 2
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert 'href="inputs/settings.html"' in index
    settings = (tmp_path / "site" / "inputs" / "settings.html").read_text(encoding="utf-8")
    assert 'href="../README.html"' in settings and "outlier-factor" in settings and "../guide.css" in settings


if __name__ == "__main__":  # pragma: no cover
    sys.exit(pytest.main([__file__, "-q", "-n", "0"]))


def test_the_api_reference_is_written_from_the_current_docstrings() -> None:
    api_docs = _tool("api_docs")
    assert api_docs.expected() == api_docs.PAGE.read_text(encoding="utf-8"), "run python tools/api_docs.py"
    text = api_docs.PAGE.read_text(encoding="utf-8")
    import dirreport

    for name in dirreport.__all__:
        if not name.startswith("_"):
            assert f"## `{name}" in text, f"docs/api.md has no entry for {name}"
    assert api_docs.PAGE.resolve() in _links(DOCS / "README.md")
