"""Importing a typed-up transcript (.txt or .docx) into a focus-group record.

Headings that name a question ("Q7", "Question 7", "7. Social workers, Occupational ...", or
the question's own words), a discussion topic, "Key quotes" or "Summary" start a section; the
text under a heading goes to that question or topic, everything else to the general notes.

The file is checked for what it is, not what it is called: a .docx must be a zip holding
word/document.xml, a .txt must decode as UTF-8 (with or without a BOM) or Windows-1252 text
without NUL bytes. Anything else, anything too large (as uploaded or once unzipped, too many
paragraphs, too long to read, or a note longer than a note may be) and anything unreadable is
refused with a message, and nothing is written: the import is one transaction. Control
characters are removed from the text (analysis.controls).
"""

from __future__ import annotations

import io
import re
import time
import zipfile
from dataclasses import dataclass, field

from analysis.controls import clean_text
from surveys import Instrument

MAX_TRANSCRIPT_BYTES = 2 * 1024 * 1024
# Bounds on the work an upload can cause, whatever its size as uploaded: a 121 KB .docx whose
# document.xml was 25 MB held a request for minutes and stored a 17 MB note.
MAX_UNZIPPED_BYTES = 12 * 1024 * 1024
MAX_DOCUMENT_XML_BYTES = 6 * 1024 * 1024
MAX_PARAGRAPHS = 6000
MAX_READ_SECONDS = 10
TOO_SLOW = (
    "The selected file took too long to read. "
    "Split it into smaller files and import them one at a time"
)
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
    lines = clean_text(text.replace("\r\n", "\n").replace("\r", "\n")).split("\n")
    _check_paragraphs(len(lines))
    return lines


def _check_paragraphs(count: int) -> None:
    if count > MAX_PARAGRAPHS:
        raise TranscriptError(
            f"The selected file has more than {MAX_PARAGRAPHS:,} paragraphs. "
            "Split it into smaller files and import them one at a time"
        )


def _read_docx(data: bytes) -> tuple[list[str], set[int]]:
    """Paragraphs and table rows of a .docx, within bounds set before any XML is parsed:
    the declared size of every part (zipfile never inflates a part past its declared size),
    the number of paragraphs, and the time spent (see MAX_READ_SECONDS)."""
    not_docx = "The selected file is not a Word document (.docx). Open it in Word and save it again"
    too_large = (
        "The selected file is too large once opened. "
        "Split it into smaller files and import them one at a time"
    )
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise TranscriptError(not_docx)
    deadline = time.monotonic() + MAX_READ_SECONDS
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            sizes = {i.filename: i.file_size for i in archive.infolist()}
            if "word/document.xml" not in sizes:
                raise TranscriptError(not_docx)
            if (
                sum(sizes.values()) > MAX_UNZIPPED_BYTES
                or sizes["word/document.xml"] > MAX_DOCUMENT_XML_BYTES
            ):
                raise TranscriptError(too_large)
        import docx  # python-docx (its XML parser resolves no entities and loads no DTD)
        from docx.oxml.ns import qn

        document = docx.Document(io.BytesIO(data))
        # Style names looked up once: python-docx's paragraph.style searches every style for
        # every paragraph, which made a long document take minutes.
        style_names = {s.style_id: (s.name or "") for s in document.styles}
        body = document.element.body
        lines, headings, rows = [], set(), []
        for index, element in enumerate(body.iterchildren()):
            if index % 200 == 0 and time.monotonic() > deadline:
                raise TranscriptError(TOO_SLOW)
            tag = element.tag.rpartition("}")[2]
            if tag == "p":
                _check_paragraphs(len(lines) + len(rows) + 1)
                style = style_names.get(element.style or "", element.style or "")
                if style.lower().startswith(("heading", "title")):
                    headings.add(len(lines))
                lines.append(clean_text(element.text))
            elif tag == "tbl":
                for row in element.iter(qn("w:tr")):
                    cells = ["".join(t.text or "" for t in c.iter(qn("w:t"))).strip() for c in row]
                    rows.append(clean_text(" | ".join(c for c in cells if c)))
                    _check_paragraphs(len(lines) + len(rows))
    except TranscriptError:
        raise
    except Exception:  # a damaged zip or XML: python-docx raises many kinds
        raise TranscriptError("The selected file could not be read. It may be damaged") from None
    return lines + rows, headings


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
