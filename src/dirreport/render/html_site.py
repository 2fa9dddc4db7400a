"""The web page as a small site: a page per chapter, the contents on every page, previous and next, a search.

Councils publish the Director's report on their websites by section, not as one page many screens long.
With ``site: true`` each full edition's web page is also published as ``site/`` beside it: ``index.html``
(what comes before Chapter 1: the forewords), a page per chapter and per back-matter section, and a page
per part of a chapter that carries many figures (Chapter 3), with ``search.html``.

The pages are cut from the one page pandoc wrote, after its charts are inlined, its pictures embedded and
it is sanitised (lxml, no second pandoc run): the same text, figures and identifiers.  A link to an
identifier that moved to another page is written ``page.html#id``; a path beside the page gets ``../``.
Each page keeps the template's head and cover, the whole contents (its own entry marked
``aria-current="page"``) and previous and next links, and is sanitised again as the single page is, with
one more script of dirreport's own (``resources/site.js``) allowed by its hash.  The search page carries
the index as JSON data, which no policy has to allow: the script reads it, so the search works from disk.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from lxml import html as lxml_html
from lxml.html import HtmlElement

from dirreport.assemble.document import Document
from dirreport.errors import InputError, Problem
from dirreport.lang.bilingual_text import LANG_TAGS
from dirreport.lang.i18n import N_, _
from dirreport.render.common import RenderSettings, resource, template
from dirreport.render.page_safety import safe_page

SITE_DIR = "site"
INDEX, SEARCH = "index.html", "search.html"
SPLIT_AT_FIGURES = 12  # a chapter holding more figures and tables than this is a page per part
CHAPTER_ID = re.compile(r"^sec-\d")
PART_ID = re.compile(r"^sec-\d+[a-z]$")
HEADINGS = ("h2", "h3", "h4", "h5", "h6")
NOT_INDEXED = ("svg", "style", "script", "nav")
# the site's own words (Welsh in the catalogue; both languages in the bilingual edition)
ONE_PAGE = N_("The whole report on one page")
PAGER = N_("Previous and next pages")
SEARCH_REPORT = N_("Search this report")
SEARCH_BUTTON = N_("Search")
RESULTS_FOR = N_("Results for:")
NO_RESULTS = N_("Nothing in this report matches:")
EMPTY_SEARCH = N_("Type the words to search for in the box above.")
SEARCH_RESULTS = N_("Search results")
RELATIVE = re.compile(r"^(?![a-z][a-z0-9+.-]*:)(?![#/])", re.I)  # a path beside the page, not an address


@dataclass
class Page:
    """One page of the site: its file, its heading, what its ``<main>`` holds and the ids it opens with."""

    name: str
    title: str
    blocks: list[HtmlElement]
    heads: list[str]
    ids: set[str] = field(default_factory=set)
    lang: str = ""  # a page all in one language of the bilingual edition (its back matter): that language

    def title_html(self) -> str:
        return f'<span lang="{escape(self.lang)}">{escape(self.title)}</span>' if self.lang else escape(self.title)


def write_site(page: str, document: Document, work: Path, settings: RenderSettings) -> list[Path]:
    """The edition's page as ``site/`` in the work folder: every page and the search page, sanitised."""
    tree = lxml_html.document_fromstring(page)
    for policy in tree.xpath("//meta[@http-equiv]"):
        policy.getparent().remove(policy)  # each page is given its own when it is sanitised
    _prefix_relative_links(tree)
    main = tree.get_element_by_id("main", None)
    if main is None or main.tag != "main":
        raise InputError(
            Problem(
                'the web page has no <main id="main"> to cut into the pages of its site',
                file="templates/report.html",
                hint='keep <main id="main"> around $body$ in your page template, as the package\'s '
                "report.html has it, or set site: false in _quarto.yml",
            )
        )
    leading, pages = _split(main)
    for child in list(main):
        main.remove(child)
    main.text = "\n"
    where = {identifier: p.name for p in pages for identifier in p.ids}
    labels = Labels(document)
    folder = work / SITE_DIR
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    script = resource("site.js").read_text(encoding="utf-8")
    style = resource("site.css").read_text(encoding="utf-8")
    for n, this in enumerate(pages):
        shell = _shell(tree, pages, this, where, labels, document, settings, style, script)
        main = shell.get_element_by_id("main")
        for block in [copy.deepcopy(b) for b in leading] + this.blocks:
            main.append(block)
        _relink(main, this, where)
        main.append(_pager(pages[n - 1] if n else None, pages[n + 1] if n + 1 < len(pages) else None, labels))
        written.append(_write(shell, folder / this.name, settings, script))
    search = Page(SEARCH, labels.text(SEARCH_RESULTS), [], [])
    shell = _shell(tree, pages, search, where, labels, document, settings, style, script)
    shell.get_element_by_id("main").append(_fragment(labels.search_page()))
    index = json.dumps(list(_index(pages)), ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    written.append(_write(shell, folder / SEARCH, settings, script, data=index))
    return written


# --- cutting the page ---------------------------------------------------------------------------------------


def _split(main: HtmlElement) -> tuple[list[HtmlElement], list[Page]]:
    """What stands before the first section (notices, on every page) and the pages, in reading order.

    A top-level section is a unit; a section inside a language's wrapper (the bilingual edition's back
    matter) is one too, inside a copy of its wrapper.  The units before Chapter 1 make the first page.
    """
    leading: list[HtmlElement] = []
    units: list[tuple[HtmlElement, HtmlElement]] = []  # (the block placed, the section it holds)
    for child in main:
        if child.tag == "section" and child.get("id"):
            units.append((copy.deepcopy(child), child))
        elif child.tag == "div" and child.findall("section"):
            for section in child.findall("section"):
                wrapper = lxml_html.Element(child.tag, dict(child.attrib))
                wrapper.append(copy.deepcopy(section))
                units.append((wrapper, section))
        elif units:
            units[-1][0].append(copy.deepcopy(child))  # a block between sections stays with the one before
        else:
            leading.append(child)
    pages: list[Page] = []
    before = list(_until_chapter(units))
    if before:
        pages.append(Page(INDEX, _heading(before[0][1]), [b for b, _s in before], [s.get("id") for _b, s in before]))
    for block, section in units[len(before) :]:
        pages += _chapter_pages(block, section, not pages)
        if block.tag == "div" and block.get("lang"):
            pages[-1].lang = block.get("lang", "")
    used: set[str] = set()
    for p in pages:
        while p.name in used:
            p.name = p.name.replace(".html", "-1.html")
        used.add(p.name)
        p.ids = {e.get("id") for b in p.blocks for e in b.iter() if isinstance(e.tag, str) and e.get("id")}
    return leading, pages


def _until_chapter(units: list[tuple[HtmlElement, HtmlElement]]) -> Iterator[tuple[HtmlElement, HtmlElement]]:
    for unit in units:
        if CHAPTER_ID.match(unit[1].get("id", "")):
            return
        yield unit


def _chapter_pages(block: HtmlElement, section: HtmlElement, first: bool) -> list[Page]:
    """A chapter as one page, or, when it carries many figures, as its own page and a page per part."""
    identifier = section.get("id", "")
    name = INDEX if first else _file_name(identifier)
    parts = [s for s in block.iter("section") if PART_ID.match(s.get("id", ""))]
    if not parts or len(block.xpath(".//figure|.//table")) <= SPLIT_AT_FIGURES:
        return [Page(name, _heading(section), [block], [identifier])]
    pages = [Page(name, _heading(section), [block], [identifier])]
    for part in parts:
        part.getparent().remove(part)
        for heading in part.iter(*HEADINGS[1:]):
            heading.tag = f"h{int(heading.tag[1]) - 1}"  # the part's page opens at h2, as a chapter's does
        pages.append(Page(_file_name(part.get("id", "")), _heading(part), [part], [part.get("id", "")]))
    return pages


def _file_name(identifier: str) -> str:
    return re.sub(r"[^a-z0-9-]", "-", identifier.removeprefix("sec-").lower()) + ".html"


def _heading(section: HtmlElement) -> str:
    heading = next(section.iter(*HEADINGS), None)
    return " ".join(heading.text_content().split()) if heading is not None else ""


# --- links ----------------------------------------------------------------------------------------------------


def _prefix_relative_links(tree: HtmlElement) -> None:
    """The pages sit one folder below the edition's page: a path beside it (the summary, a download) gets ../."""
    for element in tree.iter("a", "link"):
        href = element.get("href")
        if href and RELATIVE.match(href):
            element.set("href", f"../{href}")


def _relink(element: HtmlElement, this: Page, where: dict[str, str]) -> None:
    """Every link to an identifier on another page, as ``page.html#id``; one on this page stays ``#id``."""
    for link in element.iter("a"):
        href = link.get("href", "")
        if href.startswith("#") and where.get(href[1:], this.name) != this.name:
            link.set("href", f"{where[href[1:]]}#{href[1:]}")


def _contents(nav: HtmlElement, this: Page, where: dict[str, str], pages: list[Page]) -> None:
    """The contents of every page: each entry to its page, this page's own marked as the current one.

    A page whose heading pandoc's contents leave out (the bilingual edition's back matter, each language's
    inside its own passage) is listed after the others, so every page is reached from every other.
    """
    listed = {link.get("href", "")[1:] for link in nav.iter("a")}
    top = nav.find("ul")
    for page in pages:
        if top is not None and page.heads and page.heads[0] not in listed:
            entry = _fragment(f'<li><a href="#{escape(page.heads[0])}">{page.title_html()}</a></li>')
            top.append(entry)
    for link in nav.iter("a"):
        identifier = link.get("href", "")[1:]
        if identifier not in where:
            continue
        if identifier in this.heads:
            link.set("aria-current", "page")
        if where[identifier] != this.name:
            link.set("href", f"{where[identifier]}#{identifier}")


# --- the page around the content --------------------------------------------------------------------------------


def _shell(
    tree: HtmlElement,
    pages: list[Page],
    this: Page,
    where: dict[str, str],
    labels: Labels,
    document: Document,
    settings: RenderSettings,
    style: str,
    script: str,
) -> HtmlElement:
    shell = copy.deepcopy(tree)
    head = shell.find("head")
    title = head.find("title")
    if this.name != INDEX and title is not None:
        title.text = f"{this.title} – {title.text_content()}"
    extra_style = lxml_html.Element("style")
    extra_style.text = "\n" + style
    head.append(extra_style)
    element = lxml_html.Element("script")
    element.text = script
    head.append(element)
    other = _other_site(settings, this.name)
    for link in shell.xpath("//link[@rel='alternate'] | //p[@class='language-switch']/a"):
        if other:
            link.set("href", other)
    nav = shell.get_element_by_id("TOC", None)
    main = shell.get_element_by_id("main")
    if nav is not None:
        _contents(nav, this, where, pages)
        layout = lxml_html.Element("div", {"class": "site-layout"})
        nav.addprevious(layout)
        layout.append(nav)
        layout.append(main)
    cover = shell.find(".//header")
    if cover is not None:
        cover.addnext(_fragment(labels.search_box()))
    footer_wrap = shell.find(".//footer/div")
    if footer_wrap is not None:
        one_page = f"../{document.basename}.html"
        link = f'<a href="{escape(one_page)}">{labels.html(ONE_PAGE)}</a>'
        footer_wrap.insert(0, _fragment(f'<p class="one-page-link">{link}</p>'))
    return shell


def _other_site(settings: RenderSettings, name: str) -> str | None:
    """The same page of the other language's site: its edition's folder, from the other edition's page."""
    if not settings.other_edition_href:
        return None
    folder = settings.other_edition_href.rsplit("/", 1)[0]
    return f"../{folder}/{SITE_DIR}/{name}"


def _pager(previous: Page | None, following: Page | None, labels: Labels) -> HtmlElement:
    items = []
    for page, rel, key in ((previous, "prev", N_("Previous")), (following, "next", N_("Next"))):
        if page is not None:
            items.append(
                f'<li class="pager-{rel}"><a href="{page.name}" rel="{rel}"><span class="pager-label">'
                f"{labels.html(key)}</span> {page.title_html()}</a></li>"
            )
    return _fragment(f'<nav class="pager" aria-label="{labels.plain(PAGER)}"><ul>{"".join(items)}</ul></nav>')


def _fragment(text: str) -> HtmlElement:
    element: HtmlElement = lxml_html.fragment_fromstring(text)
    return element


def _write(shell: HtmlElement, path: Path, settings: RenderSettings, script: str, data: str = "") -> Path:
    text = lxml_html.tostring(shell, encoding="unicode", doctype="<!DOCTYPE html>")
    text = safe_page(text, template(settings, "report.html"), own_scripts=(script,), search=True)
    if data:
        # the search's index, as data the page's script reads: never run, so no policy has to allow it
        body, end, rest = text.rpartition("</body>")
        text = f'{body}<script type="application/json" id="site-index">{data}</script>\n{end}{rest}'
    path.write_text(text, encoding="utf-8")
    return path


# --- the search -----------------------------------------------------------------------------------------------------


def _index(pages: list[Page]) -> Iterator[list[str]]:
    """Each section's own words (not its subsections', not the charts' drawing).

    Each entry: its page, its id (none for the page's own heading), its heading, the page's heading, its text.
    """
    for page in pages:
        for block in page.blocks:
            for section in block.iter("section"):
                if not section.get("id"):
                    continue
                words: list[str] = []
                _own_text(section, words, top=True)
                text = " ".join(" ".join(words).split())
                if text:
                    head = section.get("id") in page.heads and page.heads[0] == section.get("id")
                    yield [page.name, "" if head else section.get("id", ""), _heading(section), page.title, text]


def _own_text(element: HtmlElement, out: list[str], top: bool) -> None:
    if not isinstance(element.tag, str) or (not top and element.tag == "section") or element.tag in NOT_INDEXED:
        return
    if element.text:
        out.append(element.text)
    for child in element:
        _own_text(child, out, top=False)
        if child.tail:
            out.append(child.tail)


class Labels:
    """The site's own words in the edition's language, or in both (each half tagged) in the bilingual edition."""

    def __init__(self, document: Document) -> None:
        first = document.lang
        self.langs = [first, "en" if first == "cy" else "cy"] if document.edition == "bilingual" else [first]

    def text(self, message: str) -> str:
        return " / ".join(_(message, lang) for lang in self.langs)

    def plain(self, message: str) -> str:
        """For an attribute: both languages' words as plain text, escaped."""
        return escape(self.text(message))

    def html(self, message: str) -> str:
        if len(self.langs) == 1:
            return escape(_(message, self.langs[0]))
        return " / ".join(f'<span lang="{LANG_TAGS[lang]}">{escape(_(message, lang))}</span>' for lang in self.langs)

    def search_box(self) -> str:
        return (
            '<div class="site-search-bar"><form class="site-search" role="search" hidden '
            f'aria-label="{self.plain(SEARCH_REPORT)}">'
            f'<label for="site-search-words">{self.html(SEARCH_REPORT)}</label>'
            '<input type="search" id="site-search-words" name="q" autocomplete="off">'
            f'<button type="submit">{self.html(SEARCH_BUTTON)}</button></form></div>'
        )

    def search_page(self) -> str:
        return (
            f'<section id="search" class="level2"><h2>{self.html(SEARCH_RESULTS)}</h2>'
            f'<p id="search-found" hidden>{self.html(RESULTS_FOR)}</p>'
            f'<p id="search-none" hidden>{self.html(NO_RESULTS)}</p>'
            f'<p id="search-empty" hidden>{self.html(EMPTY_SEARCH)}</p>'
            '<div id="search-status" role="status"></div><ol id="search-results"></ol></section>'
        )
