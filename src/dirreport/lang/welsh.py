"""Welsh grammar for sentence patterns: mutations, the article, numbers and noun phrases.

Welsh changes the first sound of a word after certain words: "Caerdydd" but
"yng Nghaerdydd" (in Cardiff), "i Gaerdydd" (to Cardiff).  Our sentences are
whole messages with placeholders, so the pattern knows which form its slot
needs and asks for it here; nothing glues fragments together.  A catalogue
entry can describe its Welsh subject (``WelshNoun``: the noun phrase, its
gender, whether it is plural or already definite), so a sentence such as
"Cododd y gyfradd ..." gets the article, the mutation after it and the
number words that agree with the noun's gender.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

SOFT = {"p": "b", "t": "d", "c": "g", "b": "f", "d": "dd", "g": "", "m": "f", "ll": "l", "rh": "r"}
NASAL = {"p": "mh", "t": "nh", "c": "ngh", "b": "m", "d": "n", "g": "ng"}
ASPIRATE = {"p": "ph", "t": "th", "c": "ch"}
VOWELS = "aeiouyâêîôûŵŷáéíóúàèìòùäëïöü"
GENDERS = ("m", "f")
# Borrowed words that keep their g- where a native word would soften it (dau grŵp, dwy gêm).
KEEPS_G = {"grŵp", "grwpiau", "gêm", "gemau", "gôl"}


def _mutate(word: str, table: dict[str, str]) -> str:
    if not word:
        return word
    lower = word.lower()
    for radical in sorted(table, key=len, reverse=True):
        if lower.startswith(radical):
            # "ch", "th", "ph", "dd", "ff" are letters of their own and do not mutate
            if radical in ("c", "t", "p", "d") and lower[1:2] == "h":
                return word
            if radical == "d" and lower[1:2] == "d":
                return word
            replaced = table[radical]
            rest = word[len(radical) :]
            if word[0].isupper():
                if replaced:
                    return replaced[0].upper() + replaced[1:] + rest
                return rest[:1].upper() + rest[1:]
            return replaced + rest
    return word


def soft(word: str) -> str:
    if word.lower() in KEEPS_G:
        return word
    return _mutate(word, SOFT)


def nasal(word: str) -> str:
    return _mutate(word, NASAL)


def aspirate(word: str) -> str:
    return _mutate(word, ASPIRATE)


def starts_with_vowel(word: str) -> bool:
    """True for words that take "ac", "ag" and "yr": a written vowel (w is taken as a consonant, as in Wrecsam)."""
    return word[:1].lower() in VOWELS


def in_place(name: str) -> str:
    """'in <place>': yn + nasal mutation, with yn becoming ym or yng before the mutated sound."""
    mutated = nasal(name)
    lower = mutated.lower()
    if lower.startswith("ngh") or (lower.startswith("ng") and mutated != name):
        return f"yng {mutated}"
    if lower.startswith("mh") or (lower.startswith("m") and mutated != name):
        return f"ym {mutated}"
    if name.lower().startswith("m"):
        return f"ym {name}"
    return f"yn {mutated}"


def from_place(name: str) -> str:
    """'from <place>': o + soft mutation (o Gaerdydd, o Fro Morgannwg)."""
    return f"o {soft(name)}"


def to_place(name: str) -> str:
    """'to <place>': i + soft mutation (i Gaerdydd, i Wynedd)."""
    return f"i {soft(name)}"


def and_(word: str) -> str:
    """'and <word>': ac before a vowel, otherwise a + aspirate mutation (a Chaerdydd, ac Abertawe)."""
    return f"ac {word}" if starts_with_vowel(word) else f"a {aspirate(word)}"


def with_(word: str) -> str:
    """'with/as <word>': ag before a vowel, otherwise â + aspirate mutation (â Chymru, ag Abertawe)."""
    return f"ag {word}" if starts_with_vowel(word) else f"â {aspirate(word)}"


def predicate(word: str) -> str:
    """'yn' before a noun or adjective as complement: soft mutation, except ll and rh (yn fawr, yn llawn)."""
    if word[:2].lower() in ("ll", "rh"):
        return f"yn {word}"
    return f"yn {soft(word)}"


def article(word: str) -> str:
    """The definite article at the start of a phrase: yr before a vowel or h, y before a consonant."""
    return "yr" if starts_with_vowel(word) or word[:1].lower() == "h" else "y"


def _feminine_after_article(word: str) -> str:
    """A feminine singular noun softens after the article, except ll and rh (y gyfradd, y llaw)."""
    return word if word[:2].lower() in ("ll", "rh") else soft(word)


NUMBERS = {
    1: ("un", "un"),
    2: ("dau", "dwy"),
    3: ("tri", "tair"),
    4: ("pedwar", "pedair"),
}


def count(n: int, noun: str, gender: str) -> str:
    """A number and the singular noun it counts, agreeing in gender and mutating as Welsh requires.

    un + feminine noun softens (un gyfran, but un llaw); dau and dwy soften
    (dau grŵp, dwy gyfran); tri takes the aspirate mutation (tri pheth); tair
    and pedwar/pedair leave the noun alone.  Above four, figures are written
    as digits with the singular noun (5 grŵp), as in Welsh statistical tables.
    """
    if gender not in GENDERS:
        raise ValueError(f"gender must be 'm' or 'f', not {gender!r}")
    if n not in NUMBERS:
        return f"{n} {noun}"
    word = NUMBERS[n][0 if gender == "m" else 1]
    if n == 1:
        return f"un {_feminine_after_article(noun) if gender == 'f' else noun}"
    if n == 2:
        return f"{word} {soft(noun)}"
    if n == 3 and gender == "m":
        return f"{word} {aspirate(noun)}"
    return f"{word} {noun}"


def counted(n: int, singular: str, plural: str, gender: str) -> str:
    """The words after a number printed in figures ("8,000 o gysylltiadau"), agreeing with it.

    One to four take the singular phrase as the number words would (1 gyfran, 2 ofalwr, 3 chyswllt,
    4 cyswllt), so the figure reads aloud as Welsh; any other number, the large counts of a report
    among them, takes "o" and the plural, softened after it (8,000 o gysylltiadau, 0 o blant).
    """
    if n in NUMBERS:
        return count(n, singular, gender).split(" ", 1)[1]
    return f"o {soft(plural)}"


@dataclass(frozen=True)
class WelshNoun:
    """A catalogue entry's Welsh noun phrase, as a sentence's subject needs it.

    ``text`` is the phrase without an article, starting with its head noun
    ("cyfradd y gofalwyr a nodwyd ..."); ``gender`` is the head noun's
    gender; ``definite`` says the phrase is already definite (a noun followed
    by a definite genitive, "canran yr asesiadau ...", takes no article);
    ``plural`` that the head noun is plural (no mutation after the article).
    """

    text: str
    gender: str
    definite: bool = False
    plural: bool = False

    def __post_init__(self) -> None:
        if self.gender not in GENDERS:
            raise ValueError(f"Welsh gender must be 'm' or 'f', not {self.gender!r}")
        if not self.text.strip():
            raise ValueError("the Welsh noun phrase is empty")

    @property
    def head(self) -> str:
        """The head noun, the first word of the phrase."""
        return self.text.split()[0]

    def subject(self) -> str:
        """The phrase as a sentence's subject: with its article and the mutation after it."""
        if self.definite:
            return self.text
        if self.plural or self.gender == "m":
            return f"{article(self.text)} {self.text}"
        mutated = _feminine_after_article(self.text)
        return f"{article(mutated)} {mutated}"

    @classmethod
    def from_mapping(cls, value: Any, what: str) -> WelshNoun:
        """Read ``{noun: ..., gender: m|f, definite: bool, plural: bool}`` from a catalogue entry."""
        if not isinstance(value, dict):
            raise ValueError(f"{what} must have 'noun' and 'gender'")
        noun, gender = value.get("noun"), value.get("gender")
        if not isinstance(noun, str) or not noun.strip():
            raise ValueError(f"{what} has no Welsh noun phrase ('noun')")
        if gender not in GENDERS:
            raise ValueError(f"{what} has gender {gender!r}; use m or f")
        return cls(
            " ".join(noun.split()), str(gender), bool(value.get("definite", False)), bool(value.get("plural", False))
        )


GENITIVE_HEADS = {"canran": "f", "nifer": "m", "cyfradd": "f", "cyfran": "f", "cyfanswm": "m"}


def noun_from_title(title: str) -> WelshNoun | None:
    """The subject a title gives by itself: "Canran yr ..." and "Nifer y ..." are definite genitives.

    Other titles (a bare plural such as "Gofalwyr a nodwyd ...") cannot be a
    sentence's subject as they stand: the catalogue entry names its own.
    """
    words = title.split()
    if len(words) >= 3 and words[0].lower() in GENITIVE_HEADS and words[1].lower() in ("y", "yr"):
        text = words[0].lower() + " " + " ".join(words[1:])
        return WelshNoun(text, GENITIVE_HEADS[words[0].lower()], definite=True)
    return None
