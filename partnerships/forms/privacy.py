"""Confirmations of the irreversible privacy actions: deleting an account, deleting an organisation."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from .text import TextRulesMixin


class AccountDeleteForm(TextRulesMixin, forms.Form):
    password = forms.CharField(
        label=_("Your password, to confirm"),
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Delete my account for good"), css_class="btn-danger"))

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This is not your password."))
        return password


class OrganisationDeleteForm(TextRulesMixin, forms.Form):
    name = forms.CharField(label=_("Type the organisation's name to confirm"), max_length=200)

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Delete the organisation for good"), css_class="btn-danger"))

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if name != self.organisation.name.strip():
            raise forms.ValidationError(_("The name does not match."))
        return name
