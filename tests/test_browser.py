"""The HTML editions in a real browser: accessible, usable from the keyboard, printable, and self-contained.

Each edition is opened from disk in Debian's Chromium, driven by Playwright.
axe-core (the copy bundled in the PyPI package axe-playwright-python) checks
it against WCAG 2.2 A and AA; the keyboard is used as a person would use it;
the page is laid out for print as Chromium prints it.  Every request the page
makes is intercepted: anything that is not the file itself or a data: URL is
refused and reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import axe_playwright_python
import pikepdf
import pytest
from playwright.sync_api import sync_playwright

from conftest import EDITIONS, chromium_path, output_file, pdf_text

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_SCRIPT = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
DESKTOP = {"width": 1280, "height": 900}
NARROW = 320  # WCAG 1.4.10 Reflow: content at 320 CSS px wide without scrolling in two directions
FIRST_CHAPTER = {
    "en": "Chapter 1: Director's summary",
    "cy": "Pennod 1: Crynodeb y Cyfarwyddwr",
    "bilingual": "Pennod 1: Crynodeb y Cyfarwyddwr",
}


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Visit:
    page: Any
    requests: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@contextmanager
def visit(browser: Any, path: Path, viewport: dict[str, int] | None = None) -> Iterator[Visit]:
    """Open a file with every request watched; anything but file: and data: is refused."""
    context = browser.new_context(viewport=viewport or DESKTOP)
    seen = Visit(page=None)

    def guard(route: Any) -> None:
        url = route.request.url
        if url.startswith(("file:", "data:")):
            route.continue_()
        else:
            seen.refused.append(url)
            route.abort()

    context.route("**/*", guard)
    context.on("request", lambda request: seen.requests.append(request.url))
    page = context.new_page()
    page.on(
        "console",
        lambda message: (
            seen.errors.append(f"console.{message.type}: {message.text}") if message.type == "error" else None
        ),
    )
    page.on("pageerror", lambda error: seen.errors.append(f"uncaught: {error}"))
    seen.page = page
    try:
        page.goto(path.as_uri(), wait_until="load")
        yield seen
    finally:
        context.close()


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} — {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"    {node['target']}: {node['failureSummary'].splitlines()[-1].strip()}")
    return "\n".join(lines)


def run_axe(page: Any) -> list[dict[str, Any]]:
    page.evaluate(AXE_SCRIPT)
    # resultTypes: only the violations are collected in full (axe's advice for long pages: the passes of
    # thousands of elements were most of its time)
    results = page.evaluate(
        "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", AXE_TAGS
    )
    violations: list[dict[str, Any]] = results["violations"]
    return violations


# every edition at the desktop width; at 320 px (the phone layout, which every width up to 480 px shares) the
# English and the bilingual page: the Welsh page is the English one's template and styles with other words
AXE_VIEWS = [(edition, DESKTOP["width"]) for edition in EDITIONS] + [("en", NARROW), ("bilingual", NARROW)]


@pytest.mark.parametrize(("edition", "width"), AXE_VIEWS)
def test_axe_finds_no_wcag_violations(built_sample: Path, browser: Any, edition: str, width: int) -> None:
    with visit(browser, output_file(built_sample, edition, "html"), {"width": width, "height": 900}) as seen:
        violations = run_axe(seen.page)
    assert not violations, f"{len(violations)} axe violations:\n{describe(violations)}"


@pytest.mark.parametrize("edition", EDITIONS)
def test_nothing_is_fetched_and_nothing_fails(built_sample: Path, browser: Any, edition: str) -> None:
    path = output_file(built_sample, edition, "html")
    with visit(browser, path) as seen:
        seen.page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        seen.page.wait_for_load_state("networkidle")
        title = seen.page.title()
    assert not seen.refused, f"the page tried to fetch: {seen.refused}"
    assert all(url.startswith(("file:", "data:")) for url in seen.requests), seen.requests
    assert seen.requests[0] == path.as_uri()
    assert not seen.errors, "\n".join(seen.errors)
    assert "Glanafon" in title
    assert title.startswith(
        (
            "Director of Social Services annual report 2023-24",
            "Adroddiad blynyddol y Cyfarwyddwr Gwasanaethau Cymdeithasol 2023-24",
        )
    ), title


def focused(page: Any) -> dict[str, Any]:
    info: dict[str, Any] = page.evaluate("""() => {
        const el = document.activeElement;
        const style = getComputedStyle(el);
        const box = el.getBoundingClientRect();
        return {tag: el.tagName.toLowerCase(), id: el.id, cls: el.className, href: el.getAttribute('href'),
                text: el.textContent.trim(), inToc: !!el.closest('nav#TOC'),
                outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
                visible: box.width > 0 && box.height > 0 && box.left >= 0 && box.top >= 0
                         && box.right <= innerWidth && box.bottom <= innerHeight};
    }""")
    return info


@pytest.mark.parametrize("edition", EDITIONS)
def test_skip_link_comes_first_and_skips_to_the_content(built_sample: Path, browser: Any, edition: str) -> None:
    with visit(browser, output_file(built_sample, edition, "html")) as seen:
        page = seen.page
        page.keyboard.press("Tab")
        first = focused(page)
        assert first["cls"] == "skip-link" and first["href"] == "#main", first
        assert first["visible"], "the skip link is not shown when it has focus"
        assert first["outline"], "the focused skip link has no visible focus indicator"
        page.keyboard.press("Enter")
        assert focused(page)["id"] == "main"
        assert page.evaluate("location.hash") == "#main"
        # the next Tab continues from the main content, not from the top
        page.keyboard.press("Tab")
        after = page.evaluate("!!document.activeElement.closest('main')")
        assert after, focused(page)


@pytest.mark.parametrize("edition", EDITIONS)
def test_tab_reaches_every_contents_link_in_order(built_sample: Path, browser: Any, edition: str) -> None:
    with visit(browser, output_file(built_sample, edition, "html")) as seen:
        page = seen.page
        # the links on show, and after a chapter's link any disclosure that folds its sections away
        # until asked (a summary: no href)
        toc = page.eval_on_selector_all(
            "nav#TOC a, nav#TOC summary",
            "items => items.filter(a => a.checkVisibility()).map(a => a.getAttribute('href'))",
        )
        assert len([href for href in toc if href]) >= 4, toc
        page.keyboard.press("Tab")
        assert focused(page)["cls"] == "skip-link"
        before_toc = []
        for _ in range(3):  # the cover may hold a link to the other language's edition
            page.keyboard.press("Tab")
            current = focused(page)
            if current["inToc"]:
                break
            before_toc.append(current)
        assert current["inToc"], f"three Tabs after the skip link reach {before_toc}, not the contents"
        assert all(item["cls"] == "" and item["href"] and ".html" in item["href"] for item in before_toc), before_toc
        reached = [current["href"]]
        for _ in toc[1:]:
            page.keyboard.press("Tab")
            current = focused(page)
            assert current["inToc"], current
            assert current["outline"], f"no visible focus indicator on {current['text']!r}"
            reached.append(current["href"])
        assert reached == toc
        # following a contents link moves to its chapter
        back = next(n for n in range(1, len(toc)) if toc[-1 - n])
        for _ in range(back):
            page.keyboard.press("Shift+Tab")
        page.keyboard.press("Enter")
        assert page.evaluate("location.hash") == toc[-1 - back]


@pytest.mark.parametrize("edition", EDITIONS)
def test_content_reflows_at_320_css_pixels(built_sample: Path, browser: Any, edition: str) -> None:
    with visit(browser, output_file(built_sample, edition, "html"), {"width": NARROW, "height": 640}) as seen:
        page = seen.page
        width = page.evaluate("document.documentElement.scrollWidth")
        # a wide table scrolls inside its own region, which the keyboard can reach
        scrollers = page.eval_on_selector_all(
            "table",
            """tables => tables.map(t => {
                const box = t.parentElement;
                return {wrapped: box.classList.contains('table-wrap'), scrolls: box.scrollWidth > box.clientWidth,
                        focusable: box.tabIndex === 0, name: box.getAttribute('aria-label') || ''};
            })""",
        )
    assert width <= NARROW, f"the page is {width}px wide at a {NARROW}px viewport"
    assert scrollers and all(s["wrapped"] for s in scrollers)
    assert all(s["focusable"] and s["name"] for s in scrollers if s["scrolls"]), scrollers
    # a box that does not scroll is no Tab stop
    assert not any(s["focusable"] for s in scrollers if not s["scrolls"]), scrollers


PRINT_LAYOUT = """(pageWidth) => {
    const style = (selector, property) => {
        const el = document.querySelector(selector);
        return el ? getComputedStyle(el)[property] : null;
    };
    const overflowing = [];
    for (const el of document.querySelectorAll('table, figure, svg, img, .pair, .table-wrap')) {
        const box = el.getBoundingClientRect();
        const parent = el.parentElement.getBoundingClientRect();
        if (el.scrollWidth > Math.ceil(box.width) + 1 || box.left < -0.5 || box.right > pageWidth + 0.5
                || box.right > parent.right + 0.5) {
            const caption = el.querySelector('caption, figcaption');
            overflowing.push(`${el.tagName.toLowerCase()} ${caption ? caption.textContent.trim().slice(0, 60) : ''}`
                             + ` (${Math.round(box.left)}-${Math.round(box.right)}px, scrollWidth ${el.scrollWidth},`
                             + ` room ${Math.round(parent.right)}px)`);
        }
    }
    return {
        tocBreak: style('nav#TOC', 'breakAfter'),
        chapterBreak: style('main section.level2 ~ section.level2 > h2', 'breakBefore'),
        firstBreak: style('main > section.level2:first-of-type > h2', 'breakBefore'),
        skipLink: style('.skip-link', 'display'),
        figureBreak: style('main figure', 'breakInside'),
        documentWidth: document.documentElement.scrollWidth,
        overflowing,
    };
}"""

PAGE_MARGINS = """() => {
    for (const sheet of document.styleSheets) {
        for (const rule of sheet.cssRules) {
            if (rule.media && [...rule.media].includes('print')) {
                for (const inner of rule.cssRules) {
                    if (inner.constructor.name === 'CSSPageRule') {
                        return {size: inner.style.size, left: inner.style.marginLeft, right: inner.style.marginRight};
                    }
                }
            }
        }
    }
    return null;
}"""


def mm_to_px(value: str) -> float:
    match = re.fullmatch(r"([\d.]+)mm", value.strip())
    assert match, value
    return float(match.group(1)) / 25.4 * 96


@pytest.mark.parametrize("edition", EDITIONS)
def test_prints_cleanly(built_sample: Path, browser: Any, edition: str, tmp_path: Path) -> None:
    path = output_file(built_sample, edition, "html")
    with visit(browser, path) as seen:
        page = seen.page
        margins = page.evaluate(PAGE_MARGINS)
        assert margins and margins["size"].upper() == "A4", "the print stylesheet sets no A4 @page"
        page_width = int(210 / 25.4 * 96 - mm_to_px(margins["left"]) - mm_to_px(margins["right"]))
        page.set_viewport_size({"width": page_width, "height": 1000})
        page.emulate_media(media="print")
        layout = page.evaluate(PRINT_LAYOUT, page_width)
        assert layout["tocBreak"] == "page", "the contents do not end their page"
        assert layout["chapterBreak"] == "page", "chapters do not start on a new page"
        assert layout["firstBreak"] == "auto", "the notices are printed on a page of their own"
        assert layout["skipLink"] == "none", "the skip link is printed"
        assert layout["figureBreak"] == "avoid"
        assert not layout["overflowing"], f"wider than the {page_width}px page:\n" + "\n".join(layout["overflowing"])
        assert layout["documentWidth"] <= page_width
        printed = tmp_path / "printed.pdf"  # page.pdf() lays the page out for print media
        printed.write_bytes(page.pdf(format="A4"))
    with pikepdf.open(printed) as pdf:
        assert len(pdf.pages) > 10
    text = " ".join(pdf_text(printed).replace("’", "'").split())
    assert FIRST_CHAPTER[edition] in text
    assert not seen.errors, seen.errors
