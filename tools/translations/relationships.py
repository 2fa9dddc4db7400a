"""Welsh for the messages of the relationships, rounding, complements and change-against-an-earlier-year work."""

CY = {
    "{value} ({numerator} of {denominator} WTE)": "{value} ({numerator} o {denominator} CALl)",
    "Number (WTE)": "Nifer (CALl)",
    "Out of (WTE)": "Allan o (CALl)",
    "{change} (since {year})": "{change} (ers {year})",
    "Where the {year} figure is not shown, the change is measured against the latest earlier year that is "
    "shown, and the cell names that year.": "Lle nad yw ffigur {year} yn cael ei ddangos, caiff y newid ei fesur "
    "yn erbyn y flwyddyn gynharach ddiweddaraf a ddangosir, ac mae’r gell yn enwi’r flwyddyn honno.",
    "Figures are rounded to the decimals shown, halves upwards: 31.95% is printed 32.0%, and 6.25% "
    "is printed 6.3%. Changes are worked out from the rounded figures.": "Caiff ffigurau eu talgrynnu i’r "
    "lleoedd degol a ddangosir, gyda hanner yn cael ei dalgrynnu i fyny: caiff 31.95% ei argraffu fel 32.0%, "
    "a 6.25% fel 6.3%. Caiff newidiadau eu cyfrifo o’r ffigurau wedi’u talgrynnu.",
    "A percentage is also hidden, and marked [c], when the cases it leaves out number 1 to 4: 95.7% of 23 "
    "would tell the reader that 1 case was left out.": "Caiff canran ei chuddio hefyd, a’i nodi â [c], pan fo’r "
    "achosion y mae’n eu gadael allan rhwng 1 a 4: byddai 95.7% o 23 yn dweud wrth y darllenydd fod 1 achos "
    "wedi’i adael allan.",
    "Where last year's figure is not shown ([c] or [x]), a change is measured against the latest earlier "
    "year that is shown, and the table and the sentence name that year.": "Lle nad yw ffigur y llynedd yn cael "
    "ei ddangos ([c] neu [x]), caiff newid ei fesur yn erbyn y flwyddyn gynharach ddiweddaraf a ddangosir, ac "
    "mae’r tabl a’r frawddeg yn enwi’r flwyddyn honno.",
    "Some percentages divide one count by another that does not contain it: {items}. They can be above "
    "100%, and a change in them is judged as a rate, by the exact Poisson test of this year's count "
    "against last year's with each year's denominator as its exposure, at the 5% level.": "Mae rhai canrannau’n "
    "rhannu un nifer ag un arall nad yw’n ei chynnwys: {items}. Gallant fod yn uwch na 100%, a chaiff newid "
    "ynddynt ei farnu fel cyfradd, drwy’r prawf Poisson union o nifer eleni yn erbyn nifer y llynedd, gydag "
    "enwadur pob blwyddyn yn sail iddi, ar y lefel 5%.",
    "This report rests on {n} statistical tests at the 5% level. Even if nothing had really changed, "
    "about {chance} of them would be expected to pass by chance alone (1 in 20), so one change marked "
    "▲ or ▼ is a reason to look closer, not proof on its own.": "Mae’r adroddiad hwn yn dibynnu ar {n} o "
    "brofion ystadegol ar y lefel 5%. Hyd yn oed pe na bai dim wedi newid mewn gwirionedd, byddai disgwyl i "
    "oddeutu {chance} ohonynt basio drwy siawns yn unig (1 o bob 20), felly mae un newid a nodwyd â ▲ neu ▼ yn "
    "rheswm i edrych yn fanylach, nid yn brawf ar ei ben ei hun.",
}
