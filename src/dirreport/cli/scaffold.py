"""``dirreport new``: a report project ready to fill in.

It writes the settings, data files with the right headers (or the data
template workbook), a narrative stub in both languages for every place in
the prescribed form, each marked draft and carrying guidance for its author,
and templates/reference.docx, the Word styles made from the brand for a comms
team to restyle.
A build of the new project works at once and is marked DRAFT until the
sections are written and marked final.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from dirreport.brand import BRAND_FILE, load_brand
from dirreport.catalogue import load_authorities
from dirreport.config import schema
from dirreport.config.report_parts import read_forewords
from dirreport.content import prescribed_form
from dirreport.content.guidance import guidance
from dirreport.data.glossary import COLUMNS as GLOSSARY_COLUMNS
from dirreport.data.local_model import SCHEMAS
from dirreport.data.tables import write_csv
from dirreport.errors import InputError, Problem
from dirreport.lang.i18n import N_, _

# The example row of data/case-studies.csv: its consent is "no", so it cannot be published until replaced.
CASE_STUDY_EXAMPLE = {
    "title": N_("Example: replace this row with a real case study"),
    "person": "",  # blank: the label reads "What mattered to the person"
    "mattered": N_(
        "What the person told us mattered to them, in their own words where you can. Use no real names "
        "and nothing that identifies them."
    ),
    "did": N_("What the service did, in plain words: who helped, how and how quickly."),
    "difference": N_(
        "The difference it made to the person's life. Write yes in the consent column only when they "
        "have agreed to publication."
    ),
}
CASE_STUDY_HEADER = [
    "id",
    "consent",
    "standards",
    "title_en",
    "title_cy",
    "person_en",
    "person_cy",
    "mattered_en",
    "mattered_cy",
    "did_en",
    "did_cy",
    "difference_en",
    "difference_cy",
]


# The authority's brand, every line a comment until the comms team fills it in.
BRAND_TEMPLATE = """\
# Your council's brand, in the brand.yml format Quarto uses (https://posit-dev.github.io/brand-yml/).
# dirreport applies it to the cover, headings, links and charts of the web page, the PDF and the Word file.
# Remove the # in front of the lines you fill in.  Paths are relative to this file.
#
# meta:
#   name: Example County Borough Council
#
# logo:                              # shown on the cover of every edition
#   images:
#     mark:
#       path: images/logo.svg        # SVG or PNG
#       alt: Example Council         # alternative text: the words in the logo
#   large: mark
#
# color:
#   palette:                         # your colours by name
#     council-blue: "#12436D"
#   primary: council-blue            # headings, the web page's banner, the council's line in charts:
#                                    # it must reach 4.5:1 against the background (white)
#   foreground: "#0B0C0C"            # text
#   background: "#FFFFFF"
#
# typography:
#   fonts:                           # a typeface in the project's files, embedded in the PDF ...
#     - family: Council Sans
#       source: file
#       files: [fonts/CouncilSans-Regular.ttf, fonts/CouncilSans-Bold.ttf]
#     - family: Arial                # ... or one installed on this computer
#       source: system
#   base:
#     family: Council Sans           # body text
#   headings:
#     family: Council Sans
#     color: council-blue
#   link:
#     color: "#1D70B8"
"""

# Settings that decide the report's length, shown with their defaults for an author to change.
LENGTH_SETTINGS = """\
  # charts: all       # which indicators to chart: all, key (the catalogue's key indicators) or narrative
  # appendix: print   # the data behind the charts: print, or download (only in the CSV and spreadsheet)
"""

# The year in numbers and the summary edition, commented out with an example for an author to take up.
PUBLIC_SETTINGS = """\
  # The year in numbers: a page of key figures in the Director's summary (or where a narrative writes
  # {{< year-in-numbers >}}). true chooses a key indicator for each quality standard and a count; false
  # leaves the page out; or list the indicators (see 'dirreport catalogue'), in the order to show them:
  # year-in-numbers:
  #   - AD-IAA-TIMELY
  #   - AD-WAIT-DOMICILIARY
  #   - CH-ASSESSMENTS-TIMELY
  #   - CH-LAC-RATE
  #   - CA-IDENTIFIED-RATE
  #   - CA-DP-COUNT
  # A short summary edition in each language (the Director's summary, the year in numbers and the
  # priorities), published beside the full report, with a plainer reading-ease target for the public:
  # summary:
  #   title:
  #     en: "Our year in social services: a summary for young people"
  #     cy: "Ein blwyddyn yn y gwasanaethau cymdeithasol: crynodeb i bobl ifanc"
  #   readability-target: 60
"""


# Forewords, sections of the authority's own, contact details and the glossary, as a new project's
# examples: the two forewords are declared (their stubs are written); the rest are comments to fill in.
PARTS_SETTINGS = """\
  # Forewords before Chapter 1, in order; each is written in narratives/en/ and narratives/cy/<file>.md.
  # A photo or a signature needs its alternative text in both languages.
  forewords:
    - role: director
      file: foreword-director
      # photo: images/director.jpg
      # photo-alt: {en: "Photo of ...", cy: "Llun o ..."}
      # signature: images/director-signature.png
      # signature-alt: {en: "Signature of ...", cy: "Llofnod ..."}
    - role: cabinet-member
      file: foreword-cabinet-member
      # name: {en: "Councillor ...", cy: "Y Cynghorydd ..."}
      # position: {en: "Cabinet Member for Social Services", cy: "Aelod y Cabinet dros Wasanaethau Cymdeithasol"}
  # Sections of your own, each printed after the prescribed sections of its chapter (1 to 4) or part
  # (3a to 4d); write narratives/en/<file>.md and narratives/cy/<file>.md for each.
  # sections:
  #   - file: 4d-welsh-language
  #     in: 4d
  #     title: {en: "The Welsh language in our services", cy: "Y Gymraeg yn ein gwasanaethau"}
  # Contact details, printed in part 4(c) with the accessibility statement and the formats published.
  # contact:
  #   phone: "01234 567890"
  #   email: socialservices@example.gov.wales
  #   address: {en: "Social Services, County Hall, ...", cy: "Gwasanaethau Cymdeithasol, Neuadd y Sir, ..."}
  #   website: https://www.example.gov.wales/social-services
  #   welsh: {en: "We welcome correspondence in Welsh.", cy: "Rydym yn croesawu gohebiaeth yn Gymraeg."}
  # Abbreviations and terms of your own go in data/glossary.csv; the report explains those its text uses.
"""
# One example row of the authority's glossary: listed only in an edition whose text uses the term.
GLOSSARY_EXAMPLE = [
    "community hub",
    "hwb cymunedol",
    "",
    "",
    "A place in the community where people can get advice and support without an appointment.",
    "Lle yn y gymuned lle gall pobl gael cyngor a chymorth heb apwyntiad.",
]


def scaffold(
    path: Path, authority: str, year: str, name_en: str | None, name_cy: str | None, xlsx: bool = False
) -> list[Path]:
    if path.exists() and any(path.iterdir()):
        raise InputError(Problem("already exists and is not empty", file=str(path), hint="choose a new folder name"))
    try:
        year = schema.YEAR.read(year)  # the same reading as the year in _quarto.yml: 2024-26 is refused here
    except ValueError as exc:
        raise InputError(
            Problem(
                str(exc),
                file="--year",
                hint="give the financial year the report covers, written YYYY-YY, e.g. --year 2024-25",
            )
        ) from None
    authorities = load_authorities()
    if authority not in authorities and not (name_en and name_cy):
        raise InputError(
            Problem(
                f"'{authority}' is not the ONS code of a Welsh local authority",
                file="--authority",
                hint="use W06000001..W06000024, or give --name-en and --name-cy",
            )
        )
    written: list[Path] = []
    path.mkdir(parents=True, exist_ok=True)
    settings: dict[str, object] = {"authority": authority}
    if name_en and name_cy:
        settings["authority-name"] = {"en": name_en, "cy": name_cy}
    settings.update(
        {"year": year, "languages": ["en", "cy"], "formats": ["html", "pdf", "docx"], "director": {"name": ""}}
    )
    config = {"project": {"type": "default", "output-dir": "_output"}, "dirreport": settings}
    (path / "_quarto.yml").write_text(
        "# Report settings. Quarto reads this file too; dirreport's settings are under dirreport:.\n"
        + yaml.safe_dump(config, allow_unicode=True, sort_keys=False)
        + LENGTH_SETTINGS
        + PARTS_SETTINGS
        + PUBLIC_SETTINGS,
        encoding="utf-8",
    )
    written.append(path / "_quarto.yml")
    data = path / "data"
    data.mkdir()
    files = {
        "population.csv": ["authority", "year", "age_band", "population"],
        "survey.csv": ["authority", "year", "measure", "group", "respondents", "positive"],
        "stories.csv": ["id", "consent", "standards", "en", "cy", "attribution_en", "attribution_cy"],
        "last-year-improvements.csv": ["id", "part", "en", "cy"],
        # the authority's own tables, declared in data/local_model.py: headers only, each row optional
        **{f"{schema.stem}.csv": schema.header for schema in SCHEMAS},
    }
    if xlsx:
        from dirreport.data.workbook import write_template

        written.append(write_template(data / "metrics.xlsx", authority, year))
    else:
        files["metrics.csv"] = ["authority", "year", "metric", "value"]
    for name, header in files.items():
        write_csv(data / name, header, [])
        written.append(data / name)
    write_csv(data / "case-studies.csv", CASE_STUDY_HEADER, [case_study_example()])
    written.append(data / "case-studies.csv")
    write_csv(data / "glossary.csv", list(GLOSSARY_COLUMNS), [GLOSSARY_EXAMPLE])
    written.append(data / "glossary.csv")
    forewords = read_forewords(yaml.safe_load(PARTS_SETTINGS)["forewords"])
    for lang in ("en", "cy"):
        folder = path / "narratives" / lang
        folder.mkdir(parents=True)
        for place in prescribed_form.narrative_places(forewords):
            if not prescribed_form.in_force(place, year):
                continue
            target = folder / f"{place.id}.md"
            target.write_text(stub(place, lang), encoding="utf-8")
            written.append(target)
    (path / "templates").mkdir()
    (path / BRAND_FILE).write_text(BRAND_TEMPLATE, encoding="utf-8")
    written.append(path / BRAND_FILE)
    written.append(starter_reference(path))
    (path / ".gitignore").write_text("_output/\n.dirreport-cache/\n", encoding="utf-8")
    return written


def starter_reference(path: Path) -> Path:
    """templates/reference.docx made from the brand: the Word styles a comms team restyles in Word (headings,
    captions, links, the contents heading), which every Word edition of the project is then made with."""
    from dirreport.render.common import pandoc_path
    from dirreport.render.docx_reference import PROJECT_REFERENCE, WordLook, write_reference

    return write_reference(path / PROJECT_REFERENCE, pandoc_path(), WordLook.from_brand(load_brand(path)))


def case_study_example() -> list[str]:
    """The example row a new project's case-study file starts with, in both languages, without consent."""
    row = ["CS-EXAMPLE", "no", "QS1"]
    for message in CASE_STUDY_EXAMPLE.values():
        row += [_(message, "en"), _(message, "cy")] if message else ["", ""]
    return row


def stub(place: prescribed_form.Place, lang: str) -> str:
    """A draft narrative: front matter, guidance for the author, a visible placeholder."""
    standards = []
    if place.heading_id:
        from dirreport.catalogue import load_standards

        standards = [s.id for s in load_standards()[0].values() if s.heading_id == place.heading_id]
    meta = {"title": place.heading(lang), "heading": place.id, "standards": standards, "status": "draft", "owner": ""}
    text = guidance(place, lang)
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)
    placeholder = _("[Placeholder: this section has not been written yet.]", lang)
    return f"---\n{front}---\n\n<!-- {text} -->\n\n{placeholder}\n"
