"""The filters of a startup's dossier list: search by company or target, and status."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ..models import Dossier
from .text import TextRulesMixin


class StartupDossierFilterForm(TextRulesMixin, forms.Form):
    """GET filters; an invalid value is ignored rather than an error."""

    q = forms.CharField(label=_("Company or target"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=pgettext_lazy("dossier", "Status"),
        required=False,
        choices=[("", _("All")), ("open", _("Open (not decided)")), *Dossier.Status.choices],
    )

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {"search": self.cleaned_data["q"].strip(), "status": self.cleaned_data["status"]}
