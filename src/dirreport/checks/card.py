"""The report card: is the report ready for CIW and safe to publish?

Checks are grouped as a Director and Care Inspectorate Wales would read them:
evidence for each quality standard, the data, the translation, accessibility,
personal data and disclosure control.  Errors block publication
(``dirreport build`` refuses without ``--draft``); warnings are for the
author to weigh.  Every finding names its file and line where it has one.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

from dirreport.checks.claims import cites_evidence, narrative_claims
from dirreport.compute.indicators import OK, weakest
from dirreport.content import prescribed_form
from dirreport.content.narrative import Narrative
from dirreport.errors import Problem
from dirreport.lang import i18n
from dirreport.pipeline.project import Project, narrative_path

ERROR, WARNING = "error", "warning"
SECTIONS = {
    "narrative": "Narrative and templates",
    "coverage": "Evidence for the quality standards",
    "data": "Data",
    "translation": "Translation",
    "accessibility": "Accessibility",
    "personal-data": "Personal data",
    "disclosure": "Disclosure control",
}
IMPROVE_HEADINGS = ("what we need to improve", "beth sydd angen i ni ei wella")
EVIDENCE_WORDS = (
    "research", "audit", "study", "review", "evaluation", "inspection", "survey", "report", "evidence",
    "ymchwil", "archwiliad", "astudiaeth", "adolygiad", "gwerthusiad", "arolygiad", "arolwg", "adroddiad",
    "tystiolaeth",
)
VAGUE_LINKS = {"click here", "here", "read more", "more", "link", "this link", "cliciwch yma", "yma",
               "darllen mwy", "mwy", "dolen", "y ddolen hon"}
PLACEHOLDERS = ("[CYFIEITHU / TRANSLATE]", "[Placeholder:", "[Dalfan:")
OUTLIER_MIN = 20


@dataclass(frozen=True)
class Finding:
    section: str
    severity: str
    problem: Problem


@dataclass
class StandardCoverage:
    standard: str
    narrative_final: bool = True
    indicators: int = 0
    survey: int = 0
    improvement_point: bool = False
    evidence_cited: bool = False


@dataclass
class ReportCard:
    findings: list[Finding] = field(default_factory=list)
    coverage: list[StandardCoverage] = field(default_factory=list)
    readability: dict[str, float] = field(default_factory=dict)
    unusable: bool = False  # a file cannot be used as given: build stops on it with exit code 2

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == WARNING]

    def add(self, section: str, severity: str, problem: Problem) -> None:
        """Record a finding once, however many editions or checks come across it."""
        text = problem.located()
        for i, found in enumerate(self.findings):
            if found.problem.located() == text:
                if severity == ERROR and found.severity != ERROR:
                    self.findings[i] = Finding(found.section, ERROR, found.problem)
                return
        self.findings.append(Finding(section, severity, problem))


def run_checks(project: Project, assembled: bool = False) -> ReportCard:
    """Every check; ``assembled`` says the editions were already assembled without error (a build)."""
    card = ReportCard()
    if not assembled:
        _assembly(project, card)
    _coverage(project, card)
    _data(project, card)
    _translation(project, card)
    _accessibility(project, card)
    _personal_data(project, card)
    _disclosure(project, card)
    for claim in narrative_claims(project):
        card.add(claim.section, claim.severity, claim.problem)
    for problem in project.warnings:
        section = "accessibility" if "HTML" in problem.message or "link" in problem.message else "data"
        card.add(section, ERROR, problem)
    return card


def blocking_problems(project: Project, assembled: bool = False) -> list[Problem]:
    return [f.problem for f in run_checks(project, assembled).errors]


def _narratives_of_part(project: Project, part: str, lang: str = "en") -> list[Narrative]:
    found = project.narratives.get(lang, {})
    return [found[p] for p in (f"{part}-i", f"{part}-ii", f"{part}-iii", f"{part}-iv") if p in found]


# --- narrative and templates ----------------------------------------------------------------------------------


def _assembly(project: Project, card: ReportCard) -> None:
    """Assemble each edition as a build would, so shortcode and template mistakes are on the card too."""
    from dirreport.assemble.edition import assemble_language
    from dirreport.errors import InputError

    seen: set[Problem] = set()
    for lang in project.config.languages:
        try:
            assemble_language(project, lang)
        except InputError as error:
            card.unusable = True
            for problem in error.problems:
                if problem not in seen:
                    seen.add(problem)
                    card.add("narrative", ERROR, problem)


# --- evidence coverage ------------------------------------------------------------------------------------


def _coverage(project: Project, card: ReportCard) -> None:
    results, catalogue = project.results, project.catalogue
    heading_parts = {p.heading_id: p.id for p in prescribed_form.places() if p.kind == "part" and p.heading_id}
    for std in catalogue.standards.values():
        part = heading_parts[std.heading_id]
        row = StandardCoverage(std.id)
        card.coverage.append(row)
        label = f"quality standard {std.number} ({std.id})"
        where = narrative_path("en", f"{part}-ii")
        row.indicators = sum(1 for i in catalogue.indicators_for(std.id)
                             if results.indicators[i.id].latest.status == OK)
        row.survey = sum(1 for m in catalogue.survey_for(std.id) for r in results.survey_for(m.id)
                         if r.latest is not None and r.latest.status == OK)
        if row.indicators == 0 and row.survey == 0:
            card.add("coverage", ERROR, Problem(f"{label} has no evidence: no indicator and no survey result for "
                                                f"{results.year}", file=where,
                                                hint="add the metrics and survey results that evidence it"))
        elif row.indicators == 0:
            card.add("coverage", WARNING, Problem(f"{label} has no indicator with a value for {results.year}",
                                                  file=where, hint="add the metrics its indicators use"))
        elif row.survey == 0:
            card.add("coverage", WARNING, Problem(f"{label} has no survey result", file=where,
                                                  hint="add a national or local survey measure for it"))
        for lang in project.config.languages:
            for narrative in _narratives_of_part(project, part, lang):
                if narrative.status != "final":
                    row.narrative_final = False
                    card.add("coverage", WARNING, Problem("is not marked final", file=narrative.path, line=2,
                                                          hint="set status: final when the section is approved"))
        english = {n.path.rsplit("/", 1)[-1][:-3]: n for n in _narratives_of_part(project, part, "en")}
        improve = english.get(f"{part}-iii")
        if improve is not None:
            row.improvement_point = any(h.text.strip().lower().startswith(IMPROVE_HEADINGS) for h in improve.headings)
            if not row.improvement_point:
                card.add("coverage", WARNING, Problem(
                    "has no 'What we need to improve' list", file=improve.path,
                    hint="an honest self-assessment names what must get better; add a heading "
                         "'What we need to improve' with the points"))
        evidence = english.get(f"{part}-ii")
        if evidence is not None:
            row.evidence_cited = cites_evidence(evidence, EVIDENCE_WORDS)
            if not row.evidence_cited:
                card.add("coverage", WARNING, Problem("cites no research or evidence", file=evidence.path,
                                                      hint="say how you know: audits, reviews, research, feedback"))
    for result in weakest(results):
        std = catalogue.standards[result.indicator.standard]
        part = heading_parts[std.heading_id]
        mentioned = any(result.indicator.id in code.args for n in _narratives_of_part(project, part)
                        for code in n.shortcodes)
        mentioned = mentioned or any(result.indicator.id in code.args for n in project.narratives.get("en", {}).values()
                                     for code in n.shortcodes)
        if not mentioned:
            card.add("coverage", WARNING, Problem(
                f"{result.indicator.id} is one of the weakest indicators (worse than last year or than Wales) "
                "but no narrative mentions it", file=narrative_path("en", f"{part}-i"),
                hint=f"an honest report explains it; add {{{{< indicator {result.indicator.id} >}}}} with what "
                     "is being done"))


# --- data ---------------------------------------------------------------------------------------------------


def _data(project: Project, card: ReportCard) -> None:
    results, dataset, catalogue = project.results, project.dataset, project.catalogue
    authority = project.config.authority
    metrics_file = dataset.files.get("metrics", "data/metrics.csv")
    present = {code for (auth, _y, code) in dataset.metrics if auth == authority}
    wanted = sorted({c for i in catalogue.indicators.values() for c in i.metrics})
    absent = [c for c in wanted if c not in present]
    if absent:
        card.add("data", WARNING, Problem(
            f"{len(absent)} metrics used by indicators have no rows for {authority}: {', '.join(absent[:12])}"
            + (" ..." if len(absent) > 12 else ""), file=metrics_file,
            hint="add them, or leave the indicators they feed showing [x]"))
    for result in results.indicators.values():
        # a value the data itself marks not available ([x] or '..') is accounted for, not missing
        missing = [p.year for p in result.series if p.status == "x" and "x" not in p.flags]
        used = [c for c in result.indicator.metrics if c in present]
        if missing and used and len(missing) < len(result.series):
            card.add("data", WARNING, Problem(f"{result.indicator.id} has no value for {', '.join(missing)}",
                                              file=metrics_file, hint="add the missing years if they were collected"))
    factor = project.config.outlier_factor
    years = results.years
    for code in sorted(present):
        if catalogue.metrics[code].unit != "count":
            continue
        for before, after in pairwise(years):
            a, b = dataset.value(authority, before, code), dataset.value(authority, after, code)
            if a is None or b is None or max(a, b) < OUTLIER_MIN or min(a, b) == 0:
                continue
            if b / a > factor or a / b > factor:
                card.add("data", WARNING, Problem(
                    f"{code} moved from {a:g} in {before} to {b:g} in {after}, more than a factor of {factor:g}",
                    file=metrics_file, line=dataset.metric_rows.get((authority, after, code)), position_kind="row",
                    hint="check the value; if it is right, explain the change in the narrative"))


# --- translation --------------------------------------------------------------------------------------------


def _translation(project: Project, card: ReportCard) -> None:
    from dirreport.xliff.exchange import read_segments, stale_segments

    for problem in project.missing:
        card.add("translation", ERROR, problem)
    if not {"en", "cy"} <= set(project.config.languages):
        return
    english, welsh = project.narratives.get("en", {}), project.narratives.get("cy", {})
    for place_id, source in english.items():
        target = welsh.get(place_id)
        if target is None:
            continue
        if len(source.headings) != len(target.headings):
            card.add("translation", ERROR, Problem(
                f"has {len(target.headings)} headings but {source.path} has {len(source.headings)}",
                file=target.path, line=target.headings[0].line if target.headings else 1,
                hint="both languages need the same headings"))
        _compare_shortcodes(source, target, card)
        for n, text in enumerate(target.lines, start=1):
            if any(marker in text for marker in PLACEHOLDERS[:1]):
                card.add("translation", ERROR, Problem("holds a paragraph that is not translated yet", file=target.path,
                                                       line=n, hint="translate it, or import the translator's XLIFF"))
        src = read_segments(source.path, "\n".join(source.lines))
        tgt = read_segments(target.path, "\n".join(target.lines))
        for segment, line in stale_segments(src, tgt):
            card.add("translation", ERROR, Problem(
                f"is out of date: {source.path} line {segment.line} changed after it was translated",
                file=target.path, line=line,
                hint="send the change to translation ('dirreport translate export') and import it"))
    for place_id, target in welsh.items():
        if place_id not in english:
            card.add("translation", ERROR, Problem(f"has no English source {narrative_path('en', place_id)}",
                                                   file=target.path, hint="add the English section"))
    _spelling(project, card)


def _compare_shortcodes(source: Narrative, target: Narrative, card: ReportCard) -> None:
    theirs = [(c.name, c.args) for c in source.shortcodes]
    ours = [(c.name, c.args) for c in target.shortcodes]
    if theirs == ours:
        return
    for k in range(max(len(theirs), len(ours))):
        expected = theirs[k] if k < len(theirs) else None
        found = ours[k] if k < len(ours) else None
        if expected == found:
            continue
        line = target.shortcodes[k].span.line if k < len(target.shortcodes) else len(target.lines)
        source_line = source.shortcodes[k].span.line if k < len(source.shortcodes) else None
        if expected is None:
            assert found is not None
            message = f"has an extra shortcode {{{{< {found[0]} {' '.join(found[1])} >}}}} not in {source.path}"
        else:
            message = (f"is missing shortcode {{{{< {expected[0]} {' '.join(expected[1])} >}}}} that {source.path} "
                       f"has at line {source_line}")
        card.add("translation", ERROR, Problem(message, file=target.path, line=line,
                                               hint="use the same shortcodes, in the same order, in both languages"))
        return


def _spelling(project: Project, card: ReportCard) -> None:
    """Welsh spelling with a hunspell cy_GB dictionary, when one is installed: reported, never blocking.

    Words the project itself defines are known: the glossary's Welsh terms, the authority's and area's
    names with their mutated forms, and acronyms.
    """
    import shutil
    import subprocess

    hunspell = shutil.which("hunspell")
    if hunspell is None:
        return
    listing = subprocess.run([hunspell, "-D"], capture_output=True, text=True, check=False, input="").stderr
    if not any(line.rstrip().endswith("/cy_GB") for line in listing.splitlines()):
        return
    known = _known_welsh_words(project)
    for narrative in project.narratives.get("cy", {}).values():
        lines = narrative.lines[narrative.body_start - 1:]
        prose = [_prose(line) for line in lines]
        result = subprocess.run([hunspell, "-d", "cy_GB", "-i", "utf-8", "-l"], input="\n".join(prose),
                                capture_output=True, text=True, check=False)
        words = [w for w in dict.fromkeys(result.stdout.split()) if w not in known and len(w) > 1 and not w.isupper()]
        for word in words[:20]:
            number = next(n for n, line in enumerate(prose) if re.search(rf"\b{re.escape(word)}\b", line))
            card.add("translation", WARNING, Problem(f"hunspell does not know the Welsh word '{word}'",
                                                     file=narrative.path, line=narrative.body_start + number,
                                                     hint="check its spelling (a name or new term may be right)"))


def _prose(line: str) -> str:
    line = re.sub(r"\{\{<.*?>\}\}|\{#[^}]*\}|\]\([^)]*\)|https?://\S+", " ", line)
    return re.sub(r"[’']\w{1,2}\b", "", line)  # clitics: mae'r, i'w, a'u are not words of their own


def _known_welsh_words(project: Project) -> set[str]:
    import csv
    from importlib import resources

    from dirreport.lang import welsh

    words: set[str] = set()
    glossary = resources.files("dirreport").joinpath("locale", "glossary.csv").read_text(encoding="utf-8")
    for row in csv.DictReader(glossary.splitlines()):
        words |= set(re.findall(r"\w+", row.get("cy") or ""))
    for name in (project.config.authority_name.cy, project.config.area.cy):
        for word in re.findall(r"\w+", name):
            words |= {word, welsh.soft(word), welsh.nasal(word), welsh.aspirate(word)}
    return words


# --- accessibility ------------------------------------------------------------------------------------------


def _accessibility(project: Project, card: ReportCard) -> None:
    for lang, narratives in project.narratives.items():
        for narrative in narratives.values():
            for image in narrative.images:
                if not image.alt.strip():
                    card.add("accessibility", ERROR, Problem(
                        f"image '{image.src}' has no alternative text", file=narrative.path, line=image.span.line,
                        hint="describe what it shows inside the brackets: ![description](path)"))
            previous = None
            for heading in narrative.headings:
                if previous is not None and heading.level > previous + 1:
                    card.add("accessibility", ERROR, Problem(
                        f"heading '{heading.text}' skips from level {previous} to level {heading.level}",
                        file=narrative.path, line=heading.line, hint="use the next heading level down"))
                previous = heading.level
            for link in narrative.links:
                if link.text.strip().lower().rstrip(".") in VAGUE_LINKS:
                    card.add("accessibility", ERROR, Problem(
                        f"link text '{link.text}' does not say where it goes", file=narrative.path,
                        line=link.span.line, hint="use words that make sense on their own, e.g. the page's title"))
            _table_headers(narrative, card)
            if lang == "en":
                _readability(project, narrative, card)


def _table_headers(narrative: Narrative, card: ReportCard) -> None:
    for n, line in enumerate(narrative.lines, start=1):
        if re.match(r"^\s*\|?\s*:?-{3,}", line) and n >= 2:
            header = narrative.lines[n - 2]
            cells = [c.strip() for c in header.strip().strip("|").split("|")]
            if any(not c for c in cells):
                card.add("accessibility", ERROR, Problem("a table column has no header", file=narrative.path,
                                                         line=n - 1, hint="give every column a header"))


def _readability(project: Project, narrative: Narrative, card: ReportCard) -> None:
    import textstat

    prose = " ".join(text for _line, text in narrative.paragraphs)
    prose = re.sub(r"\{\{<.*?>\}\}", "12", prose)
    prose = re.sub(r"[*_`#>\[\]()]", " ", prose)
    if len(prose.split()) < 40:
        return
    score = float(textstat.flesch_reading_ease(prose))
    card.readability[narrative.path] = round(score, 1)
    if score < project.config.readability_target:
        card.add("accessibility", WARNING, Problem(
            f"reads harder than plain English: Flesch reading ease {score:.0f}, target "
            f"{project.config.readability_target:g}", file=narrative.path,
            hint="use shorter sentences and everyday words"))


# --- personal data ------------------------------------------------------------------------------------------

EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b")
PHONE = re.compile(r"(?<![\w/])(?:\+44\s?\(?0?\)?|0)(?:\d[\s-]?){9,10}(?!\d)")
NHS = re.compile(r"(?<!\d)(\d{3})[\s-]?(\d{3})[\s-]?(\d{4})(?!\d)")
NINO = re.compile(r"\b(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b",
                  re.IGNORECASE)
POSTCODE = re.compile(r"\b(?:[A-Z]{1,2}\d[A-Z\d]?|GIR)\s?\d[ABD-HJLNP-UW-Z]{2}\b", re.IGNORECASE)
DATE = r"(?:\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)\d{2}|\d{1,2}\s+[A-Za-zŵŷ]+\s+(?:19|20)\d{2})"
BIRTH = re.compile(rf"(?:born|date of birth|d\.?o\.?b\.?|ganwyd|dyddiad geni)\W{{0,20}}(?:on\s+|ar\s+)?{DATE}",
                   re.IGNORECASE)


def nhs_number_valid(digits: str) -> bool:
    """The NHS number's modulus 11 check digit."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * (10 - i) for i, d in enumerate(digits[:9]))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def personal_data_in(text: str) -> list[tuple[str, str]]:
    """(kind, matched text) for everything in the text that looks like personal data."""
    found: list[tuple[str, str]] = []
    found += [("an email address", m.group(0)) for m in EMAIL.finditer(text)]
    for m in NHS.finditer(text):
        if nhs_number_valid("".join(m.groups())):
            found.append(("an NHS number", m.group(0)))
    nhs_spans = {m.span() for m in NHS.finditer(text) if nhs_number_valid("".join(m.groups()))}
    for m in PHONE.finditer(text):
        if not any(a <= m.start() < b for a, b in nhs_spans):
            found.append(("a phone number", m.group(0).strip()))
    found += [("a National Insurance number", m.group(0)) for m in NINO.finditer(text)]
    found += [("a postcode", m.group(0)) for m in POSTCODE.finditer(text)]
    found += [("a date of birth", m.group(0)) for m in BIRTH.finditer(text)]
    return found


def _personal_data(project: Project, card: ReportCard) -> None:
    allowed = set(project.config.allow)

    def report(kind: str, text: str, file: str, line: int | None, kind_of_line: str = "line") -> None:
        if text in allowed or text.strip() in allowed:
            return
        card.add("personal-data", ERROR, Problem(
            f"looks like {kind} ('{_mask(text)}')", file=file, line=line, position_kind=kind_of_line,
            hint="remove it; if it is not personal data (e.g. a public switchboard number), add it to "
                 "allow: in _quarto.yml"))

    for narratives in project.narratives.values():
        for narrative in narratives.values():
            for n, line in enumerate(narrative.lines, start=1):
                if n < narrative.body_start:
                    continue
                clean = re.sub(r"\{\{<.*?>\}\}", " ", line)
                for kind, text in personal_data_in(clean):
                    report(kind, text, narrative.path, n)
    stories = project.dataset.files.get("stories", "data/stories.csv")
    used = {c.args[0] for ns in project.narratives.values() for n in ns.values() for c in n.shortcodes
            if c.name == "quote" and c.args}
    for story in project.dataset.stories.values():
        for lang in ("en", "cy"):
            for kind, text in personal_data_in(story.text.get(lang, "") + " " + story.attribution.get(lang, "")):
                report(kind, text, stories, story.row, "row")
        if story.id in used and not story.consent:
            card.add("personal-data", ERROR, Problem(
                f"story {story.id} is quoted but has no consent", file=stories, line=story.row, position_kind="row",
                hint="remove the quote, or record the person's consent"))


def _mask(text: str) -> str:
    return text if len(text) <= 4 else text[:2] + "…" + text[-2:]


# --- disclosure control ---------------------------------------------------------------------------------------

SMALL_COUNT = re.compile(
    r"(?<![\d.,%£])\b([1-4]|one|two|three|four)\s+(?:of\s+(?:the\s+)?)?"
    r"(people|persons?|children|child|adults?|carers?|young people|young carers?|families|family|residents?|"
    r"service users?|individuals?|girls?|boys?|men|women|man|woman|babies|baby|pupils?|care leavers?)\b",
    re.IGNORECASE,
)
SMALL_COUNT_CY = re.compile(
    r"(?<![\d.,%£])\b([1-4]|un|dau|dwy|tri|tair|pedwar|pedair)\s+(?:o\s+)?"
    r"(bobl|phobl|blant|phlant|oedolion|ofalwyr|gofalwyr|deulu|theulu|pherson|berson|blentyn|phlentyn|oedolyn|"
    r"gofalwr|ofalwr|plentyn|person|teulu|teuluoedd|deuluoedd|ymadawyr|breswylwyr)\b",
    re.IGNORECASE,
)


def _disclosure(project: Project, card: ReportCard) -> None:
    """A count of 1 to 4 people can identify someone: it must not appear in the text either."""
    for lang, narratives in project.narratives.items():
        pattern = SMALL_COUNT if lang == "en" else SMALL_COUNT_CY
        for narrative in narratives.values():
            for n, line in enumerate(narrative.lines, start=1):
                if n < narrative.body_start or line.lstrip().startswith(("#", "|")):
                    continue
                for match in pattern.finditer(re.sub(r"\{\{<.*?>\}\}", " ", line)):
                    if match.group(1).lower() in ("one", "un") and not re.search(r"\d", match.group(0)):
                        # "one of our priorities", "un teulu" as an example: only digits and 2-4 are counts
                        continue
                    card.add("disclosure", ERROR, Problem(
                        f"'{match.group(0)}' is a count small enough to identify people", file=narrative.path, line=n,
                        hint="describe it without the number (e.g. 'a small number'), as the tables show [c]"))
    for (code, year), value in project.results.metrics.items():
        metric = project.catalogue.metrics[code]
        if value.status == OK and metric.unit == "count" and metric.people and value.value is not None \
                and 1 <= value.value <= 4:
            card.add("disclosure", ERROR, Problem(f"{code} for {year} is {value.value:g} and would be published",
                                                  file=project.dataset.files.get("metrics"),
                                                  hint="this is a fault in dirreport's suppression; report it"))


# --- the card -------------------------------------------------------------------------------------------------


def render_card(card: ReportCard, fmt: str, quiet: bool = False) -> str:
    if fmt == "json":
        return json.dumps({
            "errors": len(card.errors),
            "warnings": len(card.warnings),
            "coverage": [vars(c) for c in card.coverage],
            "readability": card.readability,
            "findings": [{"section": f.section, "severity": f.severity, "message": f.problem.message,
                          "file": f.problem.file, "line": f.problem.line, "hint": f.problem.hint}
                         for f in card.findings],
        }, ensure_ascii=False, indent=2)
    if fmt == "html":
        return _html(card)
    return _text(card, quiet)


def _text(card: ReportCard, quiet: bool) -> str:
    from io import StringIO

    from rich.console import Console
    from rich.table import Table

    buffer = StringIO()
    console = Console(file=buffer, width=110, force_terminal=False, color_system=None)
    if not quiet:
        table = Table(title="Evidence for the quality standards")
        for column in ("Standard", "Narrative final", "Indicators", "Survey results", "Improvement points",
                       "Evidence cited"):
            table.add_column(column)
        for row in card.coverage:
            table.add_row(row.standard, _tick(row.narrative_final), str(row.indicators), str(row.survey),
                          _tick(row.improvement_point), _tick(row.evidence_cited))
        console.print(table)
    for key, title in SECTIONS.items():
        items = [f for f in card.findings if f.section == key and (not quiet or f.severity == ERROR)]
        if quiet and not items:
            continue
        mark = "✗" if any(f.severity == ERROR for f in items) else ("!" if items else "✓")
        console.print(f"{mark} {title}")
        for finding in items:
            # one line per problem, never wrapped, so it can be searched and copied whole
            console.print(f"    {finding.severity}: {finding.problem.located()}", markup=False, highlight=False,
                          soft_wrap=True)
    console.print(f"{len(card.errors)} errors, {len(card.warnings)} warnings"
                  + ("; publication is blocked" if card.errors else "; ready to publish"))
    return buffer.getvalue()


def _tick(value: bool) -> str:
    return "yes" if value else "no"


def _html(card: ReportCard) -> str:
    rows = "".join(
        f"<tr><th scope='row'>{c.standard}</th><td>{_tick(c.narrative_final)}</td><td>{c.indicators}</td>"
        f"<td>{c.survey}</td><td>{_tick(c.improvement_point)}</td><td>{_tick(c.evidence_cited)}</td></tr>"
        for c in card.coverage)
    sections = []
    for key, title in SECTIONS.items():
        items = [f for f in card.findings if f.section == key]
        lis = "".join(f"<li><strong>{f.severity}</strong>: {html.escape(f.problem.located())}</li>" for f in items)
        sections.append(f"<h2>{title}</h2>" + (f"<ul>{lis}</ul>" if lis else "<p>No findings.</p>"))
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>dirreport check</title></head><body>"
        f"<main><h1>Report card</h1><p>{len(card.errors)} errors, {len(card.warnings)} warnings.</p>"
        "<table><caption>Evidence for the quality standards</caption><thead><tr><th scope='col'>Standard</th>"
        "<th scope='col'>Narrative final</th><th scope='col'>Indicators</th><th scope='col'>Survey results</th>"
        "<th scope='col'>Improvement points</th><th scope='col'>Evidence cited</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>{''.join(sections)}</main></body></html>"
    )


__all__ = ["Finding", "Path", "ReportCard", "blocking_problems", "i18n", "render_card", "run_checks"]
