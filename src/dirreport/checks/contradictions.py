"""Sentences held to the figures beside them: "fell", "improved", "below Wales" must be what the data say.

A narrative that writes "use is low and falling" beside a figure that rose,
or "improved" beside one that got worse, or "well below Wales" beside one
above it, says the opposite of its own table.  This check reads each
sentence of every section, in English and Welsh, finds the words that claim
a direction (rose, fell, cododd, gostyngodd …), a judgement (improved,
worsened, gwellodd, gwaethygodd …) or a standing against Wales (higher than,
below, yn is na, islaw …), ties each to the figure it speaks of and compares
it with that figure's change and Wales comparison from ``Results`` - the same
verdict the tables print.  A contradiction is an error at its line; an
improvement the data cannot tell from chance is a warning.

A claim is tied to a figure placed by a shortcode (``indicator``, ``change``
or ``survey``): in its own sentence (the nearest figure after a word of
change, the nearest before a comparison with Wales), or, for a sentence with
no figure, the figure that ends the sentence before it when the sentence
points back to it ("This is well below Wales.", "Mae hyn islaw …"), or else
the one that opens the next when the claim is a short lead-in ("Use is low
and falling. At 31 March, … received direct payments").  "More than last
year" ("mwy na'r llynedd") is a claim of change.  A claim in a negated phrase ("did not
fall", "ni chododd", "heb wella") is not checked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from dirreport.checks.claims import Claim, prose_lines
from dirreport.compute.indicators import OK, IndicatorResult, Results, SurveyResult
from dirreport.compute.judgement import printed_change
from dirreport.content.narrative import Narrative
from dirreport.errors import Problem
from dirreport.lang import i18n
from dirreport.lang.i18n import N_, _
from dirreport.pipeline.project import Project

SHORTCODE = re.compile(r"\{\{<\s*([\w-]+)((?:\s+[^\s>]+)*)\s*>\}\}")
FIGURES = ("indicator", "change", "survey")
LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
# a sentence ends at . ! or ? followed by space and a capital, a digit, a quote or a figure
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'‘“(\[*]*[A-ZÀ-ÖØ-Þ0-9\x01])")
WORD = r"[\w’'-]+"

# claim kind: up, down (the value moved); better, worse (by the indicator's polarity)
CHANGE_WORDS = {
    "en": (
        (
            "up",
            r"rose|risen|rising|rises|increased|increasing|increases|went up|gone up|has gone up|an increase|a rise",
        ),
        (
            "down",
            r"fell|fallen|falling|decreased|decreasing|decreases|went down|gone down|dropped|a fall|a decrease|a drop",
        ),
        ("better", r"improved|improving|improves|got better|getting better|an improvement"),
        ("worse", r"worsened|worsening|worsens|got worse|getting worse|deteriorated|deteriorating|a deterioration"),
    ),
    "cy": (
        ("up", r"cododd|gododd|wedi codi|yn codi|cynyddodd|gynyddodd|wedi cynyddu|yn cynyddu"),
        ("down", r"gostyngodd|ostyngodd|wedi gostwng|yn gostwng|lleihaodd|leihaodd|disgynnodd|ddisgynnodd"),
        ("better", r"gwellodd|wellodd|wedi gwella|yn gwella"),
        ("worse", r"gwaethygodd|waethygodd|wedi gwaethygu|yn gwaethygu|dirywiodd|ddirywiodd|wedi dirywio"),
    ),
}
# comparisons with Wales: the comparative word, then (within a few words) "than … Wales"
WALES = {"en": r"Wales", "cy": r"(?:Cymru|Chymru|Nghymru|Gymru)"}
COMPARATIVES = {
    "en": {
        "above": "higher|more|greater|longer",
        "below": "lower|less|fewer|smaller|shorter",
        "better": "better",
        "worse": "worse",
    },
    "cy": {
        "above": "uwch|mwy|amlach|hirach|hwy",
        "below": "is|llai|byrrach|fyrrach|prinnach",
        "better": "gwell|well",
        "worse": "gwaeth|waeth",
    },
}
THAN = {"en": r"than", "cy": r"(?:na|nag|na’r|na'r|nac)"}
# "than last year": a comparative that claims a change, not a standing against Wales
LAST_YEAR = {
    "en": r"than\s+(?:last\s+year|the\s+year\s+before|(?:in\s+)?the\s+previous\s+year)",
    "cy": r"(?:na[’']r|nag\s+yn\s+y|na\s+yn\s+y)\s+(?:llynedd|flwyddyn\s+flaenorol|flwyddyn\s+gynt)",
}
# a sentence with no figure speaks of the one before only when it opens by pointing back to it
ANAPHORA = {
    "en": re.compile(r"^\W*(?:this|that|these|it|both|which|the\s+figure|the\s+rate|the\s+share)\b", re.I),
    "cy": re.compile(r"^\W*(?:mae\s+hyn|roedd\s+hyn|hyn|mae[’']r\s+ddau|roedd\s+y\s+ddau|mae[’']r\s+ffigur)\b", re.I),
}
# and of the one after only when it is short, as in "Use is low and falling. At 31 March, …"
SHORT_LEAD = 10
PLAIN_SIDES = {"en": {"above": "above", "below": "below"}, "cy": {"above": "uwchlaw", "below": "islaw|is"}}
NEGATION = {
    "en": re.compile(r"\b(?:not|never|no|nor|neither|n't|cannot|failed to|without)\b|n['’]t\b", re.I),
    "cy": re.compile(r"\b(?:ni|nid|nad|ddim|heb|na\s+\w+odd|nac)\b", re.I),
}
NEGATION_REACH = 4  # words before a claim that can negate it
ADJECTIVE_AFTER = {"the", "a", "an", "with", "of", "for", "by", "through", "our", "their", "its", "to", "and", "more"}
VERB_FOLLOWERS = {"to", "by", "from", "in", "on", "at", "again", "further", "slightly", "sharply", "markedly", "since"}
VERB_FOLLOWERS |= {"significantly", "this", "last", "and", "but", "over", "for", "during", "steadily", "a", "so"}


@dataclass(frozen=True)
class Figure:
    """A figure placed in a sentence, with what the data say of it."""

    kind: str  # indicator | survey
    id: str
    group: str | None
    start: int

    def says(self, words: str, why: str, lang: str = "en") -> str:
        """The message: what the sentence says of this figure, and why that is not what the data say."""
        if self.kind == "indicator":
            return _("says '{words}' of indicator {id}, but {why}", lang, words=words, id=self.id, why=why)
        return _(
            "says '{words}' of survey measure {id} ({group}), but {why}",
            lang,
            words=words,
            id=self.id,
            group=self.group,
            why=why,
        )


@dataclass(frozen=True)
class Said:
    """One claim in a sentence: its kind and where it is."""

    kind: str  # up | down | better | worse | above | below | wales-better | wales-worse
    words: str
    start: int


@dataclass(frozen=True)
class Facts:
    """What the data say of a figure: its movement and its standing against Wales, each judged."""

    movement: str  # up | down | same | none
    polarity_way: str  # better | worse | neutral | none: the movement read by polarity, tested or not
    supported: bool  # the change passes its test or threshold
    change_text: str
    versus: str  # above | below | same | none
    wales_way: str  # better | worse | neutral | none
    wales_supported: bool
    wales_text: str


def contradictions(project: Project, card_lang: str = "en") -> list[Claim]:
    """Every claim in a narrative that its figures contradict; ``card_lang`` is the report card's language."""
    out: list[Claim] = []
    for lang, narratives in project.narratives.items():
        if lang not in CHANGE_WORDS:
            continue
        for narrative in narratives.values():
            out += narrative_contradictions(narrative, lang, project.results, card_lang)
    return out


def narrative_contradictions(narrative: Narrative, lang: str, results: Results, card_lang: str = "en") -> list[Claim]:
    """The contradictions in one narrative written in ``lang``, told in ``card_lang``."""
    out: list[Claim] = []
    for block in _blocks(narrative):
        sentences = _sentences(block)
        for i, sentence in enumerate(sentences):
            for said in claims_in(sentence.text, lang):
                for figure in _figures_for(said, i, sentences, lang):
                    facts = facts_of(figure, results, card_lang)
                    if facts is None:
                        continue
                    found = judge_claim(said, facts, card_lang)
                    if found is None:
                        continue
                    severity, why = found
                    out.append(
                        Claim(
                            severity,
                            "narrative",
                            Problem(
                                figure.says(said.words, why, card_lang),
                                file=narrative.path,
                                line=sentence.line_of(said.start),
                                hint=_(HINTS[severity], card_lang),
                            ),
                        )
                    )
    return out


def claims_in(text: str, lang: str) -> list[Said]:
    """Every claim of change or of a standing against Wales in a sentence, negated ones left out."""
    found: list[Said] = []
    for kind, words in CHANGE_WORDS[lang]:
        for m in re.finditer(rf"(?<![\w’'-])(?:{words})(?![\w’'-])", text, re.I):
            found.append(Said(kind, m.group(0), m.start()))
    wales, than = WALES[lang], THAN[lang]
    for side, words in COMPARATIVES[lang].items():
        pattern = rf"(?<![\w’'-])({words})(?![\w’'-])(?:\s+{WORD}){{0,8}}?\s+{than}\s+(?:{WORD}\s+){{0,5}}?{wales}\b"
        for m in re.finditer(pattern, text, re.I):
            kind = {"better": "wales-better", "worse": "wales-worse"}.get(side, side)
            found.append(Said(kind, m.group(0), m.start()))
    for side, words in COMPARATIVES[lang].items():
        pattern = rf"(?<![\w’'-])({words})(?![\w’'-])(?:\s+{WORD}){{0,8}}?\s+{LAST_YEAR[lang]}"
        for m in re.finditer(pattern, text, re.I):
            kind = {"above": "up", "below": "down"}.get(side, side)
            found.append(Said(kind, m.group(0), m.start()))
    for side, words in PLAIN_SIDES[lang].items():
        pattern = rf"(?<![\w’'-])({words})(?:[’']r)?(?![\w’'-])\s+(?:{WORD}\s+){{0,5}}?{wales}\b"
        for m in re.finditer(pattern, text, re.I):
            if not any(s.start == m.start() for s in found):
                found.append(Said(side, m.group(0), m.start()))
    return [s for s in found if not _negated(text, s.start, lang) and not _adjective(text, s, lang)]


def _adjective(text: str, said: Said, lang: str) -> bool:
    """'Increased demand', 'the improved service': a participle before its noun claims nothing of a figure."""
    before, after = text[: said.start].split()[-1:], text[said.start + len(said.words) :].split()[:1]
    noun = after[0].rstrip(",.;:") if after and after[0][:1].isalpha() else ""
    opens = not before or before[0].lower() in ADJECTIVE_AFTER
    ending = said.words.lower().endswith("ed")
    return lang == "en" and ending and opens and noun.isalpha() and noun.islower() and noun not in VERB_FOLLOWERS


def _negated(text: str, start: int, lang: str) -> bool:
    before = text[:start].split()[-NEGATION_REACH:]
    window = " ".join(before)
    if lang == "cy":
        window = re.sub(r"\bdim ond\b", " ", window, flags=re.I)  # "only", not a negation
    return bool(NEGATION[lang].search(window))


HINTS = {
    "error": N_("write what the figure shows, or check the data behind it"),
    "warning": N_("say it changed little, or give the evidence that it improved"),
}


def judge_claim(said: Said, facts: Facts, lang: str = "en") -> tuple[str, str] | None:
    """(severity, why) when the claim is not what the data say; None when it is, or cannot be judged.

    ``why`` is written in ``lang``, the language ``facts`` were told in.
    """
    if said.kind in ("up", "down"):
        if facts.movement == "none":
            return None
        if facts.movement != said.kind:
            return "error", _moved(facts, lang)
        return None
    if said.kind in ("better", "worse"):
        if facts.movement == "none" or facts.polarity_way in ("neutral", "none"):
            return None if facts.movement != "same" else ("error", _moved(facts, lang))
        if facts.polarity_way != said.kind:
            return "error", _moved(facts, lang)
        if not facts.supported:
            why = _("{moved}: too small a change for the data to tell it from chance", lang, moved=_moved(facts, lang))
            return "warning", why
        return None
    if facts.versus == "none":
        return None
    if said.kind in ("above", "below"):
        if facts.versus != said.kind:
            return "error", facts.wales_text
        return None
    wanted = said.kind.removeprefix("wales-")
    if facts.wales_way in ("neutral", "none"):
        return None if facts.versus != "same" else ("error", facts.wales_text)
    if facts.wales_way != wanted:
        return "error", facts.wales_text
    if not facts.wales_supported:
        why = _("{wales}: too small a difference for the data to tell it from chance", lang, wales=facts.wales_text)
        return "warning", why
    return None


def _moved(facts: Facts, lang: str = "en") -> str:
    return _("the figure is {change}", lang, change=facts.change_text)


def facts_of(figure: Figure, results: Results, lang: str = "en") -> Facts | None:
    """What the data say of a figure, the texts told in ``lang``."""
    if figure.kind == "indicator":
        result = results.indicators.get(figure.id)
        return None if result is None else _indicator_facts(result, lang)
    found = [r for r in results.survey_for(figure.id) if figure.group is None or r.group == figure.group]
    return _survey_facts(found[0], lang) if len(found) == 1 else None


def _way(movement: str, polarity: str) -> str:
    if movement == "none" or movement == "same" or polarity == "none":
        return "none" if movement == "none" else "neutral"
    return "better" if (movement in ("up", "above")) == (polarity == "higher") else "worse"


# a figure against Wales, as a message says it
AGAINST_WALES = {
    "above": N_("it is above Wales ({ours} against {theirs})"),
    "below": N_("it is below Wales ({ours} against {theirs})"),
    "same": N_("it is the same as Wales ({ours})"),
}


def _indicator_facts(result: IndicatorResult, lang: str = "en") -> Facts:
    from dirreport.prose import sentences

    trend, ind = result.trend, result.indicator
    latest, wales = result.latest, result.wales_latest
    ours_text = sentences.value(latest.value, ind.unit, lang, result.decimals) if latest.status == OK else ""
    wales_text = _("it cannot be set against Wales", lang)
    if result.versus_wales != "none" and wales is not None:
        theirs = sentences.value(wales.value, ind.unit, lang, result.decimals)
        wales_text = _(AGAINST_WALES[result.versus_wales], lang, ours=ours_text, theirs=theirs)
    return Facts(
        trend.movement,
        _way(trend.movement, ind.polarity),
        trend.supported,
        _("{value}, {change}", lang, value=ours_text, change=sentences.change(result, lang)),
        result.versus_wales,
        _way(result.versus_wales, ind.polarity),
        result.wales_judgement in ("better", "worse"),
        wales_text,
    )


def _survey_facts(result: SurveyResult, lang: str = "en") -> Facts | None:
    latest = result.latest
    if latest is None or latest.status != OK:
        return None
    ours = i18n.percent(latest.percent, lang, 1)
    change_text = _("{value}, with no comparison with last year", lang, value=ours)
    if result.trend.movement != "none" and result.trend.change is not None:
        size = i18n.points(abs(result.trend.change), lang, 1)
        way = N_("{value}, up {size}") if result.trend.change > 0 else N_("{value}, down {size}")
        change_text = _(way, lang, value=ours, size=size)
        if result.trend.movement == "same":
            change_text = _("{value}, unchanged", lang, value=ours)
    versus, wales_text = "none", _("there is no figure for Wales", lang)
    wales = result.wales
    if wales is not None and wales.status == OK:
        diff = printed_change(latest.percent, wales.percent, 1)
        versus = "above" if diff > 0 else "below" if diff < 0 else "same"
        wales_text = _(AGAINST_WALES[versus], lang, ours=ours, theirs=i18n.percent(wales.percent, lang, 1))
    return Facts(
        result.trend.movement,
        _way(result.trend.movement, "higher"),
        bool(result.change_significant),
        change_text,
        versus,
        _way(versus, "higher"),
        bool(result.wales_significant),
        wales_text,
    )


# --- sentences and the figures in them -----------------------------------------------------------------


@dataclass(frozen=True)
class _Block:
    text: str
    lines: tuple[tuple[int, int], ...]  # (offset in text, file line) of each line's start


@dataclass(frozen=True)
class _Sentence:
    text: str  # figures blanked
    base: int  # its offset in the block
    figures: tuple[Figure, ...]  # with offsets inside the sentence
    block: _Block

    def line_of(self, offset: int) -> int:
        at = self.base + offset
        return max((n for o, n in self.block.lines if o <= at), default=self.block.lines[0][1])


def _blocks(narrative: Narrative) -> Iterator[_Block]:
    """Paragraphs and list items of running text, headings and comments left out."""
    text = ""
    lines: list[tuple[int, int]] = []
    for n, line in prose_lines(narrative):
        stripped = line.strip()
        starts_item = bool(LIST_ITEM.match(line))
        if not stripped or stripped.startswith("#") or starts_item or stripped.startswith(("|", ">")):
            if text:
                yield _Block(text, tuple(lines))
            text, lines = "", []
            if not stripped or stripped.startswith("#"):
                continue
            line = LIST_ITEM.sub("", line).lstrip("> ")
        if text:
            text += " "
        lines.append((len(text), n))
        text += line.strip()
    if text:
        yield _Block(text, tuple(lines))


def _sentences(block: _Block) -> list[_Sentence]:
    """The block's sentences, each with the figures its shortcodes place."""
    figures: list[Figure] = []
    masked = block.text
    for m in SHORTCODE.finditer(block.text):
        args = m.group(2).split()
        if m.group(1) in FIGURES and args:
            if m.group(1) == "survey":
                figures.append(Figure("survey", args[0], args[1] if len(args) > 1 else None, m.start()))
            else:
                figures.append(Figure("indicator", args[0], None, m.start()))
        masked = masked[: m.start()] + "\x01" * (m.end() - m.start()) + masked[m.end() :]
    out, start = [], 0
    for end in [m.end() for m in SENTENCE_END.finditer(masked)] + [len(masked)]:
        inside = tuple(Figure(f.kind, f.id, f.group, f.start - start) for f in figures if start <= f.start < end)
        out.append(_Sentence(masked[start:end], start, inside, block))
        start = end
    return out


def _figures_for(said: Said, i: int, sentences: list[_Sentence], lang: str) -> list[Figure]:
    """The figure a claim speaks of: in its sentence; else the last of the sentence before, when this one
    points back to it ("This is well below Wales"); else the first of the next, when this one is short."""
    own = sentences[i].figures
    if own:
        after = [f for f in own if f.start > said.start]
        before = [f for f in own if f.start < said.start]
        if said.kind in ("up", "down", "better", "worse"):
            chosen = after[0] if after else before[-1]
        else:
            chosen = before[-1] if before else after[0]
        return [chosen]
    text = sentences[i].text
    if i > 0 and sentences[i - 1].figures:
        return [sentences[i - 1].figures[-1]] if ANAPHORA[lang].match(text) else []
    if i + 1 < len(sentences) and sentences[i + 1].figures and len(text.split()) <= SHORT_LEAD:
        return [sentences[i + 1].figures[0]]
    return []
