"""What goes wrong with an instrument file, raised by loading and checking it."""

from __future__ import annotations

from typing import Iterable


class InstrumentError(Exception):
    """An instrument file that cannot be used, with every problem found in it.

    ``str(error)`` gives one line per problem, each starting with the file name, for example
    ``appendix5-v1.yaml: question Q7: grid question has no options``.
    """

    def __init__(self, filename: str, problems: str | Iterable[str]):
        self.filename = filename
        self.problems = (problems,) if isinstance(problems, str) else tuple(problems)
        super().__init__("\n".join(f"{filename}: {problem}" for problem in self.problems))


class InstrumentNotFound(InstrumentError, LookupError):
    """No bundled instrument has the id and version asked for."""
