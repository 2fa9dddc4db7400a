"""Welsh as a Welsh writer writes it: mutations, agreement and the sentences built from the catalogue.

In-process tests of ``welsh`` (mutations, the article, numbers) on every
authority name and every catalogue title, of the sentence builders in
``phrases`` on every indicator, survey measure and composition, and a lint of
the Welsh message catalogue and the catalogue's Welsh text.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from dirreport.catalogue import Indicator, load_authorities, load_catalogue
from dirreport.compute.indicators import OK, IndicatorResult, Point, Results, Trend, compute
from dirreport.config.settings import load_config
from dirreport.data.dataset import load_dataset
from dirreport.lang import i18n, welsh
from dirreport.lang.bilingual_text import Bilingual
from dirreport.prose import composition_sentences, sentences

CATALOGUE = load_catalogue()
SMALL = Path(__file__).parent / "fixtures" / "small"

# Every authority as a Welsh writer puts it after "yn" (nasal mutation, yn > ym/yng), after "o" and "i"
# (soft mutation) and after "a" and "â" (aspirate mutation; ac and ag before a vowel).
PLACES = {
    "Ynys Môn": ("yn Ynys Môn", "Ynys Môn", "ac Ynys Môn", "ag Ynys Môn"),
    "Gwynedd": ("yng Ngwynedd", "Wynedd", "a Gwynedd", "â Gwynedd"),
    "Conwy": ("yng Nghonwy", "Gonwy", "a Chonwy", "â Chonwy"),
    "Sir Ddinbych": ("yn Sir Ddinbych", "Sir Ddinbych", "a Sir Ddinbych", "â Sir Ddinbych"),
    "Sir y Fflint": ("yn Sir y Fflint", "Sir y Fflint", "a Sir y Fflint", "â Sir y Fflint"),
    "Wrecsam": ("yn Wrecsam", "Wrecsam", "a Wrecsam", "â Wrecsam"),
    "Ceredigion": ("yng Ngheredigion", "Geredigion", "a Cheredigion", "â Cheredigion"),
    "Sir Benfro": ("yn Sir Benfro", "Sir Benfro", "a Sir Benfro", "â Sir Benfro"),
    "Sir Gaerfyrddin": ("yn Sir Gaerfyrddin", "Sir Gaerfyrddin", "a Sir Gaerfyrddin", "â Sir Gaerfyrddin"),
    "Abertawe": ("yn Abertawe", "Abertawe", "ac Abertawe", "ag Abertawe"),
    "Castell-nedd Port Talbot": (
        "yng Nghastell-nedd Port Talbot",
        "Gastell-nedd Port Talbot",
        "a Chastell-nedd Port Talbot",
        "â Chastell-nedd Port Talbot",
    ),
    "Pen-y-bont ar Ogwr": (
        "ym Mhen-y-bont ar Ogwr",
        "Ben-y-bont ar Ogwr",
        "a Phen-y-bont ar Ogwr",
        "â Phen-y-bont ar Ogwr",
    ),
    "Bro Morgannwg": ("ym Mro Morgannwg", "Fro Morgannwg", "a Bro Morgannwg", "â Bro Morgannwg"),
    "Caerdydd": ("yng Nghaerdydd", "Gaerdydd", "a Chaerdydd", "â Chaerdydd"),
    "Rhondda Cynon Taf": ("yn Rhondda Cynon Taf", "Rondda Cynon Taf", "a Rhondda Cynon Taf", "â Rhondda Cynon Taf"),
    "Caerffili": ("yng Nghaerffili", "Gaerffili", "a Chaerffili", "â Chaerffili"),
    "Blaenau Gwent": ("ym Mlaenau Gwent", "Flaenau Gwent", "a Blaenau Gwent", "â Blaenau Gwent"),
    "Torfaen": ("yn Nhorfaen", "Dorfaen", "a Thorfaen", "â Thorfaen"),
    "Sir Fynwy": ("yn Sir Fynwy", "Sir Fynwy", "a Sir Fynwy", "â Sir Fynwy"),
    "Casnewydd": ("yng Nghasnewydd", "Gasnewydd", "a Chasnewydd", "â Chasnewydd"),
    "Powys": ("ym Mhowys", "Bowys", "a Phowys", "â Phowys"),
    "Merthyr Tudful": ("ym Merthyr Tudful", "Ferthyr Tudful", "a Merthyr Tudful", "â Merthyr Tudful"),
    "Cymru": ("yng Nghymru", "Gymru", "a Chymru", "â Chymru"),
    "Glanafon": ("yng Nglanafon", "Lanafon", "a Glanafon", "â Glanafon"),  # the sample's fictional authority
}

# The head nouns of the catalogue's Welsh subjects, their gender, and how two, three and four of them are
# written: dau/dwy soften the noun, tri takes the aspirate mutation, tair/pedwar/pedair leave it alone.
HEAD_NOUNS = {
    "canran": ("f", "dwy ganran", "tair canran", "pedair canran"),
    "cyfradd": ("f", "dwy gyfradd", "tair cyfradd", "pedair cyfradd"),
    "cyfran": ("f", "dwy gyfran", "tair cyfran", "pedair cyfran"),
    "nifer": ("m", "dau nifer", "tri nifer", "pedwar nifer"),
    "amser": ("m", "dau amser", "tri amser", "pedwar amser"),
}

# Words a Welsh sentence may capitalise in its middle: names, months, acronyms.
PROPER = {"Cymru", "Chymru", "Gymru", "Gymraeg", "Mawrth", "GCC", "Pan", "Fydda", "Barod", "Glanafon", "Rhan"}


def test_every_authority_has_its_forms_checked() -> None:
    names = {a.name.cy for a in load_authorities().values()}
    assert names <= set(PLACES), f"add the Welsh forms of {sorted(names - set(PLACES))} to PLACES"


@pytest.mark.parametrize("name", sorted(PLACES))
def test_place_names_mutate_after_prepositions(name: str) -> None:
    in_form, soft_form, and_form, with_form = PLACES[name]
    assert welsh.in_place(name) == in_form
    assert welsh.from_place(name) == f"o {soft_form}"
    assert welsh.to_place(name) == f"i {soft_form}"
    assert welsh.and_(name) == and_form
    assert welsh.with_(name) == with_form


@pytest.mark.parametrize("name", sorted(PLACES))
def test_population_sentence_puts_each_place_after_yn(name: str) -> None:
    sentence = sentences.people_in_place(123456, name, "2023-24", "cy")
    assert sentence == f"Yn 2023-24, amcangyfrifir bod 123,456 o bobl yn byw {PLACES[name][0]}."


@pytest.mark.parametrize(
    ("word", "after_yn"),
    [
        ("da", "yn dda"),
        ("mawr", "yn fawr"),
        ("bach", "yn fach"),
        ("pwysig", "yn bwysig"),
        ("tawel", "yn dawel"),
        ("cyflym", "yn gyflym"),
        ("gwell", "yn well"),
        ("dibynnol", "yn ddibynnol"),
        ("llawn", "yn llawn"),
        ("rhad", "yn rhad"),
        ("uchel", "yn uchel"),
        ("ffyddlon", "yn ffyddlon"),
        ("chwim", "yn chwim"),
    ],
)
def test_soft_mutation_after_yn_before_a_complement(word: str, after_yn: str) -> None:
    assert welsh.predicate(word) == after_yn


@pytest.mark.parametrize(
    ("n", "noun", "gender", "expected"),
    [
        (1, "cyfran", "f", "un gyfran"),
        (1, "llaw", "f", "un llaw"),
        (1, "grŵp", "m", "un grŵp"),
        (2, "cyfran", "f", "dwy gyfran"),
        (2, "grŵp", "m", "dau grŵp"),
        (2, "plentyn", "m", "dau blentyn"),
        (2, "merch", "f", "dwy ferch"),
        (2, "gwaith", "m", "dau waith"),
        (3, "pecyn", "m", "tri phecyn"),
        (3, "cyfran", "f", "tair cyfran"),
        (3, "tîm", "m", "tri thîm"),
        (4, "pecyn", "m", "pedwar pecyn"),
        (4, "cyfran", "f", "pedair cyfran"),
        (5, "grŵp", "m", "5 grŵp"),
        (22, "awdurdod", "m", "22 awdurdod"),
    ],
)
def test_numbers_agree_with_the_gender_of_their_noun(n: int, noun: str, gender: str, expected: str) -> None:
    assert welsh.count(n, noun, gender) == expected


def test_the_article_and_the_mutation_after_it() -> None:
    assert welsh.WelshNoun("cyfradd y gofalwyr", "f").subject() == "y gyfradd y gofalwyr"
    assert welsh.WelshNoun("amser aros", "m").subject() == "yr amser aros"
    assert welsh.WelshNoun("llaw", "f").subject() == "y llaw"
    assert welsh.WelshNoun("gofalwyr", "m", plural=True).subject() == "y gofalwyr"
    assert welsh.WelshNoun("oedolion", "m", plural=True).subject() == "yr oedolion"
    assert welsh.WelshNoun("canran yr asesiadau", "f", definite=True).subject() == "canran yr asesiadau"


def test_every_indicator_has_a_welsh_subject_with_a_known_head_noun() -> None:
    for ind in CATALOGUE.indicators.values():
        noun = ind.welsh_subject()
        assert noun is not None, f"{ind.id}: give the catalogue entry a 'welsh:' subject"
        gender, two, three, four = HEAD_NOUNS[noun.head]
        assert noun.gender == gender, ind.id
        assert [welsh.count(n, noun.head, noun.gender) for n in (2, 3, 4)] == [two, three, four], ind.id


SHARES = ("canran", "cyfran")  # a percentage is a share of a whole, never a count ("nifer")


def test_a_percentage_indicators_welsh_subject_is_a_share() -> None:
    wrong = {}
    for ind in CATALOGUE.indicators.values():
        noun = ind.welsh_subject()
        if ind.unit != "percent" or noun is None:
            continue
        if noun.head not in SHARES or re.search(r"\bnifer\b", noun.text.split(" fel canran")[0]):
            wrong[ind.id] = noun.text
    assert not wrong, "a percentage's Welsh subject names a count; start it 'canran y' or 'cyfran y': " + repr(wrong)


def test_the_share_lint_would_catch_a_count() -> None:
    ind = CATALOGUE.indicators["WF-AGENCY"]
    noun = replace(ind.welsh_subject(), text="nifer y staff asiantaeth fel canran o’r staff")  # type: ignore[type-var]
    assert noun.head not in SHARES


def result_for(ind: Indicator, values: tuple[float, ...]) -> IndicatorResult:
    years = ("2019-20", "2020-21", "2021-22", "2022-23", "2023-24")[-len(values) :]
    series = tuple(Point(y, v, v, 100.0, OK) for y, v in zip(years, values, strict=True))
    change = values[-1] - values[-2] if len(values) > 1 else None
    movement = "none" if change is None else "up" if change > 0 else "down" if change < 0 else "same"
    return IndicatorResult(
        ind,
        series,
        (),
        (),
        Trend(movement, "neutral", change, years[-2] if change is not None else None),
        "none",
        "unknown",
    )


def mid_sentence_capitals(text: str) -> list[str]:
    """Capitalised words inside a sentence that are not names: a title or label pasted in as it stands."""
    found = []
    for sentence in re.split(r"(?<=[.?!])\s+", text.strip()):
        words = re.findall(r"[\w’'-]+", sentence)[1:]
        found += [w for w in words if w[:1].isupper() and w not in PROPER]
    return found


@pytest.mark.parametrize("indicator_id", sorted(CATALOGUE.indicators))
def test_each_indicator_description_is_a_whole_welsh_sentence(indicator_id: str) -> None:
    ind = CATALOGUE.indicators[indicator_id]
    subject = ind.welsh_subject()
    assert subject is not None
    for values, verb in (((42.9, 45.0), "Cododd"), ((45.0, 42.9), "Gostyngodd"), ((40.0, 40.0), "Roedd")):
        sentence = sentences.describe_indicator(result_for(ind, values), ind.title.cy, "cy")
        assert sentence.startswith(f"{verb} {subject.subject()} "), sentence
        first = sentence.split()[1]
        assert first in ("canran", "cyfradd", "cyfran", "nifer", "y", "yr"), f"a bare subject: {sentence}"
        assert not mid_sentence_capitals(sentence), sentence
        assert "'" not in sentence, f"straight apostrophe: {sentence}"
    single = sentences.describe_indicator(result_for(ind, (42.9,)), ind.title.cy, "cy")
    assert single.startswith(f"Roedd {subject.subject()} yn "), single


def test_a_local_indicator_without_a_subject_gets_a_labelled_sentence() -> None:
    base = CATALOGUE.indicators["CA-IDENTIFIED-RATE"]
    local = replace(base, welsh=None, title=Bilingual(en="Carers identified", cy="Gofalwyr a nodwyd"), local=True)
    sentence = sentences.describe_indicator(result_for(local, (10.0, 12.0)), local.title.cy, "cy")
    assert sentence.startswith("Gofalwyr a nodwyd: cododd o 10.0 fesul 10,000 yn ")


@pytest.fixture(scope="module")
def results() -> Results:
    config = load_config(SMALL)
    return compute(config, CATALOGUE, load_dataset(config, CATALOGUE))


@pytest.mark.parametrize("composition_id", sorted(CATALOGUE.compositions))
def test_each_composition_description_reads_as_welsh(composition_id: str, results: Results) -> None:
    comp = CATALOGUE.compositions[composition_id]
    labels = [label.cy for _code, label in comp.parts]
    values: list[float | None] = [float(100 - i) for i in range(len(labels))]
    values[-1] = None
    shown = [i18n.number(v, "cy") if v is not None else "[c]" for v in values]
    sentence = composition_sentences.describe_composition(
        comp.title.cy, labels, values, shown, "1,000", comp, results, "cy"
    )
    largest, second = labels[0], labels[1]
    # a breakdown's parts are categories (neglect, the police), not groups of people
    assert f"Y categori mwyaf oedd {sentences.lower_first(largest)}, 100." in sentence
    assert f"Yr ail oedd {sentences.lower_first(second)}, 99." in sentence
    assert "Ni ddangosir un categori [c]." in sentence
    assert not mid_sentence_capitals(sentence.split(": ", 1)[1]), sentence


@pytest.mark.parametrize(
    ("hidden", "words"),
    [(1, "un categori"), (2, "dau gategori"), (3, "tri chategori"), (4, "pedwar categori"), (7, "7 categori")],
)
def test_hidden_groups_are_counted_in_welsh(hidden: int, words: str) -> None:
    assert composition_sentences.hidden_groups(hidden, "cy") == f"Ni ddangosir {words} [c]."


@pytest.mark.parametrize("measure_id", sorted(CATALOGUE.survey))
def test_each_survey_title_is_a_label_in_welsh_sentences(measure_id: str, results: Results) -> None:
    measure = CATALOGUE.survey[measure_id]
    assert "'" not in measure.title.cy
    found = [r for r in results.survey.values() if r.measure.id == measure_id]
    for result in found:
        sentence = sentences.describe_survey(result, measure.title.cy, "cy")
        assert sentence.startswith(measure.title.cy + " (")
        assert "ddim yn" not in sentence and "[low]" not in sentence


# --- the message catalogue ---------------------------------------------------------------------------------

ENGLISH_WORDS = {
    "the",
    "and",
    "of",
    "not",
    "shown",
    "figure",
    "figures",
    "this",
    "that",
    "with",
    "for",
    "from",
    "low",
    "note",
    "table",
    "page",
    "draft",
    "per",
    "cent",
    "percentage",
    "welsh",
    "english",
    "significant",
    "available",
    "change",
    "total",
    "group",
    "groups",
    "which",
    "are",
    "was",
    "were",
    "report",
    "section",
    "chapter",
    "contents",
    "published",
    "sample",
}
SAME_IN_BOTH = {  # no words to translate, a name, or a word Welsh shares ("Data")
    "{title}, {year}",
    "{value} (n = {base})",
    "Staff",
    "Estyn",
    "Data",
    "{counts}; {verdict}",
    "{errors}, {warnings}",
    "{value}, {change}",
}


def welsh_messages() -> list[tuple[str, str]]:
    with i18n.po_resource().open("rb") as handle:
        catalog = read_po(handle)
    out = []
    for message in catalog:
        if not message.id:
            continue
        english = message.id if isinstance(message.id, str) else message.id[0]
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        out.extend((english, s) for s in strings)
    return out


def words_of(text: str) -> list[str]:
    text = re.sub(r"\{\{<.*?>\}\}|\{[^}]*\}|\[[a-z]\]|\S+/\S+", " ", text)  # placeholders, shortcodes, markers, paths
    return [w.lower() for w in re.findall(r"[^\W\d_]+", text)]


def test_every_message_is_translated() -> None:
    untranslated = [e for e, w in welsh_messages() if not w.strip() or (w == e and e not in SAME_IN_BOTH)]
    assert not untranslated


def test_welsh_messages_use_the_curly_apostrophe() -> None:
    straight = [w for _e, w in welsh_messages() if "'" in w]
    assert not straight, "write ’ (the glossary's apostrophe) in Welsh: " + repr(straight)


def test_welsh_messages_hold_no_english_words() -> None:
    found = {w: sorted(set(words_of(w)) & ENGLISH_WORDS) for _e, w in welsh_messages()}
    assert not {w: e for w, e in found.items() if e}


def test_the_lint_would_catch_english() -> None:
    english = set(words_of("Not shown: [c] the figure for {year}")) & ENGLISH_WORDS
    assert english == {"not", "shown", "the", "figure", "for"}


def test_catalogue_welsh_uses_the_curly_apostrophe() -> None:
    texts = [m.label.cy for m in CATALOGUE.metrics.values()] + [i.title.cy for i in CATALOGUE.indicators.values()]
    texts += [s.title.cy for s in CATALOGUE.survey.values()] + [c.title.cy for c in CATALOGUE.compositions.values()]
    texts += [label.cy for c in CATALOGUE.compositions.values() for _code, label in c.parts]
    texts += [s.text.cy for s in CATALOGUE.standards.values()]
    texts += [n.text for i in CATALOGUE.indicators.values() if (n := i.welsh_subject()) is not None]
    assert not [t for t in texts if "'" in t]
