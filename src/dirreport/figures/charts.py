"""Drawing charts with matplotlib in one accessible style, cached by what they show.

The style follows the UK Government Analysis Function's guidance (as the
afcharts package does): its colour palette, direct labels instead of legends,
no 3-D, no dual axes, bars from zero, a light horizontal grid.  Text stays
text in SVG (searchable, translatable, sharp) and uses DejaVu Sans, which has
every Welsh letter including ŵ and ŷ.  A chart is drawn only when no chart
with the same specification, style and language is in the cache.
"""

from __future__ import annotations

import os
import textwrap
from pathlib import Path
from typing import Any

from dirreport import toolchain
from dirreport.figures.label_placement import place_labels, tick_labels_collide
from dirreport.figures.specs import WIDTH_IN, ChartSpec

STYLE_VERSION = "18"
PALETTE = {
    "ours": "#12436D",  # Analysis Function dark blue (a brand's primary colour replaces it: ChartSpec.colour)
    # Analysis Function light purple for Wales: unlike orange, it keeps 3:1 against the dark blue and
    # against white for readers with protanopia or deuteranopia as well as for everyone else
    "wales": "#A285D1",
    "wales_text": "#5A4396",  # a darker purple for Wales's labels, so text reaches 4.5:1
    # a second line of the authority's own (budget beside outturn, stage 2 beside stage 1): Wales's colours,
    # which are never on the same chart
    "second": "#A285D1",
    "second_text": "#5A4396",
    "other": "#707070",  # grey hollow markers for the other authorities
    "text": "#0B0C0C",
    "grid": "#D9D9D9",
    "interval": "#0B0C0C",
}
TEXT_COLOURS = {
    "ours": PALETTE["ours"],
    "wales": PALETTE["wales_text"],
    "second": PALETTE["second_text"],
    "other": PALETTE["text"],
}
FONT = "DejaVu Sans"
FONT_PT = 11.5  # a little larger than the body's; the width is the specification's (WIDTH_IN unless wide)
PNG_DPI = 220  # Word's own default picture resolution: Word would resample anything finer on saving


def _pyplot() -> Any:
    """Import matplotlib lazily: a rebuild that draws nothing should not pay for it."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update(
        {
            "font.family": FONT,
            "font.size": FONT_PT,
            "svg.fonttype": "none",
            "svg.hashsalt": "dirreport",
            "axes.edgecolor": PALETTE["text"],
            "axes.labelcolor": PALETTE["text"],
            "xtick.color": PALETTE["text"],
            "ytick.color": PALETTE["text"],
            "text.color": PALETTE["text"],
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.grid": False,
            "figure.dpi": 100,
        }
    )
    return plt


def figure(spec: ChartSpec) -> Any:
    """The matplotlib figure of a specification, by its kind: the one dispatch the build and the benchmarks share."""
    drawers = {
        "trend": _trend,
        "local-trend": _trend,  # a line of the authority's own tables: finance, complaints
        "comparison": _comparison,
        "survey": _bars,
        "composition": _bars,
    }
    return drawers[spec.kind](_pyplot(), spec)


def chart_files(spec: ChartSpec, cache_dir: Path) -> dict[str, Path]:
    """Where a chart's SVG and PNG live in the cache, whether or not they exist yet."""
    stem = f"{spec.kind}-{spec.digest()}-{STYLE_VERSION}-{toolchain.fingerprint('dirreport', 'matplotlib')}"
    pictures = toolchain.fingerprint("typst")
    return {"svg": cache_dir / f"{stem}.svg", "png": cache_dir / f"{stem}-{pictures}-{PNG_DPI}ppi.png"}


def draw(spec: ChartSpec, cache_dir: Path) -> Path:
    """The chart as SVG (for HTML and PDF), drawn by matplotlib once per specification."""
    svg = chart_files(spec, cache_dir)["svg"]
    if svg.exists():
        return svg
    cache_dir.mkdir(parents=True, exist_ok=True)
    fig = figure(spec)
    # the layout engine fits labels once; bbox_inches="tight" would draw the chart twice
    if fig.get_layout_engine() is None:
        fig.set_layout_engine("tight", pad=0.4)
    tmp = svg.with_name(f".{svg.name}.{os.getpid()}.tmp")
    fig.savefig(tmp, format="svg", metadata={"Date": None})
    os.replace(tmp, svg)
    _pyplot().close(fig)
    return svg


def rasterise(specs: list[ChartSpec], cache_dir: Path) -> int:
    """PNGs (for Word) of charts already drawn as SVG, rendered by Typst.

    Typst renders SVG with the same fonts as the PDF, so the Word picture is the
    PDF's chart pixel for pixel, and it is several times faster than asking
    matplotlib to rasterise each chart again.
    """
    import shutil

    from dirreport.figures.fonts import font_paths
    from dirreport.typst_process import PictureJob
    from dirreport.typst_process import rasterise as typst_rasterise

    todo = [s for s in specs if not chart_files(s, cache_dir)["png"].exists()]
    if not todo:
        return 0
    work = cache_dir / f".raster-{os.getpid()}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    try:
        for n, width in enumerate(sorted({s.width_in for s in todo})):  # one Typst run for each width of chart
            (folder := work / str(n)).mkdir()
            pairs = [
                (str(chart_files(s, cache_dir)["svg"]), str(chart_files(s, cache_dir)["png"]))
                for s in todo
                if s.width_in == width
            ]
            typst_rasterise(
                PictureJob(pairs=pairs, work=str(folder), width_in=width, ppi=PNG_DPI, font_paths=font_paths())
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return len(todo)


def _axis_formatter(spec: ChartSpec):  # type: ignore[no-untyped-def]
    from matplotlib.ticker import FuncFormatter

    from dirreport.lang import i18n

    def fmt(value: float, _pos: int) -> str:
        decimals = 0 if float(value).is_integer() else 1
        text = i18n.number(value, spec.lang, decimals)
        return text + "%" if spec.percent_axis else text

    return FuncFormatter(fmt)


def _style_axes(ax, spec: ChartSpec) -> None:  # type: ignore[no-untyped-def]
    ax.yaxis.grid(True, color=PALETTE["grid"], linewidth=0.6)
    ax.set_axisbelow(True)
    ax.spines["left"].set_visible(False)
    ax.tick_params(axis="y", length=0)
    ax.yaxis.set_major_formatter(_axis_formatter(spec))


def _trend(plt, spec: ChartSpec):  # type: ignore[no-untyped-def]
    fig, ax = plt.subplots(figsize=(spec.width_in, 3.1))
    x = list(range(len(spec.categories)))
    top = 0.0
    ends = []
    for series in spec.series:
        points = [(i, v) for i, v in zip(x, series.values, strict=True) if v is not None]
        if not points:
            continue
        xs, ys = zip(*points, strict=True)
        top = max(top, *ys)
        colour = spec.colour if series.role == "ours" else PALETTE[series.role]
        text_colour = spec.colour if series.role == "ours" else TEXT_COLOURS[series.role]
        style = "-" if series.role == "ours" else "--"
        # direct label at the line's end, instead of a legend, with the line's latest value
        last = (
            next(
                (
                    label
                    for v, label in zip(reversed(series.values), reversed(series.labels), strict=False)
                    if v is not None
                ),
                "",
            )
            if len(series.labels) == len(series.values)
            else ""
        )
        for part in _unbroken(points, series.breaks):
            # a break in series: the years either side measure different things, so no line joins them
            pxs, pys = zip(*part, strict=True)
            ax.plot(
                pxs,
                pys,
                style,
                color=colour,
                linewidth=2.2 if series.role == "ours" else 1.8,
                marker="o" if series.role == "ours" else "s",
                markersize=4.5,
                gid=f"series-{series.role}",
            )
        ends.append(
            ax.annotate(
                # the name over the value, so the label takes less of the chart's width from the years
                f"{series.label}\n{_short(last)}".strip(),
                (xs[-1], ys[-1]),
                xytext=(8, 0),
                textcoords="offset points",
                va="center",
                ha="left",
                color=text_colour,
                fontweight="bold",
                gid=f"end-{series.role}",
            )
        )
    ours = spec.series[0]
    values = []
    sides = []
    latest = max((i for i, v in enumerate(ours.values) if v is not None), default=-1)
    for i, (v, label) in enumerate(zip(ours.values, ours.labels, strict=True)):
        if v is not None and i != latest:  # the latest value is in the label at the line's end
            sides.append(_away(v, [s.values[i] for s in spec.series[1:] if i < len(s.values)]))
            values.append(
                ax.annotate(
                    _short(label),
                    (i, v),
                    xytext=(0, 8),
                    textcoords="offset points",
                    ha="center",
                    va="bottom",
                    color=spec.colour,
                    gid=f"value-{i}",
                )
            )
    ax.set_xticks(x, list(spec.categories))  # a year on one line: "2019-20", never "2019-" over "20"
    longest = max((len(line) for t in ends for line in t.get_text().splitlines()), default=0)
    ax.set_xlim(-0.4, len(x) - 0.6 + max(1.0, 0.135 * longest))
    ax.set_ylim(0, (top or 1) * 1.3)
    if spec.percent_axis and top > 80:
        ax.set_ylim(0, 112)
    ax.set_ylabel(spec.value_axis)
    _style_axes(ax, spec)
    _mark_gaps(ax, spec)
    # lay the chart out first, so labels are placed where they will be drawn, then keep that layout
    fig.set_layout_engine("tight", pad=0.4)
    fig.get_layout_engine().execute(fig)
    if tick_labels_collide(fig, ax):
        # five financial years do not fit side by side in a narrow chart: slant them, each still on one line
        for tick in ax.get_xticklabels():
            tick.set(rotation=35, ha="right", rotation_mode="anchor")
        fig.get_layout_engine().execute(fig)
    place_labels(fig, ax, ends, values, sides)
    fig.set_layout_engine("none")
    return fig


def _unbroken(points: list[tuple[int, float]], breaks: tuple[int, ...]) -> list[list[tuple[int, float]]]:
    """The points split where a break in series falls between two of them."""
    parts: list[list[tuple[int, float]]] = [[]]
    for i, point in enumerate(points):
        if i and any(points[i - 1][0] < b <= point[0] for b in breaks):
            parts.append([])
        parts[-1].append(point)
    return parts


def _short(label: str) -> str:
    """A point's label without its unit ("190.7 per 10,000" → "190.7"): the axis names the unit."""
    return label.split(" ")[0] if label[:1].isdigit() or label[:1] == "-" else label


def _away(value: float, others: list[float | None]) -> int:
    """The side of the authority's point its label goes on: away from the other line (1 above, -1 below).

    A label between the two lines reads as the other line's; on the far side it can only be this one's.
    """
    near = [o for o in others if o is not None]
    if not near:
        return 0
    nearest = min(near, key=lambda o: abs(o - value))
    return 1 if value >= nearest else -1


def _mark_gaps(ax, spec: ChartSpec) -> None:  # type: ignore[no-untyped-def]
    """Say on the chart where a year's value is hidden or missing, rather than leave a silent gap."""
    ours = spec.series[0]
    for i, (v, label) in enumerate(zip(ours.values, ours.labels, strict=True)):
        if v is None:
            ax.annotate(label, (i, 0), xytext=(0, 6), textcoords="offset points", ha="center", color=PALETTE["text"])


def _comparison(plt, spec: ChartSpec):  # type: ignore[no-untyped-def]
    fig, ax = plt.subplots(figsize=(spec.width_in, 2.3))
    others = list(spec.others)
    ax.scatter(
        others, [0] * len(others), s=36, facecolors="white", edgecolors=PALETTE["other"], linewidths=1.2, zorder=2
    )
    ours = spec.series[0]
    values = [*others, *(v for s in spec.series for v in s.values if v is not None)]
    low, high = min(values), max(values)
    if ours.values[0] is not None:
        ax.scatter([ours.values[0]], [0], s=110, color=spec.colour, zorder=3)
        # keep the label inside the chart: anchor it on the side away from the nearer edge
        where = (ours.values[0] - low) / ((high - low) or 1)
        align = "left" if where < 0.25 else "right" if where > 0.75 else "center"
        ax.annotate(
            f"{ours.label}: {ours.labels[0]}",
            (ours.values[0], 0),
            xytext=(0, -16),
            textcoords="offset points",
            ha=align,
            va="top",
            color=spec.colour,
            fontweight="bold",
        )
    wales_value = spec.series[1].values[0] if len(spec.series) > 1 else None
    if wales_value is not None:
        wales = spec.series[1]
        ax.axvline(wales_value, color=PALETTE["wales"], linestyle="--", linewidth=1.6, zorder=1)
        # Wales's label sits above the axis, clear of the dots and of this authority's label
        right = (wales_value - low) / ((high - low) or 1) > 0.7
        ax.annotate(
            f"{wales.label}: {wales.labels[0]}",
            (wales_value, 1),
            xytext=(-4 if right else 4, -2),
            textcoords="offset points",
            xycoords=("data", "axes fraction"),
            ha="right" if right else "left",
            va="top",
            color=PALETTE["wales_text"],
            fontweight="bold",
        )
    pad = (high - low) * 0.08 or 1.0
    ax.set_xlim(max(0.0, low - pad) if low >= 0 else low - pad, high + pad)
    ax.set_ylim(-1, 1)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.xaxis.set_major_formatter(_axis_formatter(spec))
    ax.set_xlabel(spec.value_axis)
    return fig


def _bars(plt, spec: ChartSpec):  # type: ignore[no-untyped-def]
    """Horizontal bars, each with its name above it across the whole width, so long names need no squeezing."""
    n = len(spec.categories)
    # a bilingual chart's name has a line for each language: each wrapped on its own
    wrap = round(46 * spec.width_in / WIDTH_IN)  # characters a line across the chart's width
    names = ["\n".join(textwrap.fill(half, wrap) for half in c.split("\n")) for c in spec.categories]
    lines = max((name.count("\n") + 1 for name in names), default=1)
    name_in = lines * FONT_PT * 1.3 / 72
    # a slot a category: its name, its bar, and a gap half a line high; eleven categories stay under
    # two thirds of a page, so a chart is not pushed whole to the next page, leaving this one blank
    bar_in = 0.2
    slot_in = name_in + bar_in + 0.1
    fig, ax = plt.subplots(figsize=(spec.width_in, slot_in * n + 0.8))
    bar = bar_in / slot_in  # in slots, the y axis's unit
    series = spec.series[0]
    y = list(range(n))[::-1]
    values = [v if v is not None else 0.0 for v in series.values]
    ax.barh(y, values, color=spec.colour, height=bar)
    top = max(values) if values else 1.0
    for i, interval in enumerate(spec.intervals):
        if interval is not None and series.values[i] is not None:
            v = series.values[i]
            assert v is not None
            ax.errorbar(
                v,
                y[i],
                xerr=[[v - interval[0]], [interval[1] - v]],
                fmt="none",
                ecolor=PALETTE["interval"],
                elinewidth=1.1,
                capsize=3,
            )
            top = max(top, interval[1])
    for i, label in enumerate(series.labels):
        interval = spec.intervals[i] if i < len(spec.intervals) else None
        end = interval[1] if interval is not None else values[i]
        ax.annotate(label, (end, y[i]), xytext=(5, 0), textcoords="offset points", va="center")
        ax.annotate(names[i], (0, y[i] + bar / 2), xytext=(0, 3), textcoords="offset points", ha="left", va="bottom")
    ax.set_yticks([])
    ax.set_ylim(-bar / 2 - 0.05, n - 1 + 1 - bar / 2)
    limit = 100.0 if spec.percent_axis else top
    ax.set_xlim(0, limit * 1.6)  # room for the value labels, "78.1% (n = 250)", right of the longest bar
    if spec.percent_axis:
        ax.set_xticks([0, 50, 100])
    else:
        ax.xaxis.set_major_locator(plt.MaxNLocator(4))
    ax.xaxis.set_major_formatter(_axis_formatter(spec))
    ax.xaxis.grid(True, color=PALETTE["grid"], linewidth=0.6)
    ax.set_axisbelow(True)
    ax.spines["left"].set_visible(False)
    ax.set_xlabel(textwrap.fill(spec.value_axis, 40))
    return fig
