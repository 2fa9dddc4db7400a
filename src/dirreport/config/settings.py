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

from dirreport import yaml_text
from dirreport.catalogue import WALES, load_authorities
from dirreport.config.report_parts import Contact, ExtraSection, Foreword, picture_problems
from dirreport.config.schema import BY_KEY, INEFFECTIVE, SETTINGS, BilingualSettings, SummarySettings
from dirreport.errors import InputError, Problem, ProblemCollector
from dirreport.lang.bilingual_text import LANGUAGES, Bilingual

CONFIG_FILE = "_quarto.yml"
YEAR = re.compile(r"^(\d{4})-(\d{2})$")


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
    site: bool = False  # each edition's web page as a small site too (render.html_site)
    forewords: tuple[Foreword, ...] = ()
    sections: tuple[ExtraSection, ...] = ()
    contact: Contact | None = None
    year_in_numbers: tuple[str, ...] | None = None  # None: chosen from the catalogue; (): no page
    summary: SummarySettings = field(default_factory=SummarySettings)

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
        """Single-language editions, then the bilingual one, then each language's summary, when asked for."""
        eds = list(self.languages)
        if self.bilingual.enabled and set(LANGUAGES) <= set(self.languages):
            eds.append("bilingual")
        if self.summary.enabled:
            eds += [f"{lang}{SUMMARY_SUFFIX}" for lang in self.languages]
        return tuple(eds)

    def with_authority(self, code: str, name: Bilingual, area: Bilingual | None = None) -> Config:
        """The same project settings for another authority (batch builds): its council's name and its area."""
        from dataclasses import replace

        return replace(self, authority=code, authority_name=name, area_name=area)


SUMMARY_SUFFIX = "-summary"  # a summary edition is named by its language: en-summary, cy-summary


def summary_language(edition: str) -> str | None:
    """The language of a summary edition (en-summary → en), None for any other edition."""
    return edition.removesuffix(SUMMARY_SUFFIX) if edition.endswith(SUMMARY_SUFFIX) else None


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


def located_line(path: Path, *keys: str) -> int | None:
    """The line of a nested key in a YAML file, for messages caused by its value; None if it cannot be found."""
    try:
        return _Located(path.read_text(encoding="utf-8-sig")).line(*keys)
    except (OSError, UnicodeDecodeError):
        return None


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
            Problem(
                f"is not UTF-8 text (byte 0x{raw[start]:02x}; the file looks like Windows/Latin-1 encoding)",
                file=name,
                line=raw[:start].count(b"\n") + 1,
                hint="save the file as UTF-8",
            )
        ) from None
    data, problem = yaml_text.parse(text, name)
    if problem is not None:
        raise InputError(problem)
    located = _Located(text)
    if not isinstance(data, dict) or not isinstance(data.get("dirreport"), dict):
        stray = [k for k in (data if isinstance(data, dict) else {}) if k in BY_KEY]
        raise InputError(
            Problem(
                "has no 'dirreport:' settings",
                file=name,
                line=located.line(stray[0]) if stray else None,
                hint="put authority, year and the other settings under a 'dirreport:' key, indented by two spaces"
                if stray
                else "add a 'dirreport:' key with authority, year and languages (see README)",
            )
        )
    return _validate(root, data, located, name)


CACHE_DIR = ".dirreport-cache"  # the build's caches inside the project, safe to delete
INPUT_FOLDERS = ("data", "narratives", "templates", "images")  # the project's own files: never published into


def _output_dir_clash(root: Path, output_dir: Path) -> str | None:
    """Why the output folder cannot be where it is set, or None: publishing must never touch the user's files."""
    if not output_dir.is_relative_to(root):
        return "is outside the project folder"
    if output_dir == root:
        return "is the project folder itself"
    for folder in (".dirreport-cache", ".git"):
        if output_dir.is_relative_to(root / folder):
            return f"is {folder}/ or a folder inside it, which is not for publishing into"
    for folder in INPUT_FOLDERS:
        inputs = (root / folder).resolve()
        if output_dir == inputs or output_dir.is_relative_to(inputs):
            return f"is {folder}/ or a folder inside it, where the report's own files are kept"
        if inputs.is_relative_to(output_dir):
            return f"holds {folder}/, where the report's own files are kept"
    return None


def _validate(root: Path, data: dict[str, Any], located: _Located, name: str) -> Config:
    """Each setting read by its declaration in settings.py; every problem reported with its line."""
    given: dict[str, Any] = data["dirreport"]
    problems = ProblemCollector()

    def problem(key: str, message: str, hint: str) -> None:
        problems.add(Problem(message, file=name, line=located.line("dirreport", key), hint=hint))

    for key in given:
        if key in INEFFECTIVE:
            problem(key, f"setting 'dirreport.{key}' has no effect here", f"remove it: {INEFFECTIVE[key]}")
        elif key not in BY_KEY:
            problem(
                key,
                f"unknown setting 'dirreport.{key}'",
                "remove it or check its spelling: " + ", ".join(sorted(BY_KEY)),
            )
    values: dict[str, Any] = {}
    for setting in SETTINGS:
        raw = given.get(setting.key)
        if raw is None:
            if setting.required:
                problem(
                    setting.key, f"no '{setting.key}' given", f"add {setting.key}: {setting.example} ({setting.doc})"
                )
            values[setting.attribute] = None if setting.default is None else setting.kind.read(setting.default)
            continue
        try:
            values[setting.attribute] = setting.kind.read(raw)
        except ValueError as exc:
            hint = getattr(exc, "hint", None) or f"write {setting.key}: {setting.example} ({setting.doc})"
            problem(setting.key, f"{setting.key} {exc}" if setting.key not in str(exc) else str(exc), hint)
            values[setting.attribute] = None

    code = values["authority"] or ""
    authority_name: Bilingual | None = values["authority_name"]
    authorities = load_authorities()
    area_name: Bilingual | None = values["area_name"]
    if code and authority_name is None and "authority-name" not in given:
        if code in authorities and code != WALES:
            # the council publishes the report (cover, title, furniture); the area is the place in sentences
            authority_name = authorities[code].publisher
            area_name = area_name or authorities[code].name
        else:
            problem(
                "authority",
                f"'{code}' is not the ONS code of a Welsh local authority",
                "use a code W06000001..W06000024, or give authority-name: {en: ..., cy: ...}",
            )

    project = data.get("project") if isinstance(data.get("project"), dict) else {}
    out_name = str((project or {}).get("output-dir", "_output"))
    output_dir = (root / out_name).resolve()
    clash = _output_dir_clash(root.resolve(), output_dir)
    if clash:
        problems.add(
            Problem(
                f"output-dir '{out_name}' {clash}",
                file=name,
                line=located.line("project", "output-dir"),
                hint="use a folder of its own inside the project for the published report, e.g. _output",
            )
        )
    for where, message, hint in picture_problems(root, values["forewords"] or ()):
        problem("forewords", f"{where}: {message}", hint)
    problems.raise_if_any()
    assert authority_name is not None
    return Config(
        root=root.resolve(),
        authority=code,
        authority_name=authority_name,
        year=values["year"],
        languages=values["languages"],
        formats=values["formats"],
        director=values["director"],
        output_dir=output_dir,
        date=values["date"],
        sample=values["sample"],
        bilingual=values["bilingual"],
        last_year=values["last_year"],
        allow=values["allow"],
        outlier_factor=values["outlier_factor"],
        readability_target=values["readability_target"],
        title=values["title"],
        area_name=area_name,
        charts=values["charts"],
        appendix=values["appendix"],
        site=values["site"],
        forewords=values["forewords"] or (),
        sections=values["sections"] or (),
        contact=values["contact"],
        year_in_numbers=values["year_in_numbers"],
        summary=values["summary"] or SummarySettings(),
    )
