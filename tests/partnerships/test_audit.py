"""The audit trail: an organisation's admins see its sensitive actions, and nobody else does."""

import importlib

from django.urls import reverse

from partnerships.models import AuditEvent, Dossier, Invitation
from partnerships.selectors.audit import audit_details
from partnerships.services.audit import audit_record
from partnerships.services.dossiers import dossier_transition
from partnerships.services.organisations import member_invite, member_remove
from partnerships.services.reports import report_request


def test_members_are_refused_and_admins_see_their_organisation_only(client, alice, bob, charlie):
    ours, theirs = alice.membership.organisation, charlie.membership.organisation
    audit_record(organisation=ours, actor=alice, action="member_invited", description="a@a.test")
    audit_record(organisation=theirs, actor=charlie, action="member_invited", description="zq-foreign@other.test")

    client.force_login(bob)
    assert client.get(reverse("audit_log")).status_code == 403

    client.force_login(alice)
    response = client.get(reverse("audit_log"))
    assert response.status_code == 200
    assert "a@a.test" in response.content.decode()
    assert "zq-foreign@other.test" not in response.content.decode()


def test_sensitive_actions_are_recorded(alice, bob, dossier, paula, snapshot):
    startup = alice.membership.organisation
    member_invite(organisation=startup, email="new@cardio.test", role="member", invited_by=alice)
    member_remove(membership=bob.membership, removed_by=alice)
    dossier_transition(user=paula, dossier=dossier, to_status=Dossier.Status.IN_REVIEW, notify=False)
    report_request(snapshot=snapshot, user=alice, language="fr")

    startup_actions = set(AuditEvent.objects.filter(organisation=startup).values_list("action", flat=True))
    assert {"member_invited", "member_removed", "dossier_submitted", "report_requested"} <= startup_actions
    pharma_actions = set(AuditEvent.objects.filter(organisation=dossier.pharma).values_list("action", flat=True))
    assert {"dossier_received", "dossier_status_changed"} <= pharma_actions


def test_csv_export_is_recorded(client, paula, dossier):
    client.force_login(paula)
    assert client.get(reverse("pharma_inbox_csv")).status_code == 200
    assert AuditEvent.objects.filter(organisation=dossier.pharma, action="inbox_exported", actor=paula).exists()
    response = client.get(reverse("audit_log"))
    assert "inbox_exported" not in response.content.decode()  # shown in words, not as a code


def test_a_cancelled_invitation_is_in_the_trail_and_a_foreign_one_stays_a_404(client, alice, charlie):
    ours = member_invite(
        organisation=alice.membership.organisation, email="cancelled@cardio.test", role="member", invited_by=alice
    )
    theirs = member_invite(
        organisation=charlie.membership.organisation, email="kept@other.test", role="member", invited_by=charlie
    )
    client.force_login(alice)

    assert client.post(reverse("invitation_cancel", args=[theirs.pk])).status_code == 404
    assert Invitation.objects.filter(pk=theirs.pk).exists()
    assert client.post(reverse("invitation_cancel", args=[ours.pk])).status_code == 302
    assert not Invitation.objects.filter(pk=ours.pk).exists()
    client.get(reverse("organisation_members"))  # shows (and so consumes) the “Invitation annulée.” message

    event = AuditEvent.objects.get(action="invitation_cancelled")
    assert (event.organisation, event.actor, event.description) == (
        alice.membership.organisation,
        alice,
        "cancelled@cardio.test",
    )
    french = client.get(reverse("audit_log")).content.decode()
    assert "Invitation annulée" in french and "cancelled@cardio.test" in french
    assert "invitation_cancelled" not in french  # shown in words, not as a code
    assert "Invitation cancelled" in client.get("/en" + reverse("audit_log")).content.decode()
    assert not AuditEvent.objects.filter(organisation=charlie.membership.organisation, action="invitation_cancelled")


def test_a_status_change_reads_in_words_in_the_readers_language(client, paula, dossier):
    dossier_transition(user=paula, dossier=dossier, to_status=Dossier.Status.IN_REVIEW, notify=False)
    client.force_login(paula)

    french = client.get(reverse("audit_log")).content.decode()
    assert "Reçu → En cours d'examen" in french.replace("&#x27;", "'")
    assert "received → in_review" not in french
    english = client.get("/en" + reverse("audit_log")).content.decode()
    assert "Received → In review" in english


def test_the_page_is_paginated_and_its_queries_do_not_grow(client, alice, django_assert_max_num_queries):
    organisation = alice.membership.organisation
    client.force_login(alice)
    for n in range(5):
        audit_record(organisation=organisation, actor=alice, action="target_created", description=f"target {n}")
    with django_assert_max_num_queries(10) as few:
        client.get(reverse("audit_log"))
    AuditEvent.objects.bulk_create(
        AuditEvent(organisation=organisation, actor=alice, action="target_created", description=f"more {n}")
        for n in range(120)
    )
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("audit_log"))
    assert response.context["page"].paginator.num_pages == 3
    assert len(response.context["events"]) == 50
    assert client.get(reverse("audit_log") + "?page=3").status_code == 200
    assert client.get(reverse("audit_log") + "?page=zzz").status_code == 200


def test_status_changes_recorded_before_the_details_field_read_in_words_after_the_migration(paula):
    """Migration 0003 gives the status changes recorded as one line of text their codes apart."""
    from django.apps import apps

    migration = importlib.import_module("partnerships.migrations.0003_audit_event_details")
    pharma = paula.membership.organisation
    change = AuditEvent.objects.create(
        organisation=pharma,
        action="dossier_status_changed",
        description="Alpha: Santé → Pharma Lab: received → declined",
    )
    invitation = AuditEvent.objects.create(organisation=pharma, action="member_invited", description="a@lab.test")

    migration.status_changes_as_details(apps, None)

    change.refresh_from_db()
    invitation.refresh_from_db()
    assert change.details == {
        "dossier": "Alpha: Santé → Pharma Lab",
        "from_status": "received",
        "to_status": "declined",
    }
    assert audit_details(change) == "Alpha: Santé → Pharma Lab: Reçu → Décliné"
    assert invitation.details == {} and audit_details(invitation) == "a@lab.test"
