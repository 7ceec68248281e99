"""Bad input never breaks the app: every form a user can see, posted with arbitrary values, answers 2xx, 3xx
or 4xx, never 5xx. Filters (GET forms) and the report status JSON get arbitrary query strings.

The forms are not listed by hand: each page is fetched as its user sees it and every <form> on it is fuzzed
with its own field names (plus unknown ones), so a new field or form is fuzzed the day it ships.
"""

import os
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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
