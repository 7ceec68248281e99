"""Bad input never breaks the app: every form a user can see, posted with arbitrary values, answers 2xx, 3xx
or 4xx, never 5xx. Filters (GET forms) and the report status JSON get arbitrary query strings.

The forms are not listed by hand: each page is fetched as its user sees it and every <form> on it is fuzzed
with its own field names (plus unknown ones), so a new field or form is fuzzed the day it ships.
"""

import json
import os
from html.parser import HTMLParser
from urllib.parse import quote, urlsplit

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.partnerships.api_helpers import bearer, token_for

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", 30))  # more for a long local run

# Values a browser, a script or an attacker may send for a field.
field_value = st.one_of(
    st.text(max_size=40),  # any unicode, NUL and surrogate-free control characters included
    st.text(alphabet="0123456789-.", max_size=25),  # numbers, negative, decimal, out of range
    st.sampled_from(["", " ", "0", "-1", "1e400", "NaN", "9" * 30, "true", "on", "2026-02-30", "../../etc"]),
    st.integers(1000, 5000).map(lambda length: "é" * length),  # far longer than any field
)
# A field sent absent, once, or several times (a multi-select, or a tampered form).
field_values = st.lists(field_value, max_size=3)


class FormParser(HTMLParser):
    """The forms of a page: method, action, and the names of their fields with the values offered."""

    def __init__(self):
        super().__init__()
        self.forms = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append(
                {"method": (attrs.get("method") or "get").lower(), "action": attrs.get("action"), "fields": {}}
            )
        elif tag in ("input", "select", "textarea", "button") and self.forms and attrs.get("name"):
            self.forms[-1]["fields"].setdefault(attrs["name"], [])
            if attrs.get("value") is not None:
                self.forms[-1]["fields"][attrs["name"]].append(attrs["value"])
        elif tag == "option" and self.forms and attrs.get("value") is not None:
            last_field = next(reversed(self.forms[-1]["fields"]), None)
            if last_field:
                self.forms[-1]["fields"][last_field].append(attrs["value"])


def forms_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    parser = FormParser()
    parser.feed(response.content.decode())
    for form in parser.forms:
        form["action"] = urlsplit(form["action"]).path if form["action"] else url
    return parser.forms


def fuzz_data(form):
    """For each field: absent, what the page offers, or arbitrary values; plus a field the form never had."""
    known = {
        name: st.one_of(field_values, st.lists(st.sampled_from(offered), max_size=3) if offered else field_values)
        for name, offered in form["fields"].items()
        if name != "csrfmiddlewaretoken"
    }
    return st.fixed_dictionaries({}, optional={**known, "unexpected": field_values})


def assert_no_server_error(response, method, action, data):
    assert response.status_code < 500, f"{method.upper()} {action} {data!r} → {response.status_code}"
    if response.streaming:
        b"".join(response.streaming_content)


# (user fixture, URL name, arguments from the world): every page that shows a form, as its user sees it.
PAGES = [
    (None, "signup", None),
    (None, "login", None),
    (None, "password_reset", None),
    ("homeless_user", "organisation_create", None),
    ("alice", "organisation_members", None),
    ("alice", "startup_profile", None),
    ("alice", "target_create", None),
    ("alice", "target_update", lambda w: [w["target"].pk]),
    ("alice", "assessment_step", lambda w: [w["assessment"].pk, 3]),
    ("alice", "assessment_results", lambda w: [w["assessment"].pk]),
    ("alice", "plan", lambda w: [w["assessment"].pk]),
    ("alice", "snapshot_reports", lambda w: [w["snapshot"].uuid]),
    ("alice", "dossier_submit", lambda w: [w["snapshot"].uuid]),
    ("alice", "startup_dossier_detail", lambda w: [w["dossier"].uuid]),
    ("alice", "directory", None),
    ("alice", "privacy", None),
    ("bob", "account_delete", None),  # Alice, the last admin, is first asked to hand over or delete
    ("alice", "organisation_delete", None),
    ("paula", "pharma_profile", None),
    ("paula", "pharma_inbox", None),
    ("paula", "pharma_dossier_detail", lambda w: [w["dossier"].uuid]),
]
# Actions that end the session or switch the language: harmless, and they would only end the fuzzing early.
NOT_FUZZED = {"/logout/", "/i18n/setlang/"}


@pytest.mark.parametrize(("user", "name", "args"), PAGES, ids=[f"{name}" for _, name, _ in PAGES])
def test_every_form_answers_bad_input_without_a_server_error(client, request, world, user, name, args):
    if user:
        client.force_login(request.getfixturevalue(user))
    url = reverse(name, args=args(world) if args else None)
    forms = [form for form in forms_of(client, url) if form["action"] not in NOT_FUZZED]
    assert forms, f"{url} shows no form"
    # The same form repeated down a page (one per gap of the action plan) is fuzzed once.
    forms = list({(f["method"], f["action"], tuple(sorted(f["fields"]))): f for f in forms}.values())

    for form in forms:
        fuzz_form(client, form)


def fuzz_form(client, form):
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(data=fuzz_data(form))
    def answers_without_a_server_error(data):
        send = client.post if form["method"] == "post" else client.get
        response = send(form["action"], data)
        assert_no_server_error(response, form["method"], form["action"], data)

    answers_without_a_server_error()


@settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(query=st.dictionaries(st.text(min_size=1, max_size=10), field_values, max_size=4))
def test_the_report_status_json_answers_any_query_string_without_a_server_error(client, world, alice, query):
    client.force_login(alice)
    url = reverse("report_status", args=[world["report"].uuid])
    response = client.get(url, query, headers={"Accept": "application/json"})
    assert_no_server_error(response, "get", url, query)


# Cases the fuzzing found, kept as plain regression tests.


def test_a_login_with_an_e_mail_longer_than_any_account_gets_a_field_message(client, db):
    # It reached django-axes' failed-login record (255 characters): a database error on PostgreSQL.
    response = client.post(reverse("login"), {"username": "é" * 1000, "password": "0"})

    assert response.status_code == 200
    assert response.context["form"].errors["username"] == ["Aucun compte n'a une adresse e-mail aussi longue."]


def test_a_therapeutic_area_beyond_the_database_integer_range_is_an_invalid_choice(alice_client):
    # Areas were posted as ids: one beyond 64 bits overflowed SQLite. They are posted as codes now.
    response = alice_client.post(reverse("startup_profile"), {"therapeutic_areas": ["9223372036854775808"]})

    assert response.status_code == 200
    assert "therapeutic_areas" in response.context["form"].errors


# The JSON API: arbitrary query strings, JSON bodies and path segments answer 2xx or a 4xx in the error shape.

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | field_value,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=10), children, max_size=3),
    max_leaves=6,
)


@pytest.fixture
def api_secrets(world, alice, paula):
    # Paula's token may review, so the write fuzzing reaches the services.
    return {"alice": token_for(alice), "paula": token_for(paula, "review")}


def assert_api_answer(response, what):
    assert response.status_code < 500, f"{what} → {response.status_code}"
    if response.status_code >= 400:
        error = response.json()["error"]
        assert error["status"] == response.status_code and error["message"], what
    elif response.streaming:
        b"".join(response.streaming_content)


@settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(query=st.dictionaries(st.sampled_from(["q", "status", "band", "maturity", "therapeutic_area",
                                              "business_model", "overdue", "sort", "page", "x"]), field_values,
                             max_size=5))
def test_the_api_inbox_answers_any_query_string_without_a_server_error(client, api_secrets, query):
    response = client.get("/api/v1/inbox/", query, headers=bearer(api_secrets["paula"]))
    assert_api_answer(response, f"inbox {query!r}")


@settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(
    endpoint=st.sampled_from(["status/", "messages/"]),
    body=st.one_of(json_values, st.fixed_dictionaries({}, optional={
        "to_status": json_values | st.sampled_from(["in_review", "declined", "partnership_started", "withdrawn"]),
        "reason": json_values, "body": json_values, "is_internal": json_values})),
    raw=st.booleans(),
)
def test_the_api_writes_answer_any_body_without_a_server_error(client, world, api_secrets, endpoint, body, raw):
    url = f"/api/v1/dossiers/{world['dossier'].uuid}/{endpoint}"
    data = str(body) if raw else json.dumps(body)  # raw: Python's repr, often not JSON at all
    response = client.post(url, data, content_type="application/json", headers=bearer(api_secrets["paula"]))
    assert_api_answer(response, f"POST {url} {data!r}")


@settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(segment=st.text(alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="/?#%"), max_size=60))
def test_the_api_answers_any_object_id_without_a_server_error(client, api_secrets, segment):
    secret = api_secrets["alice"]
    for path in ("/api/v1/dossiers/{}/", "/api/v1/assessments/{}/", "/api/v1/snapshots/{}/"):
        url = path.format(quote(segment))
        assert_api_answer(client.get(url, headers=bearer(secret)), url)
