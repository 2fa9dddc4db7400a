"""Welsh for the web page's contents: the disclosure that folds a chapter's sections."""

CY = {
    "Sections in this chapter": "Adrannau yn y bennod hon",
}
