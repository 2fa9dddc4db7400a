"""One edition's HTML kept up to date while an author writes: the build's own steps, nothing published.

The project stays loaded between saves; a save that touches only narrative
files re-reads the narratives alone, everything else reloads the project.  The
edition is assembled by the orchestrator's own step (charts drawn as for any
build) and rendered section by section (``render.html_sections``), so saving
one paragraph re-renders only the section that holds it.  Nothing is written to
``_output/``: the published report changes only with ``dirreport build``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from dirreport.pipeline.build import BuildOptions, BuildReport, assemble_editions, render_settings
from dirreport.pipeline.progress import Progress
from dirreport.pipeline.project import Project, load_narratives, load_project
from dirreport.pipeline.workers import InProcess
from dirreport.render.html_sections import SectionRenderer


class LivePreview:
    """The page of one edition (en, cy or bilingual), rebuilt from what changed since the last save."""

    def __init__(self, root: Path, edition: str) -> None:
        self.root = root.resolve()
        self.edition = edition
        self.project: Project | None = None
        self.renderer: SectionRenderer | None = None

    def page(self, changed: Iterable[Path] = ()) -> str:
        """The edition's HTML after the given files changed (everything, the first time)."""
        changed = [Path(p).resolve() for p in changed]
        if self.project is None or not changed or not all(self._is_narrative(p) for p in changed):
            self.project = load_project(self.root)
            self.renderer = None
        else:
            narratives, warnings, missing = load_narratives(self.project.config)
            self.project = replace(
                self.project, narratives=narratives, warnings=tuple(warnings), missing=tuple(missing)
            )
        options = BuildOptions(
            root=self.root, languages=(self.edition,), formats=("html",), draft=True, run_checks=False, jobs=1
        )
        documents = assemble_editions(
            [self.project], [self.edition], options, ["html"], InProcess(), BuildReport(), Progress()
        )[0]
        if self.renderer is None:
            work = self.project.cache_dir / "preview" / self.edition
            self.renderer = SectionRenderer(work, render_settings(self.project, self.edition, ("html",)))
        return self.renderer.render(documents[self.edition])

    def _is_narrative(self, path: Path) -> bool:
        return path.suffix == ".md" and path.is_relative_to(self.root / "narratives")
