"""The cached analysis: computed once, kept while nothing changes, refreshed when it does."""

import pytest
from sqlalchemy import func, select

from healthcheck.models import AnalysisResult, AuditEvent, ThemeEdit
from healthcheck.results import get_analysis, merge_themes, rename_theme
from healthcheck.results.analysis import run_analysis, wait_for_runs

from .support import add_many, add_response, make_cycle

GOOD = {"Q1": "fairly", "overall_workload": "good", "overall_workplace": "very_good"}
POOR = {"Q1": "unfairly", "overall_workload": "poor", "overall_workplace": "fair"}

IT_TEXTS = [
    "The case management system is slow and crashes when I record visits",
    "Laptops are slow to start and the case management system freezes",
    "IT problems with the recording system lose my case notes",
    "The recording system crashes and laptops are old",
    "Slow laptops and a case management system that keeps freezing",
    "The case management system is down most afternoons",
]
SUPERVISION_TEXTS = [
    "Supervision is regular and my manager protects the time",
    "Reflective supervision every month helps me with complex cases",
    "My supervision is regular and supportive",
    "Supervision gets cancelled when the team is busy",
    "Good supervision with time to reflect on my practice",
    "Supervision helps me plan my development",
]


def _with_text(cycle, texts, column, extra=None):
    for text in texts:
        add_response(cycle, {**GOOD, column: text, **(extra or {})})


def _rows(db):
    return db.session.scalar(select(func.count()).select_from(AnalysisResult))


def test_analysis_is_cached_and_refreshed_when_a_response_arrives(app, db):
    cycle = make_cycle()
    add_many(cycle, 6, GOOD)

    first = get_analysis(cycle)

    assert first.status == "ready" and not first.stale
    workload = first.result["scores"]["areas"][0]
    assert workload["id"] == "workload" and workload["n"] == 6
    assert first.result["respondents"] == 6
    assert set(first.result) >= {
        "scores",
        "themes",
        "focus_groups",
        "metrics",
        "yoy",
        "proposals",
        "response_rate",
    }
    computed_at = first.result["computed_at"]

    again = get_analysis(cycle, start=False)
    assert again.status == "ready"
    assert again.result["computed_at"] == computed_at
    assert _rows(db) == 1

    # While the cycle is open, one new response is held back: the two results would differ
    # by that one person's answers.
    add_response(cycle, POOR)
    held = get_analysis(cycle)
    assert held.status == "ready" and held.held == 1 and not held.stale
    assert held.result["respondents"] == 6 and held.result["computed_at"] == computed_at

    add_many(cycle, 3, POOR)  # four new: still fewer than MIN_GROUP_SIZE
    assert get_analysis(cycle).held == 4
    add_response(cycle, POOR)  # five: the results move on
    waiting = get_analysis(cycle, start=False)
    assert waiting.status == "none" and waiting.stale
    assert waiting.result["respondents"] == 6  # the previous result, marked stale

    refreshed = get_analysis(cycle)
    assert refreshed.status == "ready" and refreshed.held == 0
    assert refreshed.result["respondents"] == 11
    assert refreshed.result["scores"]["areas"][0]["n"] == 11
    assert _rows(db) == 1


def test_results_never_move_by_fewer_than_min_group_responses_while_open(app, db, psw_client):
    """The red team's attack: view the results, let one colleague answer, view them again,
    and read the difference. Nothing else that changes meanwhile (a focus group's notes, a
    figure) may start a run that would take the new response in."""
    from healthcheck.metrics.imports import import_metrics

    cycle = make_cycle()
    add_many(cycle, 10, GOOD)
    before = psw_client.get(f"/reports/{cycle.id}/areas/workload").get_data(as_text=True)
    add_response(cycle, POOR)
    import_metrics(cycle, b"name,value,target,better,area,period\nCaseload,24,20,lower,workload,\n")
    state = get_analysis(cycle)
    assert state.held == 1 and state.result["respondents"] == 10 and state.result["metrics"] == []
    page = psw_client.get(f"/reports/{cycle.id}/areas/workload").get_data(as_text=True)
    assert "1 so far" in page and "These results count 10 responses" in page
    assert page.count("Caseload") == before.count("Caseload")  # the figure waits too
    # Once the survey closes no answer can arrive: the results catch up at once.
    cycle.status = "closed"
    db.session.commit()
    state = get_analysis(cycle)
    assert state.held == 0 and state.result["respondents"] == 11
    assert [m["name"] for m in state.result["metrics"]] == ["Caseload"]


def test_a_new_figure_makes_the_result_stale(app, db):
    from healthcheck.metrics.imports import import_metrics

    cycle = make_cycle()
    add_many(cycle, 5, GOOD)
    assert get_analysis(cycle).result["metrics"] == []
    import_metrics(cycle, b"name,value,target,better,area,period\nCaseload,24,20,lower,workload,\n")
    assert get_analysis(cycle, start=False).stale
    metrics = get_analysis(cycle).result["metrics"]
    assert [(m["name"], m["status"], m["area"]) for m in metrics] == [
        ("Caseload", "red", "workload")
    ]


def test_background_run_reports_progress_then_result(app_factory):
    app = app_factory(ANALYSIS_SYNC=False)
    with app.app_context():
        cycle = make_cycle()
        add_many(cycle, 5, GOOD)
        state = get_analysis(cycle, wait=0)
        assert state.status in ("queued", "running", "ready")
        # Asking again while it runs does not start a second run.
        again = get_analysis(cycle, wait=0)
        assert again.status in ("queued", "running", "ready")
        wait_for_runs(60)
        done = get_analysis(cycle, start=False)
        assert done.status == "ready" and done.progress == 100
        assert done.result["respondents"] == 5


def test_a_claimed_run_is_not_claimed_twice(app, db):
    from healthcheck.results.analysis import _claim, fingerprint

    cycle = make_cycle()
    fp = fingerprint(cycle)
    assert _claim(cycle.id, "all", fp) is not None
    assert _claim(cycle.id, "all", fp) is None  # another worker: refused
    # New inputs meanwhile: the live run is left to finish, not replaced.
    assert _claim(cycle.id, "all", "another-fingerprint") is None


def test_failed_run_is_reported_not_raised(app, db, monkeypatch):
    from healthcheck.results import analysis

    cycle = make_cycle()
    add_many(cycle, 5, GOOD)

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(analysis, "compute_analysis", broken)
    state = get_analysis(cycle)
    assert state.status == "failed"
    assert "could not be completed" in state.error


def test_year_on_year_uses_the_previous_cycle_with_the_same_instrument(app, db):
    from datetime import date

    last = make_cycle(slug="last", opens_on=date(2025, 1, 6), status="closed")
    add_many(last, 6, POOR)
    this = make_cycle(slug="this", opens_on=date(2026, 1, 5))
    add_many(this, 6, GOOD)
    yoy = run_analysis(this, kind="scores").result["yoy"]
    assert yoy["previous_cycle"]["slug"] == "last"
    workload = next(a for a in yoy["areas"] if a["id"] == "workload")
    assert workload["change"] > 0


def test_theme_renames_survive_a_rerun_with_added_responses(app, db, psw):
    cycle = make_cycle()
    _with_text(cycle, IT_TEXTS, "Q8")
    _with_text(cycle, SUPERVISION_TEXTS, "Q13")
    themes = get_analysis(cycle).result["themes"]["themes"]
    it_theme = next(t for t in themes if any("case management" in q["text"] for q in t["quotes"]))

    rename_theme(cycle, it_theme["id"], "IT and the case management system", psw)

    renamed = get_analysis(cycle).result["themes"]["themes"]
    assert any(t["label"] == "IT and the case management system" for t in renamed)
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.object_type == "theme"))
    assert event.action == "changed" and event.user_id == psw.id

    _with_text(cycle, IT_TEXTS[:3], "Q7.comment")
    _with_text(cycle, SUPERVISION_TEXTS[:2], "Q15")
    rerun = get_analysis(cycle)
    assert rerun.result["respondents"] == len(IT_TEXTS) + len(SUPERVISION_TEXTS) + 5
    labelled = [t for t in rerun.result["themes"]["themes"] if t["label_edited"]]
    assert [t["label"] for t in labelled] == ["IT and the case management system"]
    assert labelled[0]["size"] >= len(IT_TEXTS)


def test_merging_themes_is_recorded_and_reapplied(app, db, psw):
    cycle = make_cycle()
    _with_text(cycle, IT_TEXTS, "Q8")
    _with_text(cycle, SUPERVISION_TEXTS, "Q13")
    themes = [t for t in get_analysis(cycle).result["themes"]["themes"] if t["kind"] == "theme"]
    assert len(themes) >= 2
    ids = [themes[0]["id"], themes[1]["id"]]
    total = themes[0]["size"] + themes[1]["size"]

    merge_themes(cycle, ids, "Everything", psw)

    after = get_analysis(cycle).result["themes"]["themes"]
    merged = next(t for t in after if t["label"] == "Everything")
    assert merged["size"] == total and set(merged["merged_from"]) >= set(ids)
    assert db.session.scalar(select(func.count()).select_from(ThemeEdit)) == 1
    assert all("member_keys" not in t for t in after)  # matching keys stay server-side


def test_theme_edit_errors(app, db, psw):
    from healthcheck.results import ThemeEditError

    cycle = make_cycle()
    _with_text(cycle, IT_TEXTS, "Q8")
    get_analysis(cycle)
    with pytest.raises(ThemeEditError, match="Enter a name"):
        rename_theme(cycle, "t1", "   ", psw)
    with pytest.raises(ThemeEditError, match="no longer"):
        rename_theme(cycle, "t99", "Name", psw)
    with pytest.raises(ThemeEditError, match="at least two"):
        merge_themes(cycle, ["t1"], "Name", psw)


def test_a_reopened_cycle_closes_again_without_catching_up_by_fewer_than_min_group(
    app, db, admin_user
):
    """The red team's second attack: close, view; reopen; one colleague answers; close again,
    view, and read the difference. The first close takes everyone in; after a reopen the
    results move only in steps of MIN_GROUP_SIZE, open or closed."""
    from healthcheck.survey.cycles import close_cycle, reopen_cycle

    cycle = make_cycle(opens_on=-10, closes_on=20)
    add_many(cycle, 8, GOOD)
    assert get_analysis(cycle).result["respondents"] == 8
    add_many(cycle, 2, POOR)
    close_cycle(cycle, user=admin_user)
    assert get_analysis(cycle).result["respondents"] == 10  # its first close: everyone
    reopen_cycle(cycle, cycle.closes_on, user=admin_user)
    add_response(cycle, POOR)
    close_cycle(cycle, user=admin_user)
    state = get_analysis(cycle)
    assert state.held == 1 and state.result["respondents"] == 10
    # The operator's command holds it back too, unless forced.
    runner = app.test_cli_runner()
    from healthcheck.commands.results import analyse

    out = runner.invoke(analyse, ["--cycle", str(cycle.id)])
    assert out.exit_code == 0 and "10 responses" in out.output and "1 newer" in out.output
    add_many(cycle, 4, POOR)
    assert get_analysis(cycle).result["respondents"] == 15
