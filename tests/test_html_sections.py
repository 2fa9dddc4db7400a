"""The live preview's page, rendered section by section, is the page pandoc makes of the whole document."""

from __future__ import annotations

import re
from pathlib import Path

from lxml import html

from dirreport.assemble.document import Document
from dirreport.render.common import RenderSettings
from dirreport.render.html import render as render_whole
from dirreport.render.html_sections import SectionRenderer, nest, pieces, with_explicit_ids

MARKDOWN = """---
title: A report
lang: en-GB
toc-title: Contents
subtitle: Glanafon
---

::: {.notice}
Before any heading.
:::

# Chapter 1: Summary {#sec-1}

Opening words.

## What we do well

Well.

# Chapter 2: People {#sec-2}

## Part (a) {#sec-2a}

### What we do well

Again, a heading whose identifier pandoc must keep unique.

```markdown
# not a heading: inside code
```

::: {.aside}
## A heading inside a div

Text in the div.
:::

## Part (b) {.unnumbered}

### What we do well

A third time.
"""


def _document(markdown: str = MARKDOWN) -> Document:
    return Document(
        edition="en",
        lang="en",
        basename="report",
        markdown=markdown,
        metadata={},
        figures=(),
        tables=(),
        resources={},
        draft=False,
    )


def _main(page: str) -> str:
    return " ".join(html.fromstring(page).xpath("//main")[0].text_content().split())


def test_pieces_are_cut_at_chapters_and_parts_only_outside_code_and_divs() -> None:
    body = MARKDOWN.split("---\n", 2)[2]
    found = [(p.level, p.text.split("\n", 1)[0]) for p in pieces(body)]
    assert [level for level, _ in found] == [0, 1, 2, 1, 2, 2]
    assert found[3][1].startswith("# Chapter 2") and found[5][1].startswith("## Part (b)")


def test_a_heading_keeps_its_own_identifier_and_attributes() -> None:
    assert with_explicit_ids("## Part (a) {#sec-2a}", "other") == "## Part (a) {#sec-2a}"
    assert with_explicit_ids("## Part (b) {.unnumbered}", "part-b") == "## Part (b) {#part-b .unnumbered}"
    assert with_explicit_ids("### What we do well", "what-we-do-well-1") == "### What we do well {#what-we-do-well-1}"


def test_parts_are_nested_inside_their_chapter() -> None:
    nested = nest(
        [
            (0, "<p>x</p>"),
            (1, "<section id='c1'><h2>1</h2></section>"),
            (2, "<section id='p'></section>"),
            (1, "<section id='c2'></section>"),
        ]
    )
    assert nested.index("id='p'") < nested.index("</section>\n<section id='c2'>")
    assert nested.count("<section") == nested.count("</section>")


def test_the_page_matches_a_whole_render_and_an_edit_costs_one_small_run(tmp_path: Path) -> None:
    settings = RenderSettings(project_root=tmp_path, cache_dir=tmp_path, epoch=0)
    whole = render_whole(_document(), tmp_path / "whole", settings)[0].read_text(encoding="utf-8")
    renderer = SectionRenderer(tmp_path / "live", settings)
    page = renderer.render(_document())
    assert _main(page) == _main(whole)
    assert re.findall(r' id="([^"]+)"', page) == re.findall(r' id="([^"]+)"', whole)  # unique, as pandoc made them
    assert re.findall(r' href="(#[^"]+)"', page) == re.findall(r' href="(#[^"]+)"', whole)  # the contents links
    runs = renderer.pandoc_runs
    edited = renderer.render(_document(MARKDOWN.replace("Well.", "Well, and better.")))
    assert "Well, and better." in edited
    assert renderer.pandoc_runs == runs + 1  # only the section that changed
