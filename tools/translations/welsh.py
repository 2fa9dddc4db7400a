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

# the report card ('dirreport check --lang cy'), in the same register
CY.update(
    {
        "Narrative and templates": "Naratif a thempledi",
        "Evidence for the quality standards": "Tystiolaeth ar gyfer y safonau ansawdd",
        "Data": "Data",
        "Translation": "Cyfieithu",
        "Accessibility": "Hygyrchedd",
        "Personal data": "Data personol",
        "Disclosure control": "Rheoli datgelu",
        "Standard": "Safon",
        "Narrative final": "Naratif terfynol",
        "Indicators": "Dangosyddion",
        "Survey results": "Canlyniadau’r arolwg",
        "Improvement points": "Pwyntiau i’w gwella",
        "Evidence cited": "Tystiolaeth a nodwyd",
        "People's voice": "Llais pobl",
        "No findings.": "Dim canfyddiadau.",
        "Report card": "Cerdyn adroddiad",
        "yes": "ie",
        "no": "na",
        "error": "gwall",
        "warning": "rhybudd",
        "line": "llinell",
        "row": "rhes",
        "column {column}": "colofn {column}",
        "{n} error": ("{n} gwall",) * 5,
        "{n} warning": ("{n} rhybudd",) * 5,
        "{errors}, {warnings}": "{errors}, {warnings}",
        "{counts}; {verdict}": "{counts}; {verdict}",
        "publication is blocked": "mae’r cyhoeddi wedi’i atal",
        "ready to publish": "yn barod i’w gyhoeddi",
        # coverage
        "quality standard {number} ({id}) has no evidence: no indicator and no survey result for {year}": (
            "nid oes tystiolaeth ar gyfer safon ansawdd {number} ({id}): dim dangosydd a dim canlyniad arolwg "
            "ar gyfer {year}"
        ),
        "add the metrics and survey results that evidence it": (
            "ychwanegwch y metrigau a’r canlyniadau arolwg sy’n dystiolaeth ar ei chyfer"
        ),
        "quality standard {number} ({id}) has no indicator with a value for {year}": (
            "nid oes gan safon ansawdd {number} ({id}) ddangosydd â gwerth ar gyfer {year}"
        ),
        "add the metrics its indicators use": "ychwanegwch y metrigau y mae ei dangosyddion yn eu defnyddio",
        "quality standard {number} ({id}) has no survey result": (
            "nid oes gan safon ansawdd {number} ({id}) ganlyniad arolwg"
        ),
        "add a national or local survey measure for it": "ychwanegwch fesur arolwg cenedlaethol neu leol ar ei chyfer",
        "is not marked final": "nid yw wedi’i nodi’n derfynol",
        "set status: final when the section is approved": ("rhowch status: final pan fydd yr adran wedi’i chymeradwyo"),
        "has no 'What we need to improve' list": "nid oes ganddi restr ‘What we need to improve’",
        "an honest self-assessment names what must get better; add a heading 'What we need to improve' with the "
        "points": (
            "mae hunanasesiad gonest yn enwi’r hyn y mae’n rhaid ei wella; ychwanegwch y pennawd ‘What we need to "
            "improve’ a’r pwyntiau oddi tano"
        ),
        "cites no research or evidence": "nid yw’n cyfeirio at unrhyw ymchwil na thystiolaeth",
        "say how you know: audits, reviews, research, feedback": (
            "dywedwch sut rydych yn gwybod: archwiliadau, adolygiadau, ymchwil, adborth"
        ),
        "{id} is one of the weakest indicators (worse than last year or than Wales) but no narrative mentions it": (
            "mae {id} yn un o’r dangosyddion gwannaf (yn waeth na’r llynedd neu na Chymru) ond nid oes unrhyw "
            "naratif yn sôn amdano"
        ),
        "an honest report explains it; add {shortcode} with what is being done": (
            "mae adroddiad gonest yn ei egluro; ychwanegwch {shortcode} a’r hyn sy’n cael ei wneud"
        ),
        # people's voice
        "quality standard {number} ({id}) has no people's voice: no case study or story linked to it is placed in "
        "the report, and no survey result from people who use services or carers is shown under it (staff surveys "
        "do not count)": (
            "nid oes llais pobl gan safon ansawdd {number} ({id}): nid oes astudiaeth achos na stori sy’n "
            "gysylltiedig â hi yn yr adroddiad, ac nid oes canlyniad arolwg gan bobl sy’n defnyddio gwasanaethau "
            "neu ofalwyr yn cael ei ddangos oddi tani (nid yw arolygon staff yn cyfrif)"
        ),
        "add a case study linked to {id} to {file} (standards column) with the person's consent and place it here "
        "with {shortcode}, {survey_hint}": (
            "ychwanegwch astudiaeth achos sy’n gysylltiedig â {id} at {file} (colofn standards) gyda chaniatâd y "
            "person, a’i gosod yma gyda {shortcode}, {survey_hint}"
        ),
        "or add survey results from people who use services or carers for {measures} to data/survey.csv": (
            "neu ychwanegwch ganlyniadau arolwg gan bobl sy’n defnyddio gwasanaethau neu ofalwyr ar gyfer "
            "{measures} at data/survey.csv"
        ),
        "or define a survey measure for {id} asked of people who use services or carers in "
        "data/local-catalogue.yml and add its results to data/survey.csv": (
            "neu diffiniwch fesur arolwg ar gyfer {id} a ofynnir i bobl sy’n defnyddio gwasanaethau neu ofalwyr yn "
            "data/local-catalogue.yml, ac ychwanegwch ei ganlyniadau at data/survey.csv"
        ),
        # data
        "{n} metrics used by indicators have no rows for {authority}: {codes}": (
            "nid oes rhesi ar gyfer {authority} gan {n} o’r metrigau y mae dangosyddion yn eu defnyddio: {codes}"
        ),
        "add them, or leave the indicators they feed showing [x]": (
            "ychwanegwch nhw, neu gadewch i’r dangosyddion y maent yn eu bwydo ddangos [x]"
        ),
        "{id} has no value for {years}": "nid oes gwerth gan {id} ar gyfer {years}",
        "add the missing years if they were collected": ("ychwanegwch y blynyddoedd sydd ar goll os cawsant eu casglu"),
        "{code} moved from {start} in {start_year} to {end} in {end_year}, more than a factor of {factor}": (
            "newidiodd {code} o {start} yn {start_year} i {end} yn {end_year}, mwy na ffactor o {factor}"
        ),
        "check the value; if it is right, explain the change in the narrative": (
            "gwiriwch y gwerth; os yw’n gywir, eglurwch y newid yn y naratif"
        ),
        # translation
        "has {n} headings but {source} has {m}": "mae ganddi {n} pennawd ond mae gan {source} {m}",
        "both languages need the same headings": "mae angen yr un penawdau yn y ddwy iaith",
        "holds a paragraph that is not translated yet": "mae ynddi baragraff nad yw wedi’i gyfieithu eto",
        "translate it, or import the translator's XLIFF": "cyfieithwch ef, neu mewnforiwch ffeil XLIFF y cyfieithydd",
        "is out of date: {source} line {line} changed after it was translated": (
            "mae wedi dyddio: newidiodd llinell {line} yn {source} ar ôl iddi gael ei chyfieithu"
        ),
        "send the change to translation ('dirreport translate export') and import it": (
            "anfonwch y newid i’w gyfieithu (‘dirreport translate export’) a’i fewnforio"
        ),
        "has no English source {path}": "nid oes ffynhonnell Saesneg {path}",
        "add the English section": "ychwanegwch yr adran Saesneg",
        "has an extra shortcode {shortcode} not in {source}": (
            "mae ganddi god byr ychwanegol {shortcode} nad yw yn {source}"
        ),
        "is missing shortcode {shortcode} that {source} has at line {line}": (
            "mae’r cod byr {shortcode} ar goll, sydd gan {source} yn llinell {line}"
        ),
        "use the same shortcodes, in the same order, in both languages": (
            "defnyddiwch yr un codau byr, yn yr un drefn, yn y ddwy iaith"
        ),
        "hunspell does not know the Welsh word '{word}'": "nid yw hunspell yn adnabod y gair Cymraeg ‘{word}’",
        "check its spelling (a name or new term may be right)": (
            "gwiriwch ei sillafu (gall enw neu derm newydd fod yn gywir)"
        ),
        # accessibility
        "image '{src}' has no alternative text": "nid oes testun amgen gan y ddelwedd ‘{src}’",
        "describe what it shows inside the brackets: ![description](path)": (
            "disgrifiwch yr hyn y mae’n ei ddangos rhwng y cromfachau: ![disgrifiad](llwybr)"
        ),
        "heading '{heading}' skips from level {before} to level {after}": (
            "mae’r pennawd ‘{heading}’ yn neidio o lefel {before} i lefel {after}"
        ),
        "use the next heading level down": "defnyddiwch y lefel pennawd nesaf i lawr",
        "link text '{text}' does not say where it goes": "nid yw testun y ddolen ‘{text}’ yn dweud i ble mae’n mynd",
        "use words that make sense on their own, e.g. the page's title": (
            "defnyddiwch eiriau sy’n gwneud synnwyr ar eu pen eu hunain, e.e. teitl y dudalen"
        ),
        "a table column has no header": "nid oes pennawd gan golofn mewn tabl",
        "give every column a header": "rhowch bennawd i bob colofn",
        "reads harder than plain English: Flesch reading ease {score}, target {target}": (
            "mae’n anoddach ei darllen na Saesneg clir: sgôr rhwyddineb darllen Flesch {score}, targed {target}"
        ),
        "use shorter sentences and everyday words": "defnyddiwch frawddegau byrrach a geiriau bob dydd",
        "the summary edition reads harder than its target: Flesch reading ease {score}, target {target}": (
            "mae’r crynodeb yn anoddach ei ddarllen na’i darged: sgôr rhwyddineb darllen Flesch {score}, "
            "targed {target}"
        ),
        "the summary is made from this section and the priorities: use shorter sentences and everyday words, or "
        "set summary: {setting} in _quarto.yml": (
            "mae’r crynodeb yn cael ei wneud o’r adran hon a’r blaenoriaethau: defnyddiwch frawddegau byrrach a "
            "geiriau bob dydd, neu rhowch summary: {setting} yn _quarto.yml"
        ),
        # personal data
        "looks like an email address ('{text}')": "mae’n edrych fel cyfeiriad e-bost (‘{text}’)",
        "looks like an NHS number ('{text}')": "mae’n edrych fel rhif GIG (‘{text}’)",
        "looks like a phone number ('{text}')": "mae’n edrych fel rhif ffôn (‘{text}’)",
        "looks like a National Insurance number ('{text}')": "mae’n edrych fel rhif Yswiriant Gwladol (‘{text}’)",
        "looks like a postcode ('{text}')": "mae’n edrych fel cod post (‘{text}’)",
        "looks like a date of birth ('{text}')": "mae’n edrych fel dyddiad geni (‘{text}’)",
        "remove it; if it is not personal data (e.g. a public switchboard number), add it to allow: in _quarto.yml": (
            "tynnwch ef; os nad yw’n ddata personol (e.e. rhif switsfwrdd cyhoeddus), ychwanegwch ef at allow: yn "
            "_quarto.yml"
        ),
        "story {id} is quoted but has no consent": "mae stori {id} yn cael ei dyfynnu ond nid oes caniatâd",
        "remove the quote, or record the person's consent": "tynnwch y dyfyniad, neu cofnodwch ganiatâd y person",
        "case study {id} is placed in the report but has no consent": (
            "mae astudiaeth achos {id} yn yr adroddiad ond nid oes caniatâd"
        ),
        "remove its {{< case-study >}} shortcode, or record the person's consent": (
            "tynnwch ei chod byr {{< case-study >}}, neu cofnodwch ganiatâd y person"
        ),
        # disclosure
        "'{text}' is a count small enough to identify people": (
            "mae ‘{text}’ yn nifer mor fach y gallai ddatgelu pwy yw pobl"
        ),
        "describe it without the number (e.g. 'a small number'), as the tables show [c]": (
            "disgrifiwch ef heb y rhif (e.e. ‘nifer fach’), fel y mae’r tablau’n dangos [c]"
        ),
        "{code} for {year} is {value} and would be published": (
            "mae {code} ar gyfer {year} yn {value} a byddai’n cael ei gyhoeddi"
        ),
        "this is a fault in dirreport's suppression; report it": (
            "nam yn atal ffigurau dirreport yw hwn; rhowch wybod amdano"
        ),
        # claims
        "still holds the placeholder 'dirreport new' wrote": (
            "mae’r ddalfan a ysgrifennodd ‘dirreport new’ yn dal ynddi"
        ),
        "write the section in place of the placeholder line": "ysgrifennwch yr adran yn lle llinell y ddalfan",
        "is empty: from the 2026-27 report on, section 75D of the 2014 Act requires an account of the steps taken "
        "to secure sufficient accommodation for looked after children": (
            "mae’n wag: o adroddiad 2026-27 ymlaen, mae adran 75D o Ddeddf 2014 yn gofyn am adroddiad ar y camau a "
            "gymerwyd i sicrhau digon o lety i blant sy’n derbyn gofal"
        ),
        "describe the sufficiency plan's steps, the places they made available and the applications for "
        "supplementary placements": (
            "disgrifiwch gamau’r cynllun digonolrwydd, y lleoedd a ddarparwyd ganddynt a’r ceisiadau am leoliadau "
            "atodol"
        ),
        "cites {law}, which is not in force in the report year {year} (it applies from {first_year})": (
            "mae’n cyfeirio at {law}, nad yw mewn grym ym mlwyddyn yr adroddiad, {year} (mae’n gymwys o "
            "{first_year} ymlaen)"
        ),
        "describe the law in force in the year, or speak of the change to come": (
            "disgrifiwch y gyfraith a oedd mewn grym yn ystod y flwyddyn, neu soniwch am y newid sydd i ddod"
        ),
        "the Health and Social Care (Wales) Act 2025": "Deddf Iechyd a Gofal Cymdeithasol (Cymru) 2025",
        "section 75D of the Social Services and Well-being (Wales) Act 2014": (
            "adran 75D o Ddeddf Gwasanaethau Cymdeithasol a Llesiant (Cymru) 2014"
        ),
        "quotes {what} as a percentage of only {base} cases (fewer than {small}) for {year}": (
            "mae’n dyfynnu {what} fel canran o ddim ond {base} achos (llai na {small}) ar gyfer {year}"
        ),
        "give the counts instead, or with it ('n', e.g. {shortcode}), so a reader sees how few cases it rests on": (
            "rhowch y niferoedd yn ei le, neu gydag ef (‘n’, e.e. {shortcode}), fel bod darllenydd yn gweld ar gyn "
            "lleied o achosion y mae’n seiliedig"
        ),
        "indicator {id}": "dangosydd {id}",
        "survey measure {id}": "mesur arolwg {id}",
    }
)
CY.update(
    {
        "folder is missing": "mae’r ffolder ar goll",
        "create it with one Markdown file per section ('dirreport new' writes stubs), or remove '{language}' from "
        "languages in _quarto.yml": (
            "crëwch hi gydag un ffeil Markdown ar gyfer pob adran (mae ‘dirreport new’ yn ysgrifennu bonion), neu "
            "tynnwch ‘{language}’ o languages yn _quarto.yml"
        ),
        "is missing": "mae ar goll",
        "write the foreword, or remove it from forewords: in _quarto.yml": (
            "ysgrifennwch y rhagair, neu tynnwch ef o forewords: yn _quarto.yml"
        ),
        "write this section, or remove it from sections: in _quarto.yml": (
            "ysgrifennwch yr adran hon, neu tynnwch hi o sections: yn _quarto.yml"
        ),
        "write this section; 'dirreport new' makes a stub for every section": (
            "ysgrifennwch yr adran hon; mae ‘dirreport new’ yn gwneud bonyn ar gyfer pob adran"
        ),
    }
)
CY.update(
    {
        # a small count could show who people are; it cannot itself "recognise" (adnabod) them
        "{title}: the figure for {year} is not shown because it rests on a count small enough to identify "
        "people [c].": (
            "{title}: nid yw’r ffigur ar gyfer {year} yn cael ei ddangos oherwydd ei fod yn seiliedig ar nifer "
            "sy’n ddigon bach i ddatgelu pwy yw pobl [c]."
        ),
        "{title}: the figures cannot be shown because they are small enough to identify people [c].": (
            "{title}: ni ellir dangos y ffigurau oherwydd eu bod yn ddigon bach i ddatgelu pwy yw pobl [c]."
        ),
    }
)
CY.update(
    {
        # the case-study template's guidance, in the same register as its labels (yr hyn a wnaethom)
        "What the person told us mattered to them, in their own words where you can. Use no real names and "
        "nothing that identifies them.": (
            "Yr hyn a ddywedodd y person wrthym a oedd yn bwysig iddo neu iddi, yng ngeiriau’r person ei hun lle "
            "bo modd. Peidiwch â defnyddio enwau go iawn na dim a allai ddatgelu pwy yw’r person."
        ),
        "What the service did, in plain words: who helped, how and how quickly.": (
            "Yr hyn a wnaeth y gwasanaeth, mewn geiriau syml: pwy a helpodd, sut a pha mor gyflym."
        ),
    }
)
