"""The JSON API as a pharma team's CRM (and a startup's tools) use it: tokens, the inbox, a dossier, review moves,
messages, the report, a startup's scores; errors in one shape; the OpenAPI schema and its docs page."""

import hashlib
import json
from datetime import timedelta
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from partnerships.api.main import api
from partnerships.models import ApiToken, AuditEvent, Dossier, DossierMessage
from partnerships.selectors.dossiers import inbox
from partnerships.services.dossiers import dossier_submit, dossier_transition
from tests.factories import AssessmentFactory, StartupFactory, answered_snapshot
from tests.partnerships.api_helpers import bearer, token_for

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "docs" / "api" / "openapi.json"


def get(client, url, secret, **query):
    return client.get(url, query, headers=bearer(secret))


def post(client, url, secret, body):
    return client.post(url, json.dumps(body), content_type="application/json", headers=bearer(secret))


def assert_error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content
    error = response.json()["error"]
    assert error["status"] == status and error["code"] == code and error["message"]
    return error


# --- Tokens: created by admins on the web, shown once, stored hashed, expiring, revocable, audited -------------------


def test_an_admin_creates_a_token_shown_once_and_stored_hashed(client, paula, rita):
    client.force_login(paula)
    expires = timezone.localdate() + timedelta(days=30)
    response = client.post(
        reverse("api_tokens"), {"name": "CRM", "user": rita.pk, "scope": "review", "expires_on": expires.isoformat()}
    )

    assert response.status_code == 200
    secret = response.context["created"].secret
    assert secret in response.content.decode()
    token = ApiToken.objects.get()
    assert (token.user, token.created_by, token.scope) == (rita, paula, "review")
    assert token.digest == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in json.dumps(list(ApiToken.objects.values()), default=str)
    assert secret not in client.get(reverse("api_tokens")).content.decode()  # never shown again
    assert AuditEvent.objects.filter(action="api_token_created", actor=paula).exists()


def test_a_token_form_with_a_past_date_or_a_foreign_member_is_refused(client, paula, oscar):
    client.force_login(paula)
    past = client.post(
        reverse("api_tokens"), {"name": "CRM", "user": paula.pk, "scope": "read", "expires_on": "2020-01-01"}
    )
    foreign = client.post(
        reverse("api_tokens"),
        {"name": "CRM", "user": oscar.pk, "scope": "read", "expires_on": str(timezone.localdate() + timedelta(days=3))},
    )

    assert past.status_code == 400 and "expires_on" in past.context["form"].errors
    assert foreign.status_code == 400 and "user" in foreign.context["form"].errors
    assert not ApiToken.objects.exists()


def test_only_admins_manage_tokens(client, rita, bob):
    for user in (rita, bob):
        client.force_login(user)
        assert client.get(reverse("api_tokens")).status_code == 403


def test_each_use_is_dated_and_audited(client, world, paula):
    secret = token_for(paula)

    get(client, "/api/v1/inbox/", secret)

    token = ApiToken.objects.get()
    assert token.last_used_at is not None
    event = AuditEvent.objects.get(action="api_request")
    assert event.actor == paula and event.details["path"] == "/api/v1/inbox/" and event.details["method"] == "GET"


def test_a_revoked_expired_or_unknown_token_gets_401(client, world, paula):
    revoked = token_for(paula)
    revoked_token = ApiToken.objects.get()
    expired = token_for(paula)
    ApiToken.objects.exclude(pk=revoked_token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    client.force_login(paula)
    client.post(reverse("api_token_revoke", args=[revoked_token.pk]))
    client.logout()

    for secret in (revoked, expired, "prt_not-a-token", None):
        response = get(client, "/api/v1/inbox/", secret)
        assert_error(response, 401, "unauthorized")
        assert response["WWW-Authenticate"] == "Bearer"
    assert AuditEvent.objects.filter(action="api_token_revoked").exists()


def test_a_token_stops_when_its_member_leaves(client, world, paula, rita):
    secret = token_for(rita)
    rita.membership.delete()

    assert_error(get(client, "/api/v1/inbox/", secret), 401, "unauthorized")


def test_a_token_over_its_rate_gets_429_with_retry_after_and_others_go_on(client, world, paula, settings):
    settings.API_RATE_LIMIT = "3/min"
    busy, other = token_for(paula), token_for(paula)

    answers = [get(client, "/api/v1/inbox/", busy).status_code for _ in range(3)]
    throttled = get(client, "/api/v1/inbox/", busy)

    assert answers == [200, 200, 200]
    assert_error(throttled, 429, "throttled")
    assert 0 < int(throttled["Retry-After"]) <= 60
    assert get(client, "/api/v1/inbox/", other).status_code == 200


# --- The inbox: the page's filters, search, sort and pagination ---------------------------------------------------


@pytest.fixture
def crowded_inbox(world, alice, pharma_org, framework):
    """26 more dossiers to Pharma Lab: two pages."""
    for index in range(26):
        assessment = AssessmentFactory(organisation=StartupFactory(name=f"Startup {index:02d}"))
        snapshot = answered_snapshot(assessment=assessment, default_level=index % 4)
        dossier_submit(
            user=snapshot.created_by, snapshot=snapshot, pharma=pharma_org, cover_message="Bonjour", notify=False
        )
    return pharma_org


def test_the_inbox_pages_like_the_page(client, crowded_inbox, paula):
    secret = token_for(paula)

    first = get(client, "/api/v1/inbox/", secret).json()
    second = get(client, "/api/v1/inbox/", secret, page=2).json()

    assert (first["count"], first["pages"], first["page_size"], len(first["results"])) == (27, 2, 25, 25)
    assert len(second["results"]) == 2
    expected = [str(d.uuid) for d in inbox(crowded_inbox)]
    assert [row["uuid"] for row in first["results"] + second["results"]] == expected


def test_the_inbox_filters_searches_and_sorts_as_the_selector_does(client, crowded_inbox, paula):
    secret = token_for(paula)
    filters = {"status": "open", "band": "not_ready", "sort": "score", "q": "startup 0"}

    rows = get(client, "/api/v1/inbox/", secret, **filters).json()["results"]

    expected = inbox(crowded_inbox, status="open", band="not_ready", sort="score", search="startup 0")
    assert rows and [row["uuid"] for row in rows] == [str(d.uuid) for d in expected]
    assert all(row["band"] == "not_ready" for row in rows)


def test_bad_inbox_filters_answer_400_naming_each_field(client, world, paula):
    response = get(client, "/api/v1/inbox/", token_for(paula), status="lost", page="0", therapeutic_area="nowhere")

    error = assert_error(response, 400, "invalid")
    assert {"status", "page"} <= error["fields"].keys()
    out_of_range = get(client, "/api/v1/inbox/", token_for(paula), page=9)
    assert assert_error(out_of_range, 400, "invalid")["fields"] == {"page": ["Cette page n'existe pas."]}
    unknown_area = get(client, "/api/v1/inbox/", token_for(paula), therapeutic_area="nowhere")
    assert "therapeutic_area" in assert_error(unknown_area, 400, "invalid")["fields"]


def test_a_startup_token_has_no_inbox(client, world, alice):
    assert_error(get(client, "/api/v1/inbox/", token_for(alice)), 403, "forbidden")


# --- A dossier: what the web page shows, from each side ----------------------------------------------------------


def test_the_pharma_team_reads_a_dossier_with_scores_alignment_history_and_notes(client, world, paula, rita):
    dossier = world["dossier"]
    DossierMessage.objects.create(dossier=dossier, author=rita, body="Note interne", is_internal=True)

    body = get(client, f"/api/v1/dossiers/{dossier.uuid}/", token_for(paula)).json()

    assert body["startup_name"] == "CardioSuivi" and body["status"] == "received"
    assert [step["number"] for step in body["steps"]] == list(range(1, 11))
    assert body["steps"][0]["score"] == pytest.approx(world["snapshot"].step_scores["1"])
    assert body["alignment"]["criteria"] and body["events"][0]["to_status"] == "received"
    assert [m["body"] for m in body["messages"]] == ["Note interne"]
    assert body["report_url"] == f"/api/v1/dossiers/{dossier.uuid}/report/"


def test_the_startup_never_reads_internal_notes(client, world, alice, rita):
    dossier = world["dossier"]
    DossierMessage.objects.create(dossier=dossier, author=rita, body="Note interne", is_internal=True)

    body = get(client, f"/api/v1/dossiers/{dossier.uuid}/", token_for(alice)).json()

    assert body["messages"] == [] and "Note interne" not in json.dumps(body)


def test_an_unknown_or_malformed_dossier_id_is_a_json_error(client, world, paula):
    secret = token_for(paula)

    assert_error(get(client, "/api/v1/dossiers/00000000-0000-0000-0000-000000000000/", secret), 404, "not_found")
    assert "dossier_uuid" in assert_error(get(client, "/api/v1/dossiers/nope/", secret), 400, "invalid")["fields"]
    assert_error(get(client, "/api/v2/anything", secret), 404, "not_found")


def test_the_report_downloads_as_pdf(client, world, paula):
    response = get(client, f"/api/v1/dossiers/{world['dossier'].uuid}/report/", token_for(paula))

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


# --- Review through the API: same workflow, same rules ---------------------------------------------------------------


def test_a_reviewer_moves_a_dossier_and_the_startup_is_told(
    client, world, rita, mailoutbox, django_capture_on_commit_callbacks
):
    dossier = world["dossier"]
    secret = token_for(rita, "review")

    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, f"/api/v1/dossiers/{dossier.uuid}/status/", secret, {"to_status": "in_review"})

    assert response.status_code == 200 and response.json()["status"] == "in_review"
    dossier.refresh_from_db()
    assert dossier.status == "in_review" and dossier.first_response_at is not None
    assert any("alice@cardio.test" in mail.to for mail in mailoutbox)


def test_a_move_the_workflow_refuses_is_a_409_saying_why(client, world, paula):
    response = post(
        client,
        f"/api/v1/dossiers/{world['dossier'].uuid}/status/",
        token_for(paula, "review"),
        {"to_status": "partnership_started"},
    )

    assert "Statuts suivants possibles" in assert_error(response, 409, "conflict")["message"]
    assert Dossier.objects.get().status == "received"


def test_declining_without_a_reason_is_refused(client, world, paula):
    response = post(
        client,
        f"/api/v1/dossiers/{world['dossier'].uuid}/status/",
        token_for(paula, "review"),
        {"to_status": "declined"},
    )

    assert_error(response, 409, "conflict")


def test_a_decision_is_the_admins_or_the_assigned_reviewers(client, world, paula, rita):
    dossier = dossier_transition(user=paula, dossier=world["dossier"], to_status="in_review", notify=False)
    dossier_transition(user=paula, dossier=dossier, to_status="meeting_proposed", notify=False)
    url = f"/api/v1/dossiers/{dossier.uuid}/status/"

    refused = post(client, url, token_for(rita, "review"), {"to_status": "partnership_started"})
    accepted = post(client, url, token_for(paula, "review"), {"to_status": "partnership_started"})

    assert_error(refused, 403, "forbidden")
    assert accepted.status_code == 200 and accepted.json()["status"] == "partnership_started"


def test_a_read_token_never_writes(client, world, paula):
    url = f"/api/v1/dossiers/{world['dossier'].uuid}/"
    secret = token_for(paula, "read")

    assert_error(post(client, url + "status/", secret, {"to_status": "in_review"}), 403, "forbidden")
    assert_error(post(client, url + "messages/", secret, {"body": "Bonjour"}), 403, "forbidden")
    assert Dossier.objects.get().status == "received" and not DossierMessage.objects.exists()


def test_messages_and_internal_notes_through_the_api(client, world, rita, alice):
    url = f"/api/v1/dossiers/{world['dossier'].uuid}/messages/"

    note = post(client, url, token_for(rita, "review"), {"body": "À voir en comité", "is_internal": True})
    shared = post(client, url, token_for(alice, "review"), {"body": "Merci de votre retour"})
    startup_note = post(client, url, token_for(alice, "review"), {"body": "x", "is_internal": True})

    assert note.status_code == 201 and note.json()["is_internal"] is True
    assert shared.status_code == 201 and shared.json()["author"] == "alice@cardio.test"
    assert_error(startup_note, 403, "forbidden")
    assert list(DossierMessage.objects.values_list("body", "is_internal")) == [
        ("À voir en comité", True),
        ("Merci de votre retour", False),
    ]


def test_a_message_body_that_is_empty_or_too_long_names_the_field(client, world, rita):
    url = f"/api/v1/dossiers/{world['dossier'].uuid}/messages/"
    secret = token_for(rita, "review")

    for body in ({"body": ""}, {"body": "é" * 5001}, {}, {"body": 3}):
        assert "body" in assert_error(post(client, url, secret, body), 400, "invalid")["fields"]
    malformed = client.post(url, "{not json", content_type="application/json", headers=bearer(secret))
    assert_error(malformed, 400, "invalid")


# --- A startup's assessments ------------------------------------------------------------------------------------


def test_a_startup_reads_its_assessments_scores_and_snapshots(client, world, alice):
    secret = token_for(alice)
    snapshot = world["snapshot"]

    listing = get(client, "/api/v1/assessments/", secret).json()
    detail = get(client, f"/api/v1/assessments/{world['assessment'].pk}/", secret).json()
    frozen = get(client, f"/api/v1/snapshots/{snapshot.uuid}/", secret).json()

    assert [row["id"] for row in listing] == [world["assessment"].pk]
    assert listing[0]["latest_snapshot"]["uuid"] == str(snapshot.uuid)
    assert detail["current"]["overall_score"] == pytest.approx(snapshot.overall_score)
    assert [s["uuid"] for s in detail["snapshots"]] == [str(snapshot.uuid)]
    assert frozen["scores"]["overall_score"] == pytest.approx(snapshot.overall_score)
    assert len(frozen["scores"]["steps"]) == 10 and frozen["answers"]


def test_another_startups_assessment_is_a_404(client, world, charlie):
    secret = token_for(charlie)

    assert_error(get(client, f"/api/v1/assessments/{world['assessment'].pk}/", secret), 404, "not_found")
    assert_error(get(client, f"/api/v1/snapshots/{world['snapshot'].uuid}/", secret), 404, "not_found")
    assert_error(get(client, "/api/v1/assessments/99999999999999999999999/", secret), 404, "not_found")


# --- The schema and the docs -------------------------------------------------------------------------------------


def test_the_openapi_schema_documents_every_endpoint_and_matches_the_committed_copy(client):
    response = client.get("/api/v1/openapi.json")

    schema = response.json()
    assert response.status_code == 200 and schema["openapi"].startswith("3.")
    scheme = schema["components"]["securitySchemes"]["TokenAuth"]
    assert (scheme["type"], scheme["scheme"]) == ("http", "bearer")
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            assert operation["operationId"] and operation["summary"], (method, path)
            assert {"401", "404"} <= operation["responses"].keys(), (method, path)
    committed = json.loads(SCHEMA_FILE.read_text())
    assert schema == committed, "the API changed: regenerate docs/api/openapi.json (see README, JSON API)"


def test_the_docs_page_loads_everything_from_our_own_origin(client):
    response = client.get("/api/docs/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "/static/ninja/swagger-ui-bundle.js" in html and "cdn" not in html.lower()
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]


def test_every_endpoint_is_in_the_schema(client):
    assert len(api.get_openapi_schema()["paths"]) == 8
