"""Forewords, the authority's own sections, the contact block and the glossary: validation and placement, in-process.

Settings are read from real ``_quarto.yml`` files written into a copy of the
sample project; the glossary from real CSV files; abbreviations from parsed
narratives.  The outputs themselves are checked in ``test_report_parts_outputs.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from project_files import copy_project

from conftest import REPO, assert_user_error, dirreport, with_settings
from dirreport.assemble.contact import contact_block
from dirreport.config.report_parts import read_forewords, read_sections
from dirreport.config.settings import load_config
from dirreport.content import prescribed_form
from dirreport.content.abbreviations import FirstUse
from dirreport.content.narrative import Narrative, parse
from dirreport.data.glossary import GlossaryEntry, load_glossary, read_glossary
from dirreport.errors import InputError


def config_problem(project: Path) -> str:
    with pytest.raises(InputError) as caught:
        load_config(project)
    return "\n".join(p.located() for p in caught.value.problems)


TITLE = {"en": "How we are organised", "cy": "Sut rydym wedi’n trefnu"}


# --- placement -------------------------------------------------------------------------------------


def test_declared_parts_never_move_the_prescribed_headings() -> None:
    forewords = read_forewords([{"role": "director"}, {"role": "cabinet-member", "file": "foreword-cllr"}])
    sections = read_sections(
        [
            {"file": "3a-voices", "in": "3a", "title": TITLE},
            {"file": "4c-welsh", "in": "4c", "title": TITLE},
            {"file": "4-structure", "in": "4", "title": TITLE},
            {"file": "1-thanks", "in": "1", "title": TITLE},
        ]
    )
    ids = [p.id for p in prescribed_form.places(forewords, sections)]
    prescribed = [p.id for p in prescribed_form.places() if p.prescribed]
    assert [i for i in ids if i in prescribed] == prescribed
    assert ids[:3] == ["foreword-director", "foreword-cllr", "1-summary"]
    assert ids.index("3a-voices") == ids.index("3a-iv") + 1
    assert ids.index("4c-welsh") == ids.index("4c-formats") + 1  # after the built-in extras of its part too
    assert ids.index("1-thanks") == ids.index("1-summary") + 1
    assert ids[-1] == "4-structure"  # a chapter's own section closes the chapter, after every part
    places = {p.id: p for p in prescribed_form.places(forewords, sections)}
    assert places["3a-voices"].level == 3 and places["4-structure"].level == 2 and places["1-thanks"].level == 2
    assert places["4c-welsh"].heading("cy") == TITLE["cy"]
    assert places["foreword-director"].heading("cy") == "Rhagair gan y Cyfarwyddwr Gwasanaethau Cymdeithasol"


def test_the_sample_declares_two_forewords_and_a_section_of_its_own() -> None:
    config = load_config(REPO)
    ids = [p.id for p in prescribed_form.narrative_places_of(config)]
    assert ids[:3] == ["foreword-director", "foreword-cabinet-member", "1-summary"]
    assert "4d-structure" in ids and ids.index("4d-structure") > ids.index("4d-priorities")
    assert config.forewords[0].photo is not None and config.forewords[0].photo.alt.cy
    assert config.contact is not None and config.contact.phone


# --- settings refused -----------------------------------------------------------------------------


def test_a_section_in_an_unknown_place_is_refused_with_the_line_and_the_places_there_are(tmp_path: Path) -> None:
    project = with_settings(tmp_path, sections=[{"file": "5a-extra", "in": "5a", "title": TITLE}])
    message = config_problem(project)
    assert "_quarto.yml:line" in message
    assert "sections item 1 (5a-extra) is in '5a', which is not a chapter or part of the report" in message
    assert "3a to 3d, 4a to 4d" in message
    assert_user_error(dirreport("check", str(project)), "_quarto.yml:line", "not a chapter or part of the report")


def test_a_section_without_its_welsh_title_is_refused(tmp_path: Path) -> None:
    project = with_settings(tmp_path, sections=[{"file": "4d-extra", "in": "4d", "title": {"en": "Extra"}}])
    message = config_problem(project)
    assert "sections item 1 (4d-extra) title has no Welsh text ('cy')" in message
    assert "give both languages" in message


def test_a_photo_without_alt_text_is_refused_naming_the_setting(tmp_path: Path) -> None:
    project = with_settings(
        tmp_path, forewords=[{"role": "director", "file": "foreword-director", "photo": "images/glanafon-logo.svg"}]
    )
    message = config_problem(project)
    assert "forewords item 1 has a photo with no alternative text" in message
    assert "add photo-alt: {en:" in message
    assert_user_error(dirreport("build", str(project)), "forewords item 1 has a photo with no alternative text")


def test_a_photo_that_is_not_there_is_refused(tmp_path: Path) -> None:
    alt = {"en": "Photo", "cy": "Llun"}
    project = with_settings(tmp_path, forewords=[{"role": "director", "photo": "images/nobody.png", "photo-alt": alt}])
    assert "forewords item 1 photo: 'images/nobody.png' does not exist" in config_problem(project)


def test_a_wrong_role_and_a_repeated_file_are_refused() -> None:
    with pytest.raises(ValueError, match="role 'mayor'"):
        read_forewords([{"role": "mayor"}])
    with pytest.raises(ValueError, match="names the file '4d-x' twice"):
        read_sections([{"file": "4d-x", "in": "4d", "title": TITLE}, {"file": "4d-x", "in": "4c", "title": TITLE}])


def test_a_declared_section_that_takes_a_prescribed_file_is_refused(tmp_path: Path) -> None:
    project = with_settings(tmp_path, sections=[{"file": "4d-finance", "in": "4d", "title": TITLE}])
    run = dirreport("check", str(project))
    assert_user_error(run, "_quarto.yml:line", "declares the file '4d-finance', which is already a section")


def test_a_declared_section_with_no_file_blocks_publication_and_says_how_to_fix(tmp_path: Path) -> None:
    own = yaml.safe_load((REPO / "_quarto.yml").read_text(encoding="utf-8"))["dirreport"]["sections"]
    project = with_settings(tmp_path, sections=[*own, {"file": "4d-welsh", "in": "4d", "title": TITLE}])
    run = dirreport("check", str(project))
    assert run.returncode == 1, run.output
    assert_user_error(run, "narratives/en/4d-welsh.md", "is missing", "remove it from sections: in _quarto.yml")


def test_a_file_nobody_declared_is_still_refused(tmp_path: Path) -> None:
    project = copy_project(REPO, tmp_path / "p")
    (project / "narratives" / "en" / "4d-welsh.md").write_text("---\nstatus: final\n---\n\nText.\n", encoding="utf-8")
    run = dirreport("check", str(project))
    assert_user_error(
        run, "'4d-welsh.md' is not a section of the report", "4d-structure.md", "under sections: in _quarto.yml"
    )


# --- contact and formats ---------------------------------------------------------------------------


def test_the_formats_listed_are_only_those_built_and_the_statement_is_for_the_web_page(tmp_path: Path) -> None:
    project = with_settings(tmp_path, formats=["pdf"], languages=["cy"])
    config = load_config(project)
    text = str(contact_block(config, "cy"))
    assert "dogfen PDF" in text and "tudalen we" not in text and "dogfen Word" not in text
    assert "yn Gymraeg fel:" in text and "ddwyieithog" not in text
    assert "Datganiad hygyrchedd" not in text  # no web page, no web accessibility statement
    assert "Rydym yn croesawu gohebiaeth yn Gymraeg" in text and "01632 960 123" in text
    english = str(contact_block(load_config(REPO), "en"))
    for words in ("Accessibility statement", "WCAG", "web page (HTML)", "Word document", "bilingual edition"):
        assert words in english


# --- the glossary ----------------------------------------------------------------------------------


def write_csv(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_glossary_rows_are_checked_with_their_row_and_column(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "glossary.csv",
        "term_en,term_cy,abbreviation_en,abbreviation_cy,explanation_en,explanation_cy\n"
        "community hub,hwb cymunedol,,,A place.,Lle.\n"
        "integrated family support,,IFSS,,,\n"
        "early help,cymorth cynnar,early help,,,\n"
        "information hub,hwb gwybodaeth,IAA,,,\n"
        "information desk,desg gwybodaeth,IAA,,,\n",
    )
    with pytest.raises(InputError) as caught:
        read_glossary(path, "data/glossary.csv")
    found = [p.located() for p in caught.value.problems]
    assert any("row 3, column term_cy: has no Welsh term" in f for f in found), found
    assert any("row 4, column abbreviation_en: abbreviation 'early help' is not an abbreviation" in f for f in found)
    assert any("row 6, column abbreviation_en: abbreviation 'IAA' is already explained on row 5" in f for f in found)


def test_a_bad_glossary_row_stops_the_command_with_its_row(tmp_path: Path) -> None:
    project = copy_project(REPO, tmp_path / "p")
    with (project / "data" / "glossary.csv").open("a", encoding="utf-8") as f:
        f.write("community hub,,,,,\n")
    assert_user_error(dirreport("check", str(project)), "data/glossary.csv:row 4, column term_cy: has no Welsh term")


def test_the_authoritys_glossary_adds_to_and_overrides_dirreports(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    write_csv(
        tmp_path / "data" / "glossary.csv",
        "term_en,term_cy,abbreviation_en,abbreviation_cy,explanation_en,explanation_cy\n"
        "Care Inspectorate Wales,Arolygiaeth Gofal Cymru,CIW,AGC,Our inspectors.,Ein harolygwyr.\n"
        "community hub,hwb cymunedol,,,A place.,Lle.\n",
    )
    entries = {e.key(): e for e in load_glossary(tmp_path)}
    assert entries["CIW"].explanation["en"] == "Our inspectors."
    assert "community hub" in entries and "IAA" in entries
    assert entries["IAA"].abbreviation == {"en": "IAA", "cy": "GCC"}


IAA = GlossaryEntry(
    {"en": "information, advice and assistance", "cy": "gwybodaeth, cyngor a chymorth"},
    {"en": "IAA", "cy": "GCC"},
    {"en": "The front door.", "cy": "Y drws ffrynt."},
)
CIW = GlossaryEntry({"en": "Care Inspectorate Wales", "cy": "Arolygiaeth Gofal Cymru"}, {"en": "CIW", "cy": "AGC"}, {})
CAMHS = GlossaryEntry({"en": "mental health services", "cy": "gwasanaethau iechyd meddwl"}, {"en": "CAMHS"}, {})


def narrative(body: str, name: str = "narratives/en/4a.md") -> Narrative:
    parsed, problems = parse(name, f"---\nstatus: final\n---\n\n{body}")
    assert not problems
    return parsed


def marked(first_use: FirstUse, body: str) -> str:
    from dirreport.content.expansion import expand

    parsed = narrative(body)
    return expand(parsed, lambda code: "<<" + code.name + ">>", 1, first_use.marks(parsed))


def test_an_abbreviation_is_expanded_at_its_first_use_in_running_text_only() -> None:
    first = FirstUse([IAA, CIW, CAMHS], "en")
    body = (
        "## What IAA does\n\n"
        "See [the IAA page](https://example.org/IAA) and `IAA` and {{< indicator IAA-CONTACTS >}}.\n\n"
        "| IAA | 3 |\n|---|---|\n| a | b |\n\n"
        "IAA is our front door. Our IAA service is busy.\n\n"
        "Care Inspectorate Wales. CIW’s review came in May.\n"
    )
    out = marked(first, body)
    assert "## What IAA does" in out and "[the IAA page](https://example.org/IAA)" in out and "`IAA`" in out
    assert "| IAA | 3 |" in out and "<<indicator>>" in out
    assert (
        'Information, advice and assistance (<abbr title="information, advice and assistance">IAA</abbr>) '
        "is our front door. Our IAA service is busy." in out
    )
    assert 'Care Inspectorate Wales. <abbr title="Care Inspectorate Wales">CIW</abbr>’s review' in out
    later = marked(first, "Our IAA service.\n")
    assert "<abbr" not in later  # once per edition, not once per section
    assert [e.abbreviation["en"] for e in first.glossary()] == ["CIW", "IAA"]  # CAMHS is never used


def test_a_possessive_first_use_is_written_in_words_and_the_next_use_brings_the_abbreviation() -> None:
    first = FirstUse([CIW], "en")
    out = marked(first, "Our plans answer CIW's findings.\n\nCIW inspects care homes.\n")
    assert "Our plans answer Care Inspectorate Wales's findings." in out  # not "… Wales (CIW)'s findings"
    assert 'Care Inspectorate Wales (<abbr title="Care Inspectorate Wales">CIW</abbr>) inspects' in out


def test_the_welsh_edition_uses_the_welsh_abbreviation_and_words() -> None:
    first = FirstUse([IAA], "cy")
    out = marked(first, "Cysylltodd llawer o bobl â’n gwasanaeth GCC. Nid yw IAA yn Gymraeg.\n")
    assert 'gwasanaeth gwybodaeth, cyngor a chymorth (<abbr title="gwybodaeth, cyngor a chymorth">GCC</abbr>)' in out
    assert "Nid yw IAA yn Gymraeg" in out
    assert [e.term["cy"] for e in first.glossary()] == ["gwybodaeth, cyngor a chymorth"]


def test_a_term_without_an_abbreviation_is_listed_when_the_text_uses_it() -> None:
    reablement = GlossaryEntry({"en": "reablement", "cy": "ailalluogi"}, {}, {"en": "Help at home."})
    first = FirstUse([reablement, CAMHS], "en")
    out = marked(first, "Reablement helped 300 people.\n")
    assert out.strip() == "Reablement helped 300 people."
    assert first.glossary() == [reablement]


def test_a_new_project_declares_the_forewords_and_shows_the_rest_as_comments(tmp_path: Path) -> None:
    from dirreport.cli.scaffold import scaffold

    project = tmp_path / "new"
    scaffold(project, "W06000015", "2024-25", None, None)
    text = (project / "_quarto.yml").read_text(encoding="utf-8")
    for example in ("# sections:", "#   - file: 4d-welsh-language", "# contact:", "#   welsh:", "# photo-alt:"):
        assert example in text
    config = load_config(project)
    assert [f.role for f in config.forewords] == ["director", "cabinet-member"]
    for lang in ("en", "cy"):
        assert (project / "narratives" / lang / "foreword-director.md").is_file()
    lines = text.splitlines()
    start = lines.index("  # sections:")
    block = [line.replace("# ", "", 1) for line in lines[start : start + 4]]  # the example, uncommented
    sections = read_sections(yaml.safe_load("\n".join(block))["sections"])
    assert sections[0].parent == "4d" and sections[0].title.cy == "Y Gymraeg yn ein gwasanaethau"
    assert "community hub" in {e.term["en"] for e in load_glossary(project)}


# --- translation exchange and checks see the declared sections ---------------------------------------


def test_xliff_and_the_translation_check_follow_a_foreword(tmp_path: Path) -> None:
    project = copy_project(REPO, tmp_path / "p")
    run = dirreport("translate", "export", str(tmp_path / "before.xlf"), "--project", str(project))
    assert run.returncode == 0 and "0 to translate" in run.stdout, run.output
    exported = (tmp_path / "before.xlf").read_text(encoding="utf-8")
    assert 'original="narratives/en/foreword-director.md"' in exported
    assert 'original="narratives/en/4d-structure.md"' in exported
    english = project / "narratives" / "en" / "foreword-director.md"
    text = english.read_text(encoding="utf-8")
    english.write_text(text.replace("Our teams worked hard", "Our teams worked very hard"), encoding="utf-8")
    run = dirreport("translate", "export", str(tmp_path / "after.xlf"), "--project", str(project))
    assert "1 to translate" in run.stdout and "narratives/en/foreword-director.md line" in run.stdout, run.output
    assert_user_error(dirreport("check", str(project)), "narratives/cy/foreword-director.md:line", "is out of date")


def test_a_declared_section_missing_in_welsh_and_a_draft_one_in_a_part_are_found(tmp_path: Path) -> None:
    own = yaml.safe_load((REPO / "_quarto.yml").read_text(encoding="utf-8"))["dirreport"]["sections"]
    project = with_settings(tmp_path, sections=[*own, {"file": "3a-voices", "in": "3a", "title": TITLE}])
    (project / "narratives" / "en" / "3a-voices.md").write_text(
        "---\nstatus: draft\n---\n\nWhat people told us about our service.\n", encoding="utf-8"
    )
    (project / "narratives" / "cy" / "4d-structure.md").unlink()
    run = dirreport("check", str(project))
    assert_user_error(run, "narratives/cy/4d-structure.md: is missing", "narratives/cy/3a-voices.md: is missing")
    assert "narratives/en/3a-voices.md:line 2: is not marked final" in run.output
