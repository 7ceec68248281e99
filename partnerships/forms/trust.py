"""Trust: who an organisation is, staff's decision on it, a dossier's confidential part and its CDA."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..identifiers import validate_legal_identifier
from ..models import Cda, ConfidentialPart, Organisation, OrganisationIdentity
from .text import TextRulesMixin


class IdentityForm(TextRulesMixin, forms.Form):
    legal_identifier = forms.CharField(
        label=_("SIREN or SIRET"),
        max_length=20,
        required=False,
        help_text=_("9 digits (SIREN) or 14 digits (SIRET) of the French entity, as on your Kbis."),
    )
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    email_domains = forms.CharField(
        label=_("E-mail domains of your members"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One a line, e.g. example.com. Inviting an address outside them is flagged to your admins."),
    )
    standard_cda = forms.CharField(
        label=_("Your standard mutual CDA (optional)"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Startups see it on your profile and may propose it on a dossier: once both sides accept it, "
            "your team reads the dossier's confidential part."
        ),
    )

    def __init__(self, *args, organisation: Organisation, identity: OrganisationIdentity, editable: bool, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "legal_identifier": identity.legal_identifier,
                "website": identity.website,
                "email_domains": identity.email_domains,
                "standard_cda": identity.standard_cda,
            },
        )
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        if organisation.is_startup:
            # A startup is identified, not verified: its name, an optional SIREN/SIRET; its website is on its profile.
            del self.fields["email_domains"], self.fields["standard_cda"], self.fields["website"]
            self.fields["legal_identifier"].help_text = _("Optional; checked when given.")
        else:
            self.fields["legal_identifier"].required = identity.is_verified
            self.fields["website"].required = True
        if identity.is_verified:
            self.fields["legal_identifier"].disabled = True
        for field in self.fields.values():
            field.disabled = field.disabled or not editable
        self.helper = FormHelper()
        self.helper.form_id = "identity-form"
        if editable:
            label = _("Save") if organisation.is_startup or identity.is_verified else _("Save and ask for verification")
            self.helper.add_input(Submit("save", label))

    def clean_legal_identifier(self) -> str:
        value = self.cleaned_data["legal_identifier"]
        return validate_legal_identifier(value) if value.strip() else ""


class VerificationDecisionForm(TextRulesMixin, forms.Form):
    decision = forms.ChoiceField(choices=[("verify", _("Verify")), ("reject", _("Reject"))], widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Reason (required to reject; sent to the organisation)"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "reject" and not (cleaned.get("reason") or "").strip():
            raise ValidationError(_("Give the organisation a reason when you reject its request."))
        return cleaned


class ConfidentialPartForm(TextRulesMixin, forms.ModelForm):
    class Meta:
        model = ConfidentialPart
        fields = ["ip_technology", "clinical_data", "business_terms", "data_room_links"]
        widgets = {name: forms.Textarea(attrs={"rows": 5}) for name in fields}
        widgets["data_room_links"] = forms.Textarea(attrs={"rows": 3})
        help_texts = {
            "ip_technology": _("Patents, know-how, architecture, algorithms: what you would not put in a pitch deck."),
            "clinical_data": _("Results of studies, real-world data, usage figures."),
            "business_terms": _("Prices, volumes, the terms you propose."),
            "data_room_links": _("One link a line (https://…), to documents in your own data room."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_id = "confidential-form"
        self.helper.add_input(Submit("save", _("Save the confidential part")))

    def clean_data_room_links(self) -> str:
        links = [line.strip() for line in self.cleaned_data["data_room_links"].splitlines() if line.strip()]
        validate = forms.URLField(assume_scheme="https").clean
        for link in links:
            if not link.startswith("https://"):
                raise ValidationError(_("“%(link)s” is not an https:// link.") % {"link": link})
            validate(link)
        return "\n".join(links)


class CdaProposeForm(TextRulesMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Agreement"), choices=Cda.Kind.choices, widget=forms.RadioSelect)
    reference = forms.CharField(label=_("Reference of the agreement"), required=False, max_length=200)
    signed_on = forms.DateField(
        label=_("Signed on"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args, action: str = "", standard_available: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not standard_available:
            self.fields["kind"].choices = [c for c in Cda.Kind.choices if c[0] != Cda.Kind.STANDARD]
        self.fields["kind"].initial = Cda.Kind.STANDARD if standard_available else Cda.Kind.REFERENCE
        self.helper = FormHelper()
        self.helper.form_action = action
        self.helper.form_id = "cda-propose-form"
        self.helper.add_input(Submit("propose", _("Propose this CDA")))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == Cda.Kind.REFERENCE:
            if not (cleaned.get("reference") or "").strip() or cleaned.get("signed_on") is None:
                raise ValidationError(_("Give the reference of the agreement and the date it was signed."))
            if cleaned["signed_on"] > timezone.localdate():
                self.add_error("signed_on", _("The date of signature cannot be in the future."))
        return cleaned
