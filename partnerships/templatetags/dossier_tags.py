"""Template helpers of the dossier screens: the submission form of the results page, inbox figures, durations."""

import uuid
from datetime import timedelta
from functools import cache

from django import template
from django.urls import reverse
from django.utils.translation import ngettext

from ..forms.dossiers import DossierSubmitForm
from ..selectors.dossiers import inbox_metrics

register = template.Library()


@register.simple_tag
def dossier_submit_form(snapshot):
    """The submission form for `snapshot`, posting to its own page (which shows errors if any)."""
    target = snapshot.assessment.target
    form = DossierSubmitForm(action=reverse("dossier_submit", args=[snapshot.uuid]), initial_pharma=target.pharma)
    pharma = form.fields["pharma"]
    # Read once, in one query: the panel counts them, then lists them (a ModelChoiceField would count with
    # one query and list with a server-side cursor).
    pharma.choices = [("", pharma.empty_label), *pharma.queryset.values_list("pk", "name")]
    return form


@register.simple_tag
def dossier_inbox_metrics(organisation):
    return inbox_metrics(organisation)


@register.filter
def duration(value: timedelta | None) -> str:
    """“3 days”, “5 hours”: a response time as a person would say it."""
    if value is None:
        return "—"
    hours = value.total_seconds() / 3600
    if hours < 48:
        count = max(round(hours), 1) if hours >= 1 else 1
        if hours < 1:
            minutes = max(round(value.total_seconds() / 60), 1)
            return ngettext("%(count)s minute", "%(count)s minutes", minutes) % {"count": minutes}
        return ngettext("%(count)s hour", "%(count)s hours", count) % {"count": count}
    days = round(hours / 24)
    return ngettext("%(count)s day", "%(count)s days", days) % {"count": days}


# Labels looked up per row of the inbox: the choices are read once per process (their labels stay lazy, so each
# is still translated in the language of the request).
@cache
def _labels(kind: str) -> dict:
    from scoring.engine import Band

    from ..models import BusinessModel, Dossier, Maturity

    if kind == "band":
        return {band.code: band.label for band in Band}
    choices = {"maturity": Maturity, "business_model": BusinessModel, "status": Dossier.Status}[kind]
    return dict(choices.choices)


@register.filter
def band_label(code: str) -> str:
    return str(_labels("band").get(code, code or "—"))


@register.filter
def maturity_label(code: str) -> str:
    return str(_labels("maturity").get(code, code or "—"))


@register.filter
def business_model_labels(codes) -> str:
    labels = _labels("business_model")
    return ", ".join(str(labels.get(code, code)) for code in codes or ())


@register.filter
def status_label(code: str) -> str:
    return str(_labels("status").get(code, code))


STATUS_BADGES = {
    "declined": "text-bg-danger",
    "partnership_started": "text-bg-success",
    "meeting_proposed": "text-bg-info",
    "in_review": "text-bg-primary",
    "withdrawn": "text-bg-light border",
}


@register.filter
def status_badge(code: str) -> str:
    """The badge colour of a dossier status (a filter rather than an include: the inbox shows 25 per page)."""
    return STATUS_BADGES.get(code, "text-bg-secondary")


@register.simple_tag
def url_around(name: str) -> tuple[str, str]:
    """The address of `name` (one UUID argument) cut around its argument: rows put each key between the two
    parts rather than reversing the address once per row."""
    sentinel = str(uuid.UUID(int=0))
    prefix, suffix = reverse(name, args=[sentinel]).split(sentinel)
    return prefix, suffix
