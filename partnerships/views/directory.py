"""The directory of published pharma transparency profiles, for startups."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from ..forms.pharma import DirectoryFilterForm
from ..models import PartnershipMode, PharmaNeed
from ..selectors.partnership import pharma_ratings
from ..selectors.pharma import directory, published_profile
from ..selectors.startup import directory_actions
from .access import startup_member_required


@startup_member_required
def directory_list(request):
    form = DirectoryFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    profiles = directory(
        therapeutic_area=filters.get("therapeutic_area", ""), partnership_mode=filters.get("partnership_mode", "")
    )
    page = Paginator(profiles, 20).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode()}
    return render(request, "partnerships/directory/list.html", context)


@startup_member_required
def directory_detail(request, pk: int):
    profile = published_profile(pk)
    if profile is None:
        raise Http404
    context = {
        "profile": profile,
        "modes": ", ".join(
            str(PartnershipMode(mode).label) for mode in profile.partnership_modes if mode in PartnershipMode
        ),
        "ratings": pharma_ratings(profile.organisation),
        "needs": ", ".join(str(PharmaNeed(need).label) for need in profile.needs if need in PharmaNeed),
        "directory_actions": directory_actions(request.organisation, profile.organisation),
    }
    return render(request, "partnerships/directory/detail.html", context)
