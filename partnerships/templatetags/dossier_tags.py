"""Template helpers of the dossier screens: the submission form of the results page, inbox figures, durations."""

from datetime import timedelta

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


@register.filter
def band_label(code: str) -> str:
    from scoring.engine import Band

    return next((str(band.label) for band in Band if band.code == code), code or "—")


@register.filter
def maturity_label(code: str) -> str:
    from ..models import Maturity

    return str(dict(Maturity.choices).get(code, code or "—"))


@register.filter
def business_model_labels(codes) -> str:
    from ..models import BusinessModel

    labels = dict(BusinessModel.choices)
    return ", ".join(str(labels.get(code, code)) for code in codes or ())


@register.filter
def status_label(code: str) -> str:
    from ..models import Dossier

    return str(dict(Dossier.Status.choices).get(code, code))
