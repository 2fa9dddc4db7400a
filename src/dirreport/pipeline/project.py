"""A report project read from disk: settings, catalogue, data and narratives, validated together.

Loading reads every input once and gathers every problem before stopping, so
the user sees the whole list.  What comes out is immutable; later stages never
go back to the files.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from dirreport.brand import Brand, load_brand
from dirreport.catalogue import LOCAL_CATALOGUE, Catalogue, load_catalogue
from dirreport.catalogue.loading import load_standards
from dirreport.compute.indicators import Results, compute
from dirreport.config.report_parts import clashes
from dirreport.config.settings import CACHE_DIR, Config, load_config, located_line
from dirreport.content import prescribed_form
from dirreport.content.narrative import Narrative, parse
from dirreport.content.sanitise import check_links_and_images
from dirreport.data.dataset import load_dataset
from dirreport.data.glossary import GlossaryEntry, load_glossary
from dirreport.data.model import Dataset
from dirreport.errors import InputError, Problem
from dirreport.lang.i18n import N_, _
from dirreport.office_files import word_file_fault
from dirreport.pipeline.last_year import last_years_points

TEMPLATES = "templates"
TEXT_TEMPLATES = (".j2", ".html", ".typ")
# a section of 1 MB is about 150,000 words; the whole sample report is about 0.3 MB
MAX_NARRATIVE_BYTES = 1_000_000


@dataclass(frozen=True)
class Project:
    """A report project read once and checked: settings, catalogue, data, narratives and the computed results.

    Immutable, so every stage after loading (assembly, checks, rendering) sees the same inputs.
    """

    config: Config
    catalogue: Catalogue
    dataset: Dataset
    results: Results
    narratives: Mapping[str, Mapping[str, Narrative]]
    warnings: tuple[Problem, ...]
    missing: tuple[Problem, ...] = ()
    brand: Brand = field(default_factory=Brand)
    glossary: tuple[GlossaryEntry, ...] = ()

    @property
    def root(self) -> Path:
        return self.config.root

    @property
    def cache_dir(self) -> Path:
        return self.config.root / CACHE_DIR


def load_project(root: Path, authority: str | None = None) -> Project:
    """Read and validate everything the report is made from."""
    config = load_config(root)
    _refuse_outside_links(config.root, [config.root / LOCAL_CATALOGUE])
    check_templates(config.root)
    catalogue = load_catalogue(root / LOCAL_CATALOGUE, LOCAL_CATALOGUE)
    if authority is not None and authority != config.authority:
        auth = catalogue.authorities.get(authority)
        if auth is None:
            raise InputError(
                Problem(
                    f"authority '{authority}' is not a known ONS code",
                    file="--authority",
                    hint="use a code W06000001..W06000024",
                )
            )
        config = config.with_authority(authority, auth.publisher, auth.name)
    dataset = load_dataset(config, catalogue)
    if not dataset.improvements and config.last_year:
        from dataclasses import replace as replace_field

        dataset = replace_field(dataset, improvements=last_years_points(config))
    narratives, warnings, missing = load_narratives(config)
    results = compute(config, catalogue, dataset)
    return Project(
        config,
        catalogue,
        dataset,
        results,
        narratives,
        tuple(warnings),
        tuple(missing),
        load_brand(config.root),
        load_glossary(config.root),
    )


def for_authority(project: Project, code: str) -> Project:
    """The same project reporting on another authority in its data (batch builds): results recomputed."""
    from dataclasses import replace

    auth = project.catalogue.authorities.get(code)
    if auth is None:
        raise InputError(
            Problem(
                f"authority '{code}' is not a known ONS code",
                file="--authority",
                hint="use a code W06000001..W06000024",
            )
        )
    config = project.config.with_authority(code, auth.publisher, auth.name)
    return replace(project, config=config, results=compute(config, project.catalogue, project.dataset))


def _refuse_outside_links(root: Path, paths: list[Path]) -> None:
    """A file the report is made from may not be a link out of the project: the report could publish it."""
    problems = [
        Problem(
            "is a link to a file outside the project",
            file=path.relative_to(root).as_posix(),
            hint="copy the file into the project instead of linking to it",
        )
        for path in paths
        if path.is_symlink() and not path.resolve().is_relative_to(root.resolve())
    ]
    if problems:
        raise InputError(problems)


def check_templates(root: Path) -> None:
    """The project's own templates: inside the project, and UTF-8 text, or an error naming the file and line."""
    folder = root / TEMPLATES
    if not folder.is_dir():
        return
    paths = sorted(folder.rglob("*"))
    _refuse_outside_links(root, paths)
    problems = []
    for path in paths:
        if path.suffix in TEXT_TEMPLATES and path.is_file():
            raw = path.read_bytes()
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                problems.append(
                    Problem(
                        f"is not UTF-8 text (byte 0x{raw[exc.start]:02x})",
                        file=path.relative_to(root).as_posix(),
                        line=raw[: exc.start].count(b"\n") + 1,
                        hint="save it as UTF-8",
                    )
                )
    reference = folder / "reference.docx"
    if reference.is_file() and (fault := word_file_fault(reference)):
        problems.append(
            Problem(
                f"is not a Word document pandoc can take its styles from ({fault})",
                file=f"{TEMPLATES}/reference.docx",
                hint="open it in Word and save it again as a .docx 'Word Document', or delete it to use "
                "dirreport's own styles",
            )
        )
    if problems:
        raise InputError(problems)


def narrative_path(lang: str, place_id: str) -> str:
    return f"narratives/{lang}/{place_id}.md"


def declared_file_clashes(config: Config) -> list[Problem]:
    """A declared foreword or section may not take a prescribed section's file."""
    taken = {p.id for p in prescribed_form.narrative_places()} | {"3-performance", "4-other", "3a", "3b", "3c", "3d"}
    return [
        Problem(
            f"a foreword or section declares the file '{name}', which is already a section of the report",
            file="_quarto.yml",
            line=located_line(config.root / "_quarto.yml", "dirreport", "sections"),
            hint="give it a name of its own, such as 4d-welsh-language",
        )
        for name in clashes(config.forewords, config.sections, taken)
    ]


MISSING_HINTS = {
    "foreword": N_("write the foreword, or remove it from forewords: in _quarto.yml"),
    "own": N_("write this section, or remove it from sections: in _quarto.yml"),
    "prescribed": N_("write this section; 'dirreport new' makes a stub for every section"),
}


def _missing_hint(place: prescribed_form.Place, say: str = "en") -> str:
    if place.foreword is not None:
        return _(MISSING_HINTS["foreword"], say)
    if place.own_title is not None:
        return _(MISSING_HINTS["own"], say)
    return _(MISSING_HINTS["prescribed"], say)


def missing_folder(lang: str, say: str = "en") -> Problem:
    """A language's narratives folder is missing, told in ``say`` (the report card's language)."""
    return Problem(
        _("folder is missing", say),
        file=f"narratives/{lang}/",
        hint=_(
            "create it with one Markdown file per section ('dirreport new' writes stubs), or remove '{language}' from "
            "languages in _quarto.yml",
            say,
            language=lang,
        ),
    )


def missing_narratives(config: Config, say: str) -> list[Problem]:
    """The missing folders and sections as ``load_narratives`` finds them, told in ``say``."""
    missing: list[Problem] = []
    places = prescribed_form.narrative_places_of(config)
    for lang in config.languages:
        if not (config.root / "narratives" / lang).is_dir():
            missing.append(missing_folder(lang, say))
            continue
        for place in places:
            rel = narrative_path(lang, place.id)
            if prescribed_form.in_force(place, config.year) and not (config.root / rel).exists():
                missing.append(Problem(_("is missing", say), file=rel, hint=_missing_hint(place, say)))
    return missing


def unknown_standards(narrative: Narrative, known: set[str]) -> list[Problem]:
    """A front matter's ``standards:`` naming a quality standard the code of practice does not have."""
    given = narrative.meta.get("standards")
    if not isinstance(given, list):
        return []
    unknown = [str(s) for s in given if str(s) not in known]
    if not unknown:
        return []
    line = next((n for n, t in enumerate(narrative.lines[: narrative.body_start], 1) if t.startswith("standards:")), 1)
    listed = ", ".join(sorted(known, key=lambda s: int(s[2:]) if s[2:].isdigit() else 99))
    return [
        Problem(
            f"standards names {', '.join(repr(u) for u in unknown)}, not a quality standard of the code of practice",
            file=narrative.path,
            line=line,
            hint=f"use the standards' codes: {listed}",
        )
    ]


def load_narratives(config: Config) -> tuple[dict[str, dict[str, Narrative]], list[Problem], list[Problem]]:
    """Parse every narrative file: unknown or malformed files are errors naming them.

    A missing section is returned separately: the checks report it (it blocks
    publication) and a draft build shows a visible gap where it belongs.
    """
    errors: list[Problem] = []
    warnings: list[Problem] = []
    missing: list[Problem] = []
    out: dict[str, dict[str, Narrative]] = {}
    places = {p.id: p for p in prescribed_form.narrative_places_of(config)}
    errors += declared_file_clashes(config)
    standards = set(load_standards()[0])
    for lang in config.languages:
        folder = config.root / "narratives" / lang
        out[lang] = {}
        if not folder.is_dir():
            missing.append(missing_folder(lang))
            continue
        for path in sorted(folder.glob("*.md")):
            if path.stem not in places:
                errors.append(
                    Problem(
                        f"'{path.name}' is not a section of the report",
                        file=narrative_path(lang, path.stem),
                        hint="rename it to one of: "
                        + ", ".join(f"{p}.md" for p in places)
                        + "; or declare it as a section of your own under sections: in _quarto.yml",
                    )
                )
        for place in places.values():
            rel = narrative_path(lang, place.id)
            path = config.root / rel
            if not prescribed_form.in_force(place, config.year):
                # a section the law asks for only from a later year is not read, whatever it holds
                continue
            if not path.exists():
                missing.append(Problem(_("is missing", "en"), file=rel, hint=_missing_hint(place)))
                continue
            if path.is_symlink() and not path.resolve().is_relative_to(config.root.resolve()):
                errors.append(
                    Problem(
                        "is a link to a file outside the project",
                        file=rel,
                        hint="copy the file into the project instead of linking to it",
                    )
                )
                continue
            size = path.stat().st_size
            if size > MAX_NARRATIVE_BYTES:
                errors.append(
                    Problem(
                        f"is {size / 1_000_000:.1f} MB, more than the {MAX_NARRATIVE_BYTES // 1_000_000} MB "
                        "a section may hold (the sample report's sections together are about 0.13 MB a language)",
                        file=rel,
                        hint="check it is the right file; move long material to an appendix "
                        "or a document of its own and link to it",
                    )
                )
                continue
            try:
                text = path.read_text(encoding="utf-8")
            except UnicodeDecodeError as exc:
                line = path.read_bytes()[: exc.start].count(b"\n") + 1
                errors.append(Problem("is not UTF-8 text", file=rel, line=line, hint="save it as UTF-8"))
                continue
            narrative, problems = parse(rel, text)
            errors += problems
            errors += unknown_standards(narrative, standards)
            heading = narrative.meta.get("heading")
            if heading is not None and str(heading) != place.id:
                line = next(
                    (
                        n
                        for n, text in enumerate(narrative.lines[: narrative.body_start], start=1)
                        if text.startswith("heading:")
                    ),
                    2,
                )
                errors.append(
                    Problem(
                        f"front matter says heading '{heading}' but the file is for '{place.id}'",
                        file=rel,
                        line=line,
                        hint=f"write heading: {place.id}, or move the text",
                    )
                )
            fatal, neutralised = check_links_and_images(narrative, config.root)
            errors += fatal
            # what the narrative carried that the report will not (unsafe HTML, links, pictures): the authors' to fix
            warnings += [replace(problem, category="narrative") for problem in neutralised]
            out[lang][place.id] = narrative
    if errors:
        raise InputError(errors)
    return out, warnings, missing
