"""Welsh for the summary edition's messages and the line saying where the other language's edition is, and the
year in numbers' changes since the year its introduction names."""

CY = {
    "{chapter} of the full report": "{chapter} yr adroddiad llawn",
    "The full report, {title}, is on our website: {website}": (
        "Mae’r adroddiad llawn, {title}, ar ein gwefan: {website}"
    ),
    "This document is available in English": "Mae’r ddogfen hon ar gael yn Saesneg",
    "This document is available in Welsh": "Mae’r ddogfen hon ar gael yn Gymraeg",
    "Some of our key figures for {year}, and how they changed since {last_year}.": (
        "Rhai o’n ffigurau allweddol ar gyfer {year}, a sut y maent wedi newid ers {last_year}."
    ),
    "up {size}, an improvement": "cynnydd o {size}, sy’n welliant",
    "up {size}, a deterioration": "cynnydd o {size}, sy’n ddirywiad",
    "up {size}": "cynnydd o {size}",
    "down {size}, an improvement": "gostyngiad o {size}, sy’n welliant",
    "down {size}, a deterioration": "gostyngiad o {size}, sy’n ddirywiad",
    "down {size}": "gostyngiad o {size}",
    "up {size}, little change": "cynnydd o {size}, nad yw’n fawr o newid",
    "down {size}, little change": "gostyngiad o {size}, nad yw’n fawr o newid",
}
