"""Abbreviations in a narrative: each expanded at its first use in an edition, and the glossary's used terms.

The first time an edition's text uses an abbreviation, the reader gets the
words it stands for: "information, advice and assistance (IAA)", the IAA
marked up as ``<abbr title=…>`` for the web page (other formats drop the tag
and keep the words).  Headings, links, code, tables, raw HTML and shortcodes
are never touched: only running text.  Where the author already wrote the
words before the abbreviation on the same line, the abbreviation is only
marked up.  The glossary appendix lists the terms an edition actually uses.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from dirreport.content.narrative import Narrative, Span
from dirreport.data.glossary import GlossaryEntry

_CODE_SPAN = re.compile(r"(`+).*?\1")
_URL = re.compile(r"<?https?://\S+|\{[^}]*\}|<[^>]*>")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_POSSESSIVE = re.compile(r"['’]s(?!\w)")  # an English possessive after an abbreviation: CIW's, CIW’s
_SENTENCE_START = re.compile(r"(^|[.!?:]\s+|^\s*(?:[-*+]|\d+\.)\s+|^\s*>\s*)(\*\*|\*|_)?$")


@dataclass
class FirstUse:
    """One edition's abbreviations: which are introduced already and which glossary terms its text uses."""

    entries: Sequence[GlossaryEntry]
    lang: str
    introduced: set[str] = field(default_factory=set)
    used: dict[str, GlossaryEntry] = field(default_factory=dict)

    def marks(self, narrative: Narrative) -> list[tuple[Span, str]]:
        """The edits that expand (or mark up) each abbreviation's first use in this narrative."""
        out: list[tuple[Span, str]] = []
        for number, line, masked, heading in _text_lines(narrative):
            lowered = line.lower()
            for entry in self.entries:
                term = entry.term[self.lang]
                abbr = entry.abbreviation.get(self.lang)
                if term.lower() in lowered:
                    self.used[entry.key()] = entry
                if not abbr:
                    continue
                for match in re.finditer(rf"(?<![\w/-]){re.escape(abbr)}(?![\w/-])", line):
                    if _inside(match.start(), masked):
                        continue
                    self.used[entry.key()] = entry
                    if heading or abbr in self.introduced:
                        break
                    if _POSSESSIVE.match(line, match.end()) and term.lower() not in line[: match.start()].lower():
                        # "CIW's findings" reads "Care Inspectorate Wales's findings", not "… (CIW)'s findings":
                        # the words alone, and the next use brings the abbreviation in
                        out.append((Span(number, match.start(), match.end()), self._words(entry, line, match.start())))
                        continue
                    self.introduced.add(abbr)
                    out.append((Span(number, match.start(), match.end()), self._first(entry, line, match.start())))
                    break
        return out

    def _words(self, entry: GlossaryEntry, line: str, start: int) -> str:
        term = entry.term[self.lang]
        return term[:1].upper() + term[1:] if _SENTENCE_START.search(line[:start]) else term

    def _first(self, entry: GlossaryEntry, line: str, start: int) -> str:
        term, abbr = entry.term[self.lang], entry.abbreviation[self.lang]
        marked = f'<abbr title="{html.escape(term, quote=True)}">{html.escape(abbr, quote=False)}</abbr>'
        before = line[:start]
        if term.lower() in before.lower():
            return marked  # the author wrote the words already
        if _SENTENCE_START.search(before):
            term = term[:1].upper() + term[1:]
        return f"{term} ({marked})"

    def glossary(self) -> list[GlossaryEntry]:
        """The terms this edition's text used, in alphabetical order of what the reader looks for."""

        def shown(entry: GlossaryEntry) -> str:
            return (entry.abbreviation.get(self.lang) or entry.term[self.lang]).casefold()

        return sorted(self.used.values(), key=shown)


def _text_lines(narrative: Narrative) -> Iterator[tuple[int, str, list[tuple[int, int]], bool]]:
    """Each body line that holds running text: its number, text, masked column ranges, whether a heading."""
    headings = {h.line for h in narrative.headings} | {h.line + 1 for h in narrative.headings if h.setext}
    html_lines = {n for p in narrative.html if p.lines for n in range(p.lines[0], p.lines[1] + 1)}
    spans: dict[int, list[tuple[int, int]]] = {}
    located: list[Span | None] = [
        *(c.span for c in narrative.shortcodes),
        *(link.span for link in narrative.links),
        *(i.span for i in narrative.images),
        *(p.span for p in narrative.html),
    ]
    for span in located:
        if span is not None:
            spans.setdefault(span.line, []).append((span.start, span.end))
    fenced = False
    for number in range(narrative.body_start, len(narrative.lines) + 1):
        line = narrative.lines[number - 1]
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if fenced or number in html_lines or line.lstrip().startswith("|") or line.startswith("    "):
            continue
        masked = list(spans.get(number, []))
        masked += [m.span() for m in _CODE_SPAN.finditer(line)] + [m.span() for m in _URL.finditer(line)]
        yield number, line, masked, number in headings


def _inside(column: int, masked: list[tuple[int, int]]) -> bool:
    return any(start <= column < end for start, end in masked)
