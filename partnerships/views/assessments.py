"""The assessment for a target meeting: one page per step, then the results.

Every navigation button of a step page submits the form, so answers are saved as the user moves on, with
or without JavaScript. A save made from a stale page never overwrites silently: the item is shown in
conflict with both versions, and what the user typed is kept.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from checklists.i18n import active_language

from ..forms.assessments import NOT_APPLICABLE, AnswerForm, CommitmentForm, answer_initial
from ..forms.dossiers import dossier_submit_panel_form
from ..models import Assessment
from ..selectors.assessment_pages import results_screen, step_screen
from ..selectors.assessments import (
    assessment_for_user_organisation,
    assessment_result,
    assessment_result_fresh,
    steps_progress,
)
from ..selectors.partnership import startup_step_evidence
from ..selectors.startup import targets_for_organisation
from ..services.assessments import AnswerConflict, answer_save, assessment_for_target, assessment_submit
from .access import startup_member_required


def _assessment_or_404(request, pk: int) -> Assessment:
    try:
        return assessment_for_user_organisation(organisation=request.organisation, pk=pk)
    except Assessment.DoesNotExist as error:
        raise Http404 from error


@startup_member_required
def assessment_start(request, target_pk: int):
    """Open the target meeting's assessment (started on first visit) at its first incomplete step."""
    target = get_object_or_404(targets_for_organisation(request.organisation), pk=target_pk)
    assessment = assessment_for_target(target=target, user=request.user)
    progress = steps_progress(assessment, assessment_result(assessment))
    first_open = next((p.number for p in progress if not p.is_complete), None)
    if first_open is None:
        return redirect("assessment_results", pk=assessment.pk)
    return redirect("assessment_step", pk=assessment.pk, number=first_open)


def _build_forms(page, scale, data=None):
    forms = [
        AnswerForm(data, item=item, answer_scale=scale, initial=answer_initial(answer))
        for item, answer in page.criteria
    ]
    # Commitments and KPIs are ticked lines: done / proposed.
    forms += [
        CommitmentForm(data, item=item, initial=CommitmentForm.initial_for(answer))
        for item, answer in [*page.commitments, *page.kpis]
    ]
    return forms


def _reflect_saved(data, form, answer) -> None:
    """Make the re-rendered form read as loaded at `answer`'s revision (after a save or a conflict)."""
    prefix = form.prefix
    data[f"{prefix}-revision"] = str(answer.revision)
    if isinstance(form, CommitmentForm):
        data[f"{prefix}-was_done"] = str(answer.level == 3)
        return
    initial = answer_initial(answer)
    for name in ("level", "note", "evidence_url"):
        data[f"{prefix}-was_{name}"] = initial[name]


def _save_step(request, assessment, page, scale) -> tuple[list, bool]:
    """Save every item the user changed; return the forms re-bound to what is now saved, and whether all went in.

    Saved items carry their new revision; items in conflict carry the other person's version in `conflict`
    and keep the user's input.
    """
    data = request.POST.copy()
    conflicts = {}
    all_saved = True
    for form in _build_forms(page, scale, data):
        if not form.is_valid():
            all_saved = False
            continue
        if not form.changed_answer_fields():
            continue
        try:
            answer = answer_save(
                assessment=assessment,
                item=form.item,
                values=form.answer_values(),
                expected_revision=form.cleaned_data["revision"],
                user=request.user,
            )
        except AnswerConflict as conflict:
            conflicts[form.prefix] = conflict.current
            all_saved = False
            _reflect_saved(data, form, conflict.current)
        else:
            _reflect_saved(data, form, answer)
    forms = _build_forms(page, scale, data)
    for form in forms:
        form.is_valid()
        form.conflict = conflicts.get(form.prefix)
        if form.conflict is not None and isinstance(form, AnswerForm):
            form.conflict_display = _conflict_display(form)
    return forms, all_saved


def _conflict_display(form: AnswerForm) -> dict:
    labels = dict(form.fields["level"].choices)
    theirs = answer_initial(form.conflict)
    return {
        "theirs_level": labels.get(theirs["level"], _("not answered")),
        "mine_level": labels.get(form.data.get(f"{form.prefix}-level", ""), _("not answered")),
        "mine_note": form.data.get(f"{form.prefix}-note", ""),
        "mine_evidence_url": form.data.get(f"{form.prefix}-evidence_url", ""),
    }


def _next_url(go: str, assessment: Assessment, number: int, step_count: int):
    if go == "results":
        return redirect("assessment_results", pk=assessment.pk)
    if go == "next" and number < step_count:
        return redirect("assessment_step", pk=assessment.pk, number=number + 1)
    if go == "previous" and number > 1:
        return redirect("assessment_step", pk=assessment.pk, number=number - 1)
    if go.isdigit() and 1 <= int(go) <= step_count:
        return redirect("assessment_step", pk=assessment.pk, number=int(go))
    if go == "next":
        return redirect("assessment_results", pk=assessment.pk)
    return redirect("assessment_step", pk=assessment.pk, number=number)


@startup_member_required
@require_http_methods(["GET", "POST"])
def assessment_step(request, pk: int, number: int):
    try:
        screen = step_screen(request.organisation, pk, number)
    except Assessment.DoesNotExist as error:
        raise Http404 from error
    if screen is None:
        raise Http404
    assessment, progress, current, page = screen.assessment, screen.progress, screen.current, screen.page
    scale = assessment.framework.answer_scale
    forms = None
    if request.method == "POST":
        go = request.POST.get("go", "")
        forms, all_saved = _save_step(request, assessment, page, scale)
        if request.htmx and go == "autosave":
            # Autosave (JavaScript only): refresh revisions in place, leave the page as the user has it.
            context = {"forms": forms, "all_saved": all_saved}
            return render(request, "partnerships/assessments/_autosaved.html", context)
        if all_saved:
            if go == "submit":
                return _submit_if_complete(request, assessment, saved_here=True)
            messages.success(request, _("Answers saved."))
            return _next_url(go, assessment, number, len(progress))
        if any(form.conflict for form in forms):
            messages.warning(
                request,
                _(
                    "Someone saved some of these answers after you opened this page. Compare both versions "
                    "below: your input is kept; save again to keep it, or change it."
                ),
            )
        else:
            messages.error(request, _("Some answers could not be saved: see the messages below."))
    if forms is None:
        forms = _build_forms(page, scale)
    context = {
        "assessment": assessment,
        "target": assessment.target,
        "progress": progress,
        "current": current,
        "step": current.step,
        "answer_forms": [form for form in forms if isinstance(form, AnswerForm)],
        "commitment_forms": [f for f in forms if isinstance(f, CommitmentForm) and f.item.kind == "commitment"],
        "kpi_forms": [f for f in forms if isinstance(f, CommitmentForm) and f.item.kind == "kpi"],
        "partnership_evidence": startup_step_evidence(request.organisation, current.step),
        "excluded": page.excluded,
        "scale": {str(entry["value"]): entry for entry in scale},
        "not_applicable": NOT_APPLICABLE,
        "step_count": len(progress),
        "all_complete": all(p.is_complete for p in progress),
        # After a refused submission: the steps left to answer, each with its link.
        "incomplete_steps": [p for p in progress if not p.is_complete] if request.GET.get("incomplete") else [],
    }
    status = 409 if any(getattr(form, "conflict", None) for form in forms) else 200
    return render(request, "partnerships/assessments/step.html", context, status=status)


def _submit_if_complete(request, assessment: Assessment, *, saved_here: bool = False):
    """Submit only a complete assessment; otherwise say that nothing was submitted and open the first step
    left to answer, whose page lists every incomplete step with its link."""
    # Fresh, not the cached score: this request may have just saved answers the loaded assessment does not know.
    incomplete = [p for p in steps_progress(assessment, assessment_result_fresh(assessment)) if not p.is_complete]
    if incomplete:
        text = _("Nothing was submitted: some steps still have unanswered items.")
        if saved_here:
            text = _("This page is saved, but nothing was submitted: some steps still have unanswered items.")
        messages.error(request, text)
        url = reverse("assessment_step", args=[assessment.pk, incomplete[0].number])
        return redirect(f"{url}?incomplete=1#incomplete-steps")
    assessment_submit(assessment=assessment, user=request.user, report_language=active_language())
    messages.success(request, _("Assessment submitted: a dated snapshot of your scores is kept."))
    return redirect("assessment_results", pk=assessment.pk)


@startup_member_required
@require_POST
def assessment_submit_view(request, pk: int):
    return _submit_if_complete(request, _assessment_or_404(request, pk))


@startup_member_required
def assessment_results(request, pk: int):
    try:
        context = results_screen(request.organisation, pk)
    except Assessment.DoesNotExist as error:
        raise Http404 from error
    snapshot = context["snapshot"]
    # The dossier panel's form, built here rather than in its template (its choices are one query).
    may_submit = snapshot is not None and request.user.has_perm("partnerships.submit_dossier", snapshot)
    context["submit_form"] = dossier_submit_panel_form(snapshot) if may_submit else None
    return render(request, "partnerships/assessments/results.html", context)
