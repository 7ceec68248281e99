"""A form field's value as a person reads it: choice labels in the active language, yes / no, never a code."""

from django import forms, template
from django.db import models
from django.utils.translation import gettext as _

register = template.Library()


def _key(value, field) -> str:
    if isinstance(value, models.Model):
        return str(getattr(value, getattr(field, "to_field_name", None) or "pk"))
    return str(getattr(value, "value", value))  # ModelChoiceIteratorValue → its value


@register.filter
def display_value(bound_field) -> str:
    field, value = bound_field.field, bound_field.value()
    if isinstance(field, forms.BooleanField):
        return _("Yes") if value else _("No")
    if value in (None, "", [], ()):
        return "—"
    if isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
        labels = {_key(key, field): str(label) for key, label in field.choices}
        values = value if isinstance(value, list | tuple) else [value]
        return ", ".join(labels.get(_key(item, field), str(item)) for item in values) or "—"
    return str(value)


@register.filter
def ago(value) -> str:
    """“3 days ago”, or “just now” under a minute (never “0 minutes ago”)."""
    from django.utils import timezone
    from django.utils.timesince import timesince

    if value is None:
        return "—"
    if (timezone.now() - value).total_seconds() < 60:
        return _("just now")
    return _("%(age)s ago") % {"age": timesince(value)}


@register.filter
def join_reasons(reasons) -> str:
    """Reasons in a sentence, with the language's separator (French puts a space before the semicolon)."""
    from django.utils.translation import pgettext

    return pgettext("list separator", "; ").join(str(reason) for reason in reasons or ())
