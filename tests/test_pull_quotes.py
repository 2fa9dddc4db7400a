"""People's own words as pull quotes: a large mark, the brand's colour, who said them kept with them.

In-process: what assembly gives each format for ``{{< quote ID >}}``.  On the
shared sample build: the web page's figure and caption, the PDF's quotation
on one page with its attribution, Word's styles and their keep-with-next.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from lxml import html

from conftest import REPO, output_file, pdf_text
from dirreport.assemble.quotes import BY_STYLE, MARK_STYLE, QUOTE_STYLE, story_quote
from dirreport.pipeline.project import Project, load_project

CARER = "Looking after my husband is a full-time job."
BY = "A carer in the north of Glanafon"
CARER_CY, BY_CY = "Mae gofalu am fy ngŵr", "Gofalwr yng ngogledd Glanafon"
# a line's worth, so the bilingual PDF's two columns (read across by pdftotext) do not part them
SHORT = {CARER: "Looking after my", BY: "A carer in the", CARER_CY: "Mae gofalu am", BY_CY: "Gofalwr yng"}


@pytest.fixture(scope="module")
def sample() -> Project:
    return load_project(REPO)


def _part(block: str, fmt: str) -> str:
    start = block.index(f'when-format="{fmt}"')
    end = block.find("::: {.content-visible", start)
    return block[start : end if end > 0 else len(block)]


def test_each_format_gets_the_quote_its_mark_and_who_said_it(sample: Project) -> None:
    block = story_quote(sample.dataset.stories, "en", "STORY-01")
    page = _part(block, "html")
    assert '<figure class="pull-quote">' in page and "> " + CARER in page
    assert f'<figcaption class="pull-quote-by">— {BY}</figcaption>' in page
    assert page.index(CARER) < page.index(BY) < page.index("</figure>")
    typst = _part(block, "typst")
    # one unbreakable block: the words and their attribution never part over a page
    assert typst.startswith('when-format="typst"}\n```{=typst}\n#pad(left: 1.5pt)[#block(breakable: false')
    assert 'pdf.artifact(text(size: 34pt, weight: "bold", fill: brand, "“"))' in typst
    assert typst.index(CARER) < typst.index(BY)
    word = _part(block, "docx")
    assert f'::: {{custom-style="{QUOTE_STYLE}"}}\n[“]{{custom-style="{MARK_STYLE}"}}{CARER}' in word
    assert f'::: {{custom-style="{BY_STYLE}"}}\n— {BY}' in word
    # in Welsh, the Welsh words and attribution
    welsh = story_quote(sample.dataset.stories, "cy", "STORY-01")
    assert BY_CY in welsh and CARER_CY in welsh and CARER not in welsh


def test_the_web_page_sets_the_quote_in_a_figure_captioned_by_who_said_it(built_sample: Path) -> None:
    page = html.fromstring(output_file(built_sample, "en", "html").read_bytes())
    quotes = page.xpath('//figure[@class="pull-quote"]')
    assert len(quotes) >= 2
    first = quotes[0]
    assert CARER in first.xpath("./blockquote")[0].text_content()
    assert first.xpath('./figcaption[@class="pull-quote-by"]')[0].text_content().strip() == f"— {BY}"


def test_the_pdf_keeps_the_quote_on_the_page_of_its_attribution(built_sample: Path) -> None:
    for edition in ("en", "cy", "bilingual"):
        pages = pdf_text(output_file(built_sample, edition, "pdf")).split("\f")
        quotes = {"en": [(CARER, BY)], "cy": [(CARER_CY, BY_CY)], "bilingual": [(CARER, BY), (CARER_CY, BY_CY)]}
        for words, by in quotes[edition]:
            holding = [n for n, text in enumerate(pages) if SHORT[words] in " ".join(text.split())]
            assert holding, (edition, words)
            assert SHORT[by] in " ".join(pages[holding[0]].split()), (edition, words)


def test_word_styles_the_quote_and_keeps_it_with_who_said_it(built_sample: Path) -> None:
    document = docx.Document(str(output_file(built_sample, "en", "docx")))
    styles = {s.name: s for s in document.styles}
    quote, mark = styles[QUOTE_STYLE], styles[MARK_STYLE]
    assert quote.paragraph_format.keep_with_next and quote.paragraph_format.keep_together
    assert quote.font.italic and quote.font.color.rgb is not None
    assert mark.font.size.pt >= 24 and mark.font.color.rgb == quote.font.color.rgb
    paragraphs = document.paragraphs
    at = next(i for i, p in enumerate(paragraphs) if CARER in p.text)
    assert paragraphs[at].style.name == QUOTE_STYLE and paragraphs[at].text.startswith("“")
    assert paragraphs[at].runs[0].style.name == MARK_STYLE
    assert paragraphs[at + 1].style.name == BY_STYLE and paragraphs[at + 1].text == f"— {BY}"
    with zipfile.ZipFile(output_file(built_sample, "en", "docx")) as opened:
        assert b"w:left" in opened.read("word/styles.xml")  # the rule in the brand's colour
