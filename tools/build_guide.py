"""Render the user guide (``docs/``) to HTML with the pandoc dirreport itself uses.

``python tools/build_guide.py [OUT]`` writes ``docs/_site/`` (or OUT): one page per Markdown file, links
between pages pointing at the HTML, the pictures copied, and ``index.html`` as the guide's front page.
pandoc comes from pypandoc-binary, as for the report, so nothing else is needed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
SITE = DOCS / "_site"
_LINK = re.compile(r"\]\(([^)#\s]+?)\.md(#[^)\s]*)?\)")
CSS = """
body { font-family: system-ui, sans-serif; max-width: 50rem; margin: 2rem auto; padding: 0 1rem;
       line-height: 1.5; color: #0b0c0c; }
a { color: #1b5e9e; }
code { background: #f3f2f1; padding: 0 .2em; }
pre code { background: none; padding: 0; }
pre { background: #f3f2f1; padding: .75rem; overflow-x: auto; }
pre.message { background: #fff4e5; border-left: 4px solid #b35c00; white-space: pre-wrap; }
table { border-collapse: collapse; } th, td { border: 1px solid #b1b4b6; padding: .3rem .5rem; vertical-align: top; }
img { max-width: 100%; border: 1px solid #b1b4b6; }
"""


def pages(docs: Path = DOCS) -> list[Path]:
    """Every page of the guide, in a stable order."""
    return sorted(p for p in docs.rglob("*.md") if "_site" not in p.relative_to(docs).parts)


def _pandoc() -> str:
    import pypandoc

    return str(pypandoc.get_pandoc_path())


def render(out: Path = SITE, docs: Path = DOCS) -> list[Path]:
    """Write every page as HTML under ``out``; returns the pages written."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    (out / "guide.css").write_text(CSS, encoding="utf-8")
    written = []
    for page in pages(docs):
        relative = page.relative_to(docs)
        target = out / relative.with_suffix(".html")
        target.parent.mkdir(parents=True, exist_ok=True)
        text = _LINK.sub(lambda m: f"]({m.group(1)}.html{m.group(2) or ''})", page.read_text(encoding="utf-8"))
        title = next((line[2:].strip().replace("`", "") for line in text.splitlines() if line.startswith("# ")), "")
        css = "../" * (len(relative.parts) - 1) + "guide.css"
        subprocess.run(
            [_pandoc(), "--from", "markdown", "--to", "html5", "--standalone", "--css", css,
             "--metadata", f"pagetitle=dirreport guide: {title}", "--metadata", "lang=en-GB", "-o", str(target)],
            input=text, text=True, encoding="utf-8", check=True,
        )  # fmt: skip
        written.append(target)
    if (docs / "images").is_dir():
        shutil.copytree(docs / "images", out / "images")
    shutil.copyfile(out / "README.html", out / "index.html")
    return written


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else SITE
    written = render(out)
    print(f"wrote {len(written)} pages to {out}; open {out / 'index.html'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
