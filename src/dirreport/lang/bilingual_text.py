"""Text that exists in both of the report's languages.

Catalogue data (metric wordings, indicator titles, quality standards) is
reference data published in English and Welsh together, so it travels as a
pair rather than through gettext, which is for the program's own sentences.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Lang = Literal["en", "cy"]
LANGUAGES: tuple[Lang, ...] = ("en", "cy")
LANG_TAGS: dict[str, str] = {"en": "en-GB", "cy": "cy-GB"}


@dataclass(frozen=True)
class Bilingual:
    """The same text in English and Welsh; neither may be missing."""

    en: str
    cy: str

    def __call__(self, lang: str) -> str:
        return self.cy if lang == "cy" else self.en

    @classmethod
    def from_mapping(cls, value: Any, what: str) -> Bilingual:
        """Read ``{en: ..., cy: ...}``; ``what`` names the field in messages."""
        if not isinstance(value, dict):
            raise ValueError(f"{what} must have an 'en' and a 'cy' text")
        en, cy = value.get("en"), value.get("cy")
        if not isinstance(en, str) or not en.strip():
            raise ValueError(f"{what} has no English text ('en')")
        if not isinstance(cy, str) or not cy.strip():
            raise ValueError(f"{what} has no Welsh text ('cy')")
        return cls(en=" ".join(en.split()), cy=" ".join(cy.split()))
