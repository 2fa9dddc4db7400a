"""The typeface shared by charts, the PDF and Word's chart pictures."""

from __future__ import annotations

import os


def font_paths() -> list[str]:
    """DejaVu Sans ships with matplotlib: the same face in charts and text, with every Welsh letter."""
    import matplotlib

    return [os.path.join(matplotlib.get_data_path(), "fonts", "ttf")]
