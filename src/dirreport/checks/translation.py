"""Translation: every Welsh section present, up to date with its English, with the same figures; Welsh spelling."""

from __future__ import annotations

import re

from dirreport.checks.findings import (
    ERROR,
    PLACEHOLDERS,
    WARNING,
    ReportCard,
)
from dirreport.content.narrative import Narrative
from dirreport.errors import Problem
from dirreport.lang.i18n import _
from dirreport.pipeline.project import Project, missing_narratives, narrative_path


def check_translation(project: Project, card: ReportCard) -> None:
    from dirreport.xliff.exchange import read_segments, stale_segments

    # the missing folders and sections, as loading found them, told in the card's language
    missing = list(project.missing)
    if card.lang != "en" and missing:
        missing = missing_narratives(project.config, card.lang)
    for problem in missing:
        card.add("translation", ERROR, problem)
    if not {"en", "cy"} <= set(project.config.languages):
        return
    english, welsh = project.narratives.get("en", {}), project.narratives.get("cy", {})
    say = card.lang
    for place_id, source in english.items():
        target = welsh.get(place_id)
        if target is None:
            continue
        if len(source.headings) != len(target.headings):
            card.add(
                "translation",
                ERROR,
                Problem(
                    _(
                        "has {n} headings but {source} has {m}",
                        say,
                        n=len(target.headings),
                        source=source.path,
                        m=len(source.headings),
                    ),
                    file=target.path,
                    line=target.headings[0].line if target.headings else 1,
                    hint=_("both languages need the same headings", say),
                ),
            )
        _compare_shortcodes(source, target, card)
        for n, text in enumerate(target.lines, start=1):
            if any(marker in text for marker in PLACEHOLDERS[:1]):
                card.add(
                    "translation",
                    ERROR,
                    Problem(
                        _("holds a paragraph that is not translated yet", say),
                        file=target.path,
                        line=n,
                        hint=_("translate it, or import the translator's XLIFF", say),
                    ),
                )
        src = read_segments(source.path, "\n".join(source.lines))
        tgt = read_segments(target.path, "\n".join(target.lines))
        for segment, line in stale_segments(src, tgt):
            card.add(
                "translation",
                ERROR,
                Problem(
                    _(
                        "is out of date: {source} line {line} changed after it was translated",
                        say,
                        source=source.path,
                        line=segment.line,
                    ),
                    file=target.path,
                    line=line,
                    hint=_("send the change to translation ('dirreport translate export') and import it", say),
                ),
            )
    for place_id, target in welsh.items():
        if place_id not in english:
            card.add(
                "translation",
                ERROR,
                Problem(
                    _("has no English source {path}", card.lang, path=narrative_path("en", place_id)),
                    file=target.path,
                    hint=_("add the English section", card.lang),
                ),
            )
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
            message = _(
                "has an extra shortcode {shortcode} not in {source}",
                card.lang,
                shortcode=f"{{{{< {found[0]} {' '.join(found[1])} >}}}}",
                source=source.path,
            )
        else:
            message = _(
                "is missing shortcode {shortcode} that {source} has at line {line}",
                card.lang,
                shortcode=f"{{{{< {expected[0]} {' '.join(expected[1])} >}}}}",
                source=source.path,
                line=source_line,
            )
        card.add(
            "translation",
            ERROR,
            Problem(
                message,
                file=target.path,
                line=line,
                hint=_("use the same shortcodes, in the same order, in both languages", card.lang),
            ),
        )
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
        lines = narrative.lines[narrative.body_start - 1 :]
        prose = [_prose(line) for line in lines]
        result = subprocess.run(
            [hunspell, "-d", "cy_GB", "-i", "utf-8", "-l"],
            input="\n".join(prose),
            capture_output=True,
            text=True,
            check=False,
        )
        words = [w for w in dict.fromkeys(result.stdout.split()) if w not in known and len(w) > 1 and not w.isupper()]
        for word in words[:20]:
            number = next(n for n, line in enumerate(prose) if re.search(rf"\b{re.escape(word)}\b", line))
            card.add(
                "translation",
                WARNING,
                Problem(
                    _("hunspell does not know the Welsh word '{word}'", card.lang, word=word),
                    file=narrative.path,
                    line=narrative.body_start + number,
                    hint=_("check its spelling (a name or new term may be right)", card.lang),
                ),
            )


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
