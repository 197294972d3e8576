"""One audit vocabulary: every action recorded is one of healthcheck.audit.ACTIONS, in the past
tense; the audit log page shows its words; old present-tense rows are rewritten by a migration."""

import ast
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from flask_migrate import downgrade, upgrade
from sqlalchemy import select, text

from healthcheck.audit import ACTIONS, record_event
from healthcheck.extensions import db
from healthcheck.models import AuditEvent

SOURCE = Path(__file__).resolve().parent.parent / "healthcheck"
BEFORE = "0008_i15_endorsement"
AFTER = "0014_d1_audit_words"


def _strings(node) -> list[str]:
    return [n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and type(n.value) is str]


def _assigned(function, name: str) -> list[str]:
    """Every string a local variable `name` may be given in `function`."""
    found = []
    for node in ast.walk(function):
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in node.targets
        ):
            found += _strings(node.value)
    return found


def recorded_actions() -> list[tuple[str, str]]:
    """(where, action) for every record_event call in the app's source."""
    found = []
    for path in sorted(SOURCE.rglob("*.py")):
        tree = ast.parse(path.read_text(), str(path))
        for function in ast.walk(tree):
            if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Module)):
                continue
            for call in ast.walk(function):
                if not (
                    isinstance(call, ast.Call) and getattr(call.func, "id", "") == "record_event"
                ):
                    continue
                where = f"{path.relative_to(SOURCE.parent)}:{call.lineno}"
                first = call.args[0] if call.args else None
                if isinstance(first, ast.Name):
                    actions = _assigned(function, first.id)
                else:
                    actions = _strings(first) if first is not None else []
                assert actions, f"{where}: record_event's action must be a word from ACTIONS"
                found += [(where, action) for action in actions]
    return sorted(set(found))


def test_every_recorded_action_is_in_the_one_list():
    actions = recorded_actions()
    assert len(actions) > 30, "the scan must find the calls"
    assert [(where, a) for where, a in actions if a not in ACTIONS] == []


def test_the_scan_would_catch_a_present_tense_word(tmp_path):
    """The scan reads literals and the local variable a call passes on."""
    tree = ast.parse(
        'def f(s):\n    action = "endorse" if s else "return"\n    record_event(action, "x")\n'
    )
    function = tree.body[0]
    assert _assigned(function, "action") == ["endorse", "return"]
    assert not {"endorse", "return"} <= set(ACTIONS)


def test_every_action_is_in_the_past_tense():
    """Past tense: "-ed" words, and the few irregular ones spelt out here."""
    irregular = {"hidden", "password_reset", "signed_in", "signed_out", "identifiers_kept"}
    assert [a for a in ACTIONS if a not in irregular and not a.endswith("ed")] == []


def test_an_unknown_action_is_refused(app):
    with pytest.raises(ValueError, match="Unknown audit action 'export'"):
        record_event("export", "cycle", 1)
    assert db.session.scalars(select(AuditEvent)).all() == []


def test_the_audit_log_shows_the_words_of_each_action(admin_client, admin_user):
    record_event("submitted", "assessment_version", 7, "cycle 1 v1", user=admin_user)
    record_event("identifiers_kept", "focus_group", 3, "Workload: saved as typed", user=admin_user)
    db.session.commit()
    page = BeautifulSoup(admin_client.get("/admin/audit-log").get_data(as_text=True), "html.parser")
    cells = [row.select("td")[2].get_text(strip=True) for row in page.select("tbody tr")]
    assert cells[:2] == ["saved as typed", "submitted for endorsement"]


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_the_migration_rewrites_old_words_and_back(app_factory, sqlite_factory, request, backend):
    if backend == "postgresql":
        url = request.getfixturevalue("postgres_factory").empty()
    else:
        url = sqlite_factory.empty()
    app = app_factory(url=url)
    old = [
        ("area_assessment", "update"),
        ("assessment_version", "submit"),
        ("assessment_version", "endorse"),
        ("assessment_version", "return"),
        ("assessment_version", "publish"),
        ("assessment_version", "export"),
        ("report_logo", "upload"),
        ("report_logo", "delete"),
        ("cycle", "changed"),
        ("cycle", "exported"),
    ]

    def stored():
        rows = db.session.execute(text("SELECT object_type, action FROM audit_event ORDER BY id"))
        return [tuple(r) for r in rows]

    with app.app_context():
        upgrade(revision=BEFORE)
        for object_type, action in old:
            db.session.execute(
                text("INSERT INTO audit_event (at, action, object_type) VALUES (:at, :a, :t)"),
                {"at": "2026-11-01 09:00:00", "a": action, "t": object_type},
            )
        db.session.commit()
        upgrade(revision=AFTER)
        assert stored() == [
            ("area_assessment", "changed"),
            ("assessment_version", "submitted"),
            ("assessment_version", "endorsed"),
            ("assessment_version", "returned"),
            ("assessment_version", "published"),
            ("assessment_version", "exported"),
            ("report_logo", "uploaded"),
            ("report_logo", "deleted"),
            ("cycle", "changed"),
            ("cycle", "exported"),
        ]
        assert {action for _, action in stored()} <= set(ACTIONS)
        db.session.commit()
        downgrade(revision=BEFORE)
        assert stored() == old
        db.session.commit()
