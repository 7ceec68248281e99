"""Template helpers of the dossier screens: durations, labels and badges, row addresses. None reads the database:
the views pass what their pages show (the submission form, the inbox figures)."""

import uuid
from datetime import timedelta
from functools import cache

from django import template
from django.urls import reverse
from django.utils.translation import ngettext

from .. import scoring_text

register = template.Library()


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
    from ..models import BusinessModel, Dossier, Maturity

    choices = {"maturity": Maturity, "business_model": BusinessModel, "status": Dossier.Status}[kind]
    return dict(choices.choices)


@register.filter
def band_label(code: str) -> str:
    return str(scoring_text.band_label(code)) or "—"


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
