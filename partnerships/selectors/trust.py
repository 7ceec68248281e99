"""Reads on trust: an organisation's verification, what its profile lacks to be published, the staff's queue of
verification requests, and what each side of a dossier sees of its CDA and confidential part."""

from dataclasses import dataclass

from django.db.models import F, Prefetch, Q
from django.utils.translation import gettext as _

from ..models import Cda, ConfidentialPart, Dossier, Membership, Organisation, OrganisationIdentity, PharmaProfile, User

Status = OrganisationIdentity.Status


def identity_of(organisation: Organisation) -> OrganisationIdentity:
    """The organisation's identity, or an unsaved pending one when nothing was given yet."""
    identity = OrganisationIdentity.objects.filter(organisation=organisation).first()
    return identity or OrganisationIdentity(organisation=organisation)


def is_verified(organisation: Organisation) -> bool:
    return OrganisationIdentity.objects.filter(organisation=organisation, status=Status.VERIFIED).exists()


def verified_q(prefix: str = "") -> Q:
    """Filter on a verified organisation, e.g. `verified_q("organisation__")` on pharma profiles."""
    return Q(**{f"{prefix}identity__status": Status.VERIFIED})


def publish_missing(profile: PharmaProfile) -> list[str]:
    """What the profile lacks before it can be published: the commitments the guide calls essential."""
    missing = []
    if not profile.decision_makers.strip():
        missing.append(_("the key decision makers"))
    if not profile.decision_milestones.strip() and profile.typical_decision_weeks is None:
        missing.append(_("the decision milestones or the typical time to a decision"))
    if not profile.partnership_modes:
        missing.append(_("the partnership modes offered"))
    if not profile.referent_name.strip():
        missing.append(_("a referent for startups"))
    return missing


def publish_blockers(profile: PharmaProfile) -> list[str]:
    """Everything that stops publication, verification first."""
    blockers = [] if is_verified(profile.organisation) else [_("the verification of your organisation by our staff")]
    return blockers + publish_missing(profile)


def publish_refusal(blockers: list[str]) -> str:
    return _("To publish, your profile still needs: %(missing)s.") % {"missing": "; ".join(blockers)}


def email_domain(email: str) -> str:
    return email.rsplit("@", 1)[-1].lower()


def outside_domains(identity: OrganisationIdentity, email: str) -> bool:
    """An address outside the domains a verified organisation declared (nothing to compare without them)."""
    domains = identity.domains if identity.pk and identity.is_verified else []
    return bool(domains) and email_domain(email) not in domains


@dataclass(frozen=True)
class VerificationRequest:
    organisation: Organisation
    identity: OrganisationIdentity
    member_domains: list[str]
    admins: list[str]


def verification_requests() -> list[VerificationRequest]:
    """Pharma companies not verified yet (pending or never asked), oldest request first, with the facts staff
    check: the legal identifier, the website, the members' e-mail domains against the declared ones."""
    organisations = (
        Organisation.objects.filter(kind=Organisation.Kind.PHARMA)
        .exclude(identity__status__in=(Status.VERIFIED, Status.REJECTED))
        .select_related("identity")
        .prefetch_related(Prefetch("memberships", queryset=Membership.objects.select_related("user")))
        .order_by(F("identity__requested_at").asc(nulls_last=True), "created_at")
    )
    rows = []
    for organisation in organisations:
        identity = getattr(organisation, "identity", None) or OrganisationIdentity(organisation=organisation)
        members = list(organisation.memberships.all())
        rows.append(
            VerificationRequest(
                organisation=organisation,
                identity=identity,
                member_domains=sorted({email_domain(m.user.email) for m in members}),
                admins=sorted(m.user.email for m in members if m.is_admin),
            )
        )
    return rows


def current_cda(dossier: Dossier) -> Cda | None:
    return dossier.cdas.order_by("-proposed_at", "-id").first()


def confidential_part_of(dossier: Dossier) -> ConfidentialPart:
    part = ConfidentialPart.objects.filter(dossier=dossier).first()
    return part or ConfidentialPart(dossier=dossier)


@dataclass(frozen=True)
class DossierTrust:
    """What one side sees of a dossier's CDA and confidential part (the panel on both dossier pages)."""

    side: str
    cda: Cda | None
    confidential: ConfidentialPart | None  # the startup's own; for the pharma side only under a CDA in force
    standard_cda: str
    pharma_verified: bool
    can_propose: bool
    can_accept: bool
    can_revoke: bool

    @property
    def in_force(self) -> bool:
        return self.cda is not None and self.cda.in_force

    @property
    def awaiting_other_side(self) -> bool:
        cda = self.cda
        if cda is None or not cda.is_pending:
            return False
        own = cda.startup_accepted_at if self.side == Cda.Side.STARTUP else cda.pharma_accepted_at
        return own is not None


def dossier_trust(dossier: Dossier, user: User) -> DossierTrust:
    side = Cda.Side.STARTUP if user.membership.organisation_id == dossier.startup_id else Cda.Side.PHARMA
    cda = current_cda(dossier)
    identity = identity_of(dossier.pharma)
    in_force = cda is not None and cda.in_force
    if side == Cda.Side.STARTUP:
        confidential = confidential_part_of(dossier)
    else:
        confidential = confidential_part_of(dossier) if in_force else None
    own_accepted = cda is not None and (cda.startup_accepted_at if side == Cda.Side.STARTUP else cda.pharma_accepted_at)
    return DossierTrust(
        side=side,
        cda=cda,
        confidential=confidential,
        standard_cda=identity.standard_cda,
        pharma_verified=identity.is_verified,
        can_propose=user.has_perm("partnerships.propose_cda", dossier) and not in_force,
        can_accept=user.has_perm("partnerships.propose_cda", dossier)
        and cda is not None
        and cda.is_pending
        and not own_accepted,
        can_revoke=user.has_perm("partnerships.revoke_cda", dossier) and in_force,
    )


def confidential_part_for_pharma(user: User, dossier: Dossier) -> ConfidentialPart:
    """The confidential part, for the pharma team, only under a CDA in force; otherwise it does not exist."""
    cda = current_cda(dossier)
    if dossier.pharma_id != getattr(user.membership, "organisation_id", None) or cda is None or not cda.in_force:
        raise ConfidentialPart.DoesNotExist
    return confidential_part_of(dossier)


def trust_data(organisation: Organisation) -> dict:
    """For the data export: the organisation's identity, the CDAs of its dossiers and, for a startup only, the
    confidential parts it wrote (a pharma company's export never holds a startup's confidential part)."""
    identity = OrganisationIdentity.objects.filter(organisation=organisation).values(
        "legal_identifier", "website", "email_domains", "standard_cda", "status", "requested_at", "decided_at", "reason"
    )
    cdas = Cda.objects.filter(Q(dossier__startup=organisation) | Q(dossier__pharma=organisation)).values(
        "dossier__uuid",
        "kind",
        "reference",
        "signed_on",
        "standard_text",
        "proposed_by_side",
        "proposed_at",
        "startup_accepted_at",
        "pharma_accepted_at",
        "revoked_at",
    )
    parts = ConfidentialPart.objects.filter(dossier__startup=organisation).values(
        "dossier__uuid", "ip_technology", "clinical_data", "business_terms", "data_room_links", "updated_at"
    )
    return {"identity": identity.first(), "cdas": list(cdas), "confidential_parts": list(parts)}
