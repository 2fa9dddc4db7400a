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


def tick_labels_collide(fig, ax) -> bool:  # type: ignore[no-untyped-def]
    """Whether two of the horizontal axis's labels, drawn level, would touch: then they are slanted instead."""
    boxes = _boxes(fig, [t for t in ax.get_xticklabels() if t.get_text()])
    return any(a.x1 > b.x0 for a, b in itertools.pairwise(boxes))


def place_labels(fig, ax, ends, values, sides=None) -> None:  # type: ignore[no-untyped-def]
    """Move labels off each other and off the lines: line ends apart, each value above or below its point.

    ``sides`` says, for each value label, the side of its point it must keep to (1 above, -1 below, 0
    either): the side away from the other line, so a label never sits between two lines and reads as the
    other line's.  No label crosses the plot's left edge into the axis's own labels ("100%91.2%").
    """
    points = _line_points(ax)
    if len(ends) == 2:
        first, second = _boxes(fig, ends)
        if first.overlaps(second):
            # push the two line-end labels apart, the higher up and the lower down
            upper, lower = sorted(ends, key=lambda t: -ax.transData.transform(t.xy)[1])
            gap = (min(first.y1, second.y1) - max(first.y0, second.y0)) / fig.dpi * 72 / 2 + 2
            upper.set_position((8, gap))
            lower.set_position((8, -gap))
    placed = _boxes(fig, ends) + _boxes(fig, [t for t in ax.get_yticklabels() if t.get_text()])
    left = ax.get_window_extent().x0
    offsets = [(0, 8), (0, -8), (0, 18), (0, -18), (-10, 8), (10, 8), (-10, -8), (10, -8), (0, 30), (0, -30)]
    offsets += [(2, 8), (2, -8), (2, 18), (2, -18)]  # leaning right, for a first year near the axis
    sides = list(sides or [0] * len(values))
    for n, text in enumerate(values):
        side = sides[n] if n < len(sides) else 0
        allowed = [o for o in offsets if side == 0 or o[1] * side > 0]
        best, fewest = allowed[0], None
        for offset in allowed:
            box = _try(fig, text, offset)
            clashes = (
                sum(box.overlaps(o) for o in placed) * 10
                + sum(box.contains(x, y) for x, y in points)
                + (100 if box.x0 < left else 0)
            )
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
