"""Checks of the national metric catalogue, src/dirreport/catalogue/metrics.yaml.

The catalogue is transcribed from the Welsh Government technical guidance (section 5).
A plain-text copy of that guidance (Crown copyright, reused under the Open Government
Licence v3.0) is kept in tests/fixtures/technical-guidance-2020.txt, so every code in it
is checked from a clean clone of the repository alone; the shared source document next
to the repository, where present, is read instead.  The codes found in it are also
listed in tests/fixtures/seed_004_codes.txt, readable in a review.

Only PyYAML is used: no other dirreport module is imported.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

HERE = Path(__file__).resolve()
REPO = HERE.parents[1]
CATALOGUE = REPO / "src" / "dirreport" / "catalogue" / "metrics.yaml"
SHARED_SEED = HERE.parents[2] / "shared" / "seeds" / "004_34257906cba441d4.txt"
SEED = SHARED_SEED if SHARED_SEED.exists() else HERE.parent / "fixtures" / "technical-guidance-2020.txt"
SEED_CODES = HERE.parent / "fixtures" / "seed_004_codes.txt"

CODE_RE = re.compile(r"\b(?:AD|CH|CA|WF)/[0-9]{3}[a-z]?")
CODE_FULL = re.compile(r"(AD|CH|CA|WF)/([0-9]{3})([a-z]?)")
SECTION_ID = re.compile(r"(AD|CH|CA|YC|WF)-[0-9]+")
UNITS = {"count", "days", "wte", "hours", "pounds"}
PERIODS = {"year", "31-march"}
FIELDS = {"code", "en", "cy", "unit", "period", "parent", "exclusive", "exhaustive", "people", "same-as", "note"}
GROUPS = ["AD", "CH", "CA", "WF"]
# Section-id prefixes allowed in each group (young carers' sections sit under CA).
SECTION_PREFIXES = {"AD": {"AD"}, "CH": {"CH"}, "CA": {"CA", "YC"}, "WF": {"WF"}}


# --------------------------------------------------------------------------- helpers
def header_block(text: str, heading: str) -> str:
    """The comment lines under a top-level '# <heading>' line of the file header,
    up to the next top-level comment heading or the first non-comment line."""
    out: list[str] = []
    inside = False
    for line in text.splitlines():
        if not line.startswith("#"):
            if inside:
                break
            continue
        if line.rstrip() == "# " + heading:
            inside = True
            continue
        if inside and re.match(r"# \S", line):
            break
        if inside:
            out.append(line)
    return "\n".join(out)


def errata_items(block: str) -> list[tuple[list[str], str]]:
    """Items '#   - CODE, CODE: text' of the errata block (continuation lines joined)."""
    items: list[str] = []
    for line in block.splitlines():
        body = line.lstrip("#").strip()
        if body.startswith("- "):
            items.append(body[2:])
        elif body and items:
            items[-1] += " " + body
    parsed = []
    for item in items:
        head, _, rest = item.partition(": ")
        parsed.append((CODE_RE.findall(head) if not head.startswith("(") else [], rest))
    return parsed


def fixture_codes() -> set[str]:
    lines = SEED_CODES.read_text(encoding="utf-8").splitlines()
    return {ln.strip() for ln in lines if ln.strip() and not ln.startswith("#")}


def seed_section5_codes() -> set[str]:
    text = SEED.read_text(encoding="utf-8")
    start = text.rindex("5. Metrics")  # the body heading, not the contents list
    return set(CODE_RE.findall(text[start:]))


def code_key(code: str) -> tuple[str, int, str]:
    m = CODE_FULL.fullmatch(code)
    assert m, code
    return m.group(1), int(m.group(2)), m.group(3)


# --------------------------------------------------------------------------- fixtures
@pytest.fixture(scope="module")
def text() -> str:
    return CATALOGUE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def catalogue(text: str) -> dict[str, Any]:
    doc = yaml.safe_load(text)
    assert isinstance(doc, dict) and isinstance(doc.get("groups"), list)
    return doc


@pytest.fixture(scope="module")
def metrics(catalogue: dict[str, Any]) -> list[dict[str, Any]]:
    return [m for g in catalogue["groups"] for s in g["sections"] for m in s["metrics"]]


@pytest.fixture(scope="module")
def by_code(metrics: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {m["code"]: m for m in metrics}


@pytest.fixture(scope="module")
def errata_codes(text: str) -> set[str]:
    block = header_block(text, "Errata resolved")
    assert block.strip(), "the header has no 'Errata resolved' block"
    return set(CODE_RE.findall(block))


# --------------------------------------------------------------------------- coverage
def covered(code: str, by_code: dict[str, dict[str, Any]]) -> bool:
    return code in by_code


def family_reference(code: str, by_code: dict[str, dict[str, Any]]) -> bool:
    """A bare code such as AD/016 used in the guidance's prose for its lettered metrics."""
    return code[-1].isdigit() and any(c[:-1] == code and c[-1].isalpha() for c in by_code)


def check_all_seed_codes(codes: set[str], by_code: dict[str, dict[str, Any]], text: str) -> None:
    assert len(codes) > 500, f"suspiciously few seed codes: {len(codes)}"
    not_metrics = set(CODE_RE.findall(header_block(text, "Codes in the seed that are not metrics")))
    missing = []
    for code in sorted(codes):
        if covered(code, by_code):
            continue
        if family_reference(code, by_code) and code in not_metrics:
            continue
        missing.append(code)
    assert not missing, f"codes in the guidance but not in the catalogue: {missing}"


def test_fixture_codes_are_all_catalogued(by_code: dict[str, dict[str, Any]], text: str) -> None:
    check_all_seed_codes(fixture_codes(), by_code, text)


def test_seed_section5_codes_are_all_catalogued(by_code: dict[str, dict[str, Any]], text: str) -> None:
    seed = seed_section5_codes()
    check_all_seed_codes(seed, by_code, text)
    assert seed == fixture_codes(), "tests/fixtures/seed_004_codes.txt is out of date"


def test_catalogue_codes_not_in_seed_are_errata(by_code: dict[str, dict[str, Any]], errata_codes: set[str]) -> None:
    extra = sorted(set(by_code) - fixture_codes())
    unexplained = [c for c in extra if c not in errata_codes or "note" not in by_code[c]]
    assert not unexplained, f"codes not in the guidance and not explained as errata: {unexplained}"


def test_no_duplicate_codes(metrics: list[dict[str, Any]]) -> None:
    seen: set[str] = set()
    dups = []
    for m in metrics:
        if m["code"] in seen:
            dups.append(m["code"])
        seen.add(m["code"])
    assert not dups, f"duplicate codes: {dups}"


# --------------------------------------------------------------------------- structure
def test_groups_and_sections(catalogue: dict[str, Any]) -> None:
    assert [g["id"] for g in catalogue["groups"]] == GROUPS
    section_ids: list[str] = []
    for g in catalogue["groups"]:
        assert isinstance(g.get("en"), str) and g["en"].strip()
        assert isinstance(g.get("cy"), str) and g["cy"].strip()
        assert g["sections"], g["id"]
        for s in g["sections"]:
            assert SECTION_ID.fullmatch(s["id"]), s["id"]
            assert s["id"].split("-")[0] in SECTION_PREFIXES[g["id"]], s["id"]
            assert isinstance(s.get("en"), str) and s["en"].strip(), s["id"]
            assert isinstance(s.get("cy"), str) and s["cy"].strip(), s["id"]
            assert s["metrics"], s["id"]
            for m in s["metrics"]:
                assert m["code"].startswith(g["id"] + "/"), (s["id"], m["code"])
            section_ids.append(s["id"])
    assert len(section_ids) == len(set(section_ids)), "duplicate section ids"


def test_codes_in_guidance_order(catalogue: dict[str, Any]) -> None:
    for g in catalogue["groups"]:
        keys = [code_key(m["code"]) for s in g["sections"] for m in s["metrics"]]
        assert keys == sorted(keys), f"group {g['id']} is not in the guidance's order"


def test_metric_fields(metrics: list[dict[str, Any]]) -> None:
    for m in metrics:
        code = m.get("code")
        assert isinstance(code, str) and CODE_FULL.fullmatch(code), code
        assert set(m) <= FIELDS, (code, set(m) - FIELDS)
        for lang in ("en", "cy"):
            value = m.get(lang)
            assert isinstance(value, str) and value.strip(), (code, lang)
            assert value == value.strip() and "  " not in value, (code, lang)
        assert m.get("unit") in UNITS, (code, m.get("unit"))
        assert m.get("period") in PERIODS, (code, m.get("period"))
        if "exclusive" in m:
            assert m["exclusive"] is True, (code, "write exclusive only when true")
        if "exhaustive" in m:
            assert m["exhaustive"] is True and m.get("exclusive") is True, (code, "exhaustive parts are exclusive")
        if "note" in m:
            assert isinstance(m["note"], str) and m["note"].strip(), code


WHOLE_TERM = re.compile(r"^(?:((?:AD|CH|CA|WF)/[0-9]{3})([a-z])?|([a-z]))(?:[-–]([a-z]))?$")


def whole(written: str) -> list[str]:
    """The codes of a parent written as the guidance writes a whole: AD/001, AD/002a+b, CH/023a–i."""
    codes: list[str] = []
    base = None
    for term in written.split("+"):
        match = WHOLE_TERM.match(term.strip())
        assert match, f"parent '{written}' is not a code or a sum of codes"
        base = match.group(1) or base
        assert base, written
        first = match.group(2) or match.group(3) or ""
        last = match.group(4) or first
        codes += [base + chr(c) for c in range(ord(first), ord(last) + 1)] if first else [base]
    return codes


def test_references_exist(by_code: dict[str, dict[str, Any]]) -> None:
    for code, m in by_code.items():
        for field in ("parent", "same-as"):
            if field in m:
                for ref in whole(m[field]) if field == "parent" else [m[field]]:
                    assert ref in by_code, f"{code}: {field} {ref} is not a catalogued code"
                    assert ref != code, f"{code}: {field} refers to itself"


def test_parents_are_consistent(by_code: dict[str, dict[str, Any]]) -> None:
    for code, m in by_code.items():
        if m.get("exclusive"):
            assert "parent" in m, f"{code}: exclusive without a parent"
        for ref in whole(m["parent"]) if "parent" in m else []:
            # a part is measured in the same unit as its whole (no days against counts)
            assert m["unit"] == by_code[ref]["unit"], f"{code}: unit differs from parent {ref}"
        # no cycles
        seen: set[str] = set()
        frontier = [code]
        while frontier:
            cur = by_code[frontier.pop()]
            for ref in whole(cur["parent"]) if "parent" in cur else []:
                assert ref != code, f"{code}: parent cycle"
                if ref not in seen:
                    seen.add(ref)
                    frontier.append(ref)


def test_same_as_from_guidance(by_code: dict[str, dict[str, Any]]) -> None:
    # "AD/006 ... (= AD/002b)" is the guidance's one equality
    assert by_code["AD/006"].get("same-as") == "AD/002b"


# --------------------------------------------------------------------------- errata
def test_notes_are_listed_in_errata(by_code: dict[str, dict[str, Any]], errata_codes: set[str]) -> None:
    unlisted = sorted(c for c, m in by_code.items() if "note" in m and c not in errata_codes)
    assert not unlisted, f"entries with a note not mentioned under 'Errata resolved': {unlisted}"


def test_errata_items_have_notes(text: str, by_code: dict[str, dict[str, Any]]) -> None:
    items = errata_items(header_block(text, "Errata resolved"))
    assert items, "no items under 'Errata resolved'"
    for codes, explanation in items:
        assert explanation.strip()
        for code in codes:
            assert code in by_code, f"erratum for {code}, which is not catalogued"
            assert "note" in by_code[code], f"{code} is listed as an erratum but has no note"


def test_known_errata_resolved(by_code: dict[str, dict[str, Any]]) -> None:
    # WF/003a is printed twice in the guidance; the second becomes WF/003b
    assert "children" in by_code["WF/003b"]["en"]
    assert "adults" in by_code["WF/003a"]["en"]
    assert "note" in by_code["WF/003b"]
    # the impossible age band is kept, flagged, for every gender and both services
    for code in ("WF/009d", "WF/009k", "WF/009r", "WF/010d", "WF/010k", "WF/010r"):
        assert "46 to 45" in by_code[code]["en"] and "note" in by_code[code], code


def test_complete_breakdowns_are_whole_families(by_code: dict[str, dict[str, Any]]) -> None:
    """A family marked exhaustive is marked so on every member, and ends in the guidance's catch-all."""
    families: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for code, m in by_code.items():
        if m.get("exclusive"):
            families.setdefault((m["parent"], code.rstrip("abcdefghijklmnopqrstuvwxyz")), []).append(m)
    complete = [members for members in families.values() if any(m.get("exhaustive") for m in members)]
    assert len(complete) == 11
    for members in complete:
        assert all(m.get("exhaustive") for m in members), members[0]["code"]
        last = members[-1]["en"].lower()
        assert (
            last.endswith(("other", "other reason", "central management and service"))
            or "part time" in last
            or "no current care and support plan" in last
        ), last
