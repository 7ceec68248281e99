"""Forms of the partnership space: meetings and their slots, agenda, notes, next steps, KPIs, values, feedback."""

from datetime import datetime

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import Feedback, KpiVersion, MeetingSlot, Side
from .dates import not_in_the_past
from .text import TextRulesMixin, single_line

MAX_ATTENDEES = 4
MAX_SLOTS = 3
IMPORT_MAX_BYTES = 1_000_000
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class HelperMixin:
    submit_label = _("Save")

    def setup_helper(self, action: str, form_id: str = "") -> None:
        self.helper = FormHelper()
        self.helper.form_action = action
        if form_id:
            self.helper.form_id = form_id
        self.helper.add_input(Submit("submit", self.submit_label))


class SlotsMixin:
    """Up to three slots: date, time (Europe/Paris unless settings say otherwise) and duration."""

    def add_slot_fields(self, required_first: bool = True) -> None:
        for number in range(1, MAX_SLOTS + 1):
            required = required_first and number == 1
            self.fields[f"slot_{number}_date"] = forms.DateField(
                label=_("Slot %(number)s: date") % {"number": number}, required=required, widget=DATE
            )
            self.fields[f"slot_{number}_time"] = forms.TimeField(
                label=_("time"), required=required, widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
            )
            self.fields[f"slot_{number}_duration"] = forms.IntegerField(
                label=_("duration (minutes)"), required=False, min_value=15, max_value=480, initial=60
            )

    def clean_slots(self) -> list[tuple[datetime, int]]:
        slots = []
        now = timezone.now()
        for number in range(1, MAX_SLOTS + 1):
            day = self.cleaned_data.get(f"slot_{number}_date")
            hour = self.cleaned_data.get(f"slot_{number}_time")
            if day is None and hour is None:
                continue
            if day is None or hour is None:
                self.add_error(f"slot_{number}_date", _("Give both the date and the time of this slot."))
                continue
            starts_at = timezone.make_aware(datetime.combine(day, hour))
            if starts_at <= now:
                self.add_error(f"slot_{number}_date", _("A slot must be in the future."))
                continue
            slots.append((starts_at, self.cleaned_data.get(f"slot_{number}_duration") or 60))
        if not slots and not self.errors:
            self.add_error(None, _("Propose at least one slot."))
        return slots


class MeetingProposeForm(TextRulesMixin, SlotsMixin, HelperMixin, forms.Form):
    submit_label = _("Propose the meeting")
    title = forms.CharField(label=_("Title"), max_length=200, initial=_("First meeting"))
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
    video_link = forms.URLField(label=_("Video link"), required=False, assume_scheme="https")

    def __init__(self, *args, action: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        for number in range(1, MAX_ATTENDEES + 1):
            self.fields[f"attendee_{number}_name"] = forms.CharField(
                label=_("Attendee %(number)s: name") % {"number": number},
                max_length=120,
                required=False,
                validators=[single_line],  # added after TextRulesMixin ran: it gets the rule here
            )
            self.fields[f"attendee_{number}_role"] = forms.CharField(
                label=_("role"), max_length=120, required=False, validators=[single_line]
            )
            self.fields[f"attendee_{number}_side"] = forms.ChoiceField(
                label=_("side"), choices=Side.choices, initial=Side.PHARMA
            )
            self.fields[f"attendee_{number}_decides"] = forms.BooleanField(label=_("decision maker"), required=False)
        self.add_slot_fields()
        self.setup_helper(action, "meeting-propose-form")

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("place", "").strip() or cleaned.get("video_link", "").strip()):
            self.add_error("place", _("Give a place or a video link."))
        attendees = []
        for number in range(1, MAX_ATTENDEES + 1):
            name = cleaned.get(f"attendee_{number}_name", "").strip()
            role = cleaned.get(f"attendee_{number}_role", "").strip()
            if not name:
                continue
            if not role:
                self.add_error(f"attendee_{number}_role", _("Give this attendee's role."))
            attendees.append(
                {
                    "name": name,
                    "role": role,
                    "side": cleaned.get(f"attendee_{number}_side") or Side.PHARMA,
                    "decision_maker": bool(cleaned.get(f"attendee_{number}_decides")),
                }
            )
        if not attendees:
            self.add_error("attendee_1_name", _("Say who attends, with their roles."))
        elif not any(attendee["decision_maker"] for attendee in attendees):
            self.add_error(  # about the attendees as a whole, not the first one
                None, _("Tick at least one decision maker: the guide asks that those who decide attend.")
            )
        cleaned["attendees"] = attendees
        cleaned["slots"] = self.clean_slots()
        return cleaned


class SlotsForm(TextRulesMixin, SlotsMixin, HelperMixin, forms.Form):
    submit_label = _("Propose these slots")

    def __init__(self, *args, action: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.add_slot_fields()
        self.setup_helper(action, "meeting-slots-form")

    def clean(self):
        cleaned = super().clean()
        cleaned["slots"] = self.clean_slots()
        return cleaned


class SlotChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: MeetingSlot) -> str:
        local = timezone.localtime(obj.starts_at)
        from django.utils.formats import date_format

        return _("%(when)s (%(minutes)s min)") % {
            "when": date_format(local, "DATETIME_FORMAT"),
            "minutes": obj.duration_minutes,
        }


class SlotPickForm(TextRulesMixin, HelperMixin, forms.Form):
    submit_label = _("Confirm this slot")
    slot = SlotChoiceField(
        label=_("Slot"), queryset=MeetingSlot.objects.none(), widget=forms.RadioSelect, empty_label=None
    )

    def __init__(self, *args, action: str = "", slots=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"].queryset = slots if slots is not None else MeetingSlot.objects.none()
        self.setup_helper(action, "meeting-confirm-form")


class TextForm(TextRulesMixin, HelperMixin, forms.Form):
    text = forms.CharField(label=_("Text"), max_length=10000, required=False, widget=forms.Textarea(attrs={"rows": 10}))

    def __init__(self, *args, action: str = "", label=None, form_id: str = "", rows: int = 10, **kwargs):
        super().__init__(*args, **kwargs)
        if label:
            self.fields["text"].label = label
        self.fields["text"].widget.attrs["rows"] = rows
        self.setup_helper(action, form_id)


class NextStepForm(TextRulesMixin, HelperMixin, forms.Form):
    submit_label = _("Add the next step")
    title = forms.CharField(label=_("Next step"), max_length=300)
    owner = forms.CharField(label=_("Owner"), max_length=200)
    side = forms.ChoiceField(label=_("Side"), choices=Side.choices)
    due_date = forms.DateField(label=_("Due date"), widget=DATE, validators=[not_in_the_past])
    meeting = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, action: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_helper(action, "next-step-form")


class ScopeForm(TextRulesMixin, HelperMixin, forms.Form):
    scope = forms.CharField(
        label=_("Agreed scope"), max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    documents = forms.CharField(
        label=_("Document references"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One reference per line (title, version, where it is kept)."),
    )

    def __init__(self, *args, action: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_helper(action, "scope-form")


class KpiForm(TextRulesMixin, HelperMixin, forms.ModelForm):
    submit_label = _("Propose this KPI")
    catalogue_code = forms.ChoiceField(label=_("From the guide's examples"), required=False)

    class Meta:
        model = KpiVersion
        fields = list(KpiVersion.TERMS)
        widgets = {"start_date": DATE, "target_date": DATE}

    def __init__(self, *args, action: str = "", catalogue=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.catalogue = {item.code: item for item in catalogue}
        self.fields["catalogue_code"].choices = [("", _("— written freely —"))] + [
            (item.code, item.text) for item in catalogue
        ]
        self.fields["name"].required = False
        self.fields["name"].help_text = _("Leave empty to use the guide's example as the name.")
        self.fields["responsible_side"].choices = Side.choices
        self.setup_helper(action, "kpi-form")

    def clean(self):
        cleaned = super().clean()
        code = cleaned.get("catalogue_code") or ""
        if not (cleaned.get("name") or "").strip():
            if code in self.catalogue:
                cleaned["name"] = self.catalogue[code].text
            else:
                self.add_error("name", _("Name the indicator, or choose one of the guide's examples."))
        return cleaned

    def terms(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class KpiValueForm(TextRulesMixin, HelperMixin, forms.Form):
    submit_label = _("Add the value")
    measured_on = forms.DateField(label=_("Measured on"), widget=DATE)
    value = forms.DecimalField(label=_("Value"), max_digits=14, decimal_places=2)

    def __init__(self, *args, action: str = "", form_id: str = "kpi-value-form", **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_helper(action, form_id)


class KpiImportForm(TextRulesMixin, HelperMixin, forms.Form):
    submit_label = _("Import")
    file = forms.FileField(
        label=_("CSV or XLSX file"),
        help_text=_("Columns: KPI (its name or the guide's code), date (YYYY-MM-DD), value; a header row first."),
    )

    def __init__(self, *args, action: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_helper(action, "kpi-import-form")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Choose a .csv or .xlsx file."))
        if upload.size > IMPORT_MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 1 MB."))
        return upload


class DecisionForm(TextRulesMixin, HelperMixin, forms.Form):
    submit_label = _("Record the decision")
    decision = forms.CharField(label=_("What was decided"), max_length=3000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, action: str = "", form_id: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_helper(action, form_id)


RATING_CHOICES = [(n, str(n)) for n in range(1, 6)]


class FeedbackForm(TextRulesMixin, HelperMixin, forms.ModelForm):
    submit_label = _("Send my feedback")

    class Meta:
        model = Feedback
        fields = ["works", "does_not_work", "to_change", "collaboration", "responsiveness", "clarity"]
        widgets = {
            "works": forms.Textarea(attrs={"rows": 3}),
            "does_not_work": forms.Textarea(attrs={"rows": 3}),
            "to_change": forms.Textarea(attrs={"rows": 3}),
            "collaboration": forms.RadioSelect(choices=RATING_CHOICES),
            "responsiveness": forms.RadioSelect(choices=RATING_CHOICES),
            "clarity": forms.RadioSelect(choices=RATING_CHOICES),
        }
        help_texts = {
            "collaboration": _("1 = poor, 5 = excellent"),
        }

    def __init__(self, *args, action: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("collaboration", "responsiveness", "clarity"):
            self.fields[name] = forms.TypedChoiceField(
                label=self.fields[name].label,
                choices=RATING_CHOICES,
                coerce=int,
                widget=forms.RadioSelect,
                help_text=self.fields[name].help_text,
            )
        self.setup_helper(action, "feedback-form")

    def answers(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class FeedbackRoundForm(TextRulesMixin, HelperMixin, forms.Form):
    submit_label = _("Ask both sides for feedback")
    label = forms.CharField(label=_("Review period"), max_length=200)
    deadline = forms.DateField(label=_("Answers visible to both sides from"), widget=DATE)

    def __init__(self, *args, action: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_helper(action, "feedback-round-form")


class ReviewRequestForm(TextRulesMixin, HelperMixin, forms.Form):
    submit_label = _("Prepare the partnership review (PDF)")
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)

    def __init__(self, *args, action: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_helper(action, "partnership-review-form")
