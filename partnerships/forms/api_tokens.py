"""Creating a personal API token (organisation admins)."""

from datetime import timedelta

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import ApiToken, User
from .text import TextRulesMixin

MAX_VALIDITY_DAYS = 366


class ApiTokenForm(TextRulesMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100, help_text=_("What the token is for, e.g. “Deal-flow CRM”."))
    user = forms.ModelChoiceField(
        label=_("Acts as"),
        queryset=User.objects.none(),
        empty_label=None,
        help_text=_("The token sees and does what this member may, within its scope."),
    )
    scope = forms.ChoiceField(
        label=_("Scope"),
        choices=ApiToken.Scope.choices,
        initial=ApiToken.Scope.READ,
        widget=forms.RadioSelect,
        help_text=_("Read: the inbox, dossiers, reports and scores. Review: also move dossiers and write on them."),
    )
    expires_on = forms.DateField(
        label=_("Valid until"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("At most a year from today."),
    )

    def __init__(self, *args, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        if members is not None:
            self.fields["user"].queryset = members
        self.fields["expires_on"].initial = timezone.localdate() + timedelta(days=90)
        self.helper = FormHelper()
        self.helper.form_id = "api-token-form"
        self.helper.add_input(Submit("submit", _("Create the token")))

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Give the token a name."))
        return name

    def clean_expires_on(self):
        value = self.cleaned_data["expires_on"]
        today = timezone.localdate()
        if value <= today:
            raise forms.ValidationError(_("Choose a date in the future."))
        if value > today + timedelta(days=MAX_VALIDITY_DAYS):
            raise forms.ValidationError(_("A token is valid for a year at most."))
        return value
