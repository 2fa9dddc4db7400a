"""Last year's report project as this year's input: the points its "What we need to improve" lists named.

Read once when the project is loaded; the build's fingerprint includes last year's folder for the same reason.
"""

from __future__ import annotations

import re
from pathlib import Path

from dirreport.config.settings import Config
from dirreport.content.narrative import parse_tokens
from dirreport.data.model import Improvement
from dirreport.errors import InputError, Problem

IMPROVE_HEADINGS = {"en": "what we need to improve", "cy": "beth sydd angen i ni ei wella"}


def last_years_points(config: Config) -> tuple[Improvement, ...]:
    """Areas for improvement named in last year's report project: its 'What we need to improve' lists.

    Last year's sections (iii) list, in each language, the points this year's
    sections (iv) must answer.  They are numbered IMP-01, IMP-02, ... in the
    order of the report, so this year's accounts can name them.
    """
    folder = (config.root / str(config.last_year)).resolve()
    where = "_quarto.yml"
    if not (folder / "narratives").is_dir():
        raise InputError(
            Problem(
                f"last-year '{config.last_year}' is not a report project (no narratives folder)",
                file=where,
                hint="give the path of last year's project folder, or provide data/last-year-improvements.csv instead",
            )
        )
    points: list[Improvement] = []
    for part in ("3a", "3b", "3c", "3d"):
        texts = {
            lang: _improvement_items(folder / "narratives" / lang / f"{part}-iii.md", lang) for lang in ("en", "cy")
        }
        for n, english in enumerate(texts["en"]):
            welsh = texts["cy"][n] if n < len(texts["cy"]) else english
            points.append(Improvement(f"IMP-{len(points) + 1:02d}", part, {"en": english, "cy": welsh}))
    return tuple(points)


def _improvement_items(path: Path, lang: str) -> list[str]:
    """The list items under the 'What we need to improve' heading of one narrative, as plain sentences."""
    if not path.is_file():
        return []
    tokens = parse_tokens(path.read_text(encoding="utf-8"))
    items: list[str] = []
    inside = False
    for i, token in enumerate(tokens):
        if token.type == "heading_open":
            heading = tokens[i + 1].content.strip().lower()
            inside = heading.startswith(IMPROVE_HEADINGS[lang])
        elif (
            inside
            and token.type == "inline"
            and tokens[i - 1].type == "paragraph_open"
            and any(t.type == "list_item_open" for t in tokens[max(0, i - 3) : i])
        ):
            items.append(_point(token.content))
    return items


def _point(item: str) -> str:
    """The point itself: a bold lead if the item has one, else its first sentence, without last year's figures."""
    lead = re.match(r"\s*\*\*(.+?)\*\*", item)
    text = lead.group(1) if lead else re.split(r"(?<=[.!?])\s", item.strip(), maxsplit=1)[0]
    text = re.sub(r"\{\{<.*?>\}\}", "", text)
    return " ".join(text.split()).rstrip(" :")
