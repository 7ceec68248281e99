"""The pharma transparency profile and the directory filters."""

import copy

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import PartnershipMode, PharmaNeed, PharmaProfile, TherapeuticArea
from ..selectors.trust import publish_blockers, publish_refusal
from .filters import CachedRenderingMixin
from .startup import TherapeuticAreaField, _multiple
from .text import TextRulesMixin


class PharmaProfileForm(TextRulesMixin, forms.ModelForm):
    partnership_modes = _multiple(_("Partnership modes offered"), PartnershipMode.choices)
    needs = _multiple(
        _("Your needs for a partnership"),
        PharmaNeed.choices,
        _("The guide asks you to state them, so a startup knows whether its maturity is enough."),
    )
    therapeutic_areas = TherapeuticAreaField()

    class Meta:
        model = PharmaProfile
        fields = [
            "description",
            "level",
            "therapeutic_areas",
            "entry_point",
            "decision_makers",
            "decision_milestones",
            "typical_decision_weeks",
            "budget_ranges",
            "partnership_modes",
            "equity_investment",
            "needs",
            "referent_name",
            "referent_email",
            "is_published",
        ]
        widgets = {
            field: forms.Textarea(attrs={"rows": 2})
            for field in ("description", "entry_point", "decision_makers", "decision_milestones", "budget_ranges")
        }
        help_texts = {
            "decision_makers": _("Roles are enough, e.g. head of open innovation, medical director, market access."),
            "typical_decision_weeks": _("Startups cannot wait months: the guide asks for agile decisions."),
            "is_published": _("Published profiles appear in the directory and can receive dossiers."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["typical_decision_weeks"].widget.attrs.update(min=1, max=260)
        self.helper = FormHelper()
        self.helper.form_id = "pharma-profile-form"
        self.helper.layout = Layout(
            Fieldset(_("Your company"), "description", "level", "therapeutic_areas", "entry_point"),
            Fieldset(
                _("Your decision process"),
                "decision_makers",
                "decision_milestones",
                "typical_decision_weeks",
                "budget_ranges",
            ),
            Fieldset(_("What you offer and need"), "partnership_modes", "equity_investment", "needs"),
            Fieldset(_("Referent and publication"), "referent_name", "referent_email", "is_published"),
        )
        self.helper.add_input(Submit("save", _("Save the profile")))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("is_published"):
            # The instance gets the submitted values only after clean(): judge a copy holding them.
            candidate = copy.copy(self.instance)
            for name, value in cleaned.items():
                if name != "therapeutic_areas":
                    setattr(candidate, name, value)
            blockers = publish_blockers(candidate)
            if blockers:
                self.add_error("is_published", publish_refusal(blockers))
        return cleaned

    def clean_typical_decision_weeks(self):
        weeks = self.cleaned_data.get("typical_decision_weeks")
        if weeks is not None and not 1 <= weeks <= 260:
            raise forms.ValidationError(_("Give a number of weeks between 1 and 260."))
        return weeks


class DirectoryFilterForm(CachedRenderingMixin, TextRulesMixin, forms.Form):
    therapeutic_area = forms.ChoiceField(label=_("Therapeutic area"), required=False)
    partnership_mode = forms.ChoiceField(
        label=_("Partnership mode"), required=False, choices=[("", _("All"))] + list(PartnershipMode.choices)
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        areas = [(area.code, str(area)) for area in TherapeuticArea.objects.all()]
        self.fields["therapeutic_area"].choices = [("", _("All"))] + areas
