"""The pharma inbox as a table to export: what the screen shows, in the reader's language and time zone."""

from collections.abc import Iterator

from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Organisation
from ..models.choices import BusinessModel
from ..templatetags.dossier_tags import band_label, maturity_label
from .dossiers import inbox


def _local(moment) -> str:
    # Europe/Paris (settings.TIME_ZONE), to the minute, as a person reads it in a spreadsheet.
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def inbox_export_header() -> list[str]:
    return [
        _("Startup"),
        _("Score"),
        _("Readiness"),
        _("Maturity stage"),
        _("Therapeutic areas"),
        _("Business models"),
        _("Status"),
        _("Submitted at"),
        _("Decision needed by"),
        _("Overdue"),
        _("Reviewer"),
        _("First response at"),
        _("Decided at"),
    ]


def inbox_export_rows(organisation: Organisation, **filters) -> Iterator[list]:
    """One row per dossier of the filtered inbox: labels instead of codes, local times, reviewers' full names.

    The score is a number; every other cell is text (the writers neutralise formulas in text cells)."""
    models = dict(BusinessModel.choices)
    for dossier in inbox(organisation, **filters).iterator(chunk_size=500):
        yield [
            dossier.startup_name,
            None if dossier.overall_score is None else round(dossier.overall_score),
            band_label(dossier.band) if dossier.band else "",
            maturity_label(dossier.maturity) if dossier.maturity else "",
            # "; " between labels: some labels contain a comma themselves.
            "; ".join(str(area) for area in dossier.therapeutic_areas.all()),
            "; ".join(str(models.get(code, code)) for code in dossier.business_models),
            dossier.get_status_display(),
            _local(dossier.submitted_at),
            dossier.decision_needed_by.isoformat() if dossier.decision_needed_by else "",
            _("yes") if dossier.is_overdue else "",
            (dossier.assignee.get_full_name() or dossier.assignee.email) if dossier.assignee else "",
            _local(dossier.first_response_at),
            _local(dossier.decided_at),
        ]
