"""Target companies: the pharma meetings a startup prepares (one assessment each)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ..forms.startup import TargetCompanyForm
from ..selectors.startup import directory_target_initial, targets_for_organisation
from ..selectors.startup import target_list as target_list_selector
from ..services.startup import target_archive as target_archive_service
from ..services.startup import target_create as target_create_service
from ..services.startup import target_update as target_update_service
from .access import startup_member_required


@startup_member_required
def target_list(request):
    targets = target_list_selector(request.organisation)
    context = {
        "targets": [target for target in targets if target.archived_at is None],
        "archived_targets": [target for target in targets if target.archived_at is not None],
    }
    return render(request, "partnerships/startup/target_list.html", context)


@startup_member_required
@require_http_methods(["GET", "POST"])
def target_create(request):
    # "Prepare for this company" from the directory: the target starts linked to the published company.
    form = TargetCompanyForm(request.POST or None, initial=directory_target_initial(request.GET.get("pharma")))
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


@startup_member_required
@require_POST
def target_archive(request, pk: int):
    target = get_object_or_404(targets_for_organisation(request.organisation), pk=pk)
    archived = request.POST.get("archived") != "0"
    target_archive_service(target=target, archived=archived, user=request.user)
    if archived:
        messages.success(
            request, _("%(name)s archived: its assessments and dossiers are kept.") % {"name": target.name}
        )
    else:
        messages.success(request, _("%(name)s is back in your target companies.") % {"name": target.name})
    return redirect("target_list")
