"""What the report card is made of: findings by section and severity, and each standard's evidence."""

from __future__ import annotations

from dataclasses import dataclass, field

from dirreport.errors import Problem
from dirreport.lang.i18n import N_

ERROR, WARNING = "error", "warning"
SECTIONS = {  # messages, translated where the card is written
    "narrative": N_("Narrative and templates"),
    "coverage": N_("Evidence for the quality standards"),
    "data": N_("Data"),
    "translation": N_("Translation"),
    "accessibility": N_("Accessibility"),
    "personal-data": N_("Personal data"),
    "disclosure": N_("Disclosure control"),
}
EVIDENCE_WORDS = (
    "research",
    "audit",
    "study",
    "review",
    "evaluation",
    "inspection",
    "survey",
    "report",
    "evidence",
    "ymchwil",
    "archwiliad",
    "astudiaeth",
    "adolygiad",
    "gwerthusiad",
    "arolygiad",
    "arolwg",
    "adroddiad",
    "tystiolaeth",
)
VAGUE_LINKS = {
    "click here",
    "here",
    "read more",
    "more",
    "link",
    "this link",
    "cliciwch yma",
    "yma",
    "darllen mwy",
    "mwy",
    "dolen",
    "y ddolen hon",
}
PLACEHOLDERS = ("[CYFIEITHU / TRANSLATE]", "[Placeholder:", "[Dalfan:")
OUTLIER_MIN = 20


@dataclass(frozen=True)
class Finding:
    section: str
    severity: str
    problem: Problem


@dataclass
class StandardCoverage:
    standard: str
    narrative_final: bool = True
    indicators: int = 0
    survey: int = 0
    improvement_point: bool = False
    evidence_cited: bool = False
    voice: bool = False  # a placed case study or story, or a survey of people or carers (checks/voice.py)


@dataclass
class ReportCard:
    """What ``dirreport check`` found: every finding by section and severity, each quality standard's evidence,
    and each section's reading ease.  Errors block publication; warnings are for the authors to weigh.
    """

    findings: list[Finding] = field(default_factory=list)
    coverage: list[StandardCoverage] = field(default_factory=list)
    readability: dict[str, float] = field(default_factory=dict)
    unusable: bool = False  # a file cannot be used as given: build stops on it with exit code 2
    lang: str = "en"  # the language the checks write their findings in ('dirreport check --lang cy')
    _index: dict[str, int] = field(default_factory=dict, repr=False, compare=False)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == WARNING]

    def add(self, section: str, severity: str, problem: Problem) -> None:
        """Record a finding once, however many editions or checks come across it."""
        # looked up by its text, not compared with every finding so far: thousands of findings stay linear
        if len(self._index) != len(self.findings):
            self._index = {found.problem.located(): i for i, found in enumerate(self.findings)}
        text = problem.located()
        i = self._index.get(text)
        if i is not None:
            found = self.findings[i]
            if severity == ERROR and found.severity != ERROR:
                self.findings[i] = Finding(found.section, ERROR, found.problem)
            return
        self._index[text] = len(self.findings)
        self.findings.append(Finding(section, severity, problem))
