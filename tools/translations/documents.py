"""Welsh for the summary edition's messages and the line saying where the other language's edition is."""

CY = {
    "{chapter} of the full report": "{chapter} yr adroddiad llawn",
    "The full report, {title}, is on our website: {website}": (
        "Mae’r adroddiad llawn, {title}, ar ein gwefan: {website}"
    ),
    "This document is available in English": "Mae’r ddogfen hon ar gael yn Saesneg",
    "This document is available in Welsh": "Mae’r ddogfen hon ar gael yn Gymraeg",
}
