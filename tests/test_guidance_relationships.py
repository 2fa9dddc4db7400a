"""Every relationship the technical guidance states is encoded in the catalogue, and each one, broken, is refused.

The guidance (tests/fixtures/technical-guidance-2020.txt, or the shared copy
next to the repository) is walked for every "Of those" / "Of these" and every
code it names in brackets ("(AD/002a+b)"): the metrics it introduces must be
declared parts of the whole it refers to, so a relationship cannot be missed
because nobody thought to write it down.  Then every relationship the catalogue
holds (parts, exclusive families, same-as, nested percentages) is broken once,
in a dataset generated from the catalogue itself, and must be refused with its
rule named.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import REPO, assert_user_error, dirreport_here, replace_metrics
from dirreport.catalogue import Catalogue, bounded, load_catalogue
from dirreport.data.model import Dataset
from dirreport.data.relationships import (
    RULE_EXCLUSIVE,
    RULE_NESTED,
    RULE_PART,
    RULE_SAME,
    consistency_problems,
    direct,
)
from dirreport.errors import InputError

HERE = Path(__file__).resolve()
SHARED = HERE.parents[2] / "shared" / "seeds" / "004_34257906cba441d4.txt"
GUIDANCE = SHARED if SHARED.exists() else HERE.parent / "fixtures" / "technical-guidance-2020.txt"

CODE = r"(?:AD|CH|CA|WF)/[0-9]{3}[a-z]?"
ONLY_CODE = re.compile(rf"^\s*({CODE})\s*$")
LEADING_CODE = re.compile(rf"^\s*({CODE})\b")
OF_THOSE = re.compile(rf"^\s*(?:({CODE})\s+)?Of th(?:ose|ese)\b")
BRACKETED = re.compile(rf"^\s*({CODE})\s.*?\(({CODE}(?:\+[a-z])*)\)")

# Where the guidance's "Of those" does not refer to the entry just above it, what it does refer to, and why.
REFERS_TO = {
    "WF/005": ("WF/003b", "'Of those in employed in children's Services' is the children's services WTE, WF/003b"),
}


@dataclass(frozen=True)
class Stated:
    """One relationship the guidance states: these parts are within that whole."""

    line: int
    parts: tuple[str, ...]
    whole: tuple[str, ...]
    words: str


def family(code: str) -> str:
    return code.rstrip("abcdefghijklmnopqrstuvwxyz")


def members(catalogue: Catalogue, code: str) -> tuple[str, ...]:
    """The catalogued codes of a code's family: AD/034e stands for AD/034a–e."""
    return tuple(c for c in catalogue.metrics if family(c) == family(code))


def _parts_of(lines: list[str], i: int) -> list[str]:
    """The codes an "Of those" introduces: on its own line, in the block of codes above it, or the block below."""
    lead = OF_THOSE.match(lines[i])
    if lead and lead.group(1):
        return [lead.group(1)]
    j = i - 1
    while j >= 0 and not lines[j].strip():
        j -= 1
    block: list[str] = []
    if j >= 0 and ONLY_CODE.match(lines[j]):
        while j >= 0 and (ONLY_CODE.match(lines[j]) or not lines[j].strip()):
            if ONLY_CODE.match(lines[j]):
                block.insert(0, ONLY_CODE.match(lines[j]).group(1))  # type: ignore[union-attr]
            j -= 1
        return block
    for k in range(i + 1, min(i + 20, len(lines))):  # the layout put the codes after the words
        match = ONLY_CODE.match(lines[k])
        if match:
            block.append(match.group(1))
        elif block and lines[k].strip():
            break
    return block


def _whole_before(lines: list[str], i: int, parts_family: str) -> str | None:
    for k in range(i - 1, -1, -1):
        match = LEADING_CODE.match(lines[k])
        if match and family(match.group(1)) != parts_family:
            return match.group(1)
    return None


def stated(catalogue: Catalogue) -> list[Stated]:
    """Every relationship section 5 of the guidance states, by "Of those/these" and by a bracketed code."""
    text = GUIDANCE.read_text(encoding="utf-8")
    offset = text[: text.rindex("5. Metrics")].count("\n")
    lines = text[text.rindex("5. Metrics") :].splitlines()
    found: list[Stated] = []
    for i, line in enumerate(lines):
        if OF_THOSE.match(line):
            parts = _parts_of(lines, i)
            assert parts, f"guidance line {i + offset + 1}: an 'Of those' with no codes found: {line.strip()}"
            fam = family(parts[0])
            if fam in REFERS_TO:
                whole: tuple[str, ...] = (REFERS_TO[fam][0],)
            else:
                before = _whole_before(lines, i, fam)
                assert before, f"guidance line {i + offset + 1}: no whole found for {parts}"
                whole = members(catalogue, before)
            found.append(Stated(i + offset + 1, members(catalogue, parts[0]), whole, line.strip()))
        bracket = BRACKETED.match(line)
        if bracket and not OF_THOSE.match(line):
            part, written = bracket.groups()
            base = written.split("+")[0]
            whole = (base, *(family(base) + x for x in written.split("+")[1:]))
            found.append(Stated(i + offset + 1, members(catalogue, part), whole, line.strip()))
    return found


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue()


@pytest.fixture(scope="module")
def relationships(catalogue: Catalogue) -> list[Stated]:
    return stated(catalogue)


def test_the_walk_finds_every_of_those_in_the_guidance(relationships: list[Stated]) -> None:
    text = GUIDANCE.read_text(encoding="utf-8")
    body = text[text.rindex("5. Metrics") :]
    expected = sum(1 for line in body.splitlines() if OF_THOSE.match(line))
    assert expected == 36  # counted by hand in section 5 of the 2020 guidance
    assert sum(1 for r in relationships if OF_THOSE.match(r.words)) == expected
    # the guidance's own examples are among them
    pairs = {(r.parts[0], r.whole) for r in relationships}
    assert ("AD/003", ("AD/002a", "AD/002b")) in pairs
    assert ("CH/024", tuple(f"CH/023{x}" for x in "abcdefghijk")) in pairs
    assert ("WF/014a", tuple(f"WF/013{x}" for x in "abcdefgh")) in pairs


def _erratum_for(catalogue: Catalogue, stated_: Stated) -> bool:
    """The catalogue corrects this reference as an erratum, saying so in the part's note."""
    note = catalogue.metrics[stated_.parts[0]].note or ""
    return any(code in note for code in stated_.whole)


def test_every_relationship_the_guidance_states_is_encoded(catalogue: Catalogue, relationships: list[Stated]) -> None:
    missing = [
        f"guidance line {r.line}: {', '.join(r.parts)} within {'+'.join(r.whole)} ({r.words[:60]})"
        for r in relationships
        if not all(bounded(catalogue.metrics, (part,), r.whole) for part in r.parts) and not _erratum_for(catalogue, r)
    ]
    assert not missing, "relationships in the guidance the catalogue does not encode:\n" + "\n".join(missing)


# The pairs the review of the sample found unencoded, each written as the guidance implies it.
PAIRS = [
    ("AD/003", "AD/002a+b"),
    ("CA/003", "CA/002a+b"),
    ("CA/026", "CA/025a+b"),
    ("AD/035a+b+c+d+e+f", "AD/034a+b+c+d+e"),
    ("CH/024", "CH/023a+b+c+d+e+f+g+h+i"),
    ("CH/032", "CH/031"),
    ("CH/054", "CH/053a+b+c"),
    ("WF/014a+b+c+d+e+f+g+h+i", "WF/013a+b+c+d+e+f+g+h"),
    ("WF/016a+b+c+d+e", "WF/015a+b+c+d+e+f+g+h"),
    ("WF/021a+b", "WF/020a+b"),
    ("AD/031", "AD/030"),
    ("AD/030", "AD/028"),
    ("AD/031", "AD/028"),
    ("CH/025", "CH/022"),
    ("CH/012", "CH/006"),
    ("CA/010", "CA/007"),
    ("WF/012b", "WF/001"),
]


def _codes(written: str) -> tuple[str, ...]:
    first, *letters = written.split("+")
    return (first, *(family(first) + x for x in letters))


@pytest.mark.parametrize(("parts", "whole"), PAIRS)
def test_each_pair_is_encoded_as_a_sum(catalogue: Catalogue, parts: str, whole: str) -> None:
    assert bounded(catalogue.metrics, _codes(parts), _codes(whole))


def test_a_pair_the_guidance_does_not_state_is_not_implied(catalogue: Catalogue) -> None:
    # children who returned home during the year are not among those looked after at 31 March
    assert not bounded(catalogue.metrics, ("CH/047",), ("CH/041",))
    # two parts of different families of one whole may together pass it
    assert not bounded(catalogue.metrics, ("AD/002a", "AD/004a"), ("AD/001",))
    assert not catalogue.indicators["CH-RETURNED-HOME"].nested


def test_every_percentage_is_nested_or_declared_not_nested(catalogue: Catalogue) -> None:
    for ind in catalogue.indicators.values():
        if ind.unit != "percent" or any(t.kind != "metric" for t in ind.denominator):
            continue
        top, bottom = [t.ref for t in ind.numerator], [t.ref for t in ind.denominator]
        assert bounded(catalogue.metrics, top, bottom) == ind.nested, ind.id


# --- each relationship broken once, generated from the catalogue -------------------------------------------------

A, Y = "X", "2023-24"


def _problems(catalogue: Catalogue, values: dict[str, float]) -> list[str]:
    rows = {(A, Y, code): n for n, code in enumerate(values, start=2)}
    dataset = Dataset({(A, Y, c): v for c, v in values.items()}, {}, {}, metric_rows=rows)
    return [f"row {p.line}: {p.message}" for p in consistency_problems(dataset, catalogue, "data/metrics.csv")]


def _parts(catalogue: Catalogue) -> list[str]:
    return [m.code for m in catalogue.metrics.values() if m.parent]


def test_every_part_above_its_whole_is_refused(catalogue: Catalogue) -> None:
    unrefused = []
    for code in _parts(catalogue):
        metric = catalogue.metrics[code]
        values = {c: 10.0 for c in metric.whole}
        values[code] = 10.0 * len(metric.whole) + 1
        found = _problems(catalogue, values)
        if not any(RULE_PART in f and f"{code} (" in f and metric.parent in f for f in found):
            unrefused.append(code)
    assert not unrefused, f"parts above their whole that pass: {unrefused}"
    assert len(_parts(catalogue)) > 290


def test_every_exclusive_family_past_its_whole_is_refused(catalogue: Catalogue) -> None:
    unrefused = []
    for breakdown in catalogue.breakdowns:
        values = {c: 100.0 for c in breakdown.whole}
        total = 100.0 * len(breakdown.whole)
        each = total // len(breakdown.parts) + 1  # each within the whole, together past it
        values.update({c: each for c in breakdown.parts})
        found = _problems(catalogue, values)
        if not any(RULE_EXCLUSIVE in f and f"the parts of {breakdown.total}" in f for f in found):
            unrefused.append(breakdown.total)
    assert not unrefused, f"exclusive families past their whole that pass: {unrefused}"


def test_every_same_as_that_differs_is_refused(catalogue: Catalogue) -> None:
    pairs = [(m.code, m.same_as) for m in catalogue.metrics.values() if m.same_as]
    assert pairs
    for code, other in pairs:
        found = _problems(catalogue, {other: 6.0, code: 5.0})
        assert any(RULE_SAME in f and code in f and other in f for f in found), (code, other)


def test_every_nested_percentage_past_its_denominator_is_refused(catalogue: Catalogue) -> None:
    """Through a chain of parts with the links between absent, too: AD/031 above AD/028 without AD/030."""
    unrefused = []
    for ind in catalogue.indicators.values():
        if ind.unit != "percent" or not ind.nested:
            continue
        top, bottom = [t.ref for t in ind.numerator], [t.ref for t in ind.denominator]
        values = {c: 10.0 for c in bottom}
        each = 10.0 * len(bottom) // len(top) + 1
        values.update({c: each for c in top})
        found = _problems(catalogue, values)
        rules = (RULE_NESTED,) if not direct(catalogue, tuple(top), tuple(bottom)) else (RULE_PART, RULE_EXCLUSIVE)
        if not any(rule in f and top[0] in f for f in found for rule in rules):
            unrefused.append(ind.id)
    assert not unrefused, f"nested percentages above 100% that pass: {unrefused}"


def test_a_chain_with_its_middle_missing_is_refused_at_the_numerators_row(catalogue: Catalogue) -> None:
    found = _problems(catalogue, {"AD/028": 479.0, "AD/031": 520.0})
    assert any(f.startswith("row 3: AD/031 (520) is larger than AD/028 (479)") and RULE_PART in f for f in found), found


def test_a_whole_that_is_a_sum_is_named_with_its_parts(catalogue: Catalogue) -> None:
    found = _problems(catalogue, {"AD/002a": 300.0, "AD/002b": 179.0, "AD/003": 520.0})
    assert found == [
        "row 4: AD/003 (520) is larger than AD/002a+b (479 = 300 + 179), the total it is part of, "
        f"for X in 2023-24 (rule: {RULE_PART})"
    ]


def test_a_nested_percentage_above_100_never_reaches_a_figure(catalogue: Catalogue) -> None:
    """Past the data's own check (a dataset made in code), computing it is refused rather than printed."""
    from dirreport.compute.indicators import point

    dataset = Dataset({(A, Y, "AD/030"): 479.0, (A, Y, "AD/031"): 520.0}, {}, {})
    with pytest.raises(InputError) as caught:
        point(catalogue.indicators["AD-ENQUIRIES-7-DAYS"], dataset, A, Y)
    assert "AD/031 (520) is larger than AD/030 (479)" in str(caught.value)
    # a ratio declared not nested may pass 100%: it is a rate, not a share
    dataset = Dataset({(A, Y, "CH/041"): 250.0, (A, Y, "CH/047"): 303.0}, {}, {})
    assert point(catalogue.indicators["CH-RETURNED-HOME"], dataset, A, Y).value == pytest.approx(121.2)


# --- the command line refuses them, with file, row, codes and rule ----------------------------------------------

BREAKS = {
    # the examples: 108.6% (520 of 479), CH/024 above CH/023a–i, and a sum whole
    "AD/031": "520",
    "AD/030": "479",
    "CH/024": "9999",
    "AD/003": "99999",
}


@pytest.mark.parametrize("command", ["check", "build"])
def test_build_and_check_refuse_each_break(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    from project_files import copy_project

    project = copy_project(REPO, tmp_path / "sample")
    rows = replace_metrics(project, BREAKS)
    run = dirreport_here(capsys, command, str(project))
    assert_user_error(
        run,
        f"data/metrics.csv:row {rows['AD/031']}: AD/031 (520) is larger than AD/030 (479)",
        f"data/metrics.csv:row {rows['CH/024']}: CH/024 (9999) is larger than CH/023a–i (",
        f"data/metrics.csv:row {rows['AD/003']}: AD/003 (99999) is larger than AD/002a+b (",
        f"rule: {RULE_PART}",
    )
    assert run.returncode == 2
    assert not (project / "_output").exists()
