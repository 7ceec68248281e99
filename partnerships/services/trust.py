"""Writes on trust: an organisation states who it is and staff verify it; on a dossier, the startup prepares its
confidential part and both sides record a confidentiality agreement (CDA) before the pharma team may read it.

Verification: a pharma company reaches startups (directory, dossiers) only once staff verified it. Each decision
is dated, audited and e-mailed to the organisation's admins.

CDA: either side proposes (the reference and date of an agreement signed elsewhere, or the pharma company's
standard mutual CDA), the other accepts; both acceptances are dated and audited. Once both accepted, the pharma
team's members read the confidential part of this dossier. The startup may revoke: from then on nobody on the
pharma side reads it; what was read before stays read. E-mails never carry the confidential part.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from ..identifiers import validate_legal_identifier
from ..models import Cda, ConfidentialPart, Dossier, Membership, Organisation, OrganisationIdentity, User
from .audit import audit_record
from .dossiers import DossierError, _notify, _organisation_of

Status = OrganisationIdentity.Status


class TrustError(ValidationError):
    """The action is not possible; the message says why, in the user's language."""


def _clean_domains(text: str) -> str:
    domains = []
    for raw in text.replace(",", "\n").splitlines():
        domain = raw.strip().lower().lstrip("@")
        if not domain:
            continue
        if "." not in domain or " " in domain or "@" in domain:
            raise TrustError(_("“%(domain)s” is not an e-mail domain (e.g. example.com).") % {"domain": raw.strip()})
        if domain not in domains:
            domains.append(domain)
    return "\n".join(domains)


@transaction.atomic
def identity_update(
    *,
    organisation: Organisation,
    user: User,
    legal_identifier: str,
    website: str = "",
    email_domains: str = "",
    standard_cda: str = "",
) -> OrganisationIdentity:
    """Save who the organisation is. For a pharma company with an identifier and a website this is its request
    for verification; after a rejection, saving again asks again. A verified identifier no longer changes."""
    identity, _created = OrganisationIdentity.objects.select_for_update().get_or_create(organisation=organisation)
    legal_identifier = validate_legal_identifier(legal_identifier) if legal_identifier.strip() else ""
    if identity.is_verified and legal_identifier != identity.legal_identifier:
        raise TrustError(_("Your organisation is verified with this identifier: ask our staff to change it."))
    identity.legal_identifier = legal_identifier
    identity.website = website.strip()
    identity.email_domains = _clean_domains(email_domains)
    identity.standard_cda = standard_cda.strip() if organisation.is_pharma else ""
    fields = ["legal_identifier", "website", "email_domains", "standard_cda"]
    asks = organisation.is_pharma and legal_identifier and identity.website and not identity.is_verified
    if asks and (identity.requested_at is None or identity.status == Status.REJECTED):
        identity.status = Status.PENDING
        identity.requested_at = timezone.now()
        fields += ["status", "requested_at"]
        audit_record(
            organisation=organisation, actor=user, action="verification_requested", description=legal_identifier
        )
    identity.full_clean(exclude=["decided_by"])
    identity.save(update_fields=fields)
    return identity


def _email_admins(organisation: Organisation, template: str, subject: str, context: dict) -> None:
    """One e-mail per admin, in the admin's language (`subject` is an English msgid)."""
    admins = list(
        organisation.memberships.filter(role=Membership.Role.ADMIN, user__is_active=True).values_list(
            "user__email", "user__language"
        )
    )

    def send():
        for email, language in admins:
            with translation.override(language or settings.LANGUAGE_CODE):
                url = settings.SITE_URL.rstrip("/") + reverse("organisation_identity")
                body = render_to_string(template, {**context, "url": url})
                send_mail(_(subject), body, None, [email])

    transaction.on_commit(send)


@transaction.atomic
def organisation_verification_decide(
    *, organisation: Organisation, staff: User, verified: bool, reason: str = ""
) -> OrganisationIdentity:
    """Staff verify a pharma company (it may then publish and receive dossiers) or reject it with a reason."""
    if not staff.is_staff:
        raise TrustError(_("Only our staff verify organisations."))
    if not organisation.is_pharma:
        raise TrustError(_("Only pharma companies are verified."))
    identity, _created = OrganisationIdentity.objects.select_for_update().get_or_create(organisation=organisation)
    reason = reason.strip()
    if verified:
        validate_legal_identifier(identity.legal_identifier)
    elif not reason:
        raise TrustError(_("Give the organisation a reason when you reject its request."))
    identity.status = Status.VERIFIED if verified else Status.REJECTED
    identity.decided_at = timezone.now()
    identity.decided_by = staff
    identity.reason = reason
    identity.full_clean()
    identity.save(update_fields=["status", "decided_at", "decided_by", "reason"])
    audit_record(
        organisation=organisation,
        actor=staff,
        action="organisation_verified" if verified else "organisation_rejected",
        description=f"{organisation.name}: {identity.status}" + (f" ({reason})" if reason else ""),
        details={"status": identity.status},
    )
    _email_admins(
        organisation,
        "partnerships/trust/email_verification.txt",
        gettext_noop("Your organisation is verified")
        if verified
        else gettext_noop("Your verification request was not accepted"),
        {"organisation": organisation, "identity": identity},
    )
    return identity


# Confidential part and CDA


def _side(user: User, dossier: Dossier) -> str:
    organisation = _organisation_of(user)
    if organisation is not None and organisation.pk == dossier.startup_id:
        return Cda.Side.STARTUP
    if organisation is not None and organisation.pk == dossier.pharma_id:
        return Cda.Side.PHARMA
    raise DossierError(_("Only the startup and the pharma company of this dossier can act on it."))


def _locked_dossier(dossier: Dossier) -> Dossier:
    # Both sides may act at once: the dossier's row serialises their CDA moves.
    return Dossier.objects.select_for_update().select_related("startup", "pharma").get(pk=dossier.pk)


@transaction.atomic
def confidential_part_save(*, user: User, dossier: Dossier, data: dict) -> ConfidentialPart:
    """The startup writes its confidential part; only the startup's own audit trail records it."""
    if _side(user, dossier) != Cda.Side.STARTUP:
        raise DossierError(_("Only the startup writes its confidential part."))
    part, _created = ConfidentialPart.objects.get_or_create(dossier=dossier)
    for field in ("ip_technology", "clinical_data", "business_terms", "data_room_links"):
        setattr(part, field, (data.get(field) or "").strip())
    part.updated_by = user
    part.full_clean(exclude=["updated_by"])
    part.save()
    audit_record(organisation=dossier.startup, actor=user, action="confidential_part_saved", description=str(dossier))
    return part


def _current(dossier: Dossier) -> Cda | None:
    return dossier.cdas.select_for_update().order_by("-proposed_at", "-id").first()


def _cda_event(dossier: Dossier, user: User, action: str, subject: str, side: str, *, notify: bool) -> None:
    """Audited in both organisations; the other side is e-mailed (never the confidential part)."""
    for organisation in (dossier.startup, dossier.pharma):
        audit_record(organisation=organisation, actor=user, action=action, description=str(dossier))
    startup_side = side == Cda.Side.STARTUP
    _notify(
        dossier.pharma if startup_side else dossier.startup,
        "partnerships/trust/email_cda.txt",
        subject,
        "pharma_dossier_detail" if startup_side else "startup_dossier_detail",
        {"dossier": dossier, "action": action},
        notify=notify,
    )


@transaction.atomic
def cda_propose(
    *, user: User, dossier: Dossier, kind: str, reference: str = "", signed_on=None, notify: bool = True
) -> Cda:
    """Propose a CDA on the dossier: the proposer's side accepts it by proposing. Replaces a pending proposal."""
    dossier = _locked_dossier(dossier)
    side = _side(user, dossier)
    if dossier.status == Dossier.Status.WITHDRAWN:
        raise DossierError(_("This dossier is withdrawn."))
    current = _current(dossier)
    if current is not None and current.in_force:
        raise DossierError(_("A CDA is already in force on this dossier."))
    cda = Cda(dossier=dossier, kind=kind, proposed_by_side=side, proposed_by=user)
    if kind == Cda.Kind.STANDARD:
        text = OrganisationIdentity.objects.filter(organisation=dossier.pharma).values_list("standard_cda", flat=True)
        cda.standard_text = (text.first() or "").strip()
        if not cda.standard_text:
            raise DossierError(_("This company has not published a standard CDA: give the reference of yours."))
    else:
        reference = reference.strip()
        if not reference or signed_on is None:
            raise DossierError(_("Give the reference of the agreement and the date it was signed."))
        if signed_on > timezone.localdate():
            raise DossierError(_("The date of signature cannot be in the future."))
        cda.reference, cda.signed_on = reference, signed_on
    now = timezone.now()
    if side == Cda.Side.STARTUP:
        cda.startup_accepted_at, cda.startup_accepted_by = now, user
    else:
        cda.pharma_accepted_at, cda.pharma_accepted_by = now, user
    cda.full_clean(exclude=["proposed_by", "startup_accepted_by", "pharma_accepted_by", "revoked_by"])
    cda.save()
    _cda_event(
        dossier, user, "cda_proposed", gettext_noop("A confidentiality agreement is proposed"), side, notify=notify
    )
    return cda


@transaction.atomic
def cda_accept(*, user: User, dossier: Dossier, notify: bool = True) -> Cda:
    """The other side accepts the pending CDA; once both have, the confidential part opens to the pharma team."""
    dossier = _locked_dossier(dossier)
    side = _side(user, dossier)
    cda = _current(dossier)
    if cda is None or not cda.is_pending:
        raise DossierError(_("There is no proposed CDA to accept."))
    now = timezone.now()
    if side == Cda.Side.STARTUP:
        if cda.startup_accepted_at is not None:
            raise DossierError(_("Your side has already accepted: the other side must accept now."))
        cda.startup_accepted_at, cda.startup_accepted_by = now, user
        fields = ["startup_accepted_at", "startup_accepted_by"]
    else:
        if cda.pharma_accepted_at is not None:
            raise DossierError(_("Your side has already accepted: the other side must accept now."))
        cda.pharma_accepted_at, cda.pharma_accepted_by = now, user
        fields = ["pharma_accepted_at", "pharma_accepted_by"]
    cda.save(update_fields=fields)
    _cda_event(
        dossier, user, "cda_accepted", gettext_noop("The confidentiality agreement is in force"), side, notify=notify
    )
    return cda


@transaction.atomic
def cda_revoke(*, user: User, dossier: Dossier, notify: bool = True) -> Cda:
    """The startup closes the pharma team's access to its confidential part from now on."""
    dossier = _locked_dossier(dossier)
    if _side(user, dossier) != Cda.Side.STARTUP:
        raise DossierError(_("Only the startup can revoke access to its confidential part."))
    cda = _current(dossier)
    if cda is None or not cda.in_force:
        raise DossierError(_("No CDA is in force on this dossier."))
    cda.revoked_at, cda.revoked_by = timezone.now(), user
    cda.save(update_fields=["revoked_at", "revoked_by"])
    _cda_event(
        dossier,
        user,
        "cda_revoked",
        gettext_noop("Access to the confidential part was revoked"),
        Cda.Side.STARTUP,
        notify=notify,
    )
    return cda


def confidential_part_read(*, user: User, dossier: Dossier) -> None:
    """A pharma member opened the confidential part: the startup's audit trail keeps who and when."""
    audit_record(
        organisation_id=dossier.startup_id, actor=user, action="confidential_part_read", description=str(dossier)
    )
