"""A KPI value entered on the web page is checked by a real Celery worker (Redis, PostgreSQL): the worker opens
the alert and e-mails both sides. Run as test_reports_worker.py is (see its docstring)."""

from pathlib import Path

import pytest
from django.urls import reverse

from partnerships.models import KpiAlert
from tests.partnerships.partnership_helpers import agreed_kpi, days_ago, to_meeting_proposed
from tests.waiting import wait_until

pytestmark = pytest.mark.integration


@pytest.fixture
def mail_dir(tmp_path, monkeypatch):
    """The worker (a separate process) writes its e-mails to files here; set before it starts."""
    folder = tmp_path / "mail"
    monkeypatch.setenv("EMAIL_URL", f"filemail:///{folder}")
    return folder


def test_a_value_below_the_alert_level_is_checked_by_the_worker_and_both_sides_are_mailed(
    client, framework, dossier, alice, paula, mail_dir, worker_process
):
    space = to_meeting_proposed(dossier, paula)
    kpi = agreed_kpi(space, alice, paula)
    client.force_login(alice)
    response = client.post(
        reverse("kpi_value_add", args=[kpi.uuid]), {"measured_on": days_ago(0).isoformat(), "value": "120"}
    )
    assert response.status_code == 302
    alert = wait_until(
        lambda: KpiAlert.objects.filter(kpi=kpi).first(),
        timeout=60,
        interval=0.2,
        message="the worker to open the alert",
    )
    assert alert.level == KpiAlert.Level.STRATEGIC_REVIEW and alert.notified_at is not None

    def mailed() -> set[str]:
        texts = [path.read_text() for path in Path(mail_dir).glob("*.log")] if Path(mail_dir).exists() else []
        return {address for address in (alice.email, paula.email) if any(f"To: {address}" in t for t in texts)}

    wait_until(
        lambda: mailed() == {alice.email, paula.email}, timeout=60, interval=0.2, message="e-mails to both sides"
    )
