"""SQLAlchemy models, one module per aggregate. Importing this package registers every table."""

from .assessment import AreaAssessment, AreaAssessmentRevision, AssessmentVersion, ReportLogo
from .audit import AuditEvent
from .cycle import Cycle, CycleHeadcount
from .focus_group import FocusGroup, FocusGroupFigure, FocusGroupNote, NoteStash
from .metrics import Metric
from .plan import Action, SelfAssessment
from .ratelimit import RateLimitBucket
from .response import Answer, Response
from .results import AnalysisResult, ThemeEdit
from .survey import AccessCode, Draft
from .user import User

__all__ = [
    "AccessCode",
    "Action",
    "AreaAssessment",
    "AreaAssessmentRevision",
    "AssessmentVersion",
    "AnalysisResult",
    "Answer",
    "AuditEvent",
    "Cycle",
    "CycleHeadcount",
    "Draft",
    "FocusGroup",
    "FocusGroupFigure",
    "FocusGroupNote",
    "Metric",
    "NoteStash",
    "RateLimitBucket",
    "ReportLogo",
    "Response",
    "SelfAssessment",
    "ThemeEdit",
    "User",
]
