"""Welsh for issue 24: sentences that say what the English says, one written register, the report card."""

CY: dict[str, object] = {
    # a breakdown's total: both totals, their years and the difference, never "cododd ... o {before}"
    "The total was {before} in {year} and {after} in {this_year}, a rise of {difference}.": (
        "Roedd y cyfanswm yn {before} yn {year} ac yn {after} yn {this_year}, cynnydd o {difference}."
    ),
    "The total was {before} in {year} and {after} in {this_year}, a fall of {difference}.": (
        "Roedd y cyfanswm yn {before} yn {year} ac yn {after} yn {this_year}, gostyngiad o {difference}."
    ),
    "The total was {after} in {this_year}, the same as in {year}.": (
        "Roedd y cyfanswm yn {after} yn {this_year}, yr un fath ag yn {year}."
    ),
    "{title}: total {total}; the largest group was {label}, {value}.": (
        "{title}: cyfanswm {total}. Y categori mwyaf oedd {label}, {value}."
    ),
    # survey changes: "bu cynnydd o", so the size is a difference and reads as one
    "It rose by {size} since {year}, which is not statistically significant.": (
        "Bu cynnydd o {size} ers {year}, ond nid yw’r newid yn arwyddocaol yn ystadegol."
    ),
    "It fell by {size} since {year}, which is not statistically significant.": (
        "Bu gostyngiad o {size} ers {year}, ond nid yw’r newid yn arwyddocaol yn ystadegol."
    ),
    "This is a statistically significant fall since {year}.": (
        "Mae hyn yn ostyngiad sy’n arwyddocaol yn ystadegol ers {year}."
    ),
    "This is a statistically significant rise since {year}.": (
        "Mae hyn yn gynnydd sy’n arwyddocaol yn ystadegol ers {year}."
    ),
    # "little change": the idiom is "fawr o newid", not "newid bach" (a small change)
    "Little change": "Fawr o newid",
    "up {size} since {year}, little change": "cynnydd o {size} ers {year}, nad yw’n fawr o newid",
    "down {size} since {year}, little change": "gostyngiad o {size} ers {year}, nad yw’n fawr o newid",
    "Direction: ▲ rose, ▼ fell, improved or worsened by whether a higher value is better for that indicator, "
    "only where the change passes the test or threshold set out in 'About the figures'; otherwise "
    "'Little change'.": (
        "Cyfeiriad: ▲ cododd, ▼ gostyngodd; mae wedi gwella neu wedi gwaethygu yn dibynnu ar a yw gwerth uwch "
        "yn well ar gyfer y dangosydd hwnnw, ond dim ond lle mae’r newid yn bodloni’r prawf neu’r trothwy a "
        "nodir yn ‘Am y ffigurau’; fel arall ‘Fawr o newid’."
    ),
    "How we judge a change. The change since last year is this year's figure minus last year's, each as "
    "printed. We call a change an improvement or a deterioration, and mark it ▲ or ▼, only when the data "
    "support it; otherwise we say there was little change. For a percentage built from counts of people, we "
    "use a two-sided two-proportion z-test at the 5% level (95% confidence); when any expected count is below "
    "5 we use Fisher's exact test instead. For a count, or a rate per 10,000 or per 1,000 people, we use the "
    "exact Poisson test (a binomial test of this year's share of the two years' events), also at the 5% "
    "level. Survey changes, and survey differences from Wales, use the same two-proportion test. For a figure "
    "not built from counts, such as an average number of days or a share of whole-time equivalent staff, a "
    "change counts only when it is at least the threshold set for that indicator in the catalogue (for "
    "example 3 days for waiting times).": (
        "Sut rydym yn barnu newid. Y newid ers y llynedd yw ffigur eleni llai ffigur y llynedd, y ddau fel y’u "
        "dangosir. Dim ond pan fydd y data’n ei gefnogi y byddwn yn galw newid yn welliant neu’n ddirywiad, ac "
        "yn ei nodi â ▲ neu ▼; fel arall rydym yn dweud na fu fawr o newid. Ar gyfer canran a gyfrifir o "
        "niferoedd o bobl, rydym yn defnyddio prawf z dwy gyfran dwy-ochrog ar lefel arwyddocâd o 5% (hyder "
        "95%); pan fydd unrhyw nifer disgwyliedig yn llai na 5, rydym yn defnyddio prawf union Fisher yn lle "
        "hynny. Ar gyfer nifer, neu gyfradd fesul 10,000 neu fesul 1,000 o bobl, rydym yn defnyddio’r prawf "
        "Poisson union (prawf binomaidd o gyfran eleni o ddigwyddiadau’r ddwy flynedd), hefyd ar lefel "
        "arwyddocâd o 5%. Mae newidiadau yng nghanlyniadau’r arolwg, a gwahaniaethau rhwng canlyniadau’r arolwg "
        "a Chymru, yn defnyddio’r un prawf dwy gyfran. Ar gyfer ffigur nad yw wedi’i gyfrifo o niferoedd, fel "
        "nifer cyfartalog o ddiwrnodau neu gyfran o’r staff cyfwerth ag amser llawn, dim ond pan fydd y newid o "
        "leiaf cymaint â’r trothwy a osodwyd ar gyfer y dangosydd hwnnw yn y catalog y mae’n cyfrif (er "
        "enghraifft 3 diwrnod ar gyfer amseroedd aros)."
    ),
    "Out of": "Sylfaen",
    # the [c] note: the small count could identify someone, not the people
    "[c] Not shown: the figure rests on a count of 1 to 4 people, which could identify someone.": (
        "[c] Heb ei ddangos: mae’r ffigur yn seiliedig ar nifer o 1 i 4 o bobl, nifer mor fach y gallai "
        "ddatgelu pwy yw rhywun."
    ),
    # one register: the standard written Welsh of Welsh Government statistical releases (locale/glossary.csv)
    "What do we know about the quality and impact of what we are doing?": (
        "Beth rydym yn ei wybod am ansawdd ac effaith yr hyn rydym yn ei wneud?"
    ),
    "What do we know about the quality and impact of our work under this heading? Use {{< indicator ID >}} "
    "and {{< change ID >}} to quote figures from the data.": (
        "Beth rydym yn ei wybod am ansawdd ac effaith ein gwaith o dan y pennawd hwn? Defnyddiwch "
        "{{< indicator ID >}} a {{< change ID >}} i ddyfynnu ffigurau o’r data."
    ),
    "What are we doing well and how can we do better?": ("Beth rydym yn ei wneud yn dda a sut y gallwn wneud yn well?"),
    "What are we doing well and how can we do better? Include a list headed 'What we need to improve'.": (
        "Beth rydym yn ei wneud yn dda a sut y gallwn wneud yn well? Cynhwyswch restr o dan y pennawd "
        "‘Beth sydd angen i ni ei wella’."
    ),
    "What we did": "Yr hyn a wnaethom",
    "The difference it made": "Y gwahaniaeth a wnaeth hyn",
    "The difference it made to the person's life. Write yes in the consent column only when they have agreed "
    "to publication.": (
        "Y gwahaniaeth a wnaeth hyn i fywyd y person. Ysgrifennwch ydy yn y golofn consent dim ond pan fydd y "
        "person wedi cytuno iddi gael ei chyhoeddi."
    ),
    "A case study shows what your work meant to one person. Write it in data/case-studies.csv (title, what "
    "mattered to the person, what we did, the difference it made, in English and Welsh, and the quality "
    "standards it shows), record the person's consent, and place it on a line of its own, for example: "
    "{{< case-study CS-EXAMPLE >}}": (
        "Mae astudiaeth achos yn dangos beth oedd ystyr eich gwaith i un person. Ysgrifennwch hi yn "
        "data/case-studies.csv (teitl, beth oedd yn bwysig i’r person, yr hyn a wnaethom, y gwahaniaeth a "
        "wnaeth hyn, yn Gymraeg ac yn Saesneg, a’r safonau ansawdd y mae’n eu dangos), cofnodwch ganiatâd y "
        "person, a’i gosod ar ei llinell ei hun, er enghraifft: {{< case-study CS-EXAMPLE >}}"
    ),
}
CY.update(
    {
        "Language": "Iaith",
        "Figures behind the charts and tables of the report": "Y ffigurau y tu ôl i siartiau a thablau’r adroddiad",
    }
)
