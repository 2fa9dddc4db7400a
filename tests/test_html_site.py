"""The web page published as a small site (``site: true``, on in the sample): what each page holds and links to.

Every page must be there with the whole contents (its own entry marked), previous and next in reading
order, every link to a page and an identifier that exists, nothing of the single page lost on the way;
the search must find a word on the page it is on, in Chromium, opened from disk; the pages must be
axe-clean at a desktop and a phone width, in English and in Welsh, and the Welsh site wholly Welsh.
The pages are read from the shared build of the sample.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from lxml import html
from playwright.sync_api import sync_playwright

from conftest import EDITIONS, chromium_path, output_file
from test_browser import CHROMIUM_ARGS, describe, run_axe, visit

# the sample's pages in reading order: the forewords, each chapter, Chapter 3 a page per part, the back matter
PAGES = [
    "index.html",
    "1-summary.html",
    "2-context.html",
    "3-performance.html",
    "3a.html",
    "3b.html",
    "3c.html",
    "3d.html",
    "4-other.html",
]
BACK = {
    "en": ["glossary.html", "appendix.html", "about-figures.html"],
    "cy": ["glossary.html", "appendix.html", "about-figures.html"],
    # the bilingual back matter is one, side by side, named from its first language's anchors
    "bilingual": [f"{name}-cy.html" for name in ("glossary", "appendix", "about-figures")],
}
LABELS = {
    "en": ["Search this report", "Previous", "Next", "The whole report on one page"],
    "cy": ["Chwilio’r adroddiad hwn", "Blaenorol", "Nesaf", "Yr adroddiad cyfan ar un dudalen"],
}
DESKTOP, PHONE = 1280, 390


def site(built_sample: Path, edition: str) -> Path:
    return built_sample / "_output" / edition / "site"


def pages_in_order(edition: str) -> list[str]:
    return PAGES + BACK[edition]


def read(path: Path) -> Any:
    return html.fromstring(path.read_bytes())


def words(element: Any) -> str:
    return " ".join(element.text_content().split())


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_page_has_the_contents_its_own_entry_and_previous_and_next(built_sample: Path, edition: str) -> None:
    folder = site(built_sample, edition)
    order = pages_in_order(edition)
    assert sorted(p.name for p in folder.glob("*.html")) == sorted([*order, "search.html"])
    single_contents = [words(a) for a in read(output_file(built_sample, edition, "html")).xpath("//nav[@id='TOC']//a")]
    for n, name in enumerate(order):
        page = read(folder / name)
        links = page.xpath("//nav[@id='TOC']//a")
        # the single page's contents, and any page they leave out (the bilingual back matter) after them
        assert [words(a) for a in links][: len(single_contents)] == single_contents, f"{name}: not the contents"
        listed = {a.get("href", "").split("#")[0] or name for a in links}
        assert listed == set(order), f"{name}: the contents do not reach {set(order) - listed}"
        current = [a for a in links if a.get("aria-current") == "page"]
        assert current, f"{name}: its own entry is not marked"
        assert all(a.get("href", "").startswith(f"{name}#") or a.get("href", "").startswith("#") for a in current)
        pager = {a.get("rel"): a.get("href") for a in page.xpath("//nav[contains(@class, 'pager')]//a")}
        assert pager.get("prev") == (order[n - 1] if n else None), name
        assert pager.get("next") == (order[n + 1] if n + 1 < len(order) else None), name
    # a part's page opens at the second level, as a chapter's does, under the report's title
    part = read(folder / "3a.html")
    assert [h.tag for h in part.xpath("//main//*[self::h2 or self::h3 or self::h4][1]")][:1] == ["h2"]
    assert len(part.xpath("//h1")) == 1


def _ids(page: Any) -> set[str]:
    return {e.get("id") for e in page.xpath("//main//*[@id]")}


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_link_resolves_and_nothing_of_the_single_page_is_lost(built_sample: Path, edition: str) -> None:
    folder = site(built_sample, edition)
    parsed = {path: read(path) for path in sorted(folder.glob("*.html"))}
    ids = {path.resolve(): {e.get("id") for e in page.xpath("//*[@id]")} for path, page in parsed.items()}
    broken = []
    for path, page in parsed.items():
        for element in page.xpath("//a[@href] | //link[@href]"):
            href = element.get("href")
            parts = urlsplit(href)
            if parts.scheme or href.startswith("//"):
                continue  # the web, an address, a telephone
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path.resolve()
            if not target.is_file():
                broken.append(f"{path.name}: {href} (no such file)")
                continue
            if parts.fragment:
                if target not in ids:
                    ids[target] = {e.get("id") for e in read(target).xpath("//*[@id]")}
                if parts.fragment not in ids[target]:
                    broken.append(f"{path.name}: {href} (no such id)")
    assert not broken, "\n".join(broken)
    # every identifier of the single page's text is on exactly one page of the site: its figures, tables, sections
    single = _ids(read(output_file(built_sample, edition, "html")))
    placed: dict[str, list[str]] = {}
    for path, page in parsed.items():
        if path.name != "search.html":
            for identifier in _ids(page):
                placed.setdefault(identifier, []).append(path.name)
    assert single - placed.keys() == set()
    assert not {i: p for i, p in placed.items() if len(p) > 1 and i in single}


def test_a_cross_reference_to_another_page_names_that_page(built_sample: Path) -> None:
    # the year in numbers (Chapter 1) and the charts of Chapter 3 link to their data in the appendix
    folder = site(built_sample, "en")
    hrefs = [a.get("href") for a in read(folder / "3a.html").xpath("//main//a[@href]")]
    assert any(h.startswith("appendix.html#") for h in hrefs), hrefs[:20]


def test_the_welsh_site_is_wholly_welsh_and_the_bilingual_site_in_both(built_sample: Path) -> None:
    for edition, other in (("en", "cy"), ("cy", "en")):
        text = " ".join(
            words(part)
            for part in read(site(built_sample, edition) / "3b.html").xpath(
                "//*[contains(@class, 'site-search-bar') or contains(@class, 'pager') or self::footer]"
            )
        )
        assert all(label in text for label in LABELS[edition]), text
        assert not [label for label in LABELS[other] if label in text], text
    page = read(site(built_sample, "bilingual") / "3b.html")
    for lang, tag in (("cy", "cy-GB"), ("en", "en-GB")):
        tagged = [words(s) for s in page.xpath(f"//*[contains(@class, 'pager')]//span[@lang='{tag}']")]
        assert set(LABELS[lang][1:3]) <= set(tagged), tagged
    # each language's page switches to the same page of the other language's site
    switch = read(site(built_sample, "cy") / "3b.html").xpath("//p[@class='language-switch']/a/@href")
    assert switch == ["../../en/site/3b.html"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.mark.parametrize(
    ("edition", "words_typed", "page", "found"),
    [("en", "pharmacies", "3b.html", "pharmacies"), ("cy", "caniatad", "3-performance.html", "caniatâd")],
)
def test_the_search_finds_a_word_on_the_page_it_is_on(
    built_sample: Path, browser: Any, edition: str, words_typed: str, page: str, found: str
) -> None:
    with visit(browser, site(built_sample, edition) / "index.html") as seen:
        box = seen.page.locator("form.site-search input[name='q']")
        box.fill(words_typed)  # the box is shown only where the script runs: fill waits for it
        box.press("Enter")
        seen.page.wait_for_url("**/search.html?q=*")
        first = seen.page.locator("#search-results a").first
        first.wait_for()
        href = first.get_attribute("href")
        assert href.split("#")[0] == page, href
        first.click()
        seen.page.wait_for_url(f"**/{page}*")
        fragment = urlsplit(seen.page.url).fragment
        where = seen.page.locator(f"[id='{fragment}']") if fragment else seen.page.locator("main")
        assert found in where.inner_text().lower()
        assert not seen.errors, seen.errors  # the policy let the site's script run, and nothing failed
        assert not seen.refused


@pytest.mark.parametrize(
    ("edition", "name", "width"),
    [
        (edition, name, width)
        for edition in ("en", "cy")
        for name in ("index.html", "3a.html", "search.html?q=gofal+care")
        for width in (DESKTOP, PHONE)
    ]
    + [("bilingual", "3-performance.html", DESKTOP)],
)
def test_the_pages_are_axe_clean(built_sample: Path, browser: Any, edition: str, name: str, width: int) -> None:
    path, _sep, query = name.partition("?")
    with visit(browser, site(built_sample, edition) / path, {"width": width, "height": 900}) as seen:
        if query:
            seen.page.goto(f"{(site(built_sample, edition) / path).as_uri()}?{query}", wait_until="load")
            seen.page.locator("#search-status > *").first.wait_for()
        violations = run_axe(seen.page)
        assert not seen.errors, seen.errors
    assert not violations, f"{len(violations)} axe violations:\n{describe(violations)}"


def test_a_page_template_without_main_is_told_not_a_fault(tmp_path: Path) -> None:
    from dirreport.assemble.document import Document
    from dirreport.errors import InputError
    from dirreport.render.common import RenderSettings
    from dirreport.render.html_site import write_site

    page = "<!DOCTYPE html><html><head><title>t</title></head><body><div id='content'>text</div></body></html>"
    document = Document("en", "en", "report", "", {}, (), (), {}, draft=False)
    settings = RenderSettings(project_root=tmp_path, cache_dir=tmp_path, epoch=0, site=True)
    with pytest.raises(InputError) as raised:
        write_site(page, document, tmp_path, settings)
    problem = raised.value.problems[0]
    assert problem.file == "templates/report.html" and "main" in problem.message and problem.hint
