"""``data/case-studies.csv``: people's experiences told as a case study, checked row by row.

One row per case study, so a comms team can keep them in a spreadsheet: an
id to place it with ``{{< case-study ID >}}``, the person's consent, the
quality standards it shows (QS1 to QS8), and in English and Welsh a title,
how the labels name the person, and three parts — what mattered to them,
what we did, the difference it made.  A part may hold paragraphs separated by
a blank line.  Whether each language's text is there is checked where the
case study is placed, since an edition in one language needs only its own.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import TYPE_CHECKING

from dirreport.data.model import CaseStudy
from dirreport.data.rows import cell
from dirreport.data.tables import RawTable
from dirreport.errors import Problem, ProblemCollector

if TYPE_CHECKING:
    import pandas as pd

CONSENT_YES = ("yes", "ydy", "y", "true")
CONSENT_NO = ("no", "nac ydy", "n", "false")
PARTS = ("title", "person", "mattered", "did", "difference")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_STANDARD = re.compile(r"^(?:QS)?\s*(\d+)$", re.IGNORECASE)


def consent_of(text: str) -> bool | None:
    """Yes, no, or None when the cell says neither."""
    value = text.strip().lower()
    if value in CONSENT_YES:
        return True
    if value in CONSENT_NO:
        return False
    return None


def parse_standards(text: str, known: Collection[str]) -> tuple[tuple[str, ...], list[str]]:
    """The standards a cell names ("QS1; QS3", "qs2, QS4" or "1 3") and the names it holds that are not standards."""
    found: list[str] = []
    unknown: list[str] = []
    for piece in re.split(r"[,;/\s]+", text.strip()):
        if not piece:
            continue
        m = _STANDARD.match(piece)
        code = f"QS{int(m.group(1))}" if m else piece
        if code not in known:
            unknown.append(piece)
        elif code not in found:
            found.append(code)
    return tuple(found), unknown


def read_case_studies(table: RawTable, standards: Collection[str], collector: ProblemCollector) -> dict[str, CaseStudy]:
    """Every row checked; a row with a problem is reported with its number and left out."""
    frame = table.frame
    out: dict[str, CaseStudy] = {}
    listed = ", ".join(sorted(standards, key=lambda s: int(s[2:]) if s[2:].isdigit() else 99))
    for idx in frame.index:
        row = int(table.rows[idx])

        def add(message: str, column: str, hint: str, row: int = row, idx: object = idx) -> None:
            collector.add(
                Problem(message, file=table.where_of(idx), line=row, position_kind="row", column=column, hint=hint)
            )

        cid = cell(frame, idx, "id")
        if not _ID.match(cid):
            add(
                f"case study id '{cid}' is empty or holds spaces or punctuation" if cid else "case study has no id",
                "id",
                "give it a short id of letters, digits and hyphens, such as CS-01, to place it with "
                "{{< case-study CS-01 >}}",
            )
            continue
        consent = consent_of(cell(frame, idx, "consent"))
        if consent is None:
            add(
                f"consent '{cell(frame, idx, 'consent')}' for case study {cid} is not yes or no",
                "consent",
                "write yes only when the person agreed to publication, otherwise no",
            )
            continue
        linked, unknown = parse_standards(cell(frame, idx, "standards"), standards)
        if unknown:
            add(
                f"case study {cid} names {', '.join(repr(u) for u in unknown)}, which is not a quality standard",
                "standards",
                f"name the quality standards it shows from {listed}, separated by semicolons (e.g. QS1; QS3)",
            )
            continue
        if not linked:
            add(
                f"case study {cid} names no quality standard",
                "standards",
                f"name the quality standards it shows from {listed}, separated by semicolons (e.g. QS1; QS3)",
            )
            continue
        if cid in out:
            add(f"case study id '{cid}' is used twice", "id", "give each case study its own id")
            continue

        def both(part: str, idx: object = idx) -> dict[str, str]:
            return {lang: _text(frame, idx, f"{part}_{lang}") for lang in ("en", "cy")}

        out[cid] = CaseStudy(
            id=cid,
            consent=consent,
            standards=linked,
            title=both("title"),
            person=both("person"),
            mattered=both("mattered"),
            did=both("did"),
            difference=both("difference"),
            row=row,
        )
    return out


def _text(frame: pd.DataFrame, idx: object, column: str) -> str:
    """A cell's text, or nothing for an optional column the file leaves out (``person_en``, ``person_cy``)."""
    return cell(frame, idx, column).replace("\r\n", "\n") if column in frame.columns else ""


def paragraphs(text: str) -> list[str]:
    """A part's paragraphs: a blank line in the cell starts a new one; single line breaks are spaces."""
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
