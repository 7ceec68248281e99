"""A startup's list of the snapshots of one assessment: every submission, dated, with its score."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ..models import Assessment
from ..selectors.assessments import assessment_for_user_organisation
from ..selectors.snapshots import snapshots_of_assessment
from .access import startup_member_required


@startup_member_required
@require_GET
def snapshot_list(request, pk: int):
    try:
        assessment = assessment_for_user_organisation(organisation=request.organisation, pk=pk)
    except Assessment.DoesNotExist as error:
        raise Http404 from error
    context = {"assessment": assessment, "target": assessment.target, "snapshots": snapshots_of_assessment(assessment)}
    return render(request, "partnerships/assessments/snapshot_list.html", context)
