"""A narrative's structure: what is refused at its line, and what looks alike but is fine."""

from __future__ import annotations

import pytest

from dirreport.content.integrity import leftover_shortcode, structure_problems


def problems(text: str) -> list[tuple[int | None, str]]:
    return [(p.line, p.message) for p in structure_problems("narratives/en/3a-i.md", tuple(text.split("\n")), 1)]


@pytest.mark.parametrize(
    "text",
    [
        "See <https://example.org> or write to <post@example.org>.",
        "<p>A paragraph left open, as HTML allows\n\n<ul><li>one<li>two</ul>",
        "```\n<!-- in a code block -->\n{{< metric AD/001\n</div>\n```",
        "Inline `{{<` and `</div>` and `<!--` in code.",
        "<!-- a comment\nover two lines --> then text",
        "Fewer than <5 people, and a -> b >} c.",
        "Two on a line: {{< metric AD/001 >}} and {{< change AD-REVIEWS-TIMELY >}}.",
        '<abbr title="Care Inspectorate Wales">CIW</abbr> and <br> and <img src="x.png" alt="x"/>',
    ],
)
def test_what_looks_alike_but_is_fine(text: str) -> None:
    assert problems(text) == []


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("Intro\n\n<!-- to do\n\nThe rest of the section.", 3, "<!-- is never closed"),
        ("Intro\nWe saw {{< metric WF/001\n", 2, "'{{< metric WF/001' is not closed"),
        ("One {{< metric AD/001 {{< change X >}}", 1, "is not closed"),
        ("Text\n</div></section>", 2, "closing tag </div> has no opening <div>"),
        ("<div>\n\nText", 1, "<div> is opened but never closed"),
        ("<div><span>a</div>", 1, "<span> is opened but never closed (</div> comes first)"),
        ("{{ indicator X }}", 1, "without its angle brackets"),
        ("{{% chart X %}}", 1, "without its angle brackets"),
        ("metric AD/001 >}}", 1, "never opened"),
    ],
)
def test_each_break_is_named_at_its_line(text: str, line: int, words: str) -> None:
    found = problems(text)
    assert any(at == line and words in message for at, message in found), found


def test_front_matter_lines_are_not_read_as_body() -> None:
    lines = ("---", 'title: "<!-- not a comment"', "---", "", "Body.")
    assert structure_problems("x.md", lines, 4) == []


def test_leftover_shortcode_is_found_escaped_or_not() -> None:
    assert leftover_shortcode("text \\{\\{\\< metric AD/001") == "{{< metric AD/001"
    assert leftover_shortcode("nothing here {{ jinja }}") is None
