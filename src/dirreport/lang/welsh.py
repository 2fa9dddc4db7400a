"""Initial consonant mutations, for the few places a sentence pattern puts a name after a word that mutates it.

Welsh changes the first sound of a word after certain words: "Caerdydd" but
"yng Nghaerdydd" (in Cardiff), "i Gaerdydd" (to Cardiff).  Our sentences are
whole messages with placeholders, so the pattern knows which mutation its
slot needs and asks for it here; nothing glues fragments together.
"""

from __future__ import annotations

SOFT = {"p": "b", "t": "d", "c": "g", "b": "f", "d": "dd", "g": "", "m": "f", "ll": "l", "rh": "r"}
NASAL = {"p": "mh", "t": "nh", "c": "ngh", "b": "m", "d": "n", "g": "ng"}
ASPIRATE = {"p": "ph", "t": "th", "c": "ch"}


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
            rest = word[len(radical):]
            if word[0].isupper():
                if replaced:
                    return replaced[0].upper() + replaced[1:] + rest
                return rest[:1].upper() + rest[1:]
            return replaced + rest
    return word


def soft(word: str) -> str:
    return _mutate(word, SOFT)


def nasal(word: str) -> str:
    return _mutate(word, NASAL)


def aspirate(word: str) -> str:
    return _mutate(word, ASPIRATE)


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
