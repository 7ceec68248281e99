"""Creating an organisation, inviting members, accepting an invitation."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from ..models import Membership, Organisation
from .text import TextRulesMixin


class OrganisationForm(TextRulesMixin, forms.Form):
    name = forms.CharField(label=_("Name of your organisation"), max_length=200)
    kind = forms.ChoiceField(
        label=_("You are"),
        choices=Organisation.Kind.choices,
        initial=Organisation.Kind.STARTUP,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Create the organisation")))

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Give your organisation a name."))
        return name


class InvitationForm(TextRulesMixin, forms.Form):
    email = forms.EmailField(label=_("E-mail address of the person to invite"))
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices, initial=Membership.Role.MEMBER)

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        if organisation.is_startup:
            # Reviewers only exist in pharma teams, who review the dossiers they receive.
            self.fields["role"].choices = [c for c in Membership.Role.choices if c[0] != Membership.Role.REVIEWER]
        self.helper = FormHelper()
        self.helper.form_id = "invite-form"
        self.helper.add_input(Submit("submit", _("Send the invitation")))

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if self.organisation.memberships.filter(user__email__iexact=email).exists():
            raise forms.ValidationError(_("This person is already a member."))
        if self.organisation.invitations.filter(email__iexact=email, accepted_at__isnull=True).exists():
            raise forms.ValidationError(_("An invitation is already waiting for this address."))
        return email


class InvitationSignupForm(TextRulesMixin, forms.Form):
    """An invited person without an account: the invitation link proves the e-mail address."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Create my account and join")))

    def clean_password1(self) -> str:
        from ..models import User

        password = self.cleaned_data["password1"]
        password_validation.validate_password(password, User(email=self.email))
        return password
