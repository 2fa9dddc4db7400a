"""Narrative and templates: the editions assemble, so every shortcode and template is usable."""

from __future__ import annotations

from dirreport.checks.findings import (
    ERROR,
    ReportCard,
)
from dirreport.errors import Problem
from dirreport.pipeline.project import Project


def check_assembly(project: Project, card: ReportCard) -> None:
    """Assemble each edition as a build would, so shortcode and template mistakes are on the card too."""
    from dirreport.assemble.editions import assemble
    from dirreport.config.settings import summary_language
    from dirreport.errors import CheckFailed, InputError

    seen: set[Problem] = set()
    summaries = [e for e in project.config.editions if summary_language(e)]  # their own template
    for edition in [*project.config.languages, *summaries]:
        try:
            assemble(project, edition)
        except (InputError, CheckFailed) as error:
            # a quoted [c] figure blocks publication (exit 1); a file that cannot be used stops the build (exit 2)
            card.unusable = card.unusable or isinstance(error, InputError)
            for problem in error.problems:
                if problem not in seen:
                    seen.add(problem)
                    card.add("narrative", ERROR, problem)
