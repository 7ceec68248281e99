"""A release that copies each dossier's two organisations onto its events and messages (migration 0015) fills
the rows already there: on an existing database, the navigation's count of what is new keeps counting them."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from partnerships.models import DossierEvent, DossierMessage
from partnerships.services.dossiers import dossier_message_post

BEFORE = [("partnerships", "0014_meeting_agenda_is_draft")]


@pytest.mark.django_db(transaction=True)
def test_events_and_messages_written_before_the_release_get_their_dossiers_sides(alice, paula, dossier):
    dossier_message_post(user=paula, dossier=dossier, body="Bonjour", is_internal=False, notify=False)
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes("partnerships")

    executor.migrate(BEFORE)  # the columns are gone; the rows stay
    executor = MigrationExecutor(connection)
    executor.migrate(latest)

    for model in (DossierEvent, DossierMessage):
        rows = list(model.objects.filter(dossier=dossier).values_list("startup_id", "pharma_id"))
        assert rows and set(rows) == {(dossier.startup_id, dossier.pharma_id)}
