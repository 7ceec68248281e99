"""The audit trail: who did what sensitive action in the organisation, for its admins."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from ..membership import membership_of
from ..selectors.audit import audit_details, audit_events_of
from .trust import TRUST_ACTION_LABELS

PER_PAGE = 50

# The actions services record (partnerships/services/*), in words; an unknown code is shown as is.
ACTION_LABELS = {
    "member_invited": _("Member invited"),
    "invitation_resent": _("Invitation sent again"),
    "invitation_cancelled": _("Invitation cancelled"),
    "member_removed": _("Member removed"),
    "target_created": _("Target company added"),
    "assessment_submitted": _("Assessment submitted"),
    "dossier_submitted": _("Dossier submitted"),
    "dossier_received": _("Dossier received"),
    "dossier_withdrawn": _("Dossier withdrawn"),
    "dossier_status_changed": _("Dossier status changed"),
    "dossier_assigned": _("Dossier assigned"),
    "dossier_message": _("Message on a dossier"),
    "inbox_exported": _("Inbox exported as CSV"),
    "report_requested": _("Report requested"),
    "profile_published": _("Transparency profile published"),
    "profile_unpublished": _("Transparency profile withdrawn from the directory"),
    "data_exported": _("Personal data exported"),
    "account_deleted": _("Account deleted"),
    "member_left": _("Member left"),
    "dossier_review_saved": _("Reviewer's scores saved"),
    "dossier_reviews_shared": _("Reviewers' scores shared with the startup"),
    "dossier_reviews_unshared": _("Reviewers' scores no longer shared with the startup"),
    **TRUST_ACTION_LABELS,
    "api_token_created": _("API token created"),
    "api_token_revoked": _("API token revoked"),
    "api_request": _("API request"),
    "benchmark_opted_out": _("Left the peer benchmark"),
    "benchmark_opted_in": _("Joined the peer benchmark again"),
    "meeting_proposed": _("Meeting proposed"),
    "meeting_confirmed": _("Meeting confirmed"),
    "kpi_accepted": _("KPI accepted by both sides"),
    "kpi_alert_decided": _("Decision recorded on a KPI alert"),
    "partnership_review_requested": _("Partnership review requested"),
}


@login_required
@require_GET
def audit_log(request):
    membership = membership_of(request.user)
    if membership is None or not request.user.has_perm("partnerships.view_audit_trail", membership.organisation):
        raise PermissionDenied
    page = Paginator(audit_events_of(organisation=membership.organisation), PER_PAGE).get_page(request.GET.get("page"))
    events = [
        (event, ACTION_LABELS.get(event.action, event.action), audit_details(event)) for event in page.object_list
    ]
    return render(
        request,
        "partnerships/audit/list.html",
        {"page": page, "events": events, "organisation": membership.organisation},
    )
