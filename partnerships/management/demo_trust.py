"""Demo data of trust: the demo pharma companies are verified, one company waits for verification (so the staff page
has something to show), and the demo startup's dossier to the first company carries a confidential part opened by a
CDA both sides accepted. Called by seed_demo (idempotent with it)."""

from django.utils import timezone

from partnerships.models import Dossier, Membership, Organisation, OrganisationIdentity, User
from partnerships.services.organisations import organisation_create
from partnerships.services.trust import cda_accept, cda_propose, confidential_part_save, identity_update

# Fictitious numbers with a valid Luhn key, one per demo company, in the order of seed_demo.PHARMAS.
SIRENS = ["412345670", "423456789", "434567897", "445678907"]
PENDING_NAME = "Nouveau Laboratoire Santé"
STANDARD_CDA = (
    "Accord de confidentialité mutuel type.\n"
    "1. Chaque partie garde confidentielles les informations que l'autre lui communique au titre du dossier.\n"
    "2. Les informations ne servent qu'à évaluer un partenariat ; aucune licence n'est concédée.\n"
    "3. Durée : trois ans à compter de l'acceptation par les deux parties. Droit français."
)


def _domain(organisation: Organisation) -> str:
    return organisation.name.split()[0].lower() + ".example"


def verify_pharmas(pharmas: list[Organisation], staff: User, password: str) -> None:
    """Verify the demo companies (as staff would), publish the first one's standard CDA, and leave one request
    pending."""
    now = timezone.now()
    for index, organisation in enumerate(pharmas):
        OrganisationIdentity.objects.update_or_create(
            organisation=organisation,
            defaults={
                "legal_identifier": SIRENS[index % len(SIRENS)],
                "website": f"https://www.{_domain(organisation)}",
                "email_domains": f"{_domain(organisation)}\ndemo.test",
                "standard_cda": STANDARD_CDA if index == 0 else "",
                "status": OrganisationIdentity.Status.VERIFIED,
                "requested_at": now,
                "decided_at": now,
                "decided_by": staff,
            },
        )
    admin = User.objects.filter(email="pending@demo.test").first() or User.objects.create_user(
        email="pending@demo.test", password=password, first_name="Nina"
    )
    if not hasattr(admin, "membership"):
        pending = organisation_create(name=PENDING_NAME, kind=Organisation.Kind.PHARMA, admin=admin)
        identity_update(
            organisation=pending,
            user=admin,
            legal_identifier="456789015",
            website="https://www.nouveau-labo.example",
            email_domains="nouveau-labo.example",
        )


def open_confidential_part(startup_founder: User, pharma: Organisation) -> None:
    """The demo startup's dossier to `pharma`: a confidential part and the company's standard CDA, accepted."""
    dossier = Dossier.objects.filter(startup=startup_founder.membership.organisation, pharma=pharma).first()
    if dossier is None or dossier.cdas.exists():
        return
    confidential_part_save(
        user=startup_founder,
        dossier=dossier,
        data={
            "ip_technology": "Brevet FR 23 01234 déposé (algorithme de détection précoce de la décompensation).",
            "clinical_data": "Étude pilote, 120 patients, 6 mois : -32 % d'hospitalisations non programmées.",
            "business_terms": "Licence par patient suivi : 45 € / mois ; volumes dégressifs au-delà de 1 000.",
            "data_room_links": "https://dataroom.cardiosuivi.example/pharma",
        },
    )
    cda_propose(user=startup_founder, dossier=dossier, kind="standard", notify=False)
    admin = Membership.objects.filter(organisation=pharma, role=Membership.Role.ADMIN).first().user
    cda_accept(user=admin, dossier=dossier, notify=False)
