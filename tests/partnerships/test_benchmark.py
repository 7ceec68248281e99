"""The anonymised peer benchmark: aggregates by cohort and step, shown only from 10 organisations, opt-out,
the startup's percentile on its results and on the dossiers pharma teams receive."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from config.celery_app import app as celery_app
from partnerships.models import BenchmarkOptOut, PeerAggregate
from partnerships.services.benchmark import (
    benchmark_opt_out_set,
    peer_aggregates_compute,
    peer_aggregates_refresh,
)
from scoring.peers import QUANTILES
from tests.factories import AssessmentFactory, StartupFactory, answered_snapshot


def peers(count: int, *, maturity="development", business_models=("pecan",)):
    """`count` other startups at `maturity`, each with a submitted assessment at levels 0..3 in turn."""
    snapshots = []
    for index in range(count):
        assessment = AssessmentFactory(organisation=StartupFactory(name=f"Peer {index}"))
        snapshots.append(
            answered_snapshot(
                assessment=assessment,
                default_level=index % 4,
                maturity=maturity,
                business_models=list(business_models),
            )
        )
    return snapshots


@pytest.fixture
def alice_results(framework, assessment, alice):
    return answered_snapshot(
        assessment=assessment, user=alice, default_level=2, maturity="development", business_models=["pecan"]
    )


def test_below_the_threshold_nothing_is_stored_nor_shown(alice_client, assessment, alice_results, settings):
    settings.BENCHMARK_MIN_COHORT = 10
    peers(8)  # with Alice: 9 organisations

    peer_aggregates_refresh()
    response = alice_client.get(reverse("assessment_results", args=[assessment.pk]))

    assert not PeerAggregate.objects.exists()
    assert response.content.decode().count("peer-too-few") == 2
    assert "peer-chart" not in response.content.decode()
    # Each cohort is still named, over its "too few peers": the startup's own stage and business model.
    assert "Même modèle économique : PECAN" in response.content.decode()


def test_from_the_threshold_the_cohort_is_shown_with_the_startups_percentile(
    alice_client, assessment, alice_results, settings
):
    settings.BENCHMARK_MIN_COHORT = 10
    peers(9)  # with Alice: 10 organisations

    peer_aggregates_refresh()
    response = alice_client.get(reverse("assessment_results", args=[assessment.pk]))

    maturity, model = response.context["peers"]
    assert maturity.shown and model.shown and maturity.organisations == 10
    row = maturity.rows[0]
    assert row.aggregate.p25 <= row.aggregate.median <= row.aggregate.p75
    assert 5 <= row.percentile <= 95
    assert "peer-chart" in response.content.decode() and "peer-too-few" not in response.content.decode()


def test_only_aggregates_are_kept_never_an_organisations_scores(alice_results, settings):
    settings.BENCHMARK_MIN_COHORT = 10
    peers(9)

    peer_aggregates_refresh()

    rows = PeerAggregate.objects.all()
    assert {(row.dimension, row.cohort) for row in rows} == {("maturity", "development"), ("business_model", "pecan")}
    assert all(len(row.quantiles) == len(QUANTILES) and row.organisations == 10 for row in rows)
    field_names = {field.name for field in PeerAggregate._meta.get_fields()}
    assert not field_names & {"organisation", "snapshot", "assessment"}


def test_only_each_startups_latest_snapshot_counts(alice, assessment, alice_results, settings):
    settings.BENCHMARK_MIN_COHORT = 2
    peers(1)
    from partnerships.models import Answer
    from partnerships.services.assessments import assessment_submit

    Answer.objects.filter(assessment=assessment).update(level=3)
    assessment_submit(assessment=assessment, user=alice)

    rows = {step: count for _cohort, step, count, _q in peer_aggregates_compute("maturity")}
    assert set(rows.values()) == {2}


def test_an_organisation_that_opts_out_leaves_at_the_next_refresh(alice, alice_results, settings):
    settings.BENCHMARK_MIN_COHORT = 10
    peers(9)
    peer_aggregates_refresh()

    benchmark_opt_out_set(organisation=alice.membership.organisation, user=alice, opted_out=True)
    assert PeerAggregate.objects.exists()  # until the next run
    peer_aggregates_refresh()

    assert not PeerAggregate.objects.exists()  # 9 organisations left: below the threshold


def test_the_opt_out_page(client, alice, bob):
    client.force_login(alice)
    client.post(reverse("benchmark_settings"))
    assert BenchmarkOptOut.objects.filter(organisation=alice.membership.organisation).exists()
    assert "n'est pas comptée" in client.get(reverse("benchmark_settings")).content.decode()
    client.post(reverse("benchmark_settings"), {"counted": "yes"})
    assert not BenchmarkOptOut.objects.exists()
    client.force_login(bob)  # a plain member
    assert client.get(reverse("benchmark_settings")).status_code == 403


def test_the_privacy_page_explains_the_benchmark(client, db):
    text = client.get(reverse("privacy")).content.decode()

    assert 'id="benchmark"' in text and "au moins 10 organisations" in text.replace("\u00a0", " ")


def test_pharma_teams_see_the_percentiles_without_a_query_per_row(client, world, paula, settings, framework):
    settings.BENCHMARK_MIN_COHORT = 3
    from partnerships.services.dossiers import dossier_submit

    pharma = paula.membership.organisation
    client.force_login(paula)
    snapshots = peers(4, maturity=world["dossier"].maturity or "development")
    dossier_submit(user=snapshots[0].created_by, snapshot=snapshots[0], pharma=pharma, cover_message="x", notify=False)
    peer_aggregates_refresh()
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("pharma_inbox"))
    for snapshot in snapshots[1:]:
        dossier_submit(user=snapshot.created_by, snapshot=snapshot, pharma=pharma, cover_message="x", notify=False)

    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("pharma_inbox"))

    assert len(many.captured_queries) == len(few.captured_queries)
    assert response.content.decode().count('class="peer-bars"') == 5
    detail = client.get(reverse("pharma_dossier_detail", args=[world["dossier"].uuid]))
    assert len(detail.context["peer_percentiles"]) == 10 and 'id="dossier-peers"' in detail.content.decode()


def test_the_refresh_runs_every_night_through_celery_beat():
    from partnerships.tasks import refresh_peer_aggregates

    assert celery_app.conf.beat_schedule["refresh-peer-aggregates"]["task"] == refresh_peer_aggregates.name


def test_postgresql_computes_the_same_figures_in_one_query_per_dimension(postgresql, alice_results, settings):
    from partnerships.services import benchmark

    settings.BENCHMARK_MIN_COHORT = 5
    peers(6, business_models=("pecan", "other"))

    for dimension in ("maturity", "business_model"):
        with CaptureQueriesContext(connection) as queries:
            in_sql = sorted(benchmark._rows_postgresql(dimension, 5))
        in_python = sorted(benchmark._rows_python(dimension, 5))
        assert len(queries.captured_queries) == 1
        assert [row[:3] for row in in_sql] == [row[:3] for row in in_python]
        for sql_row, python_row in zip(in_sql, in_python, strict=True):
            assert sql_row[3] == pytest.approx(python_row[3])


def test_the_report_has_a_page_with_the_benchmark_once_the_cohort_is_large_enough(alice_results, settings, media):
    from partnerships.models import Report
    from partnerships.services.reports import report_pdf
    from tests.partnerships.reports_helpers import pdf_text

    settings.BENCHMARK_MIN_COHORT = 3
    report = Report.objects.create(snapshot=alice_results, language="fr")
    assert "Où vous vous situez parmi vos pairs" not in pdf_text(report_pdf(report)[0])
    peers(2)
    peer_aggregates_refresh()

    text = pdf_text(report_pdf(report)[0])

    assert "Où vous vous situez parmi vos pairs" in text and "3 organisations" in text


def test_the_api_gives_pharma_tools_the_percentiles_too(client, world, paula, settings):
    from tests.partnerships.api_helpers import bearer, token_for

    settings.BENCHMARK_MIN_COHORT = 3
    peers(3, maturity=world["dossier"].maturity)
    peer_aggregates_refresh()
    secret = token_for(paula)

    listed = client.get("/api/v1/inbox/", headers=bearer(secret)).json()["results"][0]
    detail = client.get(f"/api/v1/dossiers/{world['dossier'].uuid}/", headers=bearer(secret)).json()

    assert set(detail["peer_percentiles"]) == {str(n) for n in range(1, 11)}
    assert listed["peer_percentiles"] == detail["peer_percentiles"]
