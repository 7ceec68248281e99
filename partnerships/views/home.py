from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from ..membership import membership_of


def home(request):
    """Landing page; members go straight to their organisation's dashboard."""
    if request.user.is_authenticated:
        return redirect("dashboard")
    return render(request, "partnerships/home.html")


@login_required
def dashboard(request):
    """Send each user to the screens of their side of the partnership."""
    membership = membership_of(request.user)
    if membership is None:
        return redirect("organisation_create")
    return redirect("startup_dashboard" if membership.organisation.is_startup else "pharma_dashboard")
