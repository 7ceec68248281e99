"""Dossiers: submission by a startup, the pharma inbox filters, review transitions, assignment and messages."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Field, Layout, Submit
from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from scoring.engine import Band

from ..models import BusinessModel, Dossier, Maturity, Organisation, TherapeuticArea, User
from ..scoring_text import band_label
from ..selectors.trust import verified_q
from .dates import not_in_the_past
from .filters import CachedRenderingMixin
from .text import MESSAGE_MAX_LENGTH, TextRulesMixin


class PharmaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Organisation) -> str:
        return obj.name


def published_pharma_companies():
    # Only verified companies receive dossiers: an unverified one is never offered (and a forged choice is invalid).
    return Organisation.objects.filter(
        verified_q(), kind=Organisation.Kind.PHARMA, pharma_profile__is_published=True
    ).order_by("name")


class DossierSubmitForm(TextRulesMixin, forms.Form):
    pharma = PharmaChoiceField(
        label=_("Pharma company"),
        queryset=Organisation.objects.none(),
        empty_label=_("Choose a company…"),
        help_text=_("Only verified companies that published their transparency profile receive dossiers."),
    )
    cover_message = forms.CharField(
        label=_("Cover message"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Why this company, what you propose, what you need from it."),
    )
    decision_needed_by = forms.DateField(
        label=_("Decision needed by"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("The date your cash runway or your plans need an answer by."),
    )

    confirm_recipient = forms.BooleanField(label=_("Send it to this company anyway"), required=False)

    def __init__(self, *args, action: str = "", initial_pharma: Organisation | None = None, target=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.target = target
        self.fields["pharma"].queryset = published_pharma_companies()
        if initial_pharma is not None:
            self.fields["pharma"].initial = initial_pharma.pk
        self.helper = FormHelper()
        self.helper.form_action = action
        self.helper.form_id = "dossier-submit-form"
        # The confirmation box only shows once the recipient is found to differ from the target.
        self.helper.layout = Layout("pharma", "cover_message", "decision_needed_by")
        self.helper.add_input(Submit("submit", _("Send the dossier")))

    def recipient_differs(self, pharma: Organisation) -> bool:
        """The assessment was prepared for another company than the one chosen (by link, else by name)."""
        if self.target is None:
            return False
        if self.target.pharma_id:
            return self.target.pharma_id != pharma.pk
        wanted, chosen = self.target.name.casefold().strip(), pharma.name.casefold().strip()
        return not (wanted and (wanted in chosen or chosen in wanted))

    def clean(self):
        data = super().clean()
        pharma = data.get("pharma")
        if pharma is not None and self.recipient_differs(pharma) and not data.get("confirm_recipient"):
            self.helper.layout = Layout("pharma", "cover_message", "decision_needed_by", "confirm_recipient")
            self.add_error(
                "confirm_recipient",
                _(
                    "This assessment was prepared for a meeting with %(target)s, not with %(pharma)s: its answers "
                    "and report speak of that company. Tick the box to send it anyway, or choose %(target)s."
                )
                % {"target": self.target.name, "pharma": pharma.name},
            )
        return data

    def clean_decision_needed_by(self):
        value = self.cleaned_data.get("decision_needed_by")
        not_in_the_past(value)
        return value


def dossier_submit_panel_form(snapshot) -> DossierSubmitForm:
    """The submission form of the results page's panel for `snapshot`, posting to its own page (which shows
    errors if any)."""
    target = snapshot.assessment.target
    form = DossierSubmitForm(action=reverse("dossier_submit", args=[snapshot.uuid]), initial_pharma=target.pharma)
    pharma = form.fields["pharma"]
    # Read once, in one query: the panel counts them, then lists them (a ModelChoiceField would count with
    # one query and list with a server-side cursor). The values as the option's text: a template localises
    # an int (number_format) at each of them, a third of the page's template time with 50 companies.
    pharma.choices = [
        ("", pharma.empty_label),
        *((str(pk), name) for pk, name in pharma.queryset.values_list("pk", "name")),
    ]
    return form


def _choices(blank, choices):
    return [("", blank), *choices]


class InboxFilterForm(CachedRenderingMixin, TextRulesMixin, forms.Form):
    """The inbox's GET filters; an invalid value is ignored rather than an error."""

    q = forms.CharField(label=_("Startup name"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=pgettext_lazy("dossier", "Status"),
        required=False,
        choices=_choices(_("All"), [("open", _("Open (not decided)")), *Dossier.Status.choices]),
    )
    band = forms.ChoiceField(
        label=_("Readiness"), required=False, choices=_choices(_("All"), [(b.code, band_label(b)) for b in Band])
    )
    maturity = forms.ChoiceField(
        label=_("Maturity stage"), required=False, choices=_choices(_("All"), Maturity.choices)
    )
    therapeutic_area = forms.ChoiceField(label=_("Therapeutic area"), required=False)
    business_model = forms.ChoiceField(
        label=_("Business model"), required=False, choices=_choices(_("All"), BusinessModel.choices)
    )
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
    team_band = forms.ChoiceField(
        label=_("Team score"),
        required=False,
        choices=_choices(_("All"), [*((b.code, band_label(b)) for b in Band), ("none", _("Not scored yet"))]),
    )
    divergence = forms.ChoiceField(
        label=_("Self vs team"),
        required=False,
        choices=_choices(
            _("All"),
            [
                ("diverging", _("25 points apart or more")),
                ("over", _("Startup over-estimates itself")),
                ("under", _("Startup under-estimates itself")),
                ("aligned", _("Aligned")),
            ],
        ),
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("submitted", _("Newest first")),
            ("oldest", _("Oldest first")),
            ("deadline", _("Decision date")),
            ("score", _("Score")),
            ("team_score", _("Team score")),
            ("divergence", _("Largest gap, self vs team")),
        ],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        areas = sorted(((a.code, str(a)) for a in TherapeuticArea.objects.all()), key=lambda pair: pair[1])
        self.fields["therapeutic_area"].choices = _choices(_("All"), areas)
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_id = "inbox-filters"
        self.helper.form_class = "row row-cols-md-4 g-2 align-items-end"
        self.helper.layout = Layout(*(Field(name, wrapper_class="col") for name in self.fields))
        self.helper.add_input(Submit("", _("Filter"), css_class="btn-secondary"))

    def filters(self) -> dict:
        """The valid filters, for `selectors.dossiers.inbox`."""
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "search": data["q"],
            "status": data["status"],
            "band": data["band"],
            "maturity": data["maturity"],
            "therapeutic_area": data["therapeutic_area"],
            "business_model": data["business_model"],
            "overdue": data["overdue"],
            "sort": data["sort"] or "submitted",
            "team_band": data["team_band"],
            "divergence": data["divergence"],
        }


class DossierTransitionForm(TextRulesMixin, forms.Form):
    to_status = forms.ChoiceField(
        label=_("New status"),
        choices=[
            (status, label)
            for status, label in Dossier.Status.choices
            if status not in (Dossier.Status.RECEIVED, Dossier.Status.WITHDRAWN)
        ],
    )
    reason = forms.CharField(
        label=_("Reason (required to decline; sent to the startup)"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, action: str = "", allowed: tuple[str, ...] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        choices = self.fields["to_status"].choices
        if allowed is not None:
            choices = [c for c in choices if c[0] in allowed]
        # Nothing preselected: a decision is never one click away.
        self.fields["to_status"].choices = [("", _("Choose the next status…")), *choices]
        self.helper = FormHelper()
        self.helper.form_action = action
        self.helper.form_id = "dossier-transition-form"
        self.helper.add_input(Submit("submit", _("Change the status")))


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return str(obj)


class DossierAssignForm(TextRulesMixin, forms.Form):
    assignee = UserChoiceField(
        label=_("Reviewer"), queryset=User.objects.none(), required=False, empty_label=_("Nobody")
    )

    def __init__(self, *args, action: str = "", members=None, **kwargs):
        super().__init__(*args, **kwargs)
        if members is not None:
            field = self.fields["assignee"]
            field.queryset = members
            # Listed in one plain query (a ModelChoiceField would count, then open a server-side cursor).
            field.choices = [("", field.empty_label), *((user.pk, field.label_from_instance(user)) for user in members)]
        self.helper = FormHelper()
        self.helper.form_action = action
        self.helper.form_id = "dossier-assign-form"
        self.helper.add_input(Submit("submit", _("Assign"), css_class="btn-secondary"))


class DossierMessageForm(TextRulesMixin, forms.Form):
    body = forms.CharField(label=_("Message"), max_length=MESSAGE_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 3}))
    is_internal = forms.BooleanField(
        label=_("Internal note (pharma team only, never shown to the startup)"), required=False
    )

    def __init__(self, *args, action: str = "", allow_internal: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not allow_internal:
            del self.fields["is_internal"]
        self.helper = FormHelper()
        self.helper.form_action = action
        self.helper.form_id = "dossier-message-form"
        self.helper.add_input(Submit("submit", _("Post")))
