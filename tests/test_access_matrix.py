"""Every route of the app, as anonymous, facilitator, Principal Social Worker, administrator and
endorser.

Routes come from app.url_map, so routes other engineers add are covered too: an endpoint that
declares no access policy (healthcheck/auth/access.py) fails this test, and one that does is
called as each role and must let in exactly the roles its policy names.
"""

import pytest
from bs4 import BeautifulSoup
from werkzeug.routing import IntegerConverter

from healthcheck.auth.access import PUBLIC, policy_for
from tests.conftest import sign_in_client

ROLES = ("anonymous", "facilitator", "psw", "admin", "endorser")

# Endpoints whose expected answers differ from what their policy alone says. Keep it short.
# {endpoint: {role: "allowed" | "refused"}}
EXPECTED: dict[str, dict[str, str]] = {}

# Endpoints not called here (a reason each); their policy is still checked.
NOT_CALLED = {
    "auth.sign_out": "signs the caller out; tests/auth covers it",
}


def _value(name, converter, ids):
    if name in ids:
        return ids[name]
    return 1 if isinstance(converter, IntegerConverter) else "x"


@pytest.fixture
def world(app, db, facilitator, other_facilitator, psw, admin_user, endorser):
    """A demo cycle and a focus group owned by `facilitator`."""
    from healthcheck.demo import seed_demo
    from healthcheck.focus_groups import records
    from healthcheck.models import Cycle, OrgListEntry

    seed_demo()
    cycle = db.session.query(Cycle).filter_by(slug="demo-this-year").one()
    team = db.session.query(OrgListEntry).filter_by(kind="team").first()
    group = records.create_focus_group(cycle, facilitator)
    return {
        "users": {
            "facilitator": facilitator,
            "psw": psw,
            "admin": admin_user,
            "endorser": endorser,
        },
        "ids": {
            "focus_group_id": group.id,
            "user_id": other_facilitator.id,
            "page_id": "details",
            "stash_id": "no-such-stash",
            "slug": "demo-this-year",
            "filename": "images/favicon.ico",
            "cycle_id": cycle.id,
            "kind": "team",
            "entry_id": team.id,
            "instrument_id": "appendix5",
            "version": 1,
        },
    }


def _client(app, db, role, users):
    client = app.test_client()
    if role != "anonymous":
        db.session.expire_all()
        sign_in_client(client, users[role])
    return client


def _refused(response, role) -> bool:
    if role == "anonymous":
        if response.status_code in (301, 302, 303) and "/sign-in" in response.location:
            return True
        return response.status_code in (401, 403)
    return response.status_code == 403


def test_every_endpoint_declares_an_access_policy(app):
    undeclared = sorted(
        rule.endpoint for rule in app.url_map.iter_rules() if policy_for(app, rule.endpoint) is None
    )
    assert undeclared == [], (
        "These endpoints have no access policy: add @public or @requires_role(...) "
        f"(healthcheck/auth/access.py): {undeclared}"
    )


def test_an_undeclared_endpoint_is_refused_for_everyone(
    app, db, facilitator, psw, admin_user, endorser
):
    app.add_url_rule("/test-only/undeclared", "test_undeclared", lambda: "secret")
    users = {"facilitator": facilitator, "psw": psw, "admin": admin_user, "endorser": endorser}
    for role in ROLES:
        response = _client(app, db, role, users).get("/test-only/undeclared")
        assert _refused(response, role), role
        assert b"secret" not in response.data


def test_access_matrix(app, db, world):
    checked, failures = 0, []
    rules = sorted(app.url_map.iter_rules(), key=lambda r: r.endpoint)
    for rule in rules:
        policy = policy_for(app, rule.endpoint)
        if rule.endpoint in NOT_CALLED or policy is None:
            continue
        args = {name: _value(name, rule._converters[name], world["ids"]) for name in rule.arguments}
        with app.test_request_context():
            from flask import url_for

            url = url_for(rule.endpoint, **args)
        method = "GET" if "GET" in rule.methods else "POST"
        for role in ROLES:
            expected = EXPECTED.get(rule.endpoint, {}).get(role)
            if expected is None:
                if policy is PUBLIC or policy.public:
                    expected = "allowed"
                else:
                    expected = "allowed" if role in policy.roles else "refused"
            client = _client(app, db, role, world["users"])
            response = client.open(url, method=method)
            response.close()
            checked += 1
            refused = _refused(response, role)
            if response.status_code >= 500:
                failures.append(f"{method} {url} as {role}: {response.status_code}")
            elif expected == "refused" and not refused:
                failures.append(f"{method} {url} as {role}: not refused ({response.status_code})")
            elif expected == "allowed" and refused:
                failures.append(f"{method} {url} as {role}: refused ({response.status_code})")
    assert checked > 40
    assert failures == [], "\n".join(failures)


def test_roles_see_what_their_role_may_see(app, db, world):
    """Spot checks on content, beyond status codes."""
    users = world["users"]
    fg = world["ids"]["focus_group_id"]
    page = BeautifulSoup(
        _client(app, db, "facilitator", users).get(f"/focus-groups/{fg}").data, "html.parser"
    )
    assert page.h1.get_text(strip=True).startswith("Focus group")
    assert page.find("a", string=lambda s: bool(s) and s.strip() == "Edit notes") is not None
    page = BeautifulSoup(
        _client(app, db, "psw", users).get(f"/focus-groups/{fg}").data, "html.parser"
    )
    assert (
        page.find("a", string=lambda s: bool(s) and s.strip() == "Edit notes") is None
    )  # the PSW reads, never edits
    assert _client(app, db, "psw", users).get(f"/focus-groups/{fg}/edit/details").status_code == 403
    assert _client(app, db, "admin", users).get(f"/focus-groups/{fg}").status_code == 403
    assert _client(app, db, "psw", users).get("/admin/").status_code == 403


SENTINEL = 987_654_321


@pytest.mark.parametrize("too_large", [2**63, 10**23])
def test_an_id_too_large_for_the_database_is_not_found(app, db, world, too_large):
    """No row's id is larger than the database's integers hold (2**63 - 1): such an id in any
    URL, for any method and any visitor, is a 404 (SQLite cannot even be asked: it was a 500)."""
    checked = 0
    for rule in app.url_map.iter_rules():
        numbers = [a for a, c in rule._converters.items() if isinstance(c, IntegerConverter)]
        if not numbers or rule.endpoint in NOT_CALLED or rule.endpoint.startswith("test_"):
            continue
        for number in numbers:
            args = {
                name: _value(name, rule._converters[name], world["ids"]) for name in rule.arguments
            }
            args[number] = SENTINEL
            with app.test_request_context():
                url = app.url_for(rule.endpoint, **args).replace(str(SENTINEL), str(too_large))
            for method in sorted((rule.methods or set()) & {"GET", "POST"}):
                for role in ROLES:
                    response = _client(app, db, role, world["users"]).open(url, method=method)
                    response.close()
                    assert response.status_code == 404, (method, url, role)
                    checked += 1
    assert checked >= 100
