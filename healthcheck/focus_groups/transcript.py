"""Importing a typed-up transcript (.txt or .docx) into a focus-group record.

Headings that name a question ("Q7", "Question 7", "7. Social workers, Occupational ...", or
the question's own words), a discussion topic, "Key quotes" or "Summary" start a section; the
text under a heading goes to that question or topic, everything else to the general notes.

The file is checked for what it is, not what it is called: a .docx must be a zip holding
word/document.xml, a .txt must decode as UTF-8 (with or without a BOM) or Windows-1252 text
without NUL bytes. Anything else, anything too large and anything unreadable is refused with a
message, and nothing is written: the import is one transaction.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field

from surveys import Instrument

MAX_TRANSCRIPT_BYTES = 2 * 1024 * 1024
MAX_UNZIPPED_BYTES = 30 * 1024 * 1024
GENERAL = "general"


class TranscriptError(ValueError):
    """A file that cannot be imported; the message is for the user."""


@dataclass
class ParsedTranscript:
    sections: dict[str, list[str]] = field(default_factory=dict)

    def add(self, key: str, line: str) -> None:
        self.sections.setdefault(key, []).append(line)

    def texts(self) -> dict[str, str]:
        out = {}
        for key, lines in self.sections.items():
            text = "\n".join(lines).strip()
            text = re.sub(r"\n{3,}", "\n\n", text)
            if text:
                out[key] = text
        return out


def _normalise(text: str) -> str:
    return re.sub(r"[^a-z0-9 ]+", "", re.sub(r"\s+", " ", text.lower())).strip()


def read_lines(filename: str, data: bytes) -> tuple[list[str], set[int]]:
    """The file's paragraphs, and the indexes of those styled as headings (docx only)."""
    if not data:
        raise TranscriptError("The selected file is empty")
    if len(data) > MAX_TRANSCRIPT_BYTES:
        raise TranscriptError("The selected file must be smaller than 2MB")
    name = (filename or "").lower()
    if name.endswith(".docx"):
        return _read_docx(data)
    if name.endswith(".txt"):
        return _read_txt(data), set()
    raise TranscriptError("The selected file must be a .txt or .docx file")


def _read_txt(data: bytes) -> list[str]:
    if b"\x00" in data:
        raise TranscriptError("The selected file is not a text file. Save it as plain text (.txt)")
    text = None
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    if text is None:
        raise TranscriptError("The selected file is not a text file. Save it as plain text (.txt)")
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\r\n\t\f")
    if controls > max(5, len(text) // 100):
        raise TranscriptError("The selected file is not a text file. Save it as plain text (.txt)")
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _read_docx(data: bytes) -> tuple[list[str], set[int]]:
    not_docx = "The selected file is not a Word document (.docx). Open it in Word and save it again"
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise TranscriptError(not_docx)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            if "word/document.xml" not in names:
                raise TranscriptError(not_docx)
            if sum(i.file_size for i in archive.infolist()) > MAX_UNZIPPED_BYTES:
                raise TranscriptError("The selected file is too large once opened")
        import docx  # python-docx

        document = docx.Document(io.BytesIO(data))
    except TranscriptError:
        raise
    except Exception:  # a damaged zip or XML: python-docx raises many kinds
        raise TranscriptError("The selected file could not be read. It may be damaged") from None
    lines, headings = [], set()
    for paragraph in document.paragraphs:
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        if style.lower().startswith(("heading", "title")):
            headings.add(len(lines))
        lines.append(paragraph.text)
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text.strip() for cell in row.cells if cell.text.strip()))
    return lines, headings


def _heading_index(instrument: Instrument) -> tuple[dict, list[tuple[str, str]]]:
    by_number = {}
    by_text = []
    for q in instrument.questions:
        if q.focus_group is None:
            continue
        if q.number:
            by_number[q.number] = q.id
        by_text.append((_normalise(q.text)[:60], q.id))
    for t in instrument.discussion_topics:
        by_text.append((_normalise(t.title)[:40], f"topic.{t.id}"))
    by_text += [
        ("key quotes", "key_quotes"),
        ("quotes", "key_quotes"),
        ("facilitators summary", "summary"),
        ("summary", "summary"),
        ("general notes", GENERAL),
        ("other notes", GENERAL),
    ]
    return by_number, by_text


_QUESTION_NUMBER = re.compile(
    r"^\s*(?:q(?:uestion)?\s*\.?\s*(\d{1,2})|(\d{1,2})\s*[.):-])\s*[.):-]?\s*(.*)$", re.IGNORECASE
)


def match_heading(
    line: str, styled: bool, by_number: dict, by_text: list
) -> tuple[str, str] | None:
    """(key, rest of the line) when the line is a heading we recognise, else None."""
    stripped = line.strip().strip("#*").strip()
    if not stripped or len(stripped) > 400:
        return None
    normal = _normalise(stripped)
    m = _QUESTION_NUMBER.match(stripped)
    if m:
        number = int(m.group(1) or m.group(2))
        rest = m.group(3).strip()
        explicit_q = m.group(1) is not None
        if number in by_number:
            key = by_number[number]
            question_text = next((t for t, k in by_text if k == key), "")
            rest_normal = _normalise(rest)
            if not rest or (question_text and question_text.startswith(rest_normal[:40])):
                return key, ""
            if question_text and rest_normal.startswith(question_text[:40]):
                return key, ""
            if explicit_q or styled:
                return key, rest
    for text, key in by_text:
        if text and (normal == text or (len(text) >= 12 and normal.startswith(text[:40]))):
            if styled or len(normal) <= len(text) + 40 or key.startswith("topic."):
                return key, ""
        if text and styled and text.startswith(normal) and len(normal) >= 6:
            return key, ""
    return None


def parse_transcript(
    instrument: Instrument, lines: list[str], headings: set[int]
) -> ParsedTranscript:
    by_number, by_text = _heading_index(instrument)
    parsed = ParsedTranscript()
    current = GENERAL
    for index, line in enumerate(lines):
        found = match_heading(line, index in headings, by_number, by_text)
        if found:
            current, rest = found
            if rest:
                parsed.add(current, rest)
            continue
        if line.strip() or parsed.sections.get(current):
            parsed.add(current, line.rstrip())
    return parsed
