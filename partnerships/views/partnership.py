"""The partnership space, shared by the two sides of a dossier: meetings, next steps, KPIs and their alerts,
feedback, the PDF partnership review.

Every object is looked up through the user's organisation (selectors/partnership.py), so anything of another
dossier is a 404; then the `rules` permissions say who may act (the startup's members, the pharma company's
reviewers and admins; plain pharma members read). Views are thin: a form, one service, a redirect.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ..calendar import meeting_ics
from ..forms.partnership import (
    DecisionForm,
    FeedbackForm,
    FeedbackRoundForm,
    KpiForm,
    KpiImportForm,
    KpiValueForm,
    MeetingProposeForm,
    NextStepForm,
    ReviewRequestForm,
    ScopeForm,
    SlotPickForm,
    SlotsForm,
    TextForm,
)
from ..membership import membership_of
from ..models import Dossier, FeedbackRound, Kpi, KpiAlert, KpiVersion, Meeting, NextStep, PartnershipReview
from ..selectors import partnership as select
from ..services import feedback as feedback_services
from ..services import kpis as kpi_services
from ..services import partnership as services
from ..services import partnership_reviews as review_services
from ..services.reports import ReportUnavailable
from .access import object_permission_required, organisation_of
from .kept_forms import keep_refused, kept_or_new


def space_member_required(view):
    """A logged-in member of an organisation; the view finds its objects in it. Every screen here is about an
    object, so someone in no organisation gets 404, as for any object they may not see (views/access.py)."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if membership_of(request.user) is None:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def _dossier_of(obj) -> Dossier:
    """The dossier whose space holds `obj` (the permissions are about it)."""
    if isinstance(obj, Dossier):
        return obj
    if isinstance(obj, KpiVersion | KpiAlert):
        return obj.kpi.dossier
    return obj.dossier


def space_object_required(finder, *, act: str | None = None):
    """Find the object with `finder` (a selector of selectors/partnership.py, `(*, organisation, uuid|pk)`) among
    the spaces the user's organisation shares: elsewhere it is a 404, the fetch's scope being the whole rule to see
    it. `act` (a permission on its dossier) is checked next: refused, 403. The view receives the object."""

    def fetch(request: HttpRequest, **key):
        return finder(organisation=organisation_of(request), **key)

    return object_permission_required(None, fetch, act=act, of=_dossier_of)


ACT = "partnerships.act_in_partnership"


def _back(dossier: Dossier, anchor: str = "") -> HttpResponse:
    return redirect(reverse("partnership_detail", args=[dossier.uuid]) + (f"#{anchor}" if anchor else ""))


def _error(request: HttpRequest, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


# The page


@space_member_required
@require_GET
@space_object_required(select.partnership_dossier)
def partnership_detail(request: HttpRequest, dossier: Dossier) -> HttpResponse:
    side = select.side_of(request.user, dossier)
    page = select.partnership_page(dossier, side)
    partnership = page.partnership
    context = {
        "page": page,
        "dossier": dossier,
        "can_act": request.user.has_perm("partnerships.act_in_partnership", dossier),
        "can_propose_meeting": request.user.has_perm("partnerships.propose_meeting", dossier),
        "next_step_form": kept_or_new(
            request,
            NextStepForm,
            on=dossier,
            action=reverse("next_step_add", args=[dossier.uuid]),
            initial={"side": side},
        ),
        "scope_form": kept_or_new(
            request,
            ScopeForm,
            on=dossier,
            action=reverse("partnership_scope", args=[dossier.uuid]),
            initial={"scope": partnership.scope, "documents": partnership.documents} if partnership else None,
        ),
        "round_form": kept_or_new(
            request, FeedbackRoundForm, on=dossier, action=reverse("feedback_round_open", args=[dossier.uuid])
        ),
        "review_form": ReviewRequestForm(
            action=reverse("partnership_review_request", args=[dossier.uuid]),
            initial={"language": request.LANGUAGE_CODE},
        ),
    }
    return render(request, "partnerships/partnership/detail.html", context)


@space_member_required
@require_POST
@space_object_required(select.partnership_dossier, act=ACT)
def partnership_scope(request: HttpRequest, dossier: Dossier) -> HttpResponse:
    form = ScopeForm(request.POST)
    if form.is_valid():
        services.partnership_update(user=request.user, dossier=dossier, **form.cleaned_data)
        messages.success(request, _("Scope and documents saved."))
    else:
        keep_refused(request, form, on=dossier)
    return _back(dossier, "scope")


# Meetings


@space_member_required
@require_http_methods(["GET", "POST"])
@space_object_required(select.partnership_dossier, act="partnerships.propose_meeting")
def meeting_propose(request: HttpRequest, dossier: Dossier) -> HttpResponse:
    form = MeetingProposeForm(request.POST or None, action=reverse("meeting_propose", args=[dossier.uuid]))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                meeting = services.meeting_propose(
                    user=request.user,
                    dossier=dossier,
                    title=data["title"],
                    place=data["place"],
                    video_link=data["video_link"],
                    attendees=data["attendees"],
                    slots=data["slots"],
                )
            except ValidationError as error:
                form.add_error(None, " ".join(error.messages))
            else:
                messages.success(request, _("Meeting proposed; the startup is told by e-mail."))
                return redirect("meeting_detail", uuid=meeting.uuid)
        status = 400
    return render(
        request, "partnerships/partnership/meeting_propose.html", {"form": form, "dossier": dossier}, status=status
    )


@space_member_required
@require_GET
@space_object_required(select.meeting_for)
def meeting_detail(request: HttpRequest, meeting: Meeting) -> HttpResponse:
    dossier = meeting.dossier
    side = select.side_of(request.user, dossier)
    can_act = request.user.has_perm("partnerships.act_in_partnership", dossier)
    agenda = select.meeting_agenda(meeting)
    theirs = meeting.slots.exclude(proposed_by=side)
    context = {
        "meeting": meeting,
        "agenda": agenda,
        "dossier": dossier,
        "side": side,
        "can_act": can_act,
        "slots": list(meeting.slots.all()),
        "pick_form": SlotPickForm(action=reverse("meeting_confirm", args=[meeting.uuid]), slots=theirs)
        if can_act and meeting.status == Meeting.Status.PROPOSED and theirs.exists()
        else None,
        "slots_form": kept_or_new(request, SlotsForm, on=meeting, action=reverse("meeting_slots", args=[meeting.uuid]))
        if can_act and meeting.status == Meeting.Status.PROPOSED
        else None,
        "agenda_form": kept_or_new(
            request,
            TextForm,
            on=meeting,
            name="agenda",
            action=reverse("meeting_agenda", args=[meeting.uuid]),
            label=_("Agenda"),
            form_id="agenda-form",
            initial={"text": agenda},
            rows=14,
        ),
        "notes_form": kept_or_new(
            request,
            TextForm,
            on=meeting,
            name="notes",
            action=reverse("meeting_notes", args=[meeting.uuid]),
            label=_("Meeting notes (shared with the other side)"),
            form_id="notes-form",
            initial={"text": meeting.notes},
            rows=6,
        ),
        "next_step_form": kept_or_new(
            request,
            NextStepForm,
            on=meeting,
            action=reverse("next_step_add", args=[dossier.uuid]),
            initial={"side": side, "meeting": meeting.uuid},
        ),
        "next_steps": list(meeting.next_steps.all()),
        "feedback_round": getattr(meeting, "feedback_round", None),
        "today": timezone.localdate(),
    }
    return render(request, "partnerships/partnership/meeting_detail.html", context)


def _to_meeting(meeting: Meeting, anchor: str = "") -> HttpResponse:
    return redirect(reverse("meeting_detail", args=[meeting.uuid]) + (f"#{anchor}" if anchor else ""))


@space_member_required
@require_POST
@space_object_required(select.meeting_for, act=ACT)
def meeting_slots(request: HttpRequest, meeting: Meeting) -> HttpResponse:
    form = SlotsForm(request.POST)
    if not form.is_valid():
        keep_refused(request, form, on=meeting)
        return _to_meeting(meeting, "slots")
    try:
        services.meeting_slots_propose(user=request.user, meeting=meeting, slots=form.cleaned_data["slots"])
    except ValidationError as error:
        keep_refused(request, form, on=meeting, error=error)
    else:
        messages.success(request, _("Slots proposed; the other side is told by e-mail."))
    return _to_meeting(meeting, "slots")


@space_member_required
@require_POST
@space_object_required(select.meeting_for, act=ACT)
def meeting_confirm(request: HttpRequest, meeting: Meeting) -> HttpResponse:
    form = SlotPickForm(request.POST, slots=meeting.slots.all())
    if not form.is_valid():
        messages.error(request, _("Choose a slot."))
        return _to_meeting(meeting, "slots")
    try:
        services.meeting_confirm(user=request.user, meeting=meeting, slot=form.cleaned_data["slot"])
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(request, _("Meeting confirmed; both sides are told by e-mail."))
    return _to_meeting(meeting)


@space_member_required
@require_POST
@space_object_required(select.meeting_for, act=ACT)
def meeting_agenda(request: HttpRequest, meeting: Meeting) -> HttpResponse:
    form = TextForm(request.POST)
    if form.is_valid():
        services.meeting_agenda_save(user=request.user, meeting=meeting, agenda=form.cleaned_data["text"])
        messages.success(request, _("Agenda saved."))
    else:
        keep_refused(request, form, on=meeting, name="agenda")
    return _to_meeting(meeting, "agenda")


@space_member_required
@require_GET
@space_object_required(select.meeting_for)
def meeting_agenda_print(request: HttpRequest, meeting: Meeting) -> HttpResponse:
    context = {"meeting": meeting, "agenda": select.meeting_agenda(meeting), "dossier": meeting.dossier}
    return render(request, "partnerships/partnership/agenda_print.html", context)


@space_member_required
@require_POST
@space_object_required(select.meeting_for, act=ACT)
def meeting_notes(request: HttpRequest, meeting: Meeting) -> HttpResponse:
    form = TextForm(request.POST)
    if not form.is_valid():
        keep_refused(request, form, on=meeting, name="notes")
        return _to_meeting(meeting, "notes")
    try:
        services.meeting_notes_save(user=request.user, meeting=meeting, notes=form.cleaned_data["text"])
    except ValidationError as error:
        keep_refused(request, form, on=meeting, name="notes", error=error)
    else:
        messages.success(request, _("Notes saved. Each side can now give its feedback on the meeting."))
    return _to_meeting(meeting, "notes")


@space_member_required
@require_GET
@space_object_required(select.meeting_for)
def meeting_ics_download(request: HttpRequest, meeting: Meeting) -> HttpResponse:
    if meeting.status != Meeting.Status.CONFIRMED:
        raise Http404
    response = HttpResponse(meeting_ics(meeting), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.uuid.hex[:8]}.ics"'
    return response


# Next steps


@space_member_required
@require_POST
@space_object_required(select.partnership_dossier, act=ACT)
def next_step_add(request: HttpRequest, dossier: Dossier) -> HttpResponse:
    form = NextStepForm(request.POST)
    valid = form.is_valid()
    meeting = None  # the form is on the partnership's page, or on a meeting's (back there, even when refused)
    if form.cleaned_data.get("meeting"):
        meeting = dossier.meetings.filter(uuid=form.cleaned_data["meeting"]).first()
    if not valid:
        keep_refused(request, form, on=meeting or dossier)
    else:
        data = form.cleaned_data
        services.next_step_add(
            user=request.user,
            dossier=dossier,
            meeting=meeting,
            side=data["side"],
            title=data["title"],
            owner=data["owner"],
            due_date=data["due_date"],
        )
        messages.success(request, _("Next step added."))
    return _to_meeting(meeting, "next-steps") if meeting else _back(dossier, "next-steps")


@space_member_required
@require_POST
@space_object_required(select.next_step_for, act=ACT)
def next_step_done(request: HttpRequest, step: NextStep) -> HttpResponse:
    services.next_step_done(user=request.user, next_step=step)
    messages.success(request, _("Next step done."))
    return _back(step.dossier, "next-steps")


# KPIs


@space_member_required
@require_http_methods(["GET", "POST"])
@space_object_required(select.partnership_dossier, act=ACT)
def kpi_propose(request: HttpRequest, dossier: Dossier) -> HttpResponse:
    side = select.side_of(request.user, dossier)
    form = KpiForm(
        request.POST or None,
        action=reverse("kpi_propose", args=[dossier.uuid]),
        catalogue=select.kpi_catalogue(),
        initial={"catalogue_code": request.GET.get("item", ""), "responsible_side": side},
    )
    if request.method == "POST" and form.is_valid():
        try:
            kpi_services.kpi_propose(user=request.user, dossier=dossier, terms=form.terms())
        except ValidationError as error:
            form.add_error(None, " ".join(error.messages))
        else:
            messages.success(request, _("KPI proposed; it becomes active once the other side accepts it."))
            return _back(dossier, "kpis")
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "dossier": dossier, "title": _("Propose a KPI")}
    return render(request, "partnerships/partnership/kpi_form.html", context, status=status)


@space_member_required
@require_http_methods(["GET", "POST"])
@space_object_required(select.kpi_for, act=ACT)
def kpi_change(request: HttpRequest, kpi: Kpi) -> HttpResponse:
    dossier = kpi.dossier
    current = kpi.versions.exclude(status=KpiVersion.Status.WITHDRAWN).order_by("-number").first()
    form = KpiForm(
        request.POST or None,
        instance=KpiVersion(kpi=kpi) if request.method == "POST" else current,
        action=reverse("kpi_change", args=[kpi.uuid]),
        catalogue=select.kpi_catalogue(),
    )
    form.helper.inputs[0].value = _("Propose this change")
    if request.method == "POST" and form.is_valid():
        try:
            kpi_services.kpi_change_propose(user=request.user, kpi=kpi, terms=form.terms())
        except ValidationError as error:
            form.add_error(None, " ".join(error.messages))
        else:
            messages.success(
                request, _("Change proposed; the current terms stay in force until the other side accepts it.")
            )
            return _back(dossier, "kpis")
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "dossier": dossier, "title": _("Propose a change to “%(name)s”") % {"name": current.name}}
    return render(request, "partnerships/partnership/kpi_form.html", context, status=status)


@space_member_required
@require_POST
@space_object_required(select.kpi_version_for, act=ACT)
def kpi_accept(request: HttpRequest, version: KpiVersion) -> HttpResponse:
    try:
        kpi_services.kpi_accept(user=request.user, version=version)
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(request, _("KPI accepted by both sides: it is active."))
    return _back(version.kpi.dossier, "kpis")


@space_member_required
@require_POST
@space_object_required(select.kpi_for, act=ACT)
def kpi_value_add(request: HttpRequest, kpi: Kpi) -> HttpResponse:
    form = KpiValueForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the date of the measure and a number."))
        return _back(kpi.dossier, f"kpi-{kpi.uuid}")
    try:
        kpi_services.kpi_value_record(user=request.user, kpi=kpi, **form.cleaned_data)
    except ValidationError as error:
        _error(request, error)
    else:
        messages.success(request, _("Value saved."))
    return _back(kpi.dossier, f"kpi-{kpi.uuid}")


@space_member_required
@require_http_methods(["GET", "POST"])
@space_object_required(select.partnership_dossier, act=ACT)
def kpi_import(request: HttpRequest, dossier: Dossier) -> HttpResponse:
    form = KpiImportForm(request.POST or None, request.FILES or None, action=reverse("kpi_import", args=[dossier.uuid]))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                count = kpi_services.kpi_values_import(
                    user=request.user, dossier=dossier, content=upload.read(), filename=upload.name
                )
            except ValidationError as error:
                form.add_error("file", " ".join(error.messages))
            else:
                messages.success(request, _("%(count)s values imported.") % {"count": count})
                return _back(dossier, "kpis")
        status = 400
    context = {"form": form, "dossier": dossier, "kpis": select.kpi_rows(dossier)}
    return render(request, "partnerships/partnership/kpi_import.html", context, status=status)


@space_member_required
@require_POST
@space_object_required(select.alert_for, act=ACT)
def kpi_alert_decide(request: HttpRequest, alert: KpiAlert) -> HttpResponse:
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write what was decided."))
    else:
        try:
            kpi_services.kpi_alert_decide(user=request.user, alert=alert, decision=form.cleaned_data["decision"])
        except ValidationError as error:
            _error(request, error)
        else:
            messages.success(request, _("Decision recorded; the alert is closed."))
    return _back(alert.kpi.dossier, "alerts")


# Feedback


@space_member_required
@require_POST
@space_object_required(select.partnership_dossier, act=ACT)
def feedback_round_open(request: HttpRequest, dossier: Dossier) -> HttpResponse:
    form = FeedbackRoundForm(request.POST)
    if not form.is_valid():
        keep_refused(request, form, on=dossier)
        return _back(dossier, "feedback")
    try:
        feedback_round = feedback_services.feedback_round_open(user=request.user, dossier=dossier, **form.cleaned_data)
    except ValidationError as error:
        keep_refused(request, form, on=dossier, error=error)
        return _back(dossier, "feedback")
    return redirect("feedback_answer", uuid=feedback_round.uuid)


@space_member_required
@require_http_methods(["GET", "POST"])
@space_object_required(select.feedback_round_for)
def feedback_answer(request: HttpRequest, feedback_round: FeedbackRound) -> HttpResponse:
    dossier = feedback_round.dossier
    side = select.side_of(request.user, dossier)
    view = next(v for v in select.feedback_rounds(dossier, side) if v.round.pk == feedback_round.pk)
    can_act = request.user.has_perm("partnerships.act_in_partnership", dossier)
    form = None
    if view.mine is None and can_act:
        form = FeedbackForm(request.POST or None, action=reverse("feedback_answer", args=[feedback_round.uuid]))
    elif request.method == "POST":
        if not can_act:
            raise PermissionDenied
        messages.error(request, _("Your side has already answered this feedback."))
        return redirect("feedback_answer", uuid=feedback_round.uuid)
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            feedback_services.feedback_submit(user=request.user, feedback_round=feedback_round, answers=form.answers())
        except ValidationError as error:
            form.add_error(None, " ".join(error.messages))
        else:
            messages.success(request, _("Thank you: your feedback is recorded."))
            return redirect("feedback_answer", uuid=feedback_round.uuid)
    status = 400 if request.method == "POST" else 200
    context = {"view": view, "form": form, "dossier": dossier}
    return render(request, "partnerships/partnership/feedback.html", context, status=status)


# The PDF partnership review


@space_member_required
@require_POST
@space_object_required(select.partnership_dossier, act=ACT)
def partnership_review_request(request: HttpRequest, dossier: Dossier) -> HttpResponse:
    form = ReviewRequestForm(request.POST)
    language = form.cleaned_data["language"] if form.is_valid() else request.LANGUAGE_CODE
    try:
        review_services.partnership_review_request(user=request.user, dossier=dossier, language=language)
    except ReportUnavailable as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The partnership review is being prepared; it appears below when ready."))
    return _back(dossier, "review")


@space_member_required
@require_GET
@space_object_required(select.partnership_review_for)
def partnership_review_download(request: HttpRequest, review: PartnershipReview) -> FileResponse:
    if review.status != PartnershipReview.Status.READY or not review.file:
        raise Http404
    response = FileResponse(
        review.file.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=review.file.name.rsplit("/", 1)[-1],
    )
    response["Cache-Control"] = "private, no-store"
    return response
