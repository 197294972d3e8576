"""Hostile input against every form and upload the app has, found from its URL map.

- Random and malformed values (hypothesis) posted to every POST route never give a 500, and a
  post that is refused (anything but a redirect) saves nothing, not even part of itself.
- A missing or forged CSRF token gets a clear refusal and changes nothing.
- SQL and script injection in every field is stored as text and shown escaped.
- Uploads are refused by size before they are read, and by type and content when they are.

Routes added later are covered without editing this file: the test discovers POST routes,
reads each one's GET page for its field names and fuzzes those and some of its own.
"""

import io
import json
from datetime import date

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import stream_encode_multipart

from healthcheck.extensions import db
from tests.conftest import make_user, sign_in_client
from tests.security.routes import make_cycle, urls

# Tables that may change on a refused request: the limiter's counters (an allowed request that
# the view then refuses is still counted) and the analysis cache.
VOLATILE_TABLES = {"rate_limit_bucket", "analysis_result"}

HOSTILE = [
    "'; DROP TABLE response; --",
    "' OR '1'='1",
    "1; SELECT * FROM user_account",
    '<script>alert("hc-xss")</script>',
    "\"'><img src=x onerror=alert('hc-xss')>",
    "javascript:alert(1)",
    "{{ 7*7 }}{% raw %}",
    "\x00\x01\x02",
    "keep\x00this\x1b[31m\x07\x7f text",
    "\u202e\ufeff\U0001f600",
    "A" * 20000,
    "B\x00" * 100_000,
    "-1",
    "99999999999999999999",
    "",
    " ",
    "../../../../etc/passwd",
]

values = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=200),
    st.text(alphabet=st.characters(max_codepoint=0x9F), max_size=60),  # C0/C1 controls, NUL
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.lists(st.sampled_from(HOSTILE[:6]), min_size=2, max_size=3),
)


def snapshot():
    """Every row of every table (but the volatile ones), to compare before and after."""
    db.session.expire_all()
    state = {}
    for table in db.metadata.sorted_tables:
        if table.name in VOLATILE_TABLES:
            continue
        rows = db.session.execute(select(table)).all()
        state[table.name] = sorted(repr(tuple(r)) for r in rows)
    db.session.commit()
    return state


def changed_tables(before, after):
    return [name for name in before if before[name] != after.get(name)]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def world(request, sqlite_factory):
    """An app with one of everything a route can take as an argument, and a client per role,
    on SQLite and on PostgreSQL (which cannot store NUL: issue 18, defect 12). One per module
    and database: each test checks its own posts against snapshots, so they can share it."""
    from tests.conftest import _make_app

    if request.param == "postgresql":
        url = request.getfixturevalue("postgres_factory").new()
    else:
        url = sqlite_factory.new()
    app = _make_app(url, RATELIMIT_ENABLED=False, PROPAGATE_EXCEPTIONS=False)
    with app.app_context():
        cycle = make_cycle(slug="hc-hostile")
        users = {role: make_user(role) for role in ("facilitator", "psw", "admin")}
        other = make_user("facilitator")
        known = {"slug": cycle.slug, "cycle_id": cycle.id, "user_id": other.id, "_int": cycle.id}
        known.update(_focus_group(cycle, users["facilitator"]))
        clients = {None: app.test_client()}
        for role, user in users.items():
            clients[role] = sign_in_client(app.test_client(), user)
        yield app, known, clients
        db.session.remove()
        db.engine.dispose()


@pytest.fixture(scope="module")
def fuzz_targets(world):
    """The POST routes and their fields, read once (hypothesis needs the same fields each time)."""
    app, known, clients = world
    return post_targets(app, known, clients)


@pytest.fixture
def in_world(world):
    """The world's app context on top for this test (other tests push their own apps)."""
    with world[0].app_context():
        yield world


def _focus_group(cycle, facilitator) -> dict:
    try:
        from healthcheck.models.focus_group import FocusGroup
    except ImportError:  # pragma: no cover - focus groups not built yet
        return {}
    group = FocusGroup(
        cycle_id=cycle.id,
        instrument_id=cycle.instrument_id,
        instrument_version=cycle.instrument_version,
        held_on=date.today(),
        team="Hostile team",
    )
    group.facilitators.append(facilitator)
    db.session.add(group)
    db.session.commit()
    return {"focus_group_id": group.id}


def role_for(endpoint: str):
    """Who may post to an endpoint, by its blueprint (the access module is deny-by-default)."""
    blueprint = endpoint.split(".")[0]
    return {
        "admin": "admin",
        "focus_groups": "facilitator",
        "reports": "psw",
        "metrics": "psw",
        "results": "psw",
    }.get(blueprint)


def form_fields(client, url):
    """(text-like names, file names, choice {name: [values]}) from the route's own GET page."""
    response = client.get(url)
    texts, files, choices = [], [], {}
    if response.status_code != 200 or response.mimetype != "text/html":
        return texts, files, choices
    page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    form = page.select_one("main form[method=post]") or page.select_one("form[method=post]")
    if form is None:
        return texts, files, choices
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or name == "csrf_token":
            continue
        kind = field.get("type", "text") if field.name == "input" else field.name
        if kind == "file":
            files.append(name)
        elif kind in ("radio", "checkbox"):
            choices.setdefault(name, []).append(field.get("value", "on"))
        elif kind == "select":
            choices[name] = [o.get("value", "") for o in field.find_all("option")]
        elif kind != "hidden":
            texts.append(name)
    return texts, files, choices


def post_targets(app, known, clients):
    targets = []
    for endpoint, url in urls(app, "POST", known):
        client = clients[role_for(endpoint)]
        texts, files, choices = form_fields(client, url)
        targets.append((endpoint, url, client, texts, files, choices))
    return targets


def assert_refusal_saved_nothing(response, before, url, what):
    after = snapshot()
    if response.status_code in (301, 302, 303, 307, 308):
        return  # accepted (post/redirect/get); the CSRF test covers redirects that refuse
    assert not changed_tables(before, after), (
        f"{url} refused {what} with {response.status_code} but changed "
        f"{changed_tables(before, after)}"
    )


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
)
@given(data=st.data())
def test_random_and_malformed_values_never_break_a_form(in_world, fuzz_targets, data):
    targets = fuzz_targets
    assert len(targets) >= 5, "the route discovery found too few forms"
    for endpoint, url, client, texts, files, choices in targets:
        form = {}
        for name in texts + ["unexpected_field"]:
            form[name] = data.draw(values, label=f"{endpoint}:{name}")
        for name, options in choices.items():
            form[name] = data.draw(
                st.one_of(st.sampled_from(options or [""]), values), label=f"{endpoint}:{name}"
            )
        for name in files:
            form[name] = (
                io.BytesIO(data.draw(st.binary(max_size=3000), label=f"{endpoint}:{name}")),
                data.draw(
                    st.sampled_from(
                        [
                            "notes.txt",
                            "notes.docx",
                            "figures.csv",
                            "evil.exe",
                            "../../x.csv",
                            "a.csv\x00.exe",
                            "",
                            "noextension",
                        ]
                    ),
                    label="filename",
                ),
            )
        before = snapshot()
        response = client.post(url, data=form, content_type="multipart/form-data")
        assert response.status_code < 500, f"{url} gave {response.status_code} for {form!r:.300}"
        assert_refusal_saved_nothing(response, before, url, "malformed input")


@pytest.mark.parametrize("value", HOSTILE, ids=range(len(HOSTILE)))
def test_each_hostile_value_in_every_field_of_every_form(in_world, fuzz_targets, value):
    """The same hostile value in every field and choice at once, on every form."""
    for endpoint, url, client, texts, files, choices in fuzz_targets:
        form = {name: value for name in [*texts, *choices, "unexpected_field"]}
        before = snapshot()
        response = client.post(url, data=form)
        assert response.status_code < 500, f"{url} gave {response.status_code} for {value!r:.60}"
        assert_refusal_saved_nothing(response, before, url, repr(value)[:60])


INVALID_UTF8 = [b"\xff\xfe", b"\xc3\x28", b"\xed\xa0\x80", b"ok\x00\x80\x1b", b"\xf4\x90\x80\x80"]


@pytest.mark.parametrize("encoding", ["urlencoded", "multipart"])
def test_invalid_utf8_and_nul_bytes_in_every_field_of_every_form(in_world, fuzz_targets, encoding):
    """Bytes that are not UTF-8 at all (and NUL), sent raw in every field and file name of every
    form: each is decoded with replacement or refused, never a 500 and never half-saved."""
    from urllib.parse import quote_from_bytes

    for n, (endpoint, url, client, texts, files, choices) in enumerate(fuzz_targets):
        raw = INVALID_UTF8[n % len(INVALID_UTF8)] + b" typed text"
        names = [*texts, *choices, "unexpected_field"]
        if encoding == "urlencoded":
            body = "&".join(
                f"{quote_from_bytes(k.encode())}={quote_from_bytes(raw)}" for k in names
            )
            content_type = "application/x-www-form-urlencoded"
        else:
            boundary = "hc-boundary-7d3f"
            parts = [
                b'--%s\r\nContent-Disposition: form-data; name="%s"\r\n\r\n%s\r\n'
                % (boundary.encode(), k.encode(), raw)
                for k in names
            ]
            parts += [
                b'--%s\r\nContent-Disposition: form-data; name="%s"; filename="%s.csv"\r\n'
                b"Content-Type: text/csv\r\n\r\n%s\r\n" % (boundary.encode(), k.encode(), raw, raw)
                for k in files
            ]
            body = b"".join(parts) + b"--%s--\r\n" % boundary.encode()
            content_type = f"multipart/form-data; boundary={boundary}"
        before = snapshot()
        response = client.post(url, data=body, content_type=content_type)
        assert response.status_code < 500, f"{url} gave {response.status_code} ({encoding})"
        assert_refusal_saved_nothing(response, before, url, f"invalid UTF-8 ({encoding})")


@pytest.mark.parametrize("token", ["missing", "forged", "from another session"])
def test_csrf_missing_or_forged_is_refused_and_changes_nothing(app_factory, token):
    app = app_factory(WTF_CSRF_ENABLED=True, RATELIMIT_ENABLED=False, PROPAGATE_EXCEPTIONS=False)
    with app.app_context():
        cycle = make_cycle(slug="hc-csrf")
        users = {role: make_user(role) for role in ("facilitator", "psw", "admin")}
        known = {"slug": cycle.slug, "cycle_id": cycle.id, "user_id": users["admin"].id}
        known.update(_focus_group(cycle, users["facilitator"]))
        clients = {None: app.test_client()}
        for role, user in users.items():
            clients[role] = sign_in_client(app.test_client(), user)
        stranger = app.test_client()
        page = stranger.get("/sign-in")
        foreign = BeautifulSoup(page.get_data(as_text=True), "html.parser").select_one(
            "input[name=csrf_token]"
        )["value"]
        checked = 0
        for endpoint, url, client, texts, files, choices in post_targets(app, known, clients):
            form = {name: "hc-csrf-probe" for name in texts}
            form.update({name: opts[0] for name, opts in choices.items() if opts})
            if token == "forged":
                form["csrf_token"] = "IjAwMDAwMDAwMDAwMDAwMDAi.forged.signature"
            elif token == "from another session":
                form["csrf_token"] = foreign
            before = snapshot()
            response = client.post(url, data=form)
            body = response.get_data(as_text=True)
            assert response.status_code < 500, url
            assert not changed_tables(before, snapshot()), f"{url} changed data without CSRF"
            if response.status_code in (301, 302, 303, 307, 308):
                # The survey bounces back to the page it was on with a message; signed-out
                # posts go to sign in. Never on to the next step.
                location = response.headers["Location"]
                assert location.split("?")[0].endswith(url.split("?")[0]) or (
                    "/sign-in" in location
                ), f"{url} went on to {location}"
            elif response.status_code == 200:
                assert "expired" in body.lower() or "session" in body.lower(), url
            else:
                # 401: the focus-group autosave tells its script to fall back to a full post.
                # 404: the probe's made-up section ("x") does not exist, checked first.
                assert response.status_code in (400, 401, 403, 404), url
            if response.status_code == 400:
                assert "govuk-heading" in body, f"{url}: the refusal is a page, not a stack"
            checked += 1
        assert checked >= 5


PAYLOADS = {
    "sql": "Robert'); DROP TABLE response;-- ' OR 1=1 --",
    "script": '<script>alert("hc-xss")</script>',
    "attribute": "\"'><img src=x onerror=alert('hc-xss')>",
}


def test_survey_injection_is_stored_as_text_and_shown_escaped(app):
    """Every free-text box of the survey gets SQL and script; the response keeps them verbatim."""
    from healthcheck.models import Answer, Response

    cycle = make_cycle(slug="hc-inject")
    client = app.test_client()
    start = BeautifulSoup(client.get(f"/survey/{cycle.slug}").get_data(as_text=True), "html.parser")
    url = start.select_one("a.govuk-button--start")["href"]
    sent = {}
    while "/check-answers" not in url:
        page = client.get(url)
        form = BeautifulSoup(page.get_data(as_text=True), "html.parser").select_one("main form")
        data = {"action": "continue"}
        for n, area in enumerate(form.find_all("textarea")):
            kind = list(PAYLOADS)[n % len(PAYLOADS)]
            data[area["name"]] = f"{PAYLOADS[kind]} #{area['name']}"
            sent[area["name"]] = data[area["name"]]
        for radio in form.find_all("input", type="radio"):
            data.setdefault(radio["name"], radio["value"])
        response = client.post(url, data=data)
        assert response.status_code == 303, response.get_data(as_text=True)[:300]
        url = response.headers["Location"]

    check = client.get(url).get_data(as_text=True)
    assert '<script>alert("hc-xss")</script>' not in check
    assert "&lt;script&gt;alert(" in check
    parsed = BeautifulSoup(check, "html.parser")
    assert not [t for t in parsed.find_all("img") if t.get("onerror")]
    assert not [s for s in parsed.find_all("script") if "hc-xss" in (s.string or "")]

    assert client.post(url).status_code == 303
    stored = dict(db.session.execute(select(Answer.key, Answer.value)).all())
    for key, value in sent.items():
        assert stored[key] == value, f"{key} was not stored verbatim"
    assert db.session.scalar(select(Response.id)) is not None  # the table is still there


def test_staff_forms_store_injection_as_text_and_every_page_escapes_it(in_world):
    """Every text field of every staff form gets a script payload; no page renders it live."""
    app, known, clients = in_world
    for endpoint, url, client, texts, files, choices in post_targets(app, known, clients):
        if endpoint.startswith(("survey.", "auth.")):
            continue
        form = {name: f"{PAYLOADS['script']}{PAYLOADS['attribute']}" for name in texts}
        form.update({name: opts[-1] for name, opts in choices.items() if opts})
        response = client.post(url, data=form)
        assert response.status_code < 500, url
    pages = 0
    for role, client in clients.items():
        for endpoint, url in urls(app, "GET", known):
            response = client.get(url)
            response.close()
            if response.mimetype != "text/html":
                continue
            body = response.get_data(as_text=True)
            assert '<script>alert("hc-xss")</script>' not in body, f"{url} ({role})"
            parsed = BeautifulSoup(body, "html.parser")
            assert not [t for t in parsed.find_all("img") if t.get("onerror")], f"{url} ({role})"
            pages += 1
    assert pages > 10


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_nul_and_control_characters_are_refused_or_stored_never_a_500(app_factory, backend):
    """PostgreSQL cannot store NUL in text: a survey answer with one must not become a 500."""
    app = app_factory(backend, PROPAGATE_EXCEPTIONS=False)
    with app.app_context():
        cycle = make_cycle(slug="hc-nul")
        client = app.test_client()
        start = BeautifulSoup(
            client.get(f"/survey/{cycle.slug}").get_data(as_text=True), "html.parser"
        )
        url = start.select_one("a.govuk-button--start")["href"]
        page = BeautifulSoup(client.get(url).get_data(as_text=True), "html.parser")
        data = {"action": "continue"}
        for area in page.select("main form textarea"):
            data[area["name"]] = "before\x00after\x1b[31m"
        response = client.post(url, data=data)
        assert response.status_code < 500


# --- uploads ---------------------------------------------------------------------------------


def upload_routes(app, known, clients):
    return [t for t in post_targets(app, known, clients) if t[4]]


def test_every_upload_refuses_an_oversized_file_before_reading_it(in_world):
    app, known, clients = in_world
    limit = app.config["MAX_CONTENT_LENGTH"]
    routes = upload_routes(app, known, clients)
    assert routes, "no upload forms were found"
    for endpoint, url, client, texts, files, choices in routes:
        form = {name: opts[0] for name, opts in choices.items() if opts}
        form[files[0]] = FileStorage(io.BytesIO(b"a" * (limit + 1024)), filename="big.csv")
        # Encoded in memory: the test client would otherwise spool the big body to a temporary
        # file that it never closes (a ResourceWarning, which is an error here).
        stream, length, boundary = stream_encode_multipart(MultiDict(form), use_tempfile=False)
        before = snapshot()
        response = client.post(
            url,
            data=stream.read(),
            content_type=f"multipart/form-data; boundary={boundary}",
        )
        assert response.status_code == 413, url
        assert "govuk-heading" in response.get_data(as_text=True)
        assert not changed_tables(before, snapshot())


BAD_FILES = [
    ("program.exe", b"MZ\x90\x00\x03\x00\x00\x00"),
    ("figures.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
    ("notes.docx", b"PK\x03\x04 this is not really a word file"),
    ("notes.txt", b"\xff\xfe\x00\x00\xc3\x28 invalid utf-8 \x80\x81"),
    ("figures.csv", json.dumps({"not": "a csv"}).encode() * 50),
    ("", b"name,value\n"),
]


@pytest.mark.parametrize("filename,content", BAD_FILES, ids=[f[0] or "no-name" for f in BAD_FILES])
def test_uploads_check_type_and_content_before_use(in_world, filename, content):
    app, known, clients = in_world
    for endpoint, url, client, texts, files, choices in upload_routes(app, known, clients):
        form = {name: opts[0] for name, opts in choices.items() if opts}
        form[files[0]] = (io.BytesIO(content), filename)
        before = snapshot()
        response = client.post(url, data=form, content_type="multipart/form-data")
        assert response.status_code < 500, url
        if response.status_code in (302, 303):
            # Accepted: only acceptable for a plain-text transcript that decodes.
            assert filename.endswith(".txt") and endpoint.startswith("focus_groups."), url
            continue
        assert not changed_tables(before, snapshot()), f"{url} saved part of {filename!r}"
        assert "govuk-error-summary" in response.get_data(as_text=True), url
