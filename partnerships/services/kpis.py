"""Writes on the partnership's KPIs (the guide's step 9) and their alert levels (step 10).

A KPI's terms are a version: proposed by one side (accepted by it at once), active when the other side
accepts too. A later change is a new proposed version; the active one stays in force until the change is
accepted, then it is kept as history. Values are entered by the side responsible; after each value (and
every day, for overdue values) a Celery task checks the alert levels and notifies both sides.
"""

import csv
import io
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import partial

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from scoring import kpi as engine

from ..models import Dossier, Kpi, KpiAlert, KpiValue, KpiVersion, Side, User
from ..selectors.partnership import kpi_name, kpi_terms
from .audit import audit_record
from .partnership import SPACE_STATUSES, PartnershipError, acting_side, notify_side, other_side

LEVEL_RANK = {KpiAlert.Level.MEETING: 1, KpiAlert.Level.STRATEGIC_REVIEW: 2}


def _accepted_fields(side: str) -> str:
    return "startup_accepted_at" if side == Side.STARTUP else "pharma_accepted_at"


def _new_version(*, kpi: Kpi, user: User, side: str, terms: dict, number: int) -> KpiVersion:
    version = KpiVersion(kpi=kpi, number=number, proposed_by=side, proposed_by_user=user, **terms)
    setattr(version, _accepted_fields(side), timezone.now())
    version.full_clean(exclude=["kpi", "proposed_by_user"])
    version.save()
    return version


@transaction.atomic
def kpi_propose(*, user: User, dossier: Dossier, terms: dict) -> KpiVersion:
    """Either side proposes a KPI (from the guide's catalogue or written freely); the other side accepts it."""
    side = acting_side(user, dossier)
    kpi = Kpi.objects.create(dossier=dossier)
    version = _new_version(
        kpi=kpi, user=user, side=side, terms={k: terms[k] for k in KpiVersion.TERMS if k in terms}, number=1
    )
    notify_side(
        dossier,
        other_side(side),
        "partnerships/partnership/email_kpi_proposed.txt",
        gettext_noop("A KPI is proposed"),
        {"version": version, "kpi_name": kpi_name(version.kpi)},
    )
    return version


@transaction.atomic
def kpi_change_propose(*, user: User, kpi: Kpi, terms: dict) -> KpiVersion:
    """Propose new terms for a KPI; a pending proposal is replaced (withdrawn), the active terms stay in force."""
    kpi = Kpi.objects.select_for_update().select_related("dossier__startup", "dossier__pharma").get(pk=kpi.pk)
    side = acting_side(user, kpi.dossier)
    kpi.versions.filter(status=KpiVersion.Status.PROPOSED).update(status=KpiVersion.Status.WITHDRAWN)
    last = kpi.versions.order_by("-number").first()
    version = _new_version(
        kpi=kpi,
        user=user,
        side=side,
        terms={k: terms[k] for k in KpiVersion.TERMS if k in terms},
        number=last.number + 1,
    )
    notify_side(
        kpi.dossier,
        other_side(side),
        "partnerships/partnership/email_kpi_proposed.txt",
        gettext_noop("A KPI is proposed"),
        {"version": version, "kpi_name": kpi_name(version.kpi)},
    )
    return version


@transaction.atomic
def kpi_accept(*, user: User, version: KpiVersion) -> KpiVersion:
    """The other side accepts the proposed terms: they become the KPI's active terms, the former ones history."""
    version = KpiVersion.objects.select_for_update().select_related("kpi__dossier").get(pk=version.pk)
    side = acting_side(user, version.kpi.dossier)
    if version.status != KpiVersion.Status.PROPOSED:
        raise PartnershipError(_("Only a proposed KPI can be accepted."))
    if side == version.proposed_by:
        raise PartnershipError(_("The other side accepts what you proposed."))
    setattr(version, _accepted_fields(side), timezone.now())
    version.kpi.versions.filter(status=KpiVersion.Status.ACTIVE).update(status=KpiVersion.Status.SUPERSEDED)
    version.status = KpiVersion.Status.ACTIVE
    version.save(update_fields=["status", _accepted_fields(side)])
    dossier = version.kpi.dossier
    for organisation in (dossier.startup, dossier.pharma):
        audit_record(organisation=organisation, actor=user, action="kpi_accepted", description=str(version))
    return version


def _active(kpi: Kpi) -> KpiVersion:
    version = kpi.versions.filter(status=KpiVersion.Status.ACTIVE).first()
    if version is None:
        raise PartnershipError(_("This KPI is not active yet: both sides must accept it first."))
    return version


def _check_later(kpi_id: int) -> None:
    from ..tasks import check_kpi_alerts

    check_kpi_alerts.delay(kpi_id)


@transaction.atomic
def kpi_value_record(*, user: User, kpi: Kpi, measured_on: date, value: Decimal) -> KpiValue:
    """The responsible side enters a value (a second value on the same date replaces the first)."""
    side = acting_side(user, kpi.dossier)
    version = _active(kpi)
    if side != version.responsible_side:
        raise PartnershipError(_("The values of this KPI are entered by the other side."))
    if measured_on > timezone.localdate():
        raise PartnershipError(_("A value cannot be measured in the future."))
    entry, _created = KpiValue.objects.update_or_create(
        kpi=kpi, measured_on=measured_on, defaults={"value": value, "entered_by": user}
    )
    entry.full_clean()
    transaction.on_commit(partial(_check_later, kpi.pk))
    return entry


def _parse_rows(content: bytes, filename: str) -> list[list[str]]:
    if filename.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).active
        except Exception as error:  # noqa: BLE001 - any unreadable workbook is the user's file, said plainly
            raise PartnershipError(_("This file is not a readable XLSX workbook.")) from error
        return [["" if cell is None else str(cell) for cell in row] for row in sheet.iter_rows(values_only=True)]
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise PartnershipError(_("The CSV file must be encoded in UTF-8.")) from error
    dialect = csv.Sniffer().sniff(text[:2000], delimiters=",;\t") if text.strip() else csv.excel
    return list(csv.reader(io.StringIO(text), dialect))


def _value_of(text: str) -> Decimal:
    return Decimal(text.strip().replace("\u202f", "").replace(" ", "").replace(",", "."))


@transaction.atomic
def kpi_values_import(*, user: User, dossier: Dossier, content: bytes, filename: str) -> int:
    """Import values from a CSV or XLSX file with columns KPI, date, value (a header row first).

    All or nothing: any bad row refuses the whole file, and the error names every bad row.
    """
    side = acting_side(user, dossier)
    kpis = {}
    for version in KpiVersion.objects.filter(kpi__dossier=dossier, status=KpiVersion.Status.ACTIVE):
        kpis[version.name.strip().lower()] = version
        if version.catalogue_code:
            kpis[version.catalogue_code.lower()] = version
    rows = _parse_rows(content, filename)[1:]
    errors, parsed = [], []
    today = timezone.localdate()
    for number, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue
        cells = [*row, "", "", ""][:3]
        version = kpis.get(cells[0].strip().lower())
        try:
            measured_on = parse_date(cells[1].strip()[:10]) if cells[1].strip() else None
        except ValueError:  # well formed but impossible, such as 2024-13-01
            measured_on = None
        try:
            value = _value_of(cells[2])
        except InvalidOperation:
            value = None
        if version is None:
            errors.append(_("row %(row)s: no active KPI named “%(name)s”") % {"row": number, "name": cells[0]})
        elif version.responsible_side != side:
            errors.append(_("row %(row)s: the other side enters “%(name)s”") % {"row": number, "name": cells[0]})
        elif measured_on is None:
            errors.append(_("row %(row)s: the date must read YYYY-MM-DD") % {"row": number})
        elif measured_on > today:
            errors.append(_("row %(row)s: the date is in the future") % {"row": number})
        elif value is None or not value.is_finite():
            errors.append(_("row %(row)s: the value is not a number") % {"row": number})
        else:
            parsed.append((version.kpi, measured_on, value))
    if errors:
        raise PartnershipError(_("Nothing was imported. %(errors)s.") % {"errors": "; ".join(errors)})
    if not parsed:
        raise PartnershipError(_("Nothing was imported: the file has no values."))
    for kpi, measured_on, value in parsed:
        KpiValue.objects.update_or_create(
            kpi=kpi, measured_on=measured_on, defaults={"value": value, "entered_by": user}
        )
    for kpi_id in {kpi.pk for kpi, _d, _v in parsed}:
        transaction.on_commit(partial(_check_later, kpi_id))
    return len(parsed)


def _open_alert(kpi: Kpi, level: str, *, value: KpiValue | None, progress: float | None) -> KpiAlert:
    alert = KpiAlert.objects.create(kpi=kpi, level=level, value=value, progress=progress, notified_at=timezone.now())
    for side in (Side.STARTUP, Side.PHARMA):
        notify_side(
            kpi.dossier,
            side,
            "partnerships/partnership/email_kpi_alert.txt",
            gettext_noop("KPI alert"),
            {"alert": alert, "kpi_name": kpi_name(kpi)},  # in each recipient's language
        )
    return alert


@transaction.atomic
def kpi_alerts_check(*, kpi_id: int, today: date | None = None) -> list[KpiAlert]:
    """Open the alerts the KPI's latest value (or its absence) calls for, and notify both sides.

    An alert stays open until a decision is recorded; a new one opens only for a graver level.
    """
    kpi = (
        Kpi.objects.select_for_update().select_related("dossier__startup", "dossier__pharma").filter(pk=kpi_id).first()
    )
    if kpi is None:
        return []
    version = kpi.versions.filter(status=KpiVersion.Status.ACTIVE).first()
    if version is None:
        return []
    today = today or timezone.localdate()
    terms = kpi_terms(version)
    opened = []
    open_alerts = list(kpi.alerts.filter(decided_at__isnull=True))
    latest = kpi.values.order_by("-measured_on").first()
    if latest is not None:
        level = engine.alert_level(terms, float(latest.value), latest.measured_on)
        worst = max((LEVEL_RANK.get(a.level, 0) for a in open_alerts), default=0)
        if level and LEVEL_RANK[level] > worst:
            progress = engine.progress(terms, float(latest.value), latest.measured_on)
            opened.append(_open_alert(kpi, level, value=latest, progress=progress))
    last_date = latest.measured_on if latest else None
    overdue = engine.is_overdue(last_date, version.start_date, version.frequency, today)
    if overdue and not any(a.level == KpiAlert.Level.OVERDUE for a in open_alerts):
        opened.append(_open_alert(kpi, KpiAlert.Level.OVERDUE, value=None, progress=None))
    return opened


def kpi_alerts_check_all(*, today: date | None = None) -> int:
    """Every active KPI of an open partnership space (run hourly by beat): overdue values notify both sides."""
    ids = (
        KpiVersion.objects.filter(status=KpiVersion.Status.ACTIVE, kpi__dossier__status__in=SPACE_STATUSES)
        .values_list("kpi_id", flat=True)
        .distinct()
    )
    return sum(len(kpi_alerts_check(kpi_id=kpi_id, today=today)) for kpi_id in ids)


@transaction.atomic
def kpi_alert_decide(*, user: User, alert: KpiAlert, decision: str) -> KpiAlert:
    """Record what was decided (after the meeting or the strategic review): the alert closes."""
    alert = KpiAlert.objects.select_for_update().select_related("kpi__dossier").get(pk=alert.pk)
    acting_side(user, alert.kpi.dossier)
    decision = decision.strip()
    if not decision:
        raise PartnershipError(_("Write what was decided."))
    if alert.decided_at is not None:
        raise PartnershipError(_("A decision is already recorded for this alert."))
    alert.decision = decision
    alert.decided_by = user
    alert.decided_at = timezone.now()
    alert.full_clean(exclude=["decided_by", "value"])
    alert.save(update_fields=["decision", "decided_by", "decided_at"])
    for organisation in (alert.kpi.dossier.startup, alert.kpi.dossier.pharma):
        audit_record(organisation=organisation, actor=user, action="kpi_alert_decided", description=str(alert))
    return alert
