"""The startup profile (the facts the guide's advice depends on) and target companies."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import (
    BusinessModel,
    DeviceClass,
    PartnershipMode,
    PharmaExpectation,
    StartupProfile,
    TargetCompany,
    TargetUser,
    TherapeuticArea,
)
from .text import TextRulesMixin


def _multiple(label, choices, help_text=""):
    return forms.MultipleChoiceField(
        label=label, choices=choices, required=False, widget=forms.CheckboxSelectMultiple, help_text=help_text
    )


class TherapeuticAreaField(forms.ModelMultipleChoiceField):
    """The therapeutic areas, ticked in boxes: both sides' profiles use the same list."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Therapeutic areas"))
        kwargs.setdefault("queryset", TherapeuticArea.objects.all())
        # Posted as codes, not database ids: stable, readable, and no integer out of the database's range.
        kwargs.setdefault("to_field_name", "code")
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.CheckboxSelectMultiple)
        super().__init__(**kwargs)

    def label_from_instance(self, obj: TherapeuticArea) -> str:
        return str(obj)  # localised name


class StartupProfileForm(TextRulesMixin, forms.ModelForm):
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    business_models = _multiple(
        _("Business model and reimbursement route"),
        BusinessModel.choices,
        _("Reimbursement items of the guide only apply when reimbursement is your route."),
    )
    target_users = _multiple(_("Target users"), TargetUser.choices)
    pharma_expectations = _multiple(_("What you expect from a pharma partner"), PharmaExpectation.choices)
    partnership_sought = _multiple(_("Partnership types sought"), PartnershipMode.choices)
    therapeutic_areas = TherapeuticAreaField()

    class Meta:
        model = StartupProfile
        fields = [
            "description",
            "website",
            "maturity",
            "is_medical_device",
            "device_class",
            "has_ai",
            "processes_health_data",
            "business_models",
            "is_etp_programme",
            "deploys_abroad",
            "therapeutic_areas",
            "target_users",
            "team_size",
            "cash_runway_months",
            "support_structures",
            "pharma_expectations",
            "partnership_sought",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_id = "profile-form"
        self.helper.layout = Layout(
            Fieldset(_("Your solution"), "description", "website", "maturity", "therapeutic_areas", "target_users"),
            Fieldset(
                _("Regulation and business model"),
                "is_medical_device",
                "device_class",
                "has_ai",
                "processes_health_data",
                "is_etp_programme",
                "business_models",
                "deploys_abroad",
            ),
            Fieldset(_("Your company"), "team_size", "cash_runway_months", "support_structures"),
            Fieldset(_("What you look for"), "pharma_expectations", "partnership_sought"),
        )
        self.helper.add_input(Submit("submit", _("Save the profile")))

    def clean(self):
        cleaned = super().clean()
        is_device, device_class = cleaned.get("is_medical_device"), cleaned.get("device_class")
        if is_device and device_class == DeviceClass.NONE:
            self.add_error("device_class", _("Give the class of your medical device."))
        elif not is_device and device_class not in (None, "", DeviceClass.NONE):
            self.add_error("device_class", _("Only a medical device has a class: tick “medical device” or clear it."))
        return cleaned


class TargetCompanyForm(TextRulesMixin, forms.ModelForm):
    partnership_sought = _multiple(_("Partnership sought with this company"), PartnershipMode.choices)

    class Meta:
        model = TargetCompany
        fields = ["name", "level", "function", "partnership_sought", "meeting_date"]
        widgets = {
            "level": forms.RadioSelect,
            "meeting_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "level": _("A head office decides more slowly but has bigger budgets and deploys in several countries."),
            "function": _("Medical profiles for a clinical study, marketing profiles for a patient-pathway solution."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_id = "target-form"
        self.helper.add_input(Submit("submit", _("Save")))
