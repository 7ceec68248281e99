"""The action plan of an assessment: build it from the gaps, follow it, export it.

The assessment is looked up in the user's startup (a foreign id is a 404); every member edits the plan.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ..forms.plans import ActionUpdateForm, FreeActionForm, GapActionForm
from ..models import Action, Assessment
from ..plan_exports import plan_csv, plan_xlsx
from ..selectors.assessments import assessment_for_user_organisation
from ..selectors.dossiers import pharma_members as organisation_members
from ..selectors.plans import action_plan, actions_of_organisation
from ..services.plans import action_create_free, action_create_from_gap, action_delete, action_update
from .access import object_permission_required, organisation_of, startup_member_required
from .kept_forms import form_errors_text


def _assessment(request: HttpRequest, pk: int) -> Assessment:
    return assessment_for_user_organisation(organisation=organisation_of(request), pk=pk)


def _action(request: HttpRequest, pk: int) -> Action:
    return actions_of_organisation(organisation_of(request)).get(pk=pk)


# Every member edits the plan: the permission is the startup's, checked on the assessment (an action's, for an action).
assessment_required = object_permission_required("partnerships.edit_startup_data", _assessment)
action_required = object_permission_required(
    "partnerships.edit_startup_data", _action, of=lambda action: action.assessment
)


def _form_kwargs(assessment: Assessment) -> dict:
    return {"members": organisation_members(assessment.organisation), "answer_scale": assessment.framework.answer_scale}


def _page(request: HttpRequest, assessment: Assessment, *, free_form=None, status: int = 200) -> HttpResponse:
    plan = action_plan(assessment)
    kwargs = _form_kwargs(assessment)
    context = {
        "assessment": assessment,
        "target": assessment.target,
        "plan": plan,
        "members": kwargs["members"],
        "levels": GapActionForm(**kwargs).fields["target_level"].choices,
        "statuses": Action.Status.choices,
        "free_form": free_form or FreeActionForm(steps=plan.guide_steps, **kwargs),
    }
    return render(request, "partnerships/plans/plan.html", context, status=status)


def _errors(error: ValidationError) -> str:
    return " ".join(error.messages)


@startup_member_required
@require_GET
@assessment_required
def plan(request: HttpRequest, assessment: Assessment) -> HttpResponse:
    return _page(request, assessment)


@startup_member_required
@require_POST
@assessment_required
def plan_action_create(request: HttpRequest, assessment: Assessment) -> HttpResponse:
    """Add a gap to the plan (the form of each gap), or a free action (the form under the plan)."""
    kwargs = _form_kwargs(assessment)
    if "item_code" in request.POST:
        form = GapActionForm(request.POST, **kwargs)
        if form.is_valid():
            try:
                action_create_from_gap(assessment=assessment, user=request.user, **form.cleaned_data)
            except ValidationError as error:
                messages.error(request, _errors(error))
            else:
                messages.success(request, _("Gap added to your plan."))
            return redirect("plan", pk=assessment.pk)
        messages.error(request, _("The action was not added: %(errors)s") % {"errors": form_errors_text(form)})
        return _page(request, assessment, status=400)
    steps = assessment.framework.steps.select_related("phase").order_by("number")
    form = FreeActionForm(request.POST, steps=steps, **kwargs)
    if form.is_valid():
        try:
            action_create_free(assessment=assessment, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, _errors(error))
        else:
            messages.success(request, _("Action added to your plan."))
            return redirect("plan", pk=assessment.pk)
    return _page(request, assessment, free_form=form, status=400)


@startup_member_required
@require_POST
@action_required
def plan_action_update(request: HttpRequest, action: Action) -> HttpResponse:
    assessment = action.assessment
    form = ActionUpdateForm(request.POST, **_form_kwargs(assessment))
    if not form.is_valid():
        messages.error(request, _("The action was not saved: %(errors)s") % {"errors": form_errors_text(form)})
        # The page reads what the assessment's own fetch selects; the permission was checked on it above.
        return _page(request, _assessment(request, assessment.pk), status=400)
    action_update(action=action, user=request.user, **form.cleaned_data)
    messages.success(request, _("Action saved."))
    return redirect(reverse("plan", args=[assessment.pk]) + f"#action-{action.pk}")


@startup_member_required
@require_POST
@action_required
def plan_action_delete(request: HttpRequest, action: Action) -> HttpResponse:
    action_delete(action=action, user=request.user)
    messages.success(request, _("Action removed from your plan."))
    return redirect("plan", pk=action.assessment_id)


def _download(assessment: Assessment, content, extension: str, content_type: str) -> HttpResponse:
    name = slugify(assessment.target.name) or "plan"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="plan-{name}-{timezone.localdate():%Y-%m-%d}.{extension}"'
    response["Cache-Control"] = "private, no-store"
    return response


@startup_member_required
@require_GET
@assessment_required
def plan_export_xlsx(request: HttpRequest, assessment: Assessment) -> HttpResponse:
    return _download(
        assessment,
        plan_xlsx(action_plan(assessment)),
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


@startup_member_required
@require_GET
@assessment_required
def plan_export_csv(request: HttpRequest, assessment: Assessment) -> HttpResponse:
    return _download(assessment, plan_csv(action_plan(assessment)), "csv", "text/csv; charset=utf-8")
