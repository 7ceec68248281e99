"""The PDF partnership review: requested on the partnership page, rendered by a Celery worker with WeasyPrint
(the same pipeline as the readiness report: see services/reports.py)."""

import logging
from functools import partial

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ..models import Dossier, PartnershipReview, User
from ..models.partnership import review_upload_to
from ..pdf import render_pdf
from ..selectors.partnership import partnership_review_document
from ..services_broker import broker_available
from .audit import audit_record
from .partnership import acting_side
from .reports import ReportUnavailable

logger = logging.getLogger(__name__)

TEMPLATE = "partnerships/partnership/pdf/review.html"
STYLESHEETS = ("css/partnership-review-print.css",)


def partnership_review_request(*, user: User, dossier: Dossier, language: str) -> PartnershipReview:
    side = acting_side(user, dossier)
    if language not in dict(settings.LANGUAGES):
        raise ValueError(f"Unknown language {language!r}.")
    if not broker_available():
        raise ReportUnavailable(
            _(
                "Reports cannot be produced right now: the job queue is unreachable. "
                "Nothing was recorded; please try again in a few minutes."
            )
        )
    with transaction.atomic():
        review = PartnershipReview.objects.create(dossier=dossier, language=language, requested_by=user)
        organisation_id = dossier.startup_id if side == "startup" else dossier.pharma_id
        audit_record(
            organisation_id=organisation_id, actor=user, action="partnership_review_requested", description=str(dossier)
        )
        transaction.on_commit(partial(_enqueue, review.pk))
    return review


def _enqueue(review_id: int) -> None:
    from ..tasks import render_partnership_review

    render_partnership_review.delay(review_id)


def partnership_review_render(*, review_id: int) -> PartnershipReview | None:
    with transaction.atomic():
        review = PartnershipReview.objects.select_for_update().filter(pk=review_id).first()
        if review is None or review.status not in (PartnershipReview.Status.QUEUED, PartnershipReview.Status.RENDERING):
            return None
        review.status = PartnershipReview.Status.RENDERING
        review.save(update_fields=["status"])
    try:
        with translation.override(review.language):
            document = partnership_review_document(review.dossier)
            pdf = render_pdf(TEMPLATE, {"doc": document}, stylesheets=STYLESHEETS)
        filename = f"{slugify(review.dossier.startup_name) or 'partnership'}-review-{review.language}.pdf"
        name = default_storage.save(review_upload_to(review, filename), ContentFile(pdf))
    except Exception as error:  # noqa: BLE001 - said on the page; the user asks again
        logger.exception("Partnership review %s failed", review.pk)
        review.status, review.error = PartnershipReview.Status.FAILED, str(error)[:500]
        review.finished_at = timezone.now()
        review.save(update_fields=["status", "error", "finished_at"])
        return review
    review.file.name = name
    review.status = PartnershipReview.Status.READY
    review.finished_at = timezone.now()
    review.save(update_fields=["file", "status", "finished_at"])
    return review
