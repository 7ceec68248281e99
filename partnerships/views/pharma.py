"""The pharma team's dashboard and transparency profile."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ..forms.pharma import PharmaProfileForm
from ..selectors.dossiers import inbox_metrics
from ..selectors.partnership import partnership_overview
from ..selectors.pharma import pharma_completeness, pharma_profile_for
from ..selectors.trust import identity_of, publish_blockers, publish_refusal
from ..services.pharma import pharma_profile_update
from .access import pharma_member_required


@pharma_member_required
def pharma_dashboard(request):
    profile = pharma_profile_for(request.organisation)
    context = {
        "profile": profile,
        "completeness": pharma_completeness(profile),
        "organisation": request.organisation,
        "metrics": inbox_metrics(request.organisation),
        "verification": identity_of(request.organisation),
        "partnerships": partnership_overview(request.organisation),
    }
    return render(request, "partnerships/pharma/dashboard.html", context)


@pharma_member_required
@require_http_methods(["GET", "POST"])
def pharma_profile(request):
    """Admins edit the transparency profile; reviewers read it."""
    profile = pharma_profile_for(request.organisation)
    can_edit = request.user.has_perm("partnerships.edit_pharma_profile", request.organisation)
    if request.method == "POST" and not can_edit:
        raise PermissionDenied
    form = PharmaProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        data = {name: value for name, value in form.cleaned_data.items() if name != "therapeutic_areas"}
        pharma_profile_update(
            profile=profile, data=data, therapeutic_areas=form.cleaned_data["therapeutic_areas"], user=request.user
        )
        messages.success(request, _("Profile saved."))
        return redirect("pharma_dashboard")
    blockers = [] if profile.is_published else publish_blockers(profile)
    if blockers and "is_published" in form.fields:
        # Next to the box itself: what publication still needs.
        form.fields["is_published"].help_text = publish_refusal(blockers)
    context = {
        "form": form,
        "can_edit": can_edit,
        "profile": profile,
        "completeness": pharma_completeness(profile),
        "verification": identity_of(request.organisation),
        "publish_blockers": blockers,
    }
    return render(request, "partnerships/pharma/profile.html", context)
