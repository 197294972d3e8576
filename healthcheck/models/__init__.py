"""SQLAlchemy models, one module per aggregate. Importing this package registers every table."""

from .assessment import AreaAssessment, AreaAssessmentRevision, AssessmentVersion, ReportLogo
from .audit import AuditEvent
from .cycle import Cycle, CycleHeadcount, CycleTeamHeadcount
from .focus_group import FocusGroup, FocusGroupFigure, FocusGroupNote, NoteStash
from .metrics import Metric
from .organisation import OrgListEntry
from .plan import Action, SelfAssessment
from .ratelimit import RateLimitBucket
from .response import Answer, Response
from .results import AnalysisResult, ThemeEdit
from .review import HiddenText, StaffList
from .survey import AccessCode, Draft, SentResumeCode
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
    "CycleTeamHeadcount",
    "Draft",
    "FocusGroup",
    "FocusGroupFigure",
    "FocusGroupNote",
    "HiddenText",
    "Metric",
    "NoteStash",
    "OrgListEntry",
    "RateLimitBucket",
    "ReportLogo",
    "Response",
    "SelfAssessment",
    "SentResumeCode",
    "StaffList",
    "ThemeEdit",
    "User",
]
