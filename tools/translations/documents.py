"""Welsh for the summary edition's messages: the full report's chapters and its address."""

CY = {
    "{chapter} of the full report": "{chapter} yr adroddiad llawn",
    "The full report, {title}, is on our website: {website}": (
        "Mae’r adroddiad llawn, {title}, ar ein gwefan: {website}"
    ),
}
