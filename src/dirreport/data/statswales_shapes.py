"""The shapes in which StatsWales tables are downloaded, read as one long table.

People bring StatsWales figures in several shapes, and each should import as it
was downloaded:

- the legacy OData feed and the ``statswalesr`` package: one dimension spread
  over several columns (``Area_Code``, ``Area_AltCode1``, ``Area_ItemName_ENG``,
  ``Measure_Code``, ``Measure_ItemName_ENG`` …) and the figure in ``Data``;
  ``Area_Code`` is StatsWales' own area number (512, 596 …) and the ONS code is
  in ``Area_AltCode1``;
- the bulk download: the same names with ``_STR``, ``_INT`` or ``_DEC`` after them;
- the new StatsWales site's CSV and XLSX downloads: ``Area, Year, Data description,
  Data values, Notes`` in English, ``Ardal, Blwyddyn, Disgrifiad o'r data,
  Gwerthoedd data, Nodiadau`` in Welsh, often under a title row or several;
- the short form ``AreaCode, YearCode, NoteCodes, Measure, Data``.

A download may also break each figure down further (an age band, a sex): such
a column is named, with its values, so the user can choose one with
``--where "Age=All ages"``.

StatsWales' own area numbers are not mapped by a table of ours: no list of
them could be checked against a published source, so an area is found from
its ONS code (``Area_AltCode1``) or its name, and a row with only the number
is listed with that advice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from dirreport.errors import InputError, Problem

# the names StatsWales and its users give each role, compared without case, spaces, underscores or apostrophes;
# the first of a role's names that a download has is the column read, in this order of preference
ROLE_NAMES = {
    "authority": (
        "areacode",
        "area",
        "localauthoritycode",
        "localauthority",
        "authority",
        "authoritycode",
        "ardal",
        "codardal",
        "awdurdodlleol",
        "areaname",
        "localauthorityname",
        "enwrardal",
    ),
    "year": ("yearcode", "year", "financialyear", "blwyddyn", "blwyddynariannol"),
    "metric": (
        "measurecode",
        "measure",
        "metric",
        "metriccode",
        "indicatorcode",
        "indicator",
        "variable",
        "datadescription",
        "disgrifiadordata",
        "mesur",
    ),
    "value": ("data", "value", "datavalues", "datavalue", "gwerthoedddata", "gwerthdata", "gwerth", "gwerthoedd"),
    "note": ("notecodes", "notecode", "notes", "note", "nodiadau", "nodyn", "codaunodiadau"),
}
REQUIRED = ("authority", "year", "metric", "value")
# what each role reads first among a dimension's columns: an ONS code before StatsWales' own number, a code
# before a name
FACET_ORDER = {
    "authority": ("altcode1", "altcode2", "altcode3", "", "code", "en", "cy"),
    "year": ("code", "", "en", "cy"),
    "metric": ("code", "", "en", "cy"),
    "value": ("", "code", "en"),
    "note": ("", "code", "en"),
}
SHOWN_FACETS = ("en", "", "cy", "code", "altcode1")  # how a breakdown's value is named in a message
# a dimension's columns in the OData and bulk downloads: Area_Code, Area_AltCode1, Area_ItemName_ENG, …
_FACET = re.compile(
    r"^(?P<dim>.+?)[ _](?P<facet>code|altcode\d|itemname[ _](?:eng|wel|cym)|sortorder|hierarchy|"
    r"itemnotes[ _](?:eng|wel|cym)|description[ _](?:eng|wel|cym))$",
    re.IGNORECASE,
)
_BULK_TYPE = re.compile(r"[ _](str|int|dec)$", re.IGNORECASE)  # the bulk download's column types
IGNORED_FACETS = ("sortorder", "hierarchy", "itemnotes", "description")
IGNORED_COLUMNS = ("rowkey", "partitionkey", "")
# a header is found among the first rows, under a title row or several
HEADER_SEARCH = 30


def normal_name(text: str) -> str:
    """A column or dimension name compared without case, spaces, underscores, hyphens or apostrophes."""
    return re.sub(r"[\s_\-'’]", "", text.lower())


def normal_text(text: str) -> str:
    """A cell compared without case or repeated spaces, with one kind of apostrophe."""
    return " ".join(text.replace("’", "'").casefold().split())


@dataclass
class Dimension:
    """One dimension of a download and the columns that hold it: facet ('' plain, code, altcode1, en, cy) -> index."""

    name: str  # as the download names it: "Area", "Age band"
    key: str  # normal_name(name)
    columns: dict[str, int] = field(default_factory=dict)

    def values(self, row: Sequence[str], order: Iterable[str]) -> list[str]:
        """The non-empty cells of this dimension in a row, in the facet order given."""
        out = []
        for facet in order:
            index = self.columns.get(facet)
            if index is not None and index < len(row) and row[index]:
                out.append(row[index])
        return out

    def shown(self, row: Sequence[str]) -> str:
        """The cell a reader knows this dimension's value by (its English name before its code)."""
        found = self.values(row, (*SHOWN_FACETS, *self.columns))
        return found[0] if found else ""


@dataclass(frozen=True)
class Shape:
    """Where a download's header is and what each of its columns holds."""

    header_row: int  # 1-based
    header: tuple[str, ...]
    roles: dict[str, Dimension]
    others: tuple[Dimension, ...]  # every other dimension: a breakdown if it varies for one area, year and measure

    def column_of(self, role: str) -> str | None:
        """The header of the column a role is read from, for a message about a cell."""
        dimension = self.roles.get(role)
        if dimension is None:
            return None
        index = next(iter(dimension.columns[f] for f in FACET_ORDER[role] if f in dimension.columns), None)
        return self.header[index] if index is not None else dimension.name


def _facet(column: str) -> tuple[str, str]:
    """('Area', 'altcode1') for Area_AltCode1, ('Age', 'en') for Age_ItemName_ENG_STR, ('Notes', '') for Notes."""
    text = _BULK_TYPE.sub("", column.strip())
    m = _FACET.match(text)
    if not m:
        return text, ""
    facet = normal_name(m.group("facet"))
    if facet.startswith("itemname"):
        facet = "en" if facet.endswith("eng") else "cy"
    elif facet.startswith(IGNORED_FACETS):
        facet = "ignored"
    return m.group("dim"), facet


def dimensions(header: Sequence[str]) -> list[Dimension]:
    """The header's columns gathered into dimensions, in the order they first appear."""
    found: dict[str, Dimension] = {}
    for index, column in enumerate(header):
        name, facet = _facet(column)
        key = normal_name(name)
        if facet == "ignored" or key in IGNORED_COLUMNS:
            continue
        dimension = found.setdefault(key, Dimension(name.strip(), key))
        dimension.columns.setdefault(facet, index)
    return list(found.values())


def _roles(found: list[Dimension]) -> tuple[dict[str, Dimension], list[Dimension]]:
    """Each role's dimension; several dimensions of one role (Area and Area code) are read as one."""
    roles: dict[str, Dimension] = {}
    taken: set[str] = set()
    for role, names in ROLE_NAMES.items():
        matching = sorted((d for d in found if d.key in names and d.key not in taken), key=lambda d: names.index(d.key))
        if not matching:
            continue
        if role in ("value", "note"):  # one figure and one note column: a second is not merged into the first
            matching = matching[:1]
        merged = Dimension(matching[0].name, matching[0].key, dict(matching[0].columns))
        for extra in matching[1:]:
            for facet, index in extra.columns.items():
                # a plain column of another name (Area code beside Area) is read after the first's plain one
                merged.columns.setdefault(facet if facet not in merged.columns else f"{facet}+{extra.key}", index)
        roles[role] = merged
        taken |= {d.key for d in matching}
    return roles, [d for d in found if d.key not in taken]


def find_shape(rows: list[list[str]], name: str) -> Shape:
    """The header row (the first with columns for area, year, measure and value) and each column's role."""
    best: tuple[int, int] | None = None  # (roles found, row index)
    for i, row in enumerate(rows[:HEADER_SEARCH]):
        if sum(1 for c in row if c) < 2:
            continue  # a title, a blank line
        roles, _others = _roles(dimensions(row))
        score = sum(1 for r in REQUIRED if r in roles)
        if score == len(REQUIRED):
            best = (score, i)
            break
        if best is None or score > best[0]:
            best = (score, i)
    if best is None:
        raise InputError(Problem("has no header row", file=name, hint="the first row must name the columns"))
    index = best[1]
    header = tuple(rows[index])
    _refuse_repeated_columns(header, name, index + 1)
    roles, others = _roles(dimensions(header))
    missing = [role for role in REQUIRED if role not in roles]
    if missing:
        raise InputError(
            Problem(
                f"has no column for {', '.join(missing)} (found: {', '.join(c for c in header if c) or 'none'})",
                file=name,
                line=index + 1,
                position_kind="row",
                hint="a StatsWales table has columns for the area, the year, the measure and the figure: "
                "AreaCode, YearCode, Measure and Data; Area_AltCode1, Year_Code, Measure_ItemName_ENG and Data; "
                "or Area, Year, Data description and Data values (Ardal, Blwyddyn, Disgrifiad o'r data and "
                "Gwerthoedd data)",
            )
        )
    return Shape(index + 1, header, roles, tuple(others))


def _refuse_repeated_columns(header: tuple[str, ...], name: str, row: int) -> None:
    """Two columns of one name ('Data' and 'data'): which one holds the figure cannot be known."""
    seen: dict[tuple[str, str], str] = {}
    for column in header:
        dim, facet = _facet(column)
        key = (normal_name(dim), facet)
        if facet == "ignored" or key[0] in IGNORED_COLUMNS:
            continue
        if key in seen:
            raise InputError(
                Problem(
                    f"has two columns named '{seen[key]}' and '{column}'",
                    file=name,
                    line=row,
                    position_kind="row",
                    hint="delete or rename one of them, so each column of the header has a name of its own",
                )
            )
        seen[key] = column


def parse_where(items: Iterable[str]) -> list[tuple[str, str]]:
    """``--where "Age=All ages"`` as (column, value) pairs."""
    out = []
    for item in items:
        column, sep, value = item.partition("=")
        if not sep or not column.strip() or not value.strip():
            raise InputError(Problem(f"--where '{item}' is not COLUMN=VALUE", hint='write --where "Age=All ages"'))
        out.append((column.strip(), value.strip()))
    return out


def where_filter(
    shape: Shape, rows: list[tuple[int, list[str]]], wanted: list[tuple[str, str]], name: str
) -> list[tuple[int, list[str]]]:
    """Only the rows whose column holds the value chosen with --where; a column or value not there is an error."""
    every = [*shape.roles.values(), *shape.others]
    for column, value in wanted:
        key = normal_name(_BULK_TYPE.sub("", column))
        dimension = next((d for d in every if d.key == key or normal_name(_facet(column)[0]) == d.key), None)
        if dimension is None:
            names = ", ".join(d.name for d in every)
            raise InputError(
                Problem(
                    f"has no column '{column}' to choose from with --where (its columns: {names})",
                    file=name,
                    line=shape.header_row,
                    position_kind="row",
                    hint=f'name one of its columns, e.g. --where "{(shape.others or every)[0].name}=…"',
                )
            )
        target = normal_text(value)
        kept = [
            (n, row)
            for n, row in rows
            if any(normal_text(v) == target for v in dimension.values(row, dimension.columns))
        ]
        if not kept:
            seen = sorted({dimension.shown(row) for _n, row in rows}, key=lambda v: (not _is_total(v), v))
            raise InputError(
                Problem(
                    f"has no row whose {dimension.name} is '{value}' (its values: {_listed(seen)})",
                    file=name,
                    hint=f'choose one of them, e.g. --where "{dimension.name}={seen[0] if seen else value}"',
                )
            )
        rows = kept
    return rows


def breakdown_problem(dimension: Dimension, values: Iterable[str], name: str, header_row: int) -> Problem:
    """A column that splits each area, year and measure further: name it, its values, and how to choose one."""
    seen = sorted(set(values), key=lambda v: (not _is_total(v), v))
    return Problem(
        f"breaks each figure down by {dimension.name} ({_listed(seen)}): each area, year and measure "
        f"appears once for each {dimension.name}",
        file=name,
        line=header_row,
        position_kind="row",
        column=dimension.name,
        hint=f'choose one with --where "{dimension.name}={seen[0]}" (the option may be given more than once)',
    )


def _is_total(value: str) -> bool:
    """'All ages', 'Total', 'Pob oed', 'Cyfanswm': the value that stands for the whole."""
    words = normal_text(value).split()
    return bool(words) and (words[0] in ("all", "total", "pob", "cyfanswm", "persons", "pawb") or "total" in words)


def _listed(values: list[str], most: int = 8) -> str:
    shown = ", ".join(f"'{v}'" for v in values[:most])
    return shown + (f" and {len(values) - most} more" if len(values) > most else "")
