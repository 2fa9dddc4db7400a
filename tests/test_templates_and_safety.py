"""Templates users can override, but not escape; narrative that cannot inject script."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import assert_user_error, chromium_path, copy_with_cache, dirreport, html_text, output_file


@pytest.fixture
def project(built_sample: Path, tmp_path: Path) -> Path:
    """A copy of the sample with its cache: the charts are drawn already, what a template makes of them is the point."""
    return copy_with_cache(built_sample, tmp_path / "p")


def test_a_project_template_replaces_the_packaged_one(project: Path) -> None:
    (project / "templates").mkdir(exist_ok=True)
    (project / "templates" / "notices.md.j2").write_text(
        '::: {.notice}\n{{ _("Sample data") }}: Own notice from the project templates.\n:::\n', encoding="utf-8"
    )
    run = dirreport("build", str(project), "--lang", "en", "--format", "html")
    assert run.returncode == 0, run.output
    text = html_text(output_file(project, "en", "html"))
    assert "Own notice from the project templates." in text
    assert "This report is about a fictional authority" not in text


def test_a_template_cannot_reach_python_internals(project: Path) -> None:
    (project / "templates").mkdir(exist_ok=True)
    (project / "templates" / "notices.md.j2").write_text("{{ ''.__class__.__mro__ }}\n", encoding="utf-8")
    run = dirreport("build", str(project), "--lang", "en", "--format", "html")
    assert_user_error(run, "templates/notices.md.j2:line 1", "not allowed", "__class__")
    assert run.returncode == 2


def test_a_template_syntax_error_is_located(project: Path) -> None:
    (project / "templates").mkdir(exist_ok=True)
    (project / "templates" / "notices.md.j2").write_text("Fine line\n{% if meta.sample %}\nno end\n", encoding="utf-8")
    run = dirreport("build", str(project), "--lang", "en", "--format", "html")
    assert_user_error(run, "templates/notices.md.j2", "template syntax error")


def test_a_typst_template_that_typst_refuses_is_named(project: Path) -> None:
    from dirreport.render.common import resource

    (project / "templates").mkdir(exist_ok=True)
    broken = resource("report.typ").read_text(encoding="utf-8") + "\n#let broken = (\n"
    (project / "templates" / "report.typ").write_text(broken, encoding="utf-8")
    run = dirreport("build", str(project), "--lang", "en", "--format", "pdf")
    assert_user_error(run, "templates/report.typ", "Typst could not make the PDF")
    assert run.returncode == 2
    assert not (project / "_output" / "en").exists(), "nothing is published from a failed build"


HOSTILE = """Before the hostile parts.

<script>window.__pwned = "script"</script>

<img src="nothing.png" onerror="window.__pwned = 'onerror'">

A [friendly looking link](javascript:window.__pwned='link') and <span onclick="window.__pwned='span'">text</span>.

![escaping the project](../outside.png)

![from the internet](https://example.com/tracker.png)

<iframe src="https://example.com/"></iframe>

After the hostile parts.
"""


def test_hostile_narrative_is_neutralised_and_no_script_runs(project: Path, tmp_path: Path) -> None:
    (tmp_path / "outside.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    path = project / "narratives" / "en" / "2-context.md"
    front = path.read_text(encoding="utf-8").split("\n---\n")[0]
    path.write_text(front + "\n---\n\n" + HOSTILE, encoding="utf-8")
    check = dirreport("check", str(project))
    assert check.returncode == 1
    for fragment in (
        "raw HTML with <script>",
        "onerror= attribute",
        "link to 'javascript:",
        "leads outside the project",
        "is on the internet",
        "<iframe>",
    ):
        assert fragment in check.output, check.output
    run = dirreport("build", str(project), "--lang", "en", "--format", "html", "--draft")
    assert run.returncode == 0, run.output
    page = output_file(project, "en", "html")
    source = page.read_text(encoding="utf-8")
    for forbidden in ("__pwned", "javascript:", "onerror", "<iframe", "example.com/tracker"):
        assert forbidden not in source
    assert "Before the hostile parts." in source and "After the hostile parts." in source

    from playwright.sync_api import sync_playwright

    requests: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=chromium_path(),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        page_ = browser.new_page()
        page_.on("request", lambda request: requests.append(request.url))
        dialogs: list[str] = []
        page_.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page_.goto(page.as_uri())
        # click everything in the hostile section, as a curious reader might
        page_.evaluate(
            "() => document.querySelectorAll('#sec-2-context a, #sec-2-context span').forEach(e => e.click())"
        )
        pwned = page_.evaluate("() => window.__pwned === undefined ? null : String(window.__pwned)")
        browser.close()
    assert pwned is None
    assert dialogs == []
    assert [u for u in requests if not u.startswith(("file:", "data:", "about:"))] == []
