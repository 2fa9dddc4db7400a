"""Where a trend chart's value labels go: clear of each other and of the lines they label.

Direct labels replace a legend (the Analysis Function's guidance), so they must
never sit on a line or on one another.  matplotlib measures each label as
drawn; the first offset that clashes with nothing wins, else the one that
clashes least.
"""

from __future__ import annotations

import itertools
from typing import Any


def _boxes(fig, texts) -> list[Any]:  # type: ignore[no-untyped-def]
    renderer = fig.canvas.get_renderer()
    return [t.get_window_extent(renderer).padded(3) for t in texts]  # clear of a line's thickness


def _line_points(ax) -> list[tuple[float, float]]:  # type: ignore[no-untyped-def]
    """Points along every data line, in display coordinates, close enough together to find a crossing."""
    import numpy as np

    points = []
    for line in ax.get_lines():
        if not str(line.get_gid() or "").startswith("series-"):
            continue
        xy = ax.transData.transform(np.column_stack(line.get_data()))
        for (x0, y0), (x1, y1) in itertools.pairwise(xy):
            steps = max(2, int(max(abs(x1 - x0), abs(y1 - y0)) / 2))
            points += [(x0 + (x1 - x0) * k / steps, y0 + (y1 - y0) * k / steps) for k in range(steps + 1)]
        points += [tuple(p) for p in xy]
    return points


def place_labels(fig, ax, ends, values) -> None:  # type: ignore[no-untyped-def]
    """Move labels off each other and off the lines: line ends apart, each value above or below its point."""
    points = _line_points(ax)
    if len(ends) == 2:
        first, second = _boxes(fig, ends)
        if first.overlaps(second):
            # push the two line-end labels apart, the higher up and the lower down
            upper, lower = sorted(ends, key=lambda t: -ax.transData.transform(t.xy)[1])
            gap = (min(first.y1, second.y1) - max(first.y0, second.y0)) / fig.dpi * 72 / 2 + 2
            upper.set_position((8, gap))
            lower.set_position((8, -gap))
    placed = _boxes(fig, ends)
    offsets = [(0, 8), (0, -8), (0, 18), (0, -18), (-10, 8), (10, 8), (-10, -8), (10, -8), (0, 30), (0, -30)]
    for n, text in enumerate(values):
        best, fewest = offsets[0], None
        # the first year's label never leans left, towards the axis's own labels
        for offset in (o for o in offsets if n > 0 or o[0] >= 0):
            box = _try(fig, text, offset)
            clashes = sum(box.overlaps(o) for o in placed) * 10 + sum(box.contains(x, y) for x, y in points)
            if fewest is None or clashes < fewest:
                best, fewest = offset, clashes
            if clashes == 0:
                break
        placed.append(_try(fig, text, best))


def _try(fig, text, offset: tuple[int, int]) -> Any:  # type: ignore[no-untyped-def]
    """Where a value label would be drawn at this offset from its point."""
    text.set_position(offset)
    text.set_va("bottom" if offset[1] > 0 else "top" if offset[1] < 0 else "center")
    text.set_ha("center" if offset[0] == 0 else "right" if offset[0] < 0 else "left")
    (box,) = _boxes(fig, [text])
    return box
