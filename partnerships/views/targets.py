"""Target companies: the pharma meetings a startup prepares (one assessment each)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ..forms.startup import TargetCompanyForm
from ..selectors.startup import target_list as target_list_selector
from ..selectors.startup import targets_for_organisation
from ..services.startup import target_create as target_create_service
from ..services.startup import target_update as target_update_service
from .access import startup_member_required


@startup_member_required
def target_list(request):
    targets = target_list_selector(request.organisation)
    return render(request, "partnerships/startup/target_list.html", {"targets": targets})


@startup_member_required
@require_http_methods(["GET", "POST"])
def target_create(request):
    form = TargetCompanyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        target = target_create_service(organisation=request.organisation, data=form.cleaned_data, user=request.user)
        messages.success(request, _("Target company added. You can now assess your readiness for this meeting."))
        return redirect("assessment_start", target_pk=target.pk)
    return render(request, "partnerships/startup/target_form.html", {"form": form, "target": None})


@startup_member_required
@require_http_methods(["GET", "POST"])
def target_update(request, pk: int):
    target = get_object_or_404(targets_for_organisation(request.organisation), pk=pk)
    form = TargetCompanyForm(request.POST or None, instance=target)
    if request.method == "POST" and form.is_valid():
        target_update_service(target=target, data=form.cleaned_data, user=request.user)
        messages.success(request, _("Target company saved."))
        return redirect("target_list")
    return render(request, "partnerships/startup/target_form.html", {"form": form, "target": target})
