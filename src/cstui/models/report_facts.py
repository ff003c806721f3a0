"""What the analysis of complaints needs of each case, as values the store can keep.

Worked out by :func:`cstui.domain.reports.complaint_facts`; the store keeps them for
every archived case and hands them back by period.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any, NamedTuple

from cstui.models.analysis import AnalysisRow
from cstui.models.deadline import iso
from cstui.models.kinds import Step

FACTS_FORMAT = 2
"""Changes whenever what :func:`cstui.domain.reports.complaint_facts` makes of a case
changes (what the facts hold, a label, the outcome's wording): stored facts of another
format are not used, and are built again. ``tests/store/test_derived_stamps.py`` fails,
saying so, when the code they are worked out by changes and this has not."""


class ComplaintFacts(NamedTuple):
    """What the analysis needs of one case, whatever zone its received day is taken in.

    Kept for every archived case by the store, so a report over a year reads these
    instead of validating every closed case: a change to what they hold for a case (a
    field, a label, the outcome's wording) must change :data:`FACTS_FORMAT`. A tuple:
    tens of thousands are made per report, at a fraction of a dataclass's cost.
    """

    created_at: datetime
    case_id: str
    complaint: str
    made_by: str
    directed_at: str
    category: str
    step: Step
    outcome: str

    def row(self, received: date) -> AnalysisRow:
        """The analysis row, received on ``received``."""
        return AnalysisRow(received, *self[1:])

    def to_document(self) -> dict[str, Any]:
        """The facts as stored (JSON types only; the moment in UTC)."""
        return {
            "created_at": iso(self.created_at.astimezone(UTC)),
            "id": self.case_id,
            "summary": self.complaint,
            "made_by": self.made_by,
            "directed_at": self.directed_at,
            "category": self.category,
            "step": self.step.value,
            "outcome": self.outcome,
        }

    @classmethod
    def from_document(cls, doc: dict[str, Any]) -> ComplaintFacts:
        """Stored facts; KeyError, TypeError or ValueError if they are not."""
        return cls(
            created_at=datetime.fromisoformat(doc["created_at"]),
            case_id=doc["id"],
            complaint=doc["summary"],
            made_by=doc["made_by"],
            directed_at=doc["directed_at"],
            category=doc["category"],
            step=_STEPS[doc["step"]],
            outcome=doc["outcome"],
        )


_STEPS = {step.value: step for step in Step}
