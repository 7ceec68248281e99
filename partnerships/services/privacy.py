"""Data rights (GDPR): export everything held about a user and their organisation, delete an account,
delete an organisation — from the database and from the storage.

Decisions, stated on the privacy page:
- A dossier is a shared record: when its startup deletes its organisation, the dossier (with its frozen copy
  of the assessment, its messages and report) is deleted too; the pharma company keeps only one line in its
  audit trail (startup name, submission date, deletion). When a pharma company deletes its organisation,
  the dossiers it received go with it and the startup's audit trail says so.
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
    Membership,
    Organisation,
    Report,
    TargetCompany,
    User,
)
from .audit import audit_record

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


def _dossier(dossier: Dossier, *, include_internal: bool) -> dict:
    row = _row(dossier)
    row["therapeutic_areas"] = [area.code for area in dossier.therapeutic_areas.all()]
    messages = dossier.messages.all() if include_internal else dossier.messages.filter(is_internal=False)
    row["messages"] = [_row(message) for message in messages]
    row["events"] = [_row(event, exclude=("note",) if not include_internal else ()) for event in dossier.events.all()]
    return row


def _organisation_reports(organisation: Organisation):
    return Report.objects.filter(snapshot__assessment__organisation=organisation)


def user_data(*, user: User) -> dict:
    """Everything held about `user` and their organisation, as JSON-ready data."""
    data: dict = {
        "exported_at": timezone.now(),
        "user": {field: getattr(user, field) for field in USER_FIELDS},
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
    data["dossiers_sent"] = [
        _dossier(dossier, include_internal=False) for dossier in Dossier.objects.filter(startup=organisation)
    ]
    data["dossiers_received"] = [
        _dossier(dossier, include_internal=True) for dossier in Dossier.objects.filter(pharma=organisation)
    ]
    data["audit_trail"] = (
        [_row(event) for event in AuditEvent.objects.filter(organisation=organisation)] if membership.is_admin else []
    )
    return data


def user_data_export(*, user: User) -> bytes:
    """A ZIP archive: data.json, and the organisation's report PDFs under reports/."""
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
        audit_record(organisation_id=membership.organisation_id, actor=user, action="data_exported")
    return buffer.getvalue()


def _delete_files(names: list[str]) -> None:
    for name in names:
        try:
            default_storage.delete(name)
        except OSError:
            logger.exception("Could not delete %s from the storage", name)


@transaction.atomic
def organisation_delete(*, organisation: Organisation, user: User | None) -> None:
    """Delete the organisation and everything it owns, rows and report files (files once the rows are gone)."""
    files = [name for name in _organisation_reports(organisation).values_list("file", flat=True) if name]
    now = timezone.localtime().date().isoformat()
    for dossier in Dossier.objects.filter(startup=organisation).select_related("pharma"):
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
    user.delete()
