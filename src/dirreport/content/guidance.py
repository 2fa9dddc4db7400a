"""What each narrative's author is asked to write: the guidance under every heading of the prescribed form.

One source for the stubs ``dirreport new`` writes and for the note at the top of a
section sent to its owner as a Word file (``dirreport sections export``).
"""

from __future__ import annotations

from dirreport.content.prescribed_form import Place
from dirreport.lang.i18n import N_, _

GUIDANCE = {
    "chapter": N_("Write this chapter in plain language. Say what matters most, good and bad."),
    "part": N_("Write this part in plain language. Say what matters most, good and bad."),
    "extra": N_("Write this section in plain language."),
    "foreword": N_(
        "Write a short, personal introduction to the report: what mattered most this year, and thanks to "
        "the people who made it. The name and position under it come from forewords: in _quarto.yml."
    ),
}
PLACE_GUIDANCE = {
    "4d-sufficiency": N_(
        "Report on the sufficiency of accommodation for looked after children, as section 75D "
        "of the 2014 Act requires from the 2026-27 report on: the steps your sufficiency plan "
        "took, the additional places they made available, and the applications to place children "
        "in a supplementary placement under section 81B against the plan's estimate."
    ),
    "4a": N_(
        "Say what the inspectorates found this year and what you are doing about it. List each "
        "inspection, check and review in data/inspections.csv (date, type, inspectorate, setting_en, "
        "setting_cy, outcome_en, outcome_cy, link) and place the table with {{< inspections table >}}; "
        "{{< inspections summary >}} counts them by type over the years."
    ),
    "4b": N_(
        "Say how many complaints you received, how quickly you answered them and what you learned. Give "
        "the figures in data/complaints.csv (year, service, stage, received, responded_in_timescale, "
        "upheld, referred_to_ombudsman), quote them with {{< complaints received 1 >}}, "
        "{{< complaints timescale 1 n >}} and {{< complaints change 1 >}}, and place "
        "{{< complaints table >}} and {{< complaints chart >}}."
    ),
    "4d-finance": N_(
        "Say what the budget was, how the year ended and which pressures you face. Give the budget and "
        "outturn of each service area in data/finance.csv (year, service_area, budget, outturn, in "
        "pounds thousands; the variance is worked out), quote them with {{< finance budget >}} and "
        "{{< finance variance >}}, and place {{< finance table >}} and {{< finance chart >}}."
    ),
}
SECTION_GUIDANCE = {
    "i": N_(
        "What do we know about the quality and impact of our work under this heading? Use "
        "{{< indicator ID >}} and {{< change ID >}} to quote figures from the data."
    ),
    "ii": N_(
        "How do we know? Name the evidence: audits, case file reviews, feedback, research. The "
        "indicator tables and charts for this heading's quality standards are added after this text."
    ),
    "iii": N_("What are we doing well and how can we do better? Include a list headed 'What we need to improve'."),
    "iv": N_(
        "What progress did we make on last year's areas for improvement? For each one in "
        "data/last-year-improvements.csv write a subsection whose heading ends with its id, e.g. "
        "## Recruiting social workers {#IMP-01}"
    ),
}

CASE_STUDY_GUIDANCE = N_(
    "A case study shows what your work meant to one person. Write it in data/case-studies.csv "
    "(title, what mattered to the person, what we did, the difference it made, in English and Welsh, "
    "and the quality standards it shows), record the person's consent, and place it on a line of its "
    "own, for example: {{< case-study CS-EXAMPLE >}}"
)


def guidance(place: Place, lang: str) -> str:
    """The guidance for a place's author, in the language they write in."""
    message = SECTION_GUIDANCE[place.numbering[-1]] if place.kind == "section" else GUIDANCE[place.kind]
    message = PLACE_GUIDANCE.get(place.id, message)
    text = _(message, lang).replace("--", "\u2014")
    if place.kind == "section" and place.heading_id and place.numbering[-1] == "i":
        text += "\n\n" + _(CASE_STUDY_GUIDANCE, lang)
    return text
