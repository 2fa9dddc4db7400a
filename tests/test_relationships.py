"""The technical guidance's relationships hold, each broken once, and the sample passes its own rules."""

from __future__ import annotations

from pathlib import Path

import pytest
from project_files import copy_project

from conftest import REPO, assert_user_error, dirreport, replace_metrics
from dirreport.catalogue import load_catalogue
from dirreport.data.model import Dataset
from dirreport.data.relationships import RULE_EXCLUSIVE, RULE_EXHAUSTIVE, RULE_PART, consistency_problems

A, Y = "X", "2023-24"


@pytest.fixture(scope="module")
def catalogue():  # type: ignore[no-untyped-def]
    return load_catalogue()


def problems(catalogue, values: dict[str, float]) -> list[str]:  # type: ignore[no-untyped-def]
    rows = {(A, Y, code): n for n, code in enumerate(values, start=2)}
    dataset = Dataset({(A, Y, c): v for c, v in values.items()}, {}, {}, metric_rows=rows)
    return [p.message for p in consistency_problems(dataset, catalogue, "data/metrics.csv")]


CONTACT_SOURCES = {f"AD/004{x}": 100.0 for x in "abcdefghijk"}  # 11 x 100 = 1,100


def test_a_complete_breakdown_that_adds_up_passes(catalogue) -> None:  # type: ignore[no-untyped-def]
    assert problems(catalogue, {"AD/001": 1100.0, **CONTACT_SOURCES}) == []


def test_a_complete_breakdown_short_of_its_total_is_refused(catalogue) -> None:  # type: ignore[no-untyped-def]
    found = problems(catalogue, {"AD/001": 1101.0, **CONTACT_SOURCES})
    assert len(found) == 1 and RULE_EXHAUSTIVE in found[0] and "add up to 1100" in found[0]


def test_exclusive_parts_past_their_total_are_refused(catalogue) -> None:  # type: ignore[no-untyped-def]
    # AD/002a-c (information only, advice, screened out) need not cover every contact, but never more than all
    found = problems(catalogue, {"AD/001": 100.0, "AD/002a": 50.0, "AD/002b": 40.0, "AD/002c": 20.0})
    assert len(found) == 1 and RULE_EXCLUSIVE in found[0]
    assert problems(catalogue, {"AD/001": 100.0, "AD/002a": 50.0, "AD/002b": 40.0, "AD/002c": 5.0}) == []


def test_an_of_which_larger_than_its_parent_is_refused(catalogue) -> None:  # type: ignore[no-untyped-def]
    # AD/033 (advocate appointed before the enquiry) is "of those" AD/032
    found = problems(catalogue, {"AD/032": 58.0, "AD/033": 59.0})
    assert len(found) == 1 and RULE_PART in found[0] and "AD/033 (59) is larger than AD/032 (58)" in found[0]


def test_whole_time_equivalents_may_differ_by_rounding_only(catalogue) -> None:  # type: ignore[no-untyped-def]
    groups = {f"WF/004{x}": 10.1 for x in "abcdefgh"}  # 8 x 10.1 = 80.8
    assert problems(catalogue, {"WF/003a": 80.9, **groups}) == []  # 0.1 apart: each part rounded to 0.1
    found = problems(catalogue, {"WF/003a": 81.8, **groups})
    assert len(found) == 1 and RULE_EXHAUSTIVE in found[0]


def test_the_sample_passes_its_own_rules(catalogue) -> None:  # type: ignore[no-untyped-def]
    from dirreport.config.settings import load_config
    from dirreport.data.dataset import load_dataset

    config = load_config(REPO)
    full = load_catalogue(REPO / "data" / "local-catalogue.yml")
    dataset = load_dataset(config, full)  # raises on any broken relationship
    assert dataset.value("X99999999", "2023-24", "AD/001") == sum(
        dataset.value("X99999999", "2023-24", f"AD/004{x}") or 0 for x in "abcdefghijk"
    )


# the three impossible figures the sample used to print, put back into a copy of it
OLD_VALUES = {
    # contacts by source: 469 + 662 + 541 + 476 + 789 + 444 + 458 + 523 + 451 + 599 + 426 = 5,838 against 8,000
    **dict(
        zip(
            [f"AD/004{x}" for x in "abcdefghijk"],
            ["469", "662", "541", "476", "789", "444", "458", "523", "451", "599", "426"],
            strict=True,
        )
    ),
    # adult staff groups: 74.9 + 113.5 + 80.6 + 71.7 + 43 + 41.3 + 116.3 + 101.9 = 643.2 WTE against 663.9
    **dict(
        zip(
            [f"WF/004{x}" for x in "abcdefgh"],
            ["74.9", "113.5", "80.6", "71.7", "43", "41.3", "116.3", "101.9"],
            strict=True,
        )
    ),
    # enquiries that found abuse: 1,667 + 1,360 + 2,061 + 492 + 2,668 = 8,248 against 549 enquiries
    **dict(zip([f"AD/034{x}" for x in "abcde"], ["1667", "1360", "2061", "492", "2668"], strict=True)),
}


@pytest.mark.parametrize("command", ["check", "build"])
def test_the_three_impossible_figures_are_refused(tmp_path: Path, command: str) -> None:
    project = copy_project(REPO, tmp_path / "sample")
    rows = replace_metrics(project, OLD_VALUES)
    run = dirreport(command, str(project))
    assert_user_error(
        run,
        f"data/metrics.csv:row {rows['AD/004a']}: the parts of AD/001 add up to 5838",
        "not the total 8000 for X99999999 in 2023-24",
        f"data/metrics.csv:row {rows['WF/004a']}: the parts of WF/003a add up to 643.2",
        "not the total 663.9 for X99999999 in 2023-24",
        f"data/metrics.csv:row {rows['AD/034a']}: the parts of AD/030 add up to 8248",
        "more than the total 549 for X99999999 in 2023-24",
        f"data/metrics.csv:row {rows['AD/034a']}: AD/034a (1667) is larger than AD/030 (549)",
        f"rule: {RULE_EXCLUSIVE}",
        f"rule: {RULE_EXHAUSTIVE}",
        f"rule: {RULE_PART}",
    )
    assert run.returncode == 2
    assert not (project / "_output").exists()


def test_a_composition_with_a_total_its_parts_do_not_make_is_refused(tmp_path: Path) -> None:
    from dirreport.errors import InputError

    local = tmp_path / "local-catalogue.yml"
    local.write_text(
        """
compositions:
  - id: LOCAL-ABUSE
    title: {en: Enquiries by category, cy: Ymholiadau yn ôl categori}
    total: AD/030
    standard: QS7
    group: AD
    parts:
      AD/034a: {en: Neglect, cy: Esgeulustod}
      AD/034b: {en: Physical abuse, cy: Camdriniaeth gorfforol}
""",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        load_catalogue(local, "data/local-catalogue.yml")
    problem = caught.value.problems[0]
    assert (
        "composition LOCAL-ABUSE names total AD/030 but its parts are not a complete breakdown of it" in problem.message
    )
    assert problem.file == "data/local-catalogue.yml" and problem.line == 3
