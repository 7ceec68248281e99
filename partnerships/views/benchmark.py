"""The peer benchmark's opt-out: a startup's admins take its scores out of the aggregates (or back in)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ..membership import membership_of
from ..models import BenchmarkOptOut
from ..services.benchmark import benchmark_opt_out_set


@login_required
@require_http_methods(["GET", "POST"])
def benchmark_settings(request: HttpRequest) -> HttpResponse:
    membership = membership_of(request.user)
    if membership is None or not request.user.has_perm("partnerships.manage_benchmark", membership.organisation):
        raise PermissionDenied
    organisation = membership.organisation
    if request.method == "POST":
        opted_out = request.POST.get("counted") != "yes"
        benchmark_opt_out_set(organisation=organisation, user=request.user, opted_out=opted_out)
        messages.success(
            request,
            _("Your scores will leave the benchmark at its next refresh (every night).")
            if opted_out
            else _("Your scores will count in the benchmark from its next refresh (every night)."),
        )
        return redirect("benchmark_settings")
    opted_out = BenchmarkOptOut.objects.filter(organisation=organisation).exists()
    return render(
        request, "partnerships/benchmark/settings.html", {"organisation": organisation, "opted_out": opted_out}
    )
