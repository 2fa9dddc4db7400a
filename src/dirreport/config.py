"""The project's settings: the ``dirreport:`` key of its Quarto ``_quarto.yml``.

Keeping our settings under one key of Quarto's own project file means the same
folder renders with Quarto too.  Every problem is reported with the line it is
on, so a comms officer can fix the file without reading Python.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .catalogue import WALES, load_authorities
from .errors import InputError, Problem, ProblemCollector
from .text import LANGUAGES, Bilingual

CONFIG_FILE = "_quarto.yml"
FORMATS = ("html", "pdf", "docx")
YEAR = re.compile(r"^(\d{4})-(\d{2})$")
KNOWN_KEYS = {
    "authority", "authority-name", "year", "languages", "formats", "director", "date",
    "sample", "bilingual", "last-year", "allow", "outlier-factor", "readability-target",
    "draft", "title", "area-name", "charts", "appendix",
}
CHART_CHOICES = ("all", "key", "narrative")  # which indicators get a trend chart in the evidence sections
APPENDIX_CHOICES = ("print", "download")  # the data behind the charts in the report, or only in the downloads


@dataclass(frozen=True)
class BilingualSettings:
    enabled: bool = True
    first: str = "cy"


@dataclass(frozen=True)
class Config:
    root: Path
    authority: str
    authority_name: Bilingual
    year: str
    languages: tuple[str, ...]
    formats: tuple[str, ...]
    director: str
    output_dir: Path
    date: dt.date | None = None
    sample: bool = False
    bilingual: BilingualSettings = field(default_factory=BilingualSettings)
    last_year: str | None = None
    allow: tuple[str, ...] = ()
    outlier_factor: float = 2.0
    readability_target: float = 50.0
    title: Bilingual | None = None
    area_name: Bilingual | None = None
    charts: str = "all"
    appendix: str = "print"

    @property
    def area(self) -> Bilingual:
        """The place the authority serves, for sentences such as 'people living in Glanafon'."""
        return self.area_name or self.authority_name

    @property
    def years(self) -> tuple[str, ...]:
        """The report year and the four before it, oldest first."""
        return tuple(shift_year(self.year, -k) for k in range(4, -1, -1))

    @property
    def editions(self) -> tuple[str, ...]:
        """Single-language editions, then the bilingual one when asked for."""
        eds = list(self.languages)
        if self.bilingual.enabled and set(LANGUAGES) <= set(self.languages):
            eds.append("bilingual")
        return tuple(eds)

    def with_authority(self, code: str, name: Bilingual) -> Config:
        """The same project settings for another authority (batch builds)."""
        from dataclasses import replace

        return replace(self, authority=code, authority_name=name, area_name=None)


def shift_year(year: str, by: int) -> str:
    """``shift_year("2023-24", -1) == "2022-23"``."""
    start = int(year[:4]) + by
    return f"{start}-{(start + 1) % 100:02d}"


def year_start(year: str) -> int:
    return int(year[:4])


class _Located:
    """Finds the line of a key in the YAML so messages can point at it."""

    def __init__(self, text: str) -> None:
        try:
            self.node = yaml.compose(text)
        except yaml.YAMLError:
            self.node = None

    def line(self, *path: str) -> int | None:
        node = self.node
        line = None
        for key in path:
            if not isinstance(node, yaml.MappingNode):
                return line
            for k, v in node.value:
                if isinstance(k, yaml.ScalarNode) and k.value == key:
                    line = k.start_mark.line + 1
                    node = v
                    break
            else:
                return line
        return line


def load_config(root: Path) -> Config:
    """Read and validate ``_quarto.yml``; raise one InputError listing every problem."""
    path = root / CONFIG_FILE
    name = CONFIG_FILE
    if not path.is_file():
        raise InputError(
            Problem(
                f"no {CONFIG_FILE} in {root}",
                file=str(root),
                hint="run dirreport in a report project folder, or create one with 'dirreport new'",
            )
        )
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        start = exc.start + (3 if raw.startswith(b"\xef\xbb\xbf") else 0)
        raise InputError(
            Problem(f"is not UTF-8 text (byte 0x{raw[start]:02x}; the file looks like Windows/Latin-1 encoding)",
                    file=name, line=raw[:start].count(b"\n") + 1, hint="save the file as UTF-8")
        ) from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(
            Problem(
                f"is not valid YAML: {getattr(exc, 'problem', None) or exc}",
                file=name,
                line=mark.line + 1 if mark else None,
                hint="check the indentation and quotes on that line",
            )
        ) from None
    except ValueError as exc:  # YAML reads 2024-09-31 as a date, and there is no such day
        raise InputError(
            Problem(f"has a date that does not exist ({exc})", file=name, line=value_error_line(text),
                    hint="write dates as YYYY-MM-DD, e.g. 2024-10-31")
        ) from None
    located = _Located(text)
    if not isinstance(data, dict) or not isinstance(data.get("dirreport"), dict):
        stray = [k for k in (data if isinstance(data, dict) else {}) if k in KNOWN_KEYS]
        raise InputError(
            Problem(
                "has no 'dirreport:' settings",
                file=name,
                line=located.line(stray[0]) if stray else None,
                hint="put authority, year and the other settings under a 'dirreport:' key, indented by two spaces"
                if stray else "add a 'dirreport:' key with authority, year and languages (see README)",
            )
        )
    return _validate(root, data, located, name)


def value_error_line(text: str, first_line: int = 1) -> int | None:
    """The line of a YAML text that PyYAML cannot turn into a value (an impossible date such as 2024-02-30)."""
    for number, line in enumerate(text.split("\n"), start=first_line):
        try:
            yaml.safe_load(line.strip().lstrip("- "))
        except ValueError:
            return number
        except yaml.YAMLError:
            continue
    return None


def _validate(root: Path, data: dict[str, Any], located: _Located, name: str) -> Config:
    settings: dict[str, Any] = data["dirreport"]
    problems = ProblemCollector()

    def problem(key: str, message: str, hint: str) -> None:
        problems.add(Problem(message, file=name, line=located.line("dirreport", key), hint=hint))

    for key in settings:
        if key not in KNOWN_KEYS:
            problem(key, f"unknown setting 'dirreport.{key}'", "remove it or check its spelling: "
                    + ", ".join(sorted(KNOWN_KEYS)))

    authorities = load_authorities()
    code = str(settings.get("authority", "")).strip()
    authority_name: Bilingual | None = None
    raw_name = settings.get("authority-name")
    if not code:
        problem("authority", "no 'authority' code given",
                "give the ONS code of your authority, e.g. W06000015 for Cardiff")
    elif raw_name is not None:
        try:
            authority_name = Bilingual.from_mapping(raw_name, "authority-name")
        except ValueError as exc:
            problem("authority-name", str(exc), "write authority-name: {en: ..., cy: ...}")
    elif code in authorities and code != WALES:
        authority_name = authorities[code].name
    else:
        problem("authority", f"'{code}' is not the ONS code of a Welsh local authority",
                "use a code W06000001..W06000024, or give authority-name: {en: ..., cy: ...}")

    year = str(settings.get("year", "")).strip()
    m = YEAR.match(year)
    if not m or (int(m.group(1)) + 1) % 100 != int(m.group(2)):
        problem("year", f"year '{year}' is not a financial year like 2023-24",
                "write the year the report covers as YYYY-YY, e.g. \"2023-24\", in quotes")
        year = "2000-01"
    elif not 2016 <= int(m.group(1)) <= dt.date.today().year:
        problem("year", f"year {year} is outside the years the framework covers (2016-17 to now)",
                "check the year")

    languages = _list(settings.get("languages", list(LANGUAGES)))
    for lang in languages:
        if lang not in LANGUAGES:
            problem("languages", f"language '{lang}' is not supported", "use en and/or cy")
    if not languages:
        problem("languages", "no languages given", "use [en, cy]")

    formats = _list(settings.get("formats", list(FORMATS)))
    for fmt in formats:
        if fmt not in FORMATS:
            problem("formats", f"format '{fmt}' is not supported", "use html, pdf and/or docx")

    director = settings.get("director") or {}
    director_name = director.get("name", "") if isinstance(director, dict) else str(director)

    date_value = settings.get("date")
    date: dt.date | None = None
    if date_value is not None:
        if isinstance(date_value, dt.date):
            date = date_value
        else:
            try:
                date = dt.date.fromisoformat(str(date_value))
            except ValueError:
                problem("date", f"date '{date_value}' is not a date", "write it as YYYY-MM-DD")

    bilingual = BilingualSettings()
    raw_bi = settings.get("bilingual")
    if isinstance(raw_bi, bool):
        bilingual = BilingualSettings(enabled=raw_bi)
    elif isinstance(raw_bi, dict):
        first = raw_bi.get("first", "cy")
        if first not in LANGUAGES:
            problem("bilingual", f"bilingual.first is '{first}'", "use cy or en")
            first = "cy"
        bilingual = BilingualSettings(enabled=bool(raw_bi.get("enabled", True)), first=first)
    elif raw_bi is not None:
        problem("bilingual", "bilingual must be true, false or {first: cy}", "see the README")

    title: Bilingual | None = None
    if settings.get("title") is not None:
        try:
            title = Bilingual.from_mapping(settings["title"], "title")
        except ValueError as exc:
            problem("title", str(exc), "write title: {en: ..., cy: ...}")

    area_name: Bilingual | None = None
    if settings.get("area-name") is not None:
        try:
            area_name = Bilingual.from_mapping(settings["area-name"], "area-name")
        except ValueError as exc:
            problem("area-name", str(exc), "write area-name: {en: ..., cy: ...}")

    factor = _number(settings.get("outlier-factor", 2.0))
    if factor is None or factor <= 1:
        problem("outlier-factor", "outlier-factor must be a number above 1", "e.g. 2.0 flags a doubling or halving")
        factor = 2.0
    readability = _number(settings.get("readability-target", 50.0))
    if readability is None:
        problem("readability-target", "readability-target must be a number", "e.g. 50")
        readability = 50.0

    charts = str(settings.get("charts", "all"))
    if charts not in CHART_CHOICES:
        problem("charts", f"charts is '{charts}'",
                "use all (every indicator), key (the catalogue's key indicators) or narrative (those the "
                "narrative names)")
        charts = "all"
    appendix = str(settings.get("appendix", "print"))
    if appendix not in APPENDIX_CHOICES:
        problem("appendix", f"appendix is '{appendix}'",
                "use print (the data tables in the report) or download (only in the CSV and spreadsheet)")
        appendix = "print"

    project = data.get("project") if isinstance(data.get("project"), dict) else {}
    out_name = str((project or {}).get("output-dir", "_output"))
    output_dir = (root / out_name).resolve()
    if not output_dir.is_relative_to(root.resolve()) or output_dir == root.resolve():
        problems.add(Problem(f"output-dir '{out_name}' is outside the project folder", file=name,
                             line=located.line("project", "output-dir"),
                             hint="use a folder inside the project, e.g. _output"))

    allow = settings.get("allow") or []
    if not isinstance(allow, list):
        problem("allow", "allow must be a list of exact texts", "write allow: [\"01234 567890\"]")
        allow = []

    problems.raise_if_any()
    assert authority_name is not None
    return Config(
        root=root.resolve(),
        authority=code,
        authority_name=authority_name,
        year=year,
        languages=tuple(dict.fromkeys(languages)),
        formats=tuple(dict.fromkeys(formats)),
        director=str(director_name),
        output_dir=output_dir,
        date=date,
        sample=bool(settings.get("sample", False)),
        bilingual=bilingual,
        last_year=str(settings["last-year"]) if settings.get("last-year") else None,
        allow=tuple(str(a) for a in allow),
        outlier_factor=factor,
        readability_target=readability,
        title=title,
        area_name=area_name,
        charts=charts,
        appendix=appendix,
    )


def _list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [str(v) for v in value]
    return []


def _number(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None
