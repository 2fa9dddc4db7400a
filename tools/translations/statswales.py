"""Welsh for the messages about breaks in series and StatsWales downloads."""

CY = {
    "The series changed in {year}, so earlier years are not compared.": (
        "Newidiodd y gyfres yn {year}, felly ni chaiff blynyddoedd cynharach eu cymharu."
    ),
    "The total is not compared with {year}: the series changed in {this_year}.": (
        "Ni chaiff y cyfanswm ei gymharu â {year}: newidiodd y gyfres yn {this_year}."
    ),
}
