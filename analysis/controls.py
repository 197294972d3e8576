"""Control characters: never typed on purpose, and NUL cannot be stored by PostgreSQL.

The one definition of what is removed from text that comes in (forms, query strings, file
names, and the text read out of uploaded files): the C0 control characters and DEL, except
tab, line feed and carriage return. Pure Python, so the command-line tools use it too.
"""

import re

CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(text: str) -> str:
    """The text without control characters other than tab, line feed and carriage return."""
    return CONTROL_CHARACTERS.sub("", text)


def has_controls(text: str) -> bool:
    return CONTROL_CHARACTERS.search(text) is not None
