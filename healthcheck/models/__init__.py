"""SQLAlchemy models, one module per aggregate. Importing this package registers every table."""

from .audit import AuditEvent
from .cycle import Cycle, CycleHeadcount
from .focus_group import FocusGroup, FocusGroupFigure, FocusGroupNote, NoteStash
from .metrics import Metric
from .plan import Action, SelfAssessment
from .ratelimit import RateLimitBucket
from .response import Answer, Response
from .results import AnalysisResult, ThemeEdit
from .review import HiddenText, StaffList
from .survey import AccessCode, Draft
from .user import User

__all__ = [
    "AccessCode",
    "Action",
    "AnalysisResult",
    "Answer",
    "AuditEvent",
    "Cycle",
    "CycleHeadcount",
    "Draft",
    "FocusGroup",
    "FocusGroupFigure",
    "FocusGroupNote",
    "HiddenText",
    "Metric",
    "NoteStash",
    "RateLimitBucket",
    "Response",
    "SelfAssessment",
    "StaffList",
    "ThemeEdit",
    "User",
]
