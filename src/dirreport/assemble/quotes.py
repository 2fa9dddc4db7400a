"""A person's story as a quotation (``{{< quote ID >}}``): only with consent, only in the language asked for."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dirreport.assemble import blocks
from dirreport.assemble.shortcode_errors import ShortcodeError


def story_quote(stories: Mapping[str, Any], lang: str, story_id: str) -> str:
    """The story's words as a block quote, with its attribution; refused without consent or text."""
    story = stories.get(story_id)
    if story is None:
        raise ShortcodeError(f"there is no story '{story_id}' in data/stories.csv", "check the id")
    if not story.consent:
        raise ShortcodeError(
            f"story '{story_id}' has no consent to publish", "only use stories whose consent column says yes"
        )
    text = story.text.get(lang, "").strip()
    if not text:
        raise ShortcodeError(f"story '{story_id}' has no {lang} text", f"fill in its {lang} column")
    quote = "> " + blocks.md(text)
    who = story.attribution.get(lang, "").strip()
    if who:
        quote += "\n>\n> — " + blocks.md(who)
    return quote
