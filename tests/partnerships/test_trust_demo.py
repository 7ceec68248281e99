"""The demo's trust data: its pharma companies are verified, one company waits for staff, and the demo startup's
dossier to the first company has a confidential part opened by a CDA."""

from django.core.management import call_command
from django.urls import reverse

from partnerships.models import Cda, Organisation, OrganisationIdentity, User


def test_the_demo_verifies_its_companies_keeps_one_request_pending_and_opens_one_confidential_part(framework, client):
    call_command("seed_demo", verbosity=0)
    call_command("seed_demo", verbosity=0)  # idempotent
    pending = OrganisationIdentity.objects.filter(status="pending", organisation__kind="pharma")
    assert [identity.organisation.name for identity in pending] == ["Nouveau Laboratoire Santé"]
    assert OrganisationIdentity.objects.filter(status="verified").count() == 4
    assert Organisation.objects.filter(kind="pharma").count() == 5

    client.force_login(User.objects.get(email="admin@demo.test"))
    assert "Nouveau Laboratoire Santé" in client.get(reverse("staff_verifications")).content.decode()

    cda = Cda.objects.get()
    assert cda.in_force and cda.dossier.startup.name == "CardioSuivi"
    client.force_login(User.objects.get(email="reviewer@demo.test"))
    page = client.get(reverse("pharma_dossier_confidential", args=[cda.dossier.uuid]))
    assert page.status_code == 200 and "Brevet FR 23 01234" in page.content.decode()
