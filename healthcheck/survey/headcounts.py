"""Headcounts: how many staff in each job role and each team were invited, for response rates.

Set from the cycle's form or from a CSV file with the columns group, code, headcount (group is
"role" or "team"; code is a list entry's code or its name). Either way it is all or nothing: every
problem is named by line and column, and nothing is stored until the whole file is right.
"""

from analysis.csv_bounds import CsvShapeError, bounded_rows

from ..audit import record_event
from ..extensions import db
from ..models import Cycle, CycleHeadcount, CycleTeamHeadcount
from ..organisation import options

COLUMNS = ("group", "code", "headcount")
GROUPS = ("role", "team")
MAX_BYTES = 200_000
MAX_ROWS = 2_000
MAX_HEADCOUNT = 1_000_000


class HeadcountError(ValueError):
    """Headcounts that cannot be stored; `errors` lists every problem found."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("; ".join(errors))


def choices(cycle: Cycle, group: str) -> list[tuple[str, str]]:
    """The roles or teams a headcount can be given for: the organisation's list (or the
    instrument's options while the list is empty)."""
    return options(group, cycle.instrument)


def current(cycle: Cycle) -> dict[str, dict[str, int]]:
    return {
        "role": {h.role: h.headcount for h in cycle.headcounts},
        "team": {h.team: h.headcount for h in cycle.team_headcounts},
    }


def parse_number(text: str) -> int | None:
    text = (text or "").strip().replace(",", "")
    if not text.isdigit():
        return None
    number = int(text)
    return number if number <= MAX_HEADCOUNT else None


def parse_csv(cycle: Cycle, data: bytes) -> dict[str, dict[str, int]]:
    """Read a headcount file; raises HeadcountError naming each bad line and column."""
    if len(data) > MAX_BYTES:
        raise HeadcountError([f"The file must be smaller than {MAX_BYTES // 1000}KB"])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise HeadcountError(["The file must be a CSV saved as UTF-8"]) from None
    try:
        rows = list(bounded_rows(text, max_rows=MAX_ROWS, rows_called="headcounts"))
    except CsvShapeError as exc:
        raise HeadcountError([str(exc)]) from None
    if not rows:
        raise HeadcountError(["The file is empty"])
    header = [h.strip().lower() for h in rows[0][1]]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise HeadcountError(
            [
                f"Line 1: the file must have the columns {', '.join(COLUMNS)} "
                f"(missing {', '.join(missing)})"
            ]
        )
    at = {c: header.index(c) for c in COLUMNS}
    known = {g: choices(cycle, g) for g in GROUPS}
    errors, counts = [], {g: {} for g in GROUPS}
    for line, row in rows[1:]:
        if not any(cell.strip() for cell in row):
            continue
        cells = {c: (row[i].strip() if i < len(row) else "") for c, i in at.items()}
        group = cells["group"].lower()
        if group not in GROUPS:
            errors.append(f"Line {line}, column group: enter role or team, not {cells['group']!r}")
            continue
        by_code = {code: code for code, _ in known[group]}
        by_code.update({label.lower(): code for code, label in known[group]})
        code = by_code.get(cells["code"]) or by_code.get(cells["code"].lower())
        if code is None:
            errors.append(
                f"Line {line}, column code: {cells['code']!r} is not in the list of "
                f"{'job roles' if group == 'role' else 'teams and services'}"
            )
        number = parse_number(cells["headcount"])
        if number is None:
            errors.append(
                f"Line {line}, column headcount: enter a whole number from 0 to "
                f"{MAX_HEADCOUNT:,}, not {cells['headcount']!r}"
            )
        if code is not None and code in counts[group]:
            errors.append(f"Line {line}, column code: {cells['code']!r} is given twice")
        elif code is not None and number is not None:
            counts[group][code] = number
    if errors:
        raise HeadcountError(errors)
    if not any(counts.values()):
        raise HeadcountError(["The file has no headcounts in it"])
    return counts


def set_headcounts(cycle: Cycle, counts: dict[str, dict[str, int]], how: str, user=None) -> None:
    """Replace the cycle's headcounts (roles and teams) with these, in one transaction."""
    known = {g: {code for code, _ in choices(cycle, g)} for g in GROUPS}
    for group in GROUPS:
        unknown = set(counts.get(group, {})) - known[group]
        bad = [n for n in counts.get(group, {}).values() if not 0 <= n <= MAX_HEADCOUNT]
        if unknown or bad:
            raise HeadcountError([f"Unknown {group}s or numbers out of range"])
    # Delete first and flush: new rows for the same codes would otherwise meet the old ones.
    cycle.headcounts.clear()
    cycle.team_headcounts.clear()
    db.session.flush()
    cycle.headcounts.extend(
        CycleHeadcount(role=code, headcount=n) for code, n in sorted(counts["role"].items())
    )
    cycle.team_headcounts.extend(
        CycleTeamHeadcount(team=code, headcount=n) for code, n in sorted(counts["team"].items())
    )
    total_roles = sum(counts["role"].values())
    total_teams = sum(counts["team"].values())
    record_event(
        "changed",
        "cycle",
        cycle.id,
        f"headcounts {how}: {total_roles} by role, {total_teams} by team",
        user=user,
    )
    db.session.commit()
