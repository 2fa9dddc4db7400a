"""A trend chart's lettering as matplotlib lays it out: years on one line, labels clear of the axis and of Wales.

Measured on the drawn figure (each text's extent in display pixels), on the
shapes the sample's charts take: the authority above Wales near 100%, below it,
and a long Welsh place name.
"""

from __future__ import annotations

import itertools
import math
from pathlib import Path
from typing import Any

import pytest

from dirreport.figures import charts
from dirreport.figures.specs import ChartSpec, Series

YEARS = ("2019-20", "2020-21", "2021-22", "2022-23", "2023-24")


def trend(ours: tuple[float, ...], wales: tuple[float, ...], name: str = "Glanafon", lang: str = "en") -> ChartSpec:
    def labels(values: tuple[float, ...]) -> tuple[str, ...]:
        return tuple(f"{v:.1f}%" for v in values)

    return ChartSpec(
        id="t",
        kind="trend",
        lang=lang,
        title="A trend",
        categories=YEARS,
        series=(
            Series(name, ours, "ours", labels(ours)),
            Series("Wales" if lang == "en" else "Cymru", wales, "wales", labels(wales)),
        ),
        value_axis="Percentage" if lang == "en" else "Canran",
        percent_axis=True,
    )


SHAPES = {
    "above Wales, near 100%": trend((91.2, 87.8, 85.5, 86.0, 84.6), (76.1, 77.0, 78.0, 78.4, 79.4)),
    "below Wales": trend((73.0, 72.3, 71.6, 68.8, 68.0), (75.0, 75.9, 76.3, 77.1, 77.4)),
    "crossing Wales": trend((70.0, 76.0, 80.0, 78.0, 75.2), (75.0, 75.0, 75.5, 75.6, 75.9)),
    "a long Welsh name": trend(
        (43.0, 45.1, 43.7, 47.7, 47.1), (53.8, 54.4, 55.3, 55.5, 56.9), "Rhondda Cynon Taf", "cy"
    ),
}


@pytest.fixture(params=list(SHAPES), scope="module")
def drawn(request: pytest.FixtureRequest) -> Any:
    spec = SHAPES[request.param]
    fig = charts.figure(spec)
    yield spec, fig, fig.axes[0], fig.canvas.get_renderer()
    charts._pyplot().close(fig)


def test_year_labels_are_on_one_line_and_apart(drawn: Any) -> None:
    spec, _fig, ax, renderer = drawn
    ticks = [t for t in ax.get_xticklabels() if t.get_text()]
    assert [t.get_text() for t in ticks] == list(spec.categories)  # "2019-20", never "2019-" over "20"
    angle = math.radians(ticks[0].get_rotation())
    if angle == 0:
        boxes = [t.get_window_extent(renderer) for t in ticks]
        for a, b in itertools.pairwise(boxes):
            assert not a.overlaps(b), (a, b)
    else:
        # slanted, each on one line: parallel lines of text clear of each other across their slant
        height = max(
            renderer.get_text_width_height_descent(
                t.get_text(), t.get_fontproperties(), "TeX" if t.get_usetex() else False
            )[1]
            for t in ticks
        )
        anchors = [ax.transData.transform((t.get_position()[0], 0))[0] for t in ticks]
        step = min(b - a for a, b in itertools.pairwise(anchors))
        assert step * math.sin(angle) > height, (step, height)


def test_value_labels_are_clear_of_the_axis_labels(drawn: Any) -> None:
    _spec, _fig, ax, renderer = drawn
    axis = [t.get_window_extent(renderer) for t in ax.get_yticklabels() if t.get_text()]
    left = ax.get_window_extent(renderer).x0
    for text in ax.texts:
        box = text.get_window_extent(renderer)
        assert box.x0 >= left, (text.get_text(), "crosses into the axis's labels")  # "100%91.2%"
        assert not any(box.overlaps(a) for a in axis), text.get_text()


def test_the_authoritys_labels_sit_on_the_side_away_from_wales(drawn: Any) -> None:
    spec, _fig, ax, renderer = drawn
    ours, wales = spec.series
    for text in ax.texts:
        gid = str(text.get_gid() or "")
        if not gid.startswith("value-"):
            continue
        i = int(gid.removeprefix("value-"))
        value, other = ours.values[i], wales.values[i]
        assert value is not None and other is not None
        box = text.get_window_extent(renderer)
        point_y = ax.transData.transform((i, value))[1]
        if value > other:
            assert box.y0 > point_y, (text.get_text(), "between the lines, below the authority's point")
        else:
            assert box.y1 < point_y, (text.get_text(), "between the lines, above the authority's point")


def test_a_chart_of_one_bar_is_printed_as_its_table(tmp_path: Path) -> None:
    from dirreport.assemble.figure_book import FigureBook
    from dirreport.figures.specs import Figure, Table

    def survey(n: int) -> Figure:
        names = tuple(f"Staff reporting they feel supported ({k})" for k in range(n))
        spec = ChartSpec(
            id=f"survey-{n}",
            kind="survey",
            lang="en",
            title="What staff told us",
            categories=names,
            series=(Series("What staff told us", (89.7,) * n, "ours", ("89.7% (n = 194)",) * n),),
            value_axis="Percentage who answered positively",
            percent_axis=True,
        )
        table = Table(
            id=f"data-survey-{n}",
            caption="Data for the chart: What staff told us",
            header=("Survey measure", "2023-24"),
            rows=tuple((name, "89.7%") for name in names),
            numbers=tuple((name, 89.7) for name in names),
            align=("l", "r"),
        )
        return Figure(spec.id, spec, "What staff told us", "89.7% of staff feel supported.", table)

    book = FigureBook("en", tmp_path, "pandoc")
    one = str(book.figure(survey(1)))
    assert not book.figures and "<svg" not in one and "Figure" not in one
    assert "Table 1: What staff told us" in one and "supported (0)" in one
    two = str(book.figure(survey(2)))
    assert len(book.figures) == 1 and "Figure 1: What staff told us" in two
