"""Settings in process: every ``dirreport:`` key read by its one declaration in ``config/schema.py``.

The corpus in ``test_bad_inputs.py`` runs the command line on broken settings; these tests hold the
declaration itself: the defaults, what each kind accepts and refuses, and that one reading reports
every problem at once, each at its line.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dirreport.catalogue import load_authorities
from dirreport.config.schema import BY_KEY, SETTINGS
from dirreport.config.settings import Config, load_config
from dirreport.errors import InputError

MINIMAL = 'dirreport:\n  authority: W06000015\n  year: "2023-24"\n'


def project(tmp_path: Path, settings: str) -> Path:
    (tmp_path / "_quarto.yml").write_text(settings, encoding="utf-8")
    return tmp_path


def problems(tmp_path: Path, settings: str) -> list[str]:
    with pytest.raises(InputError) as caught:
        load_config(project(tmp_path, settings))
    return [p.located() for p in caught.value.problems]


def test_only_authority_and_year_are_required_and_the_rest_take_their_declared_defaults(tmp_path: Path) -> None:
    config = load_config(project(tmp_path, MINIMAL))
    assert {s.key for s in SETTINGS if s.required} == {"authority", "year"}
    assert (config.authority, config.year) == ("W06000015", "2023-24")
    # the council publishes the report; the area is the place its sentences name
    assert config.authority_name.en == "Cardiff Council" and config.authority_name.cy == "Cyngor Caerdydd"
    assert config.area.en == "Cardiff" and config.area.cy == "Caerdydd"
    assert config.languages == ("en", "cy") and config.formats == ("html", "pdf", "docx")
    assert config.editions == ("en", "cy", "bilingual") and config.bilingual.first == "cy"
    assert (config.outlier_factor, config.readability_target) == (2.0, 50.0)
    assert (config.charts, config.appendix, config.sample, config.allow) == ("all", "print", False, ())
    assert config.output_dir == (tmp_path / "_output").resolve()


def test_every_setting_maps_to_a_field_of_config() -> None:
    fields = set(Config.__dataclass_fields__)
    assert {s.attribute for s in SETTINGS} <= fields
    for setting in SETTINGS:  # a default must itself be a value its kind accepts
        if setting.default is not None:
            setting.kind.read(setting.default)


@pytest.mark.parametrize(
    ("key", "given", "read"),
    [
        ("year", "2023/24", "2023-24"),
        ("year", 202324, "2023-24"),
        ("languages", "cy", ("cy",)),
        ("languages", ["en", "cy", "en"], ("en", "cy")),
        ("director", {"name": "Siân Roberts"}, "Siân Roberts"),
        ("date", "2024-10-31", dt.date(2024, 10, 31)),
        ("outlier-factor", 3, 3.0),
        ("charts", "key", "key"),
        ("allow", ["01234 567890"], ("01234 567890",)),
    ],
)
def test_each_kind_reads_the_forms_people_write(key: str, given: object, read: object) -> None:
    assert BY_KEY[key].kind.read(given) == read


@pytest.mark.parametrize(
    ("key", "given", "words"),
    [
        ("authority", "", "must be a text"),
        ("authority", ["W06000015"], "not a list"),
        ("year", "2023-25", "is not one financial year"),
        ("year", "2099-00", "outside the years"),
        ("year", True, "must be a financial year"),
        ("languages", ["en", "fr"], "'fr' is not one of en, cy"),
        ("formats", [], "must be a list of html, pdf, docx"),
        ("outlier-factor", 1, "above 1"),
        ("charts", "some", "must be one of all, key, narrative"),
        ("sample", "yes", "true or false"),
    ],
)
def test_each_kind_refuses_what_it_cannot_hold_and_says_why(key: str, given: object, words: str) -> None:
    with pytest.raises(ValueError, match=words):
        BY_KEY[key].kind.read(given)


def test_every_problem_is_reported_at_once_each_at_its_line(tmp_path: Path) -> None:
    found = problems(
        tmp_path,
        'dirreport:\n  authority: W06000015\n  year: "2023-25"\n  langauges: [en]\n  formats: [html, word]\n',
    )
    assert len(found) == 3, found
    assert any(p.startswith("_quarto.yml:line 3") and "'2023-25'" in p for p in found)
    assert any(p.startswith("_quarto.yml:line 4") and "unknown setting 'dirreport.langauges'" in p for p in found)
    assert any(p.startswith("_quarto.yml:line 5") and "'word' is not one of" in p for p in found)


def test_a_missing_required_setting_is_named_with_an_example(tmp_path: Path) -> None:
    (found,) = problems(tmp_path, "dirreport:\n  authority: W06000015\n")
    assert "no 'year' given" in found and 'year: "2023-24"' in found


def test_a_key_that_does_nothing_here_says_what_does(tmp_path: Path) -> None:
    (found,) = problems(tmp_path, MINIMAL + "  draft: true\n")
    assert "has no effect here" in found and "--draft" in found


def test_a_code_of_ones_own_needs_its_name_in_both_languages(tmp_path: Path) -> None:
    (found,) = problems(tmp_path, MINIMAL.replace("W06000015", "X99999999"))
    assert "not the ONS code" in found and "authority-name" in found
    named = MINIMAL.replace("W06000015", "X99999999") + "  authority-name: {en: Glanafon, cy: Glanafon}\n"
    assert load_config(project(tmp_path, named)).authority_name.en == "Glanafon"


@pytest.mark.parametrize("code", sorted(c for c, a in load_authorities().items() if a.kind == "authority"))
def test_every_authority_is_published_by_its_council_and_spoken_of_as_its_area(tmp_path: Path, code: str) -> None:
    authority = load_authorities()[code]
    config = load_config(project(tmp_path, MINIMAL.replace("W06000015", code)))
    assert config.authority_name == authority.publisher and config.authority_name.cy.startswith("Cyngor ")
    assert config.area == authority.name  # "people living in Powys", "ym Mhowys"
    assert config.authority_name != config.area
