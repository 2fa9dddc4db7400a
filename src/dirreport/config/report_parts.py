"""The parts of a report its authority declares: forewords, its own sections, its contact details.

The prescribed form fixes the report's headings and their order; an authority
adds forewords before Chapter 1 and sections of its own inside a chapter or a
part (after the prescribed sections there).  Each is declared in
``_quarto.yml`` under ``dirreport:`` and read here into plain values; a wrong
value raises ``SettingError`` with what is wrong and how to write it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dirreport.lang.bilingual_text import Bilingual

# Where a section of the authority's own may go: a chapter (1 to 4) or a part of Chapter 3 or 4.
CHAPTER_IDS = {"1": "1-summary", "2": "2-context", "3": "3-performance", "4": "4-other"}
PART_IDS = tuple(f"{n}{letter}" for n in "34" for letter in "abcd")
PARENTS = (*CHAPTER_IDS.values(), *PART_IDS)
ROLES = ("director", "cabinet-member")
FILE_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,60}$")
PICTURE_TYPES = (".png", ".jpg", ".jpeg", ".svg")


class SettingError(ValueError):
    """A setting's value is wrong; ``hint`` says how to write it."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.hint = hint


@dataclass(frozen=True)
class Picture:
    """A picture file inside the project with its alternative text in both languages."""

    src: str
    alt: Bilingual


@dataclass(frozen=True)
class Foreword:
    """A foreword before Chapter 1, written in ``narratives/<lang>/<file>.md``."""

    file: str
    role: str  # director | cabinet-member
    name: Bilingual | None  # printed under it; the Director's name from director: when not given
    title: Bilingual | None = None  # the heading; a standard one for the role when not given
    position: Bilingual | None = None  # under the signature, e.g. "Cabinet Member for Social Care"
    photo: Picture | None = None
    signature: Picture | None = None


@dataclass(frozen=True)
class ExtraSection:
    """A section of the authority's own, after the prescribed sections of the chapter or part it is in."""

    file: str
    parent: str  # a chapter id (3-performance) or a part id (4c)
    title: Bilingual


@dataclass(frozen=True)
class Contact:
    """How to reach the service: printed in part 4(c) with the accessibility statement and the formats."""

    phone: str = ""
    email: str = ""
    address: Bilingual | None = None
    website: str = ""
    welsh: Bilingual | None = None  # the Welsh-language line; a standard one when not given


def _mapping(value: Any, what: str, allowed: tuple[str, ...], example: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise SettingError(f"{what} must be a mapping", f"write it like {example}")
    unknown = [k for k in value if k not in allowed]
    if unknown:
        raise SettingError(f"{what} has '{unknown[0]}', which is not read", "use only " + ", ".join(allowed))
    return value


def _bilingual(value: Any, what: str) -> Bilingual:
    try:
        return Bilingual.from_mapping(value, what)
    except ValueError as exc:
        raise SettingError(str(exc), f'give both languages: {what}: {{en: "...", cy: "..."}}') from None


def _file(value: Any, what: str, example: str) -> str:
    text = str(value).strip() if isinstance(value, str) else ""
    if text.endswith(".md"):
        text = text[:-3]
    if not FILE_NAME.match(text):
        raise SettingError(
            f"{what} has no usable file name (given {value!r})",
            f"give file: {example}: the name of the narrative file in narratives/en/ and narratives/cy/, "
            "in small letters, digits and hyphens",
        )
    return text


def _text(value: Any, what: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str | int) or isinstance(value, bool):
        raise SettingError(f"{what} must be a text", f'write {what}: "..."')
    return " ".join(str(value).split())


def _picture(item: dict[str, Any], key: str, what: str) -> Picture | None:
    src = item.get(key)
    if src is None:
        if f"{key}-alt" in item:
            raise SettingError(f"{what} has {key}-alt but no {key}", f"add {key}: images/NAME.png, or remove {key}-alt")
        return None
    if not isinstance(src, str) or not src.strip():
        raise SettingError(f"{what} {key} must be a file name", f"write {key}: images/NAME.png")
    alt = item.get(f"{key}-alt")
    if alt is None:
        raise SettingError(
            f"{what} has a {key} with no alternative text",
            f'add {key}-alt: {{en: "...", cy: "..."}} describing the picture for people who cannot see it',
        )
    return Picture(src.strip(), _bilingual(alt, f"{what} {key}-alt"))


FOREWORD_KEYS = ("role", "file", "name", "title", "position", "photo", "photo-alt", "signature", "signature-alt")


def read_forewords(value: Any) -> tuple[Foreword, ...]:
    """``forewords:`` a list of forewords in the order printed, each with its role and narrative file."""
    if not isinstance(value, list):
        raise SettingError("forewords must be a list", "write each foreword as '- role: director' with its file")
    out: list[Foreword] = []
    for n, item in enumerate(value, start=1):
        what = f"forewords item {n}"
        item = _mapping(item, what, FOREWORD_KEYS, "{role: director, file: foreword-director}")
        role = item.get("role")
        if role not in ROLES:
            raise SettingError(f"{what} has role {role!r}", "write role: director or role: cabinet-member")
        file = _file(item.get("file", f"foreword-{role}"), what, f"foreword-{role}")
        title = _bilingual(item["title"], f"{what} title") if "title" in item else None
        position = _bilingual(item["position"], f"{what} position") if "position" in item else None
        photo = _picture(item, "photo", what)
        signature = _picture(item, "signature", what)
        raw_name = item.get("name")
        if isinstance(raw_name, dict):
            name: Bilingual | None = _bilingual(raw_name, f"{what} name")
        else:
            text = _text(raw_name, f"{what} name")
            name = Bilingual(text, text) if text else None
        out.append(Foreword(file, str(role), name, title, position, photo, signature))
    _refuse_repeats([f.file for f in out], "forewords")
    return tuple(out)


def read_sections(value: Any) -> tuple[ExtraSection, ...]:
    """``sections:`` the authority's own sections, each with its file, where it goes and its titles."""
    if not isinstance(value, list):
        raise SettingError(
            "sections must be a list",
            'write each section as \'- {file: 4d-welsh, in: 4d, title: {en: "...", cy: "..."}}\'',
        )
    out: list[ExtraSection] = []
    for n, item in enumerate(value, start=1):
        what = f"sections item {n}"
        item = _mapping(item, what, ("file", "in", "title"), '{file: 4d-welsh, in: 4d, title: {en: "...", cy: "..."}}')
        file = _file(item.get("file"), what, "4d-welsh")
        where = str(item.get("in", "")).strip()
        parent = CHAPTER_IDS.get(where, where)
        if parent not in PARENTS:
            raise SettingError(
                f"{what} ({file}) is in {where or 'nothing'!r}, which is not a chapter or part of the report",
                "write in: with a chapter (1, 2, 3 or 4) or a part (3a to 3d, 4a to 4d)",
            )
        if "title" not in item:
            raise SettingError(f"{what} ({file}) has no title", 'add title: {en: "...", cy: "..."}')
        out.append(ExtraSection(file, parent, _bilingual(item["title"], f"{what} ({file}) title")))
    _refuse_repeats([s.file for s in out], "sections")
    return tuple(out)


# the whole address, as it is printed in the report and put in its links: nothing that could end a link
EMAIL = re.compile(
    r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+"
)
WEBSITE = re.compile(
    r"https://[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+(?::[0-9]{1,5})?"
    r"(?:/[A-Za-z0-9._~%!$&*+,;=:@/-]*)?(?:\?[A-Za-z0-9._~%!$&*+,;=:@/?-]*)?(?:#[A-Za-z0-9._~%!$&*+,;=:@/?-]*)?"
)
PHONE = re.compile(r"\+?[0-9][0-9 ]*[0-9]")


def read_contact(value: Any) -> Contact:
    """``contact:`` phone, email, postal address, website and the Welsh-language line."""
    keys = ("phone", "email", "address", "website", "welsh")
    item = _mapping(value, "contact", keys, '{phone: "01234 567890", email: "...", address: {en: ..., cy: ...}}')
    email = _text(item.get("email"), "contact email")
    if email and not EMAIL.fullmatch(email):
        raise SettingError(f"contact email '{email}' is not an email address", "write email: name@example.gov.wales")
    website = _text(item.get("website"), "contact website")
    if website and not WEBSITE.fullmatch(website):
        raise SettingError(
            f"contact website '{website}' is not a web address",
            "write it in full, starting https://, with no spaces, quotes, brackets or < >: "
            "https://www.example.gov.wales/social-services",
        )
    phone = _text(item.get("phone"), "contact phone")
    if phone and not (PHONE.fullmatch(phone) and 6 <= sum(c.isdigit() for c in phone) <= 15):
        raise SettingError(
            f"contact phone '{phone}' is not a telephone number",
            'write digits and spaces, with + and the country code if you like: "01632 960 123" or "+44 1632 960123"',
        )
    return Contact(
        phone=phone,
        email=email,
        address=_bilingual(item["address"], "contact address") if "address" in item else None,
        website=website,
        welsh=_bilingual(item["welsh"], "contact welsh") if "welsh" in item else None,
    )


def _refuse_repeats(files: list[str], key: str) -> None:
    seen: set[str] = set()
    for file in files:
        if file in seen:
            raise SettingError(f"{key} names the file '{file}' twice", "give each its own file")
        seen.add(file)


def picture_problems(root: Path, forewords: tuple[Foreword, ...]) -> list[tuple[str, str, str]]:
    """Pictures that are not usable files inside the project: (setting, what is wrong, how to fix)."""
    found = []
    for n, foreword in enumerate(forewords, start=1):
        for key, picture in (("photo", foreword.photo), ("signature", foreword.signature)):
            if picture is None:
                continue
            path = (root / picture.src).resolve()
            setting = f"forewords item {n} {key}"
            if not path.is_relative_to(root.resolve()):
                found.append((setting, f"'{picture.src}' is outside the project", "put the picture in images/"))
            elif path.suffix.lower() not in PICTURE_TYPES:
                found.append((setting, f"'{picture.src}' is not a PNG, JPEG or SVG picture", "save it as PNG or SVG"))
            elif not path.is_file():
                found.append((setting, f"'{picture.src}' does not exist", "check the file name, or add the picture"))
    return found


def clashes(forewords: tuple[Foreword, ...], sections: tuple[ExtraSection, ...], taken: set[str]) -> list[str]:
    """Declared files that reuse a prescribed section's file or each other's."""
    files = [f.file for f in forewords] + [s.file for s in sections]
    return [f for f in files if f in taken] + [f for f in {*files} if files.count(f) > 1]


# How each is described and its JSON Schema: config/schema.py makes the settings' kinds from these.
KINDS: dict[str, tuple[str, Any, dict[str, Any]]] = {
    "forewords": (
        "list of {role, file, name, title, position, photo, photo-alt, signature, signature-alt}",
        read_forewords,
        {"type": "array", "items": {"type": "object", "required": ["role"]}},
    ),
    "sections": (
        "list of {file, in, title}",
        read_sections,
        {"type": "array", "items": {"type": "object", "required": ["file", "in", "title"]}},
    ),
    "contact": ("{phone, email, address, website, welsh}", read_contact, {"type": "object"}),
}
