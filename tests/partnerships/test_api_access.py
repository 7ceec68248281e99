"""Every API endpoint × every role × every token scope → the answer it gets.

The endpoints are read from the API's own OpenAPI schema: a new endpoint fails
`test_every_api_endpoint_is_in_the_matrix` until its row is written here.

Columns: no token; Alice (admin of the startup that sent the dossier) with a read and a review token; Charlie
(another startup); Mia (plain member), Rita (reviewer) and Paula (admin) of Pharma Lab, which received it, with
read and review tokens; Oscar (admin of another pharma company). A token acts as its member, within its scope:
a read token never writes (403); someone else's object is a 404, as on the web.
"""

import json

import pytest

from partnerships.api.main import api
from tests.partnerships.api_helpers import bearer, token_for

COLUMNS = [
    ("anonymous", None, None),
    ("alice", "alice", "read"),
    ("alice+review", "alice", "review"),
    ("charlie+review", "charlie", "review"),
    ("mia", "mia", "read"),
    ("mia+review", "mia", "review"),
    ("rita", "rita", "read"),
    ("rita+review", "rita", "review"),
    ("paula", "paula", "read"),
    ("paula+review", "paula", "review"),
    ("oscar+review", "oscar", "review"),
]


def row(method: str, path: str, answers: str, body: dict | None = None):
    statuses = [int(code) for code in answers.split()]
    assert len(statuses) == len(COLUMNS)
    return method, path, body, dict(zip((name for name, _, _ in COLUMNS), statuses, strict=True))


DOSSIER = "/api/v1/dossiers/{dossier}/"
DECLINE = {"to_status": "declined", "reason": "Hors de nos aires thérapeutiques."}
# (method, schema path) → path with the world's ids, body, expected status by column
#                                                         anon A   A+r  C+r  M   M+r  R   R+r  P   P+r  O+r
MATRIX = {
    ("get", "/api/v1/inbox/"): row("GET", "/api/v1/inbox/", "401 403 403 403 200 200 200 200 200 200 200"),
    ("get", "/api/v1/dossiers/{dossier_uuid}/"): row("GET", DOSSIER, "401 200 200 404 200 200 200 200 200 200 404"),
    # Declining is a decision: the admins' (or the assigned reviewer's); Paula's is last and declines it.
    ("post", "/api/v1/dossiers/{dossier_uuid}/status/"): row(
        "POST", DOSSIER + "status/", "401 403 403 404 403 403 403 403 403 200 404", DECLINE
    ),
    ("post", "/api/v1/dossiers/{dossier_uuid}/messages/"): row(
        "POST", DOSSIER + "messages/", "401 403 201 404 403 403 403 201 403 201 404", {"body": "Bonjour"}
    ),
    ("get", "/api/v1/dossiers/{dossier_uuid}/report/"): row(
        "GET", DOSSIER + "report/", "401 200 200 404 200 200 200 200 200 200 404"
    ),
    ("get", "/api/v1/assessments/"): row("GET", "/api/v1/assessments/", "401 200 200 200 403 403 403 403 403 403 403"),
    ("get", "/api/v1/assessments/{assessment_id}/"): row(
        "GET", "/api/v1/assessments/{assessment}/", "401 200 200 404 403 403 403 403 403 403 403"
    ),
    ("get", "/api/v1/snapshots/{snapshot_uuid}/"): row(
        "GET", "/api/v1/snapshots/{snapshot}/", "401 200 200 404 403 403 403 403 403 403 403"
    ),
}


def test_every_api_endpoint_is_in_the_matrix():
    operations = {(method, path) for path, methods in api.get_openapi_schema()["paths"].items() for method in methods}
    assert operations == set(MATRIX), f"missing: {operations - set(MATRIX)}; gone: {set(MATRIX) - operations}"


@pytest.mark.parametrize("operation", sorted(MATRIX), ids=[f"{m} {p}" for m, p in sorted(MATRIX)])
def test_api_access_matrix(client, request, world, mia, operation):
    method, path, body, expected = MATRIX[operation]
    url = path.format(dossier=world["dossier"].uuid, assessment=world["assessment"].pk, snapshot=world["snapshot"].uuid)
    answers = {}
    for name, user, scope in COLUMNS:
        secret = token_for(request.getfixturevalue(user), scope) if user else None
        if method == "POST":
            response = client.post(url, json.dumps(body), content_type="application/json", headers=bearer(secret))
        else:
            response = client.get(url, headers=bearer(secret))
        answers[name] = response.status_code
        if response.streaming:
            b"".join(response.streaming_content)
        else:
            assert response["Content-Type"].startswith("application/json"), (name, response.content[:80])
    assert answers == expected, f"{method} {url}"
