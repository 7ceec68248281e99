"""The demo's partnerships: months of KPI values, one open alert, pages that work for both sides."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from partnerships.models import Dossier, Kpi, KpiAlert, KpiValue, User


@pytest.fixture
def demo(framework):
    call_command("seed_demo", verbosity=0)


def test_demo_has_two_partnerships_with_months_of_values_and_one_open_alert(demo, client):
    pharma = User.objects.get(email="pharma@demo.test").membership.organisation
    followed = Dossier.objects.filter(pharma=pharma, kpis__isnull=False).distinct()
    assert followed.count() == 2
    for dossier in followed:
        assert dossier.status == "partnership_started"
        assert KpiValue.objects.filter(kpi__dossier=dossier).values("measured_on__month").distinct().count() >= 4
        dates = list(dossier.events.order_by("id").values_list("created_at", flat=True))
        assert dates == sorted(dates) and dossier.snapshot.created_at < dossier.submitted_at
    assert KpiAlert.objects.filter(decided_at__isnull=True, kpi__dossier__in=followed).count() == 1
    before = Kpi.objects.count()
    call_command("seed_demo", verbosity=0)
    assert Kpi.objects.count() == before

    alerted = KpiAlert.objects.get(decided_at__isnull=True).kpi.dossier
    for user in (User.objects.get(email="pharma@demo.test"), alerted.startup.memberships.first().user):
        client.force_login(user)
        page = client.get(reverse("partnership_detail", args=[alerted.uuid])).content.decode()
        assert "kpi-alert" in page and "Nombre de patients identifiés à risque" in page
