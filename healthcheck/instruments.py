"""New instrument versions uploaded by the administrator, and what changed from the last one.

An upload is checked exactly as `healthcheck instrument check` checks a file (surveys.loader):
every problem names the file, the question and the problem, and nothing is saved until the file
is right. A version, once saved, never changes: answers record the version they were given
against. Saved files go to the instance's upload folder, beside the bundled ones.
"""

import os
from dataclasses import dataclass

from surveys import Instrument, InstrumentError, available_instruments, load_bundled
from surveys.loader import parse_instrument, upload_directory

from .audit import record_event
from .extensions import db

MAX_BYTES = 500_000


def check_upload(filename: str | None, data: bytes) -> Instrument:
    """The instrument in an uploaded file; raises InstrumentError naming every problem."""
    name = os.path.basename(filename or "") or "the file"
    if not (filename or "").strip():
        raise InstrumentError(name, "select an instrument file (.yaml)")
    if not name.lower().endswith((".yaml", ".yml")):
        raise InstrumentError(name, "the file must be a YAML file (.yaml)")
    if not data:
        raise InstrumentError(name, "the file is empty")
    if len(data) > MAX_BYTES:
        raise InstrumentError(name, f"the file must be smaller than {MAX_BYTES // 1000}KB")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InstrumentError(name, "the file is not UTF-8 text") from None
    instrument = parse_instrument(text, filename=name)
    if any(
        ref.id == instrument.id and ref.version == instrument.version
        for ref in available_instruments()
    ):
        raise InstrumentError(
            name,
            f"{instrument.id} version {instrument.version} already exists: a version never "
            f"changes once saved, so give this one version {next_version(instrument.id)}",
        )
    return instrument


def next_version(instrument_id: str) -> int:
    versions = [r.version for r in available_instruments() if r.id == instrument_id]
    return max(versions, default=0) + 1


def save_upload(filename: str | None, data: bytes, user=None) -> Instrument:
    """Check and save an uploaded instrument version; raises InstrumentError, saving nothing."""
    instrument = check_upload(filename, data)
    folder = upload_directory()
    if folder is None:
        raise InstrumentError(filename or "the file", "no upload folder is configured")
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{instrument.id}-v{instrument.version}.yaml"
    with open(target, "xb") as handle:  # never overwrite a saved version
        handle.write(data)
    load_bundled.cache_clear()
    record_event(
        "uploaded",
        "instrument",
        f"{instrument.id}-v{instrument.version}",
        f"{len(instrument.questions)} questions, from {os.path.basename(filename or '')}",
        user=user,
    )
    db.session.commit()
    return instrument


def versions() -> list[Instrument]:
    """Every instrument version that can be chosen for a cycle, oldest first."""
    found = []
    for ref in available_instruments():
        try:
            found.append(load_bundled(ref.id, ref.version))
        except InstrumentError:
            continue
    return found


@dataclass(frozen=True)
class MappingRow:
    """One question id across two versions: kept, reworded, added or removed."""

    question_id: str
    number: int | None
    before: str | None
    after: str | None

    @property
    def change(self) -> str:
        if self.before is None:
            return "Added"
        if self.after is None:
            return "Removed"
        return "Same wording" if self.before == self.after else "Reworded"


def year_on_year(before: Instrument, after: Instrument) -> list[MappingRow]:
    """How the questions of `after` map onto `before`: by id, which never changes across
    versions, so that scores stay comparable year on year."""
    old = {q.id: q for q in before.questions}
    new = {q.id: q for q in after.questions}
    rows = [
        MappingRow(q.id, q.number, old[q.id].text if q.id in old else None, q.text)
        for q in after.questions
    ]
    rows += [MappingRow(q.id, q.number, q.text, None) for q in before.questions if q.id not in new]
    return rows


def previous_version(instrument: Instrument) -> Instrument | None:
    earlier = [v for v in versions() if v.id == instrument.id and v.version < instrument.version]
    return earlier[-1] if earlier else None
