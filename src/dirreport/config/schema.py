"""Every ``dirreport:`` setting of ``_quarto.yml``, declared once.

Each setting has a kind (what it holds), a default and the words that
document it.  ``config.py`` validates a project's settings from this list;
``tools/settings_docs.py`` writes the README's settings table and the JSON
Schema (``src/dirreport/resources/dirreport-settings.schema.json``) from it,
and a test holds the two to the list.  A setting is added here, and nowhere
else.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from dirreport import cells
from dirreport.config import report_parts
from dirreport.lang.bilingual_text import LANGUAGES, Bilingual

FORMATS = ("html", "pdf", "docx")


@dataclass(frozen=True)
class Kind:
    """What a setting holds: how to read it, how to describe it and its JSON Schema."""

    name: str
    read: Callable[[Any], Any]  # the value as Config holds it; raises ValueError with a reason the user can act on
    schema: dict[str, Any]


@dataclass(frozen=True)
class Setting:
    key: str
    kind: Kind
    doc: str
    default: Any = None
    required: bool = False
    example: str = ""

    @property
    def attribute(self) -> str:
        return self.key.replace("-", "_")


def _what(value: Any) -> str:
    """How a wrong value looks to the user: 'the number 42', 'a list', 'the text "yes"'."""
    if isinstance(value, bool):
        return f"{'true' if value else 'false'}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text '{value}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    return type(value).__name__


def _text(value: Any) -> str:
    if not isinstance(value, str | int) or isinstance(value, bool) or not str(value).strip():
        raise ValueError(f"must be a text, not {_what(value)}")
    return str(value).strip()


def _bilingual(value: Any) -> Bilingual:
    try:
        return Bilingual.from_mapping(value, "")
    except ValueError as exc:
        raise ValueError(str(exc).strip()) from None


def _year(value: Any) -> str:
    read = cells.financial_year(str(value)) if isinstance(value, str | int) and not isinstance(value, bool) else None
    if read is None:
        raise ValueError(f'must be a financial year like "2023-24", not {_what(value)}')
    if isinstance(read, cells.Refusal):
        raise ValueError(read.message.replace(f"year '{str(value).strip()}' ", f"'{value}' "))
    if not 2016 <= int(read[:4]) <= dt.date.today().year:
        raise ValueError(f"year {read} is outside the years the framework covers (2016-17 to now)")
    return read


def _choices(allowed: tuple[str, ...]) -> Callable[[Any], tuple[str, ...]]:
    def read(value: Any) -> tuple[str, ...]:
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not items:
            raise ValueError(f"must be a list of {', '.join(allowed)}, not {_what(value)}")
        for item in items:
            if item not in allowed:
                raise ValueError(f"'{item}' is not one of {', '.join(allowed)}")
        return tuple(dict.fromkeys(str(i) for i in items))

    return read


def _one_of(allowed: tuple[str, ...]) -> Callable[[Any], str]:
    def read(value: Any) -> str:
        if value not in allowed:
            raise ValueError(f"must be one of {', '.join(allowed)}, not {_what(value)}")
        return str(value)

    return read


def _director(value: Any) -> str:
    if isinstance(value, dict):
        unknown = [k for k in value if k != "name"]
        if unknown:
            raise ValueError(f"has '{unknown[0]}', but only 'name' is read")
        name = value.get("name") or ""  # a new project's director is named later
        if not isinstance(name, str):
            raise ValueError(f"name must be a text, not {_what(name)}")
        return name.strip()
    if isinstance(value, str):
        return value.strip()
    raise ValueError(f'must be {{name: "..."}}, not {_what(value)}')


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"'{value}' is not a date written YYYY-MM-DD") from None


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"must be true or false, not {_what(value)}")
    return value


@dataclass(frozen=True)
class BilingualSettings:
    enabled: bool = True
    first: str = "cy"


def _bilingual_edition(value: Any) -> BilingualSettings:
    if isinstance(value, bool):
        return BilingualSettings(enabled=value)
    if isinstance(value, dict):
        unknown = [k for k in value if k not in ("first", "enabled")]
        if unknown:
            raise ValueError(f"has '{unknown[0]}', but only 'first' (and 'enabled') are read")
        first = value.get("first", "cy")
        if first not in LANGUAGES:
            raise ValueError(f"first is '{first}', which is not cy or en")
        return BilingualSettings(enabled=_bool(value.get("enabled", True)), first=str(first))
    raise ValueError(f"must be true, false or {{first: cy}}, not {_what(value)}")


@dataclass(frozen=True)
class SummarySettings:
    """The short summary edition: whether it is built, its title and its reading-ease target."""

    enabled: bool = False
    title: Bilingual | None = None
    readability_target: float = 60.0


def _summary(value: Any) -> SummarySettings:
    if isinstance(value, bool):
        return SummarySettings(enabled=value)
    if isinstance(value, dict):
        unknown = [k for k in value if k not in ("title", "readability-target", "enabled")]
        if unknown:
            raise ValueError(f"has '{unknown[0]}', but only title, readability-target (and enabled) are read")
        target = value.get("readability-target", 60.0)
        if isinstance(target, bool) or not isinstance(target, int | float):
            raise ValueError(f"readability-target must be a number, not {_what(target)}")
        title = _bilingual(value["title"]) if "title" in value else None
        return SummarySettings(_bool(value.get("enabled", True)), title, float(target))
    raise ValueError(
        f"must be true, false or {{title: {{en: ..., cy: ...}}, readability-target: 60}}, not {_what(value)}"
    )


def _figures(value: Any) -> tuple[str, ...] | None:
    """Indicator ids for the year in numbers; true for the automatic choice (None), false for none."""
    if value is True:
        return None
    if value is False:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ValueError(f"must be a list of indicator ids such as [AD-IAA-TIMELY], true or false, not {_what(value)}")
    if len(value) > 12:
        raise ValueError(f"lists {len(value)} figures; a page of key figures holds at most 12")
    return tuple(dict.fromkeys(v.strip() for v in value))


def _text_list(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str | int) for v in value):
        raise ValueError(f'must be a list of exact texts such as ["01234 567890"], not {_what(value)}')
    return tuple(str(v) for v in value)


def _number(above: float | None = None) -> Callable[[Any], float]:
    def read(value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"must be a number, not {_what(value)}")
        if above is not None and value <= above:
            raise ValueError(f"must be a number above {above:g}, not {value}")
        return float(value)

    return read


TEXT = Kind("text", _text, {"type": "string", "minLength": 1})
BILINGUAL = Kind(
    "{en, cy}",
    _bilingual,
    {
        "type": "object",
        "required": ["en", "cy"],
        "additionalProperties": False,
        "properties": {"en": {"type": "string", "minLength": 1}, "cy": {"type": "string", "minLength": 1}},
    },
)
YEAR = Kind("financial year", _year, {"type": ["string", "integer"], "pattern": r"^\d{4}\s*[-/]?\s*(\d{2}|\d{4})$"})
LANGUAGE_LIST = Kind(
    "list of en, cy", _choices(LANGUAGES), {"type": "array", "minItems": 1, "items": {"enum": list(LANGUAGES)}}
)
FORMAT_LIST = Kind(
    "list of html, pdf, docx", _choices(FORMATS), {"type": "array", "minItems": 1, "items": {"enum": list(FORMATS)}}
)
DIRECTOR = Kind(
    "{name}",
    _director,
    {
        "oneOf": [
            {
                "type": "object",
                "required": ["name"],
                "additionalProperties": False,
                "properties": {"name": {"type": "string", "minLength": 1}},
            },
            {"type": "string", "minLength": 1},
        ]
    },
)
DATE = Kind("date", _date, {"type": "string", "format": "date"})
BOOL = Kind("true or false", _bool, {"type": "boolean"})
BILINGUAL_EDITION = Kind(
    "{first: cy|en} or false",
    _bilingual_edition,
    {
        "oneOf": [
            {"type": "boolean"},
            {
                "type": "object",
                "additionalProperties": False,
                "properties": {"first": {"enum": list(LANGUAGES)}, "enabled": {"type": "boolean"}},
            },
        ]
    },
)
SUMMARY = Kind(
    "true, false or {title, readability-target}",
    _summary,
    {
        "oneOf": [
            {"type": "boolean"},
            {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "title": BILINGUAL.schema,
                    "readability-target": {"type": "number"},
                    "enabled": {"type": "boolean"},
                },
            },
        ]
    },
)
FIGURES = Kind(
    "list of indicator ids, true or false",
    _figures,
    {"oneOf": [{"type": "boolean"}, {"type": "array", "maxItems": 12, "items": {"type": "string", "minLength": 1}}]},
)
TEXT_LIST = Kind("list of texts", _text_list, {"type": "array", "items": {"type": "string"}})
FACTOR = Kind("number above 1", _number(above=1), {"type": "number", "exclusiveMinimum": 1})
NUMBER = Kind("number", _number(), {"type": "number"})
CHART_CHOICES = ("all", "key", "narrative")  # which indicators get a trend chart in the evidence sections
APPENDIX_CHOICES = ("print", "download")  # the data behind the charts in the report, or only in the downloads
FOREWORDS, SECTIONS, CONTACT = (Kind(*report_parts.KINDS[k]) for k in ("forewords", "sections", "contact"))
CHARTS = Kind("all, key or narrative", _one_of(CHART_CHOICES), {"enum": list(CHART_CHOICES)})
APPENDIX = Kind("print or download", _one_of(APPENDIX_CHOICES), {"enum": list(APPENDIX_CHOICES)})

SETTINGS: tuple[Setting, ...] = (
    Setting(
        "authority",
        TEXT,
        "ONS code of one of the 22 authorities, or any code of your own with authority-name given",
        required=True,
        example="W06000015",
    ),
    Setting(
        "authority-name",
        BILINGUAL,
        "the council's name in English and Welsh, as publisher on the cover, title and page furniture (default for "
        "the 22: the council's own name, e.g. Cyngor Sir Powys / Powys County Council; needed for a code of your own)",
        example='{en: "...", cy: "..."}',
    ),
    Setting(
        "area-name",
        BILINGUAL,
        "the place, for charts and sentences (default: the area the authority serves, e.g. Powys; for a code of "
        "your own, its authority-name)",
        example='{en: "...", cy: "..."}',
    ),
    Setting(
        "title",
        BILINGUAL,
        'the report\'s title (default: "Director of Social Services annual report" and the year)',
        example='{en: "...", cy: "..."}',
    ),
    Setting(
        "year",
        YEAR,
        "financial year of the report; 2023-24, 2023/24 and 202324 are the same year",
        required=True,
        example='"2023-24"',
    ),
    Setting(
        "languages", LANGUAGE_LIST, "the single-language editions to build", default=list(LANGUAGES), example="[en, cy]"
    ),
    Setting("formats", FORMAT_LIST, "the formats to build", default=list(FORMATS), example="[html, pdf, docx]"),
    Setting("director", DIRECTOR, "the Director of Social Services", default="", example='{name: "..."}'),
    Setting("date", DATE, "publication date, shown on the cover (optional)", example="2024-10-31"),
    Setting(
        "bilingual",
        BILINGUAL_EDITION,
        "the bilingual edition, Welsh or English first; false for none",
        default={"first": "cy"},
        example="{first: cy}",
    ),
    Setting("sample", BOOL, 'true marks every page "Sample data"', default=False, example="false"),
    Setting(
        "last-year",
        TEXT,
        'last year\'s project folder: its "What we need to improve" lists become this '
        "year's points to answer (or give data/last-year-improvements.csv)",
        example="../2022-23",
    ),
    Setting("allow", TEXT_LIST, "exact texts the personal-data check may let through", default=[], example="[]"),
    Setting(
        "outlier-factor",
        FACTOR,
        "a value that changes by more than this factor in a year is flagged",
        default=2.0,
        example="2.0",
    ),
    Setting(
        "readability-target",
        NUMBER,
        "Flesch reading ease each English section should reach",
        default=50.0,
        example="50",
    ),
    Setting(
        "charts",
        CHARTS,
        "which indicators the evidence sections chart: all, key (the catalogue's key "
        "indicators) or narrative (those the narrative names); a chart the narrative places is never repeated",
        default="all",
        example="key",
    ),
    Setting(
        "appendix",
        APPENDIX,
        "the data behind the charts: print (an appendix of tables) or download (only the CSV and spreadsheet)",
        default="print",
        example="print",
    ),
    Setting(
        "site",
        BOOL,
        "also publish each edition's web page as a small site in its site/ folder: a page per chapter (a "
        "page per part of a long one), the contents on every page, previous and next links and a search "
        "that works from disk",
        default=False,
        example="true",
    ),
    Setting(
        "forewords",
        FOREWORDS,
        "forewords before Chapter 1, in order: role (director or cabinet-member), the narrative file, the "
        "name under it, and an optional photo and signature, each with alt text in both languages",
        default=[],
        example="[{role: director, file: foreword-director, photo: images/me.png, photo-alt: {en: ..., cy: ...}}]",
    ),
    Setting(
        "sections",
        SECTIONS,
        "sections of your own, each after the prescribed sections of its chapter (1 to 4) or part (3a to 4d), "
        "with its narrative file and its title in both languages",
        default=[],
        example="[{file: 4d-welsh, in: 4d, title: {en: ..., cy: ...}}]",
    ),
    Setting(
        "contact",
        CONTACT,
        "contact details printed in part 4(c) with the accessibility statement and the formats published",
        example='{phone: "01234 567890", email: ..., address: {en: ..., cy: ...}, website: https://...}',
    ),
    Setting(
        "year-in-numbers",
        FIGURES,
        "the indicators on the year-in-numbers page, in order; true chooses them (three counts of people "
        "helped and work done, a key indicator for each quality standard, then a count), false leaves the page out",
        default=True,
        example="[AD-IAA-CONTACTS, AD-IAA-TIMELY, CH-LAC-RATE, CA-DP-COUNT]",
    ),
    Setting(
        "summary",
        SUMMARY,
        "a short summary edition in each language (Director's summary, year in numbers, priorities), "
        "with its own title and a stricter Flesch reading-ease target",
        default=False,
        example='{title: {en: "...", cy: "..."}, readability-target: 60}',
    ),
)
BY_KEY = {s.key: s for s in SETTINGS}

# keys people write that dirreport does not act on, and what does what they meant
INEFFECTIVE = {
    "draft": "a draft is made with 'dirreport build --draft', or by 'status: draft' in a narrative's front matter",
    "output-dir": "the output folder is Quarto's: set it under 'project:' as output-dir",
    "lang": "the languages are set with 'languages: [en, cy]'",
    "format": "the formats are set with 'formats: [html, pdf, docx]'",
}


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the ``dirreport:`` key, for editors that check YAML as it is typed."""
    properties = {}
    for s in SETTINGS:
        schema = dict(s.kind.schema)
        schema["description"] = s.doc
        if s.default not in (None, ""):
            schema["default"] = s.default
        properties[s.key] = schema
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://dirreport/schemas/dirreport-settings.schema.json",
        "title": "dirreport settings (the dirreport: key of _quarto.yml)",
        "type": "object",
        "required": [s.key for s in SETTINGS if s.required],
        "additionalProperties": False,
        "properties": properties,
    }


def default_text(setting: Setting) -> str:
    """A setting's default as the README and the guide print it: "required", "none" or the YAML value."""
    if setting.required:
        return "required"
    if setting.default in (None, "", []):
        return "none"
    return f"`{_yaml(setting.default)}`"


def readme_table() -> str:
    """The README's settings table, one row per setting."""
    rows = ["| setting | holds | default | what it does |", "| --- | --- | --- | --- |"]
    for s in SETTINGS:
        rows.append(f"| `{s.key}` | {s.kind.name} | {default_text(s)} | {s.doc} (e.g. `{s.example}`) |")
    return "\n".join(rows) + "\n"


def _yaml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(map(str, value)) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {v}" for k, v in value.items()) + "}"
    return f"{value:g}" if isinstance(value, float) else str(value)
