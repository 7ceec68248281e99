"""Data rights (GDPR): export everything held about a user and their organisation, delete an account,
delete an organisation — from the database and from the storage.

Decisions, stated on the privacy page:
- The data export is the person's own data: account, login history, invitations, membership. Organisation
  data goes in as far as the person's role lets them read or export it in the app: a startup's members get the
  startup's data (every member sees and edits all of it); a pharma company's reviewers and admins get the
  dossiers received with their internal notes (what their inbox export allows), a plain member does not;
  the audit trail is in an administrator's export only. Each export is an audit line saying what went out.
- A dossier is a shared record: when its startup deletes its organisation, the dossier (with its frozen copy
  of the assessment, its messages and report) is deleted too; the pharma company keeps one line per dossier
  in its audit trail (startup name, submission date, deletion), the only line that still names the startup:
  its earlier lines about the dossier say "a deleted startup" and no longer name the startup's people. When a
  pharma company deletes its organisation, the dossiers it received go with it and the startup's audit trail
  says so.
- Deleting an account deletes its login history (django-axes) and the pending invitations sent to it.
- Deleting the account of an organisation's only member deletes the organisation too; the last administrator
  of an organisation that has other members must first make someone else administrator.
"""

import io
import json
import logging
import zipfile
from functools import partial

from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from ..membership import membership_of
from ..models import (
    Answer,
    Assessment,
    AssessmentSnapshot,
    AuditEvent,
    Dossier,
    DossierMessage,
    Invitation,
    Membership,
    Organisation,
    Report,
    TargetCompany,
    User,
)
from ..selectors.login_history import login_history_of
from ..selectors.partnership import partnership_review_files
from ..selectors.reviews import reviews_export
from ..selectors.trust import trust_data
from .audit import audit_record
from .login_history import login_history_delete

logger = logging.getLogger(__name__)

USER_FIELDS = ("email", "first_name", "last_name", "language", "date_joined", "last_login", "is_active")


class PrivacyError(Exception):
    """The deletion cannot be done; the message says why, in the user's language."""


def _row(obj: models.Model, exclude: tuple[str, ...] = ()) -> dict:
    """Every concrete field of `obj` (foreign keys as ids), ready for JSON."""
    row = {}
    for field in obj._meta.concrete_fields:
        if field.name in exclude:
            continue
        value = field.value_from_object(obj)
        if isinstance(field, models.FileField):
            value = value.name if value else ""
        row[field.attname if field.is_relation else field.name] = value
    return row


def _with_areas(row: dict, profile) -> dict:
    row["therapeutic_areas"] = [area.code for area in profile.therapeutic_areas.all()]
    return row


def _profile(organisation: Organisation) -> dict | None:
    for relation in ("startup_profile", "pharma_profile"):
        if hasattr(organisation, relation):  # False when the organisation has no such profile
            profile = getattr(organisation, relation)
            return _with_areas(_row(profile), profile)
    return None


def _dossiers(dossiers: models.QuerySet, *, include_internal: bool) -> list[dict]:
    """Each dossier with its areas, messages, history and reviews: read in a few queries for all of them, as
    a pharma team's export holds thousands of dossiers (one query each made it take 15 s for 5,000)."""
    messages = DossierMessage.objects.all() if include_internal else DossierMessage.objects.filter(is_internal=False)
    dossiers = dossiers.prefetch_related(
        "therapeutic_areas", Prefetch("messages", queryset=messages, to_attr="exported_messages"), "events", "reviews"
    )
    rows = []
    for dossier in dossiers:
        row = _row(dossier)
        row["therapeutic_areas"] = [area.code for area in dossier.therapeutic_areas.all()]
        row["messages"] = [_row(message) for message in dossier.exported_messages]
        exclude = () if include_internal else ("note",)
        row["events"] = [_row(event, exclude=exclude) for event in dossier.events.all()]
        row.update(reviews_export(dossier, startup_side=not include_internal))  # the startup: only once shared
        rows.append(row)
    return rows


def _organisation_reports(organisation: Organisation):
    return Report.objects.filter(snapshot__assessment__organisation=organisation)


def _invitations(user: User) -> list[dict]:
    """Pending invitations addressed to the person, and those they sent (the link itself is left out)."""
    pending = Invitation.objects.filter(accepted_at__isnull=True).select_related("organisation")
    rows = pending.filter(models.Q(email__iexact=user.email) | models.Q(invited_by=user)).order_by("created_at")
    return [
        {
            "organisation": invitation.organisation.name,
            "email": invitation.email,
            "role": invitation.role,
            "sent_by_me": invitation.invited_by_id == user.pk,
            "created_at": invitation.created_at,
        }
        for invitation in rows
    ]


def user_data(*, user: User) -> dict:
    """Everything held about `user`, and their organisation's data as far as their role allows (see above)."""
    data: dict = {
        "exported_at": timezone.now(),
        "user": {field: getattr(user, field) for field in USER_FIELDS},
        "login_history": login_history_of(email=user.email),
        "invitations": _invitations(user),
        "organisation": None,
    }
    membership = Membership.objects.filter(user=user).select_related("organisation").first()
    if membership is None:
        return data
    organisation = membership.organisation
    data["membership"] = {"role": membership.role, "joined_at": membership.joined_at}
    data["organisation"] = _row(organisation)
    data["members"] = [
        {"email": m.user.email, "name": m.user.get_full_name(), "role": m.role}
        for m in organisation.memberships.select_related("user").order_by("joined_at")
    ]
    data["profile"] = _profile(organisation)
    data["messages_written"] = [_row(message) for message in DossierMessage.objects.filter(author=user)]
    for key in ("targets", "assessments", "snapshots", "reports", "dossiers_sent", "dossiers_received"):
        data[key] = []
    if organisation.is_startup:
        data["targets"] = [_row(target) for target in TargetCompany.objects.filter(organisation=organisation)]
        data["assessments"] = [
            {
                **_row(assessment),
                "answers": [
                    {**_row(answer), "item_code": answer.item.code}
                    for answer in Answer.objects.filter(assessment=assessment).select_related("item")
                ],
            }
            for assessment in Assessment.objects.filter(organisation=organisation)
        ]
        data["snapshots"] = [
            _row(snapshot) for snapshot in AssessmentSnapshot.objects.filter(assessment__organisation=organisation)
        ]
        data["reports"] = [_row(report) for report in _organisation_reports(organisation)]
        # A startup never sees the pharma team's internal notes, not even in its own export.
        data["dossiers_sent"] = _dossiers(Dossier.objects.filter(startup=organisation), include_internal=False)
    elif user.has_perm("partnerships.export_inbox"):
        # What the inbox export allows this role (reviewers, admins), with the notes they read on each dossier.
        data["dossiers_received"] = _dossiers(Dossier.objects.filter(pharma=organisation), include_internal=True)
    data.update(trust_data(organisation))
    data["audit_trail"] = (
        [_row(event) for event in AuditEvent.objects.filter(organisation=organisation)] if membership.is_admin else []
    )
    return data


def user_data_export(*, user: User) -> bytes:
    """A ZIP archive: data.json, and the organisation's report PDFs under reports/ (startups)."""
    data = user_data(user=user)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2))
        for report in data.get("reports", []):
            name = report["file"]
            if not name:
                continue
            try:
                with default_storage.open(name, "rb") as pdf:
                    archive.writestr(f"reports/{report['uuid']}.pdf", pdf.read())
            except FileNotFoundError:
                logger.warning("Report file %s is missing from the storage", name)
    membership = membership_of(user)
    if membership is not None:
        # The line says what left: the organisation's data is in it only as far as the role allows.
        audit_record(
            organisation_id=membership.organisation_id,
            actor=user,
            action="data_exported",
            description=_("Personal data; %(dossiers)s dossiers; %(reports)s reports; audit trail: %(audit)s")
            % {
                "dossiers": len(data.get("dossiers_sent", [])) + len(data.get("dossiers_received", [])),
                "reports": len(data.get("reports", [])),
                "audit": _("yes") if data.get("audit_trail") else _("no"),
            },
        )
    return buffer.getvalue()


def _delete_files(names: list[str]) -> None:
    for name in names:
        try:
            default_storage.delete(name)
        except OSError:
            logger.exception("Could not delete %s from the storage", name)


def _anonymise_pharma_lines(organisation: Organisation, dossiers: list[Dossier]) -> None:
    """The pharma companies' earlier lines about a deleted startup's dossiers no longer name it or its people.

    A dossier's lines carry "<startup> → <pharma>" (its str); the startup's members acted on some of them."""
    deleted = _("a deleted startup")
    people = list(Membership.objects.filter(organisation=organisation).values_list("user_id", flat=True))
    for dossier in dossiers:
        named = f"{dossier.startup_name} → "
        lines = AuditEvent.objects.filter(organisation_id=dossier.pharma_id)
        lines.filter(actor_id__in=people).update(actor=None)
        for line in lines.filter(description__contains=named):
            line.description = line.description.replace(named, f"{deleted} → ")
            line.details = {
                key: value.replace(named, f"{deleted} → ") if isinstance(value, str) else value
                for key, value in line.details.items()
            }
            line.save(update_fields=["description", "details"])


@transaction.atomic
def organisation_delete(*, organisation: Organisation, user: User | None) -> None:
    """Delete the organisation and everything it owns, rows and report files (files once the rows are gone)."""
    files = [name for name in _organisation_reports(organisation).values_list("file", flat=True) if name]
    files += partnership_review_files(organisation)
    now = timezone.localtime().date().isoformat()
    sent = list(Dossier.objects.filter(startup=organisation).select_related("pharma"))
    _anonymise_pharma_lines(organisation, sent)
    for dossier in sent:
        audit_record(
            organisation_id=dossier.pharma_id,
            actor=None,
            action="dossier_deleted_by_sender",
            description=_("%(startup)s deleted its organisation on %(date)s; its dossier of %(submitted)s is deleted")
            % {"startup": dossier.startup_name, "date": now, "submitted": dossier.submitted_at.date().isoformat()},
        )
    for dossier in Dossier.objects.filter(pharma=organisation):
        audit_record(
            organisation_id=dossier.startup_id,
            actor=None,
            action="dossier_deleted_by_recipient",
            description=_("%(pharma)s deleted its organisation on %(date)s; your dossier sent to it is deleted")
            % {"pharma": organisation.name, "date": now},
        )
    # Dossiers protect their snapshots: delete them first, then everything else cascades from the organisation.
    DossierMessage.objects.filter(dossier__startup=organisation).delete()
    Dossier.objects.filter(models.Q(startup=organisation) | models.Q(pharma=organisation)).delete()
    organisation.delete()
    transaction.on_commit(partial(_delete_files, files))


def account_delete_refusal(*, user: User) -> str | None:
    """Why `user` cannot delete their account now, or None."""
    membership = membership_of(user)
    if membership is None or not membership.is_admin:
        return None
    others = Membership.objects.filter(organisation_id=membership.organisation_id).exclude(user=user)
    if others.exists() and not others.filter(role=Membership.Role.ADMIN).exists():
        return _(
            "You are the last administrator of %(organisation)s, which has other members. Make one of them "
            "administrator first, or delete the organisation."
        ) % {"organisation": membership.organisation.name}
    return None


@transaction.atomic
def account_delete(*, user: User) -> None:
    """Delete the account; the only member's organisation goes with it. Raises PrivacyError when refused."""
    if refusal := account_delete_refusal(user=user):
        raise PrivacyError(refusal)
    membership = Membership.objects.filter(user=user).select_related("organisation").first()
    if membership is not None:
        organisation = membership.organisation
        if not Membership.objects.filter(organisation=organisation).exclude(user=user).exists():
            organisation_delete(organisation=organisation, user=user)
        else:
            audit_record(organisation=organisation, actor=None, action="member_left", description=user.email)
    login_history_delete(email=user.email)
    Invitation.objects.filter(email__iexact=user.email, accepted_at__isnull=True).delete()
    user.delete()
