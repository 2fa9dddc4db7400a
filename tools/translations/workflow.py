"""Welsh for the messages of the Word exchange, the status board and the guidance that goes with them."""

CY = {
    "Write your text under each heading, in place of the text there now. The grey fields, such as "
    "{{< indicator AD-LANGUAGE-CHOICE >}}, are figures, charts and tables from the report's data, "
    "each figure shown first as it is now: leave them as they are (you may move or delete a whole "
    "field, never change its text). Keep "
    "each section's heading. Use Heading 2 for a heading inside a section. Save the file as a Word "
    "document (.docx) and send it back.": (
        "Ysgrifennwch eich testun o dan bob pennawd, yn lle’r testun sydd yno nawr. Ffigurau, siartiau a "
        "thablau o ddata’r adroddiad yw’r meysydd llwyd, fel {{< indicator AD-LANGUAGE-CHOICE >}}, "
        "a dangosir pob ffigur yn gyntaf fel y mae nawr: gadewch nhw fel y maent (cewch symud neu ddileu "
        "maes cyfan, ond peidiwch byth â newid ei destun). "
        "Cadwch bennawd pob adran. Defnyddiwch Bennawd 2 ar gyfer pennawd o fewn adran. Cadwch y ffeil fel "
        "dogfen Word (.docx) a’i hanfon yn ôl."
    ),
    "Guidance: {text}": "Canllawiau: {text}",
    "Owner: {owner}. File: {file}": "Perchennog: {owner}. Ffeil: {file}",
}
