"""Welsh for the newest checks of the report card (contradictions, sections not written, units written twice)
and for the status board (``dirreport status --lang cy``), in the standard written register of the glossary."""

CHANCE = "mae’r newid yn rhy fach i’r data ddangos nad siawns sy’n gyfrifol amdano"

CY = {
    # contradictions: a sentence against the figure beside it
    "says '{words}' of indicator {id}, but {why}": "mae’n dweud ‘{words}’ am ddangosydd {id}, ond {why}",
    "says '{words}' of survey measure {id} ({group}), but {why}": (
        "mae’n dweud ‘{words}’ am fesur arolwg {id} ({group}), ond {why}"
    ),
    "the figure is {change}": "mae’r ffigur yn {change}",
    "{value}, {change}": "{value}, {change}",
    "{value}, with no comparison with last year": "{value}, heb gymhariaeth â’r llynedd",
    "{value}, up {size}": "{value}, cynnydd o {size}",
    "{value}, down {size}": "{value}, gostyngiad o {size}",
    "{value}, unchanged": "{value}, heb newid",
    "it cannot be set against Wales": "ni ellir ei gymharu â Chymru",
    "it is above Wales ({ours} against {theirs})": "mae’n uwch na Chymru ({ours} o’i gymharu â {theirs})",
    "it is below Wales ({ours} against {theirs})": "mae’n is na Chymru ({ours} o’i gymharu â {theirs})",
    "it is the same as Wales ({ours})": "mae’r un fath â Chymru ({ours})",
    "there is no figure for Wales": "nid oes ffigur ar gyfer Cymru",
    "{moved}: too small a change for the data to tell it from chance": "{moved}: " + CHANCE,
    "{wales}: too small a difference for the data to tell it from chance": (
        "{wales}: mae’r gwahaniaeth yn rhy fach i’r data ddangos nad siawns sy’n gyfrifol amdano"
    ),
    "write what the figure shows, or check the data behind it": (
        "ysgrifennwch yr hyn y mae’r ffigur yn ei ddangos, neu gwiriwch y data y tu ôl iddo"
    ),
    "say it changed little, or give the evidence that it improved": (
        "dywedwch na fu fawr o newid, neu rhowch y dystiolaeth ei fod wedi gwella"
    ),
    # sections not written
    "is not marked final (status: {status}), so the English edition would be published as a DRAFT": (
        "nid yw wedi’i marcio’n derfynol (status: {status}), felly byddai’r fersiwn Saesneg yn cael ei "
        "chyhoeddi fel DRAFFT"
    ),
    "is not marked final (status: {status}), so the Welsh edition would be published as a DRAFT": (
        "nid yw wedi’i marcio’n derfynol (status: {status}), felly byddai’r fersiwn Gymraeg yn cael ei "
        "chyhoeddi fel DRAFFT"
    ),
    "set status: final in its front matter when the section is approved; for a translation, import the "
    "translator's file with every segment marked final ('dirreport translate import FILE')": (
        "gosodwch status: final yn ei blaenfater pan gaiff yr adran ei chymeradwyo; ar gyfer cyfieithiad, "
        "mewnforiwch ffeil y cyfieithydd gyda phob segment wedi’i farcio’n derfynol "
        "(‘dirreport translate import FILE’)"
    ),
    "holds the placeholder '{word}': the section is not written": (
        "mae’r ddalfan ‘{word}’ yn dal ynddi: nid yw’r adran wedi’i hysgrifennu"
    ),
    "write the text it stands for, or remove it": "ysgrifennwch y testun y mae’n ei gynrychioli, neu dilëwch hi",
    "has no text: only front matter, headings or comments": (
        "nid oes testun ynddi: dim ond blaenfater, penawdau neu sylwadau"
    ),
    "write the section; every section of the prescribed form must say something": (
        "ysgrifennwch yr adran; rhaid i bob adran o’r ffurf ragnodedig ddweud rhywbeth"
    ),
    "has only {n} word of its own, fewer than the {least} a written section has": (
        "dim ond {n} gair o’i heiddo ei hun sydd ynddi, llai na’r {least} gair sydd gan adran wedi’i hysgrifennu",
    )
    * 5,
    "write the section in full; figures and charts placed by shortcodes do not count": (
        "ysgrifennwch yr adran yn llawn; nid yw ffigurau a siartiau a osodir gan godau byr yn cyfrif"
    ),
    # units written twice
    "writes the unit '{found}' after {code}, which already prints '{unit}', so the report reads it twice": (
        "mae’n ysgrifennu’r uned ‘{found}’ ar ôl {code}, sydd eisoes yn argraffu ‘{unit}’, felly mae’r "
        "adroddiad yn ei dweud ddwywaith"
    ),
    "remove '{found}' after the shortcode, or print the number alone with {code}": (
        "tynnwch ‘{found}’ ar ôl y cod byr, neu argraffwch y rhif ar ei ben ei hun gyda {code}"
    ),
    "remove '{found}' after the shortcode": "tynnwch ‘{found}’ ar ôl y cod byr",
    "days": "diwrnod",
    "per 10,000": "fesul 10,000",
    "per 1,000": "fesul 1,000",
    # the status board
    "Annual report {year}: where it stands": "Adroddiad blynyddol {year}: y sefyllfa bresennol",
    "{authority}: annual report {year}, status on {date}": (
        "{authority}: adroddiad blynyddol {year}, y sefyllfa ar {date}"
    ),
    "{authority} · report year {year} · status on {date}": (
        "{authority} · blwyddyn yr adroddiad {year} · y sefyllfa ar {date}"
    ),
    "Every section of the report, with its owner and state": ("Pob adran o’r adroddiad, gyda’i pherchennog a’i statws"),
    "Section": "Adran",
    "Owner": "Perchennog",
    "Status": "Statws",
    "Words": "Geiriau",
    "Figures": "Ffigurau",
    "Surveys": "Arolygon",
    "Stories": "Straeon",
    "Quality standards": "Safonau ansawdd",
    "Blocks publication": "Yn atal cyhoeddi",
    "final": "terfynol",
    "draft": "drafft",
    "empty": "gwag",
    "missing": "ar goll",
    "translated": "wedi’i chyfieithu",
    "out of date": "wedi dyddio",
    "not translated": "heb ei chyfieithu",
    "not needed": "dim angen",
    "none": "dim",
    "{n} final": "{n} yn derfynol",
    "{n} draft": "{n} yn ddrafft",
    "{n} empty": "{n} yn wag",
    "{n} missing": "{n} ar goll",
    "{n} section: {states}; {blocked} with problems that block publication; {verdict}": (
        "{n} adran: {states}; {blocked} â phroblemau sy’n atal cyhoeddi; {verdict}",
    )
    * 5,
    "  report: {problem}": "  adroddiad: {problem}",
    "wrote {path}": "ysgrifennwyd {path}",
}
CY |= {
    "none named": "neb wedi’i enwi",
    "Also blocking publication": "Hefyd yn atal cyhoeddi",
}
