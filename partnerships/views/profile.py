"""The startup's dashboard and profile: the facts the guide's advice depends on."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ..forms.startup import StartupProfileForm
from ..selectors.partnership import partnership_overview
from ..selectors.startup import startup_profile_for, target_list
from ..services.startup import startup_profile_update
from .access import startup_member_required


@startup_member_required
def startup_dashboard(request):
    profile = startup_profile_for(request.organisation)
    targets = [target for target in target_list(request.organisation) if target.archived_at is None]
    context = {"profile": profile, "targets": targets, "partnerships": partnership_overview(request.organisation)}
    return render(request, "partnerships/startup/dashboard.html", context)


@startup_member_required
@require_http_methods(["GET", "POST"])
def startup_profile(request):
    profile = startup_profile_for(request.organisation)
    form = StartupProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        data = {name: value for name, value in form.cleaned_data.items() if name != "therapeutic_areas"}
        startup_profile_update(
            profile=profile, data=data, therapeutic_areas=form.cleaned_data["therapeutic_areas"], user=request.user
        )
        messages.success(request, _("Profile saved. The assessment now shows the items that apply to you."))
        return redirect("target_list" if not profile.organisation.targets.exists() else "startup_dashboard")
    return render(request, "partnerships/startup/profile.html", {"form": form})
