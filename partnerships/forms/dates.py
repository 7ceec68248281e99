"""Dates people pick for what is still to happen: a due date, a decision date."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def not_in_the_past(value) -> None:
    """Validator: today or later (in the site's time zone). A new next step or action due in the past would be
    overdue the moment it is saved: almost always a typing slip."""
    if value is not None and value < timezone.localdate():
        raise ValidationError(_("Choose a date in the future."), code="past_date")
