"""Charts read on a phone and in the bilingual page: lettering large enough, labels apart and off the lines.

Each edition's HTML is opened in Chromium (the charts are inline SVG) and the
browser says where every piece of chart text is drawn and how large: on a
390 px wide screen, and on a desktop where the bilingual edition sets its two
languages side by side.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import EDITIONS, output_file
from test_browser import browser, visit  # noqa: F401  (the browser fixture)

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
SMALLEST_PX = 12

MEASURE = """() => {
    const charts = [];
    for (const svg of document.querySelectorAll('figure.chart svg')) {
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        const texts = [...svg.querySelectorAll('text')].filter(t => t.textContent.trim()).map(t => {
            const r = t.getBoundingClientRect();
            const size = parseFloat(getComputedStyle(t).fontSize);
            // the text's own box turned as drawn: a slanted year's corners, not the upright box around it
            const b = t.getBBox(), m = t.getScreenCTM();
            const corners = [[b.x, b.y], [b.x + b.width, b.y], [b.x + b.width, b.y + b.height], [b.x, b.y + b.height]]
                .map(([x, y]) => [m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f]);
            return {text: t.textContent.trim(), px: size * scale, box: [r.left, r.top, r.right, r.bottom], corners};
        });
        // points along each data line (matplotlib's gid series-ours / series-wales), in page pixels
        const lines = [...svg.querySelectorAll('[id$="series-ours"] > path, [id$="series-wales"] > path')].map(p => {
            const m = p.getScreenCTM(), length = p.getTotalLength(), pts = [];
            for (let d = 0; d <= length; d += 1) {
                const q = p.getPointAtLength(d);
                pts.push([m.a * q.x + m.c * q.y + m.e, m.b * q.x + m.d * q.y + m.f]);
            }
            return pts;
        });
        charts.push({id: svg.id || svg.parentElement.id, texts, lines});
    }
    return charts;
}"""


def overlap(a: list[float], b: list[float], slack: float = 0.5) -> bool:
    return a[0] < b[2] - slack and b[0] < a[2] - slack and a[1] < b[3] - slack and b[1] < a[3] - slack


def shapes_overlap(a: list[list[float]], b: list[list[float]], slack: float = 0.5) -> bool:
    """Whether two drawn text boxes (four corners each, turned as drawn) overlap: no axis separates them."""
    for shape in (a, b):
        for (x0, y0), (x1, y1) in zip(shape, shape[1:] + shape[:1], strict=True):
            nx, ny = y0 - y1, x1 - x0
            length = (nx * nx + ny * ny) ** 0.5 or 1.0
            pa = [(nx * x + ny * y) / length for x, y in a]
            pb = [(nx * x + ny * y) / length for x, y in b]
            if max(pa) <= min(pb) + slack or max(pb) <= min(pa) + slack:
                return False
    return True


def inside(point: list[float], box: list[float], slack: float = 0.5) -> bool:
    return box[0] + slack < point[0] < box[2] - slack and box[1] + slack < point[1] < box[3] - slack


def charts_in(browser: Any, path: Path, viewport: dict[str, int]) -> list[dict[str, Any]]:  # noqa: F811
    with visit(browser, path, viewport) as seen:
        return list(seen.page.evaluate(MEASURE))


@pytest.mark.parametrize(("edition", "viewport"), [("en", PHONE), ("cy", PHONE), ("bilingual", DESKTOP)])
def test_chart_text_is_at_least_12_pixels(
    built_sample: Path,
    browser: Any,  # noqa: F811
    edition: str,
    viewport: dict[str, int],
) -> None:
    charts = charts_in(browser, output_file(built_sample, edition, "html"), viewport)
    assert charts
    small = [(c["id"], t["text"], round(t["px"], 1)) for c in charts for t in c["texts"] if t["px"] < SMALLEST_PX]
    assert not small, small[:10]


@pytest.mark.parametrize("edition", EDITIONS)
def test_chart_labels_do_not_overlap_each_other_or_the_lines(
    built_sample: Path,
    browser: Any,  # noqa: F811
    edition: str,
) -> None:
    charts = charts_in(browser, output_file(built_sample, edition, "html"), PHONE)
    clashes = []
    for chart in charts:
        texts = chart["texts"]
        for i, a in enumerate(texts):
            for b in texts[i + 1 :]:
                if overlap(a["box"], b["box"]) and shapes_overlap(a["corners"], b["corners"]):
                    clashes.append((chart["id"], a["text"], b["text"]))
            if any(inside(p, a["box"], 1.5) for line in chart["lines"] for p in line):
                clashes.append((chart["id"], a["text"], "a line"))
    assert not clashes, clashes[:10]


@pytest.mark.parametrize("edition", ["en", "cy"])
def test_wales_is_labelled_at_the_end_of_its_line(built_sample: Path, browser: Any, edition: str) -> None:  # noqa: F811
    wales = {"en": "Wales", "cy": "Cymru"}[edition]
    charts = [c for c in charts_in(browser, output_file(built_sample, edition, "html"), PHONE) if len(c["lines"]) == 2]
    assert charts
    for chart in charts:
        label = next(t for t in chart["texts"] if t["text"].startswith(wales))  # "Wales 75.9%"
        end = max((p for line in chart["lines"] for p in line), key=lambda p: p[0])
        assert label["box"][0] > end[0] - 1, (chart["id"], label, end)
