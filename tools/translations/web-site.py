"""Welsh for the web page published as a small site (render/html_site.py): its search, contents and pager."""

CY = {
    "Previous": "Blaenorol",
    "Next": "Nesaf",
    "Previous and next pages": "Y tudalennau blaenorol a nesaf",
    "Search": "Chwilio",
    "Search this report": "Chwilio’r adroddiad hwn",
    "Search results": "Canlyniadau chwilio",
    "Results for:": "Canlyniadau ar gyfer:",
    "Nothing in this report matches:": "Does dim byd yn yr adroddiad hwn yn cyfateb i’r chwiliad:",
    "Type the words to search for in the box above.": "Teipiwch y geiriau i chwilio amdanynt yn y blwch uchod.",
    "The whole report on one page": "Yr adroddiad cyfan ar un dudalen",
}
