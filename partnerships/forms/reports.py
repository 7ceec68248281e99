"""The request of a PDF report: its language, and whether to render it again."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .text import TextRulesMixin


class ReportRequestForm(TextRulesMixin, forms.Form):
    language = forms.ChoiceField(label=_("Language of the report"), choices=settings.LANGUAGES)
    regenerate = forms.BooleanField(
        label=_("Render it again even if a finished report exists"), required=False, widget=forms.HiddenInput
    )
