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
    **TRUST_ACTION_LABELS,
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
