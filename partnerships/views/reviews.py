"""Reviewers score a received dossier on the guide's ten steps; the team chooses to share the scores.

The dossier is found as in views/dossiers.py (another company's dossier is a 404); the `rules` permissions
say who scores (reviewers and admins) and who shares (admins, or the assigned reviewer).
"""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ..forms.reviews import DossierReviewForm, ReviewSharingForm
from ..models import Dossier
from ..selectors.reviews import own_review, review_form_steps
from ..services.dossiers import DossierError
from ..services.reviews import dossier_review_save, dossier_reviews_share
from .access import pharma_member_required
from .dossiers import _error_text, received_dossier_required


@pharma_member_required
@require_http_methods(["GET", "POST"])
@received_dossier_required(act="partnerships.score_dossier")
def dossier_review_edit(request: HttpRequest, dossier: Dossier) -> HttpResponse:
    """The signed-in reviewer's own scores on the ten steps; saving keeps every answer and comment."""
    form = DossierReviewForm(
        request.POST or None,
        steps=review_form_steps(dossier),
        answer_scale=dossier.snapshot.framework.answer_scale,
        review=own_review(dossier, request.user),
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                dossier_review_save(
                    user=request.user, dossier=dossier, answers=form.answers(), comments=form.comments()
                )
            except DossierError as error:
                form.add_error(None, _error_text(error))
            else:
                messages.success(request, _("Your scores are saved; the team sees them next to the startup's own."))
                return redirect(reverse("pharma_dossier_detail", args=[dossier.uuid]) + "#reviewer-scores")
        status = 400
    return render(request, "partnerships/dossiers/review_form.html", {"dossier": dossier, "form": form}, status=status)


@pharma_member_required
@require_POST
@received_dossier_required(act="partnerships.share_dossier_reviews")
def dossier_review_sharing(request: HttpRequest, dossier: Dossier) -> HttpResponse:
    form = ReviewSharingForm(request.POST)
    form.is_valid()  # two check boxes: anything else reads as unticked
    share = form.cleaned_data.get("share", False)
    try:
        dossier_reviews_share(
            user=request.user, dossier=dossier, share=share, share_names=form.cleaned_data.get("share_names", False)
        )
    except DossierError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(
            request,
            _("The startup now sees the reviewers' scores and comments.")
            if share
            else _("The reviewers' scores and comments are not shown to the startup."),
        )
    return redirect(reverse("pharma_dossier_detail", args=[dossier.uuid]) + "#reviewer-scores")
