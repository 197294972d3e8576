"""SQLAlchemy models, one module per aggregate. Importing this package registers every table."""

from .audit import AuditEvent
from .cycle import Cycle, CycleHeadcount
from .response import Answer, Response
from .user import User

__all__ = ["Answer", "AuditEvent", "Cycle", "CycleHeadcount", "Response", "User"]
