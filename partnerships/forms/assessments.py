"""One small form per item of a step: the answer, a note, an evidence link and the revision it was read at.

`was_*` hidden fields carry the values the page was loaded with, so a save tells what the user changed
from what someone else changed meanwhile (optimistic concurrency on `Answer.revision`).
"""

from django import forms
from django.forms.boundfield import BoundField
from django.utils.translation import gettext_lazy as _

from checklists.i18n import active_language

from ..models import Answer
from .text import NOTE_MAX_LENGTH, TextRulesMixin

NOT_APPLICABLE = "na"
ANSWER_FIELDS = ("level", "note", "evidence_url")


def scale_choices(answer_scale: list[dict]) -> list[tuple[str, str]]:
    """The framework's answer scale as radio choices, in the active language."""
    language = active_language()
    return [(str(entry["value"]), entry.get(language) or entry["fr"]) for entry in answer_scale]


def answer_initial(answer: Answer | None) -> dict:
    if answer is None:
        values = {"level": "", "note": "", "evidence_url": "", "revision": 0}
    else:
        level = NOT_APPLICABLE if answer.not_applicable else ("" if answer.level is None else str(answer.level))
        values = {
            "level": level,
            "note": answer.note,
            "evidence_url": answer.evidence_url,
            "revision": answer.revision,
        }
    values.update({f"was_{name}": values[name] for name in ANSWER_FIELDS})
    return values


class BootstrapBoundField(BoundField):
    """Marks an invalid widget with Bootstrap's `is-invalid`. Step pages render their many small forms by hand
    (templates/partnerships/assessments/_answer_fields.html): crispy's layout engine cost two thirds of the page."""

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        if self.errors:
            attrs["class"] = f"{attrs.get('class', '')} is-invalid".strip()
        return attrs


class StepItemForm(TextRulesMixin, forms.Form):
    bound_field_class = BootstrapBoundField


class AnswerForm(StepItemForm):
    level = forms.ChoiceField(required=False, widget=forms.RadioSelect(attrs={"class": "form-check-input"}))
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
    )
    evidence_url = forms.URLField(
        label=_("Evidence link"),
        required=False,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"placeholder": "https://", "class": "form-control"}),
    )
    revision = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    was_level = forms.CharField(required=False, widget=forms.HiddenInput)
    was_note = forms.CharField(required=False, widget=forms.HiddenInput, strip=False)
    was_evidence_url = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, item, answer_scale: list[dict], **kwargs):
        kwargs.setdefault("prefix", item.code)
        super().__init__(*args, **kwargs)
        self.item = item
        self.conflict: Answer | None = None
        self.fields["level"].choices = scale_choices(answer_scale)
        self.fields["level"].label = _("Your answer")

    def changed_answer_fields(self) -> list[str]:
        """The fields the user changed since the page was loaded."""
        changed = []
        for name in ANSWER_FIELDS:
            now = self.cleaned_data.get(name) or ""
            was = self.cleaned_data.get(f"was_{name}") or ""
            if name == "note":
                now, was = now.replace("\r\n", "\n").strip(), was.replace("\r\n", "\n").strip()
            if now != was:
                changed.append(name)
        return changed

    def answer_values(self) -> dict:
        level = self.cleaned_data.get("level") or ""
        return {
            "level": int(level) if level not in ("", NOT_APPLICABLE) else None,
            "not_applicable": level == NOT_APPLICABLE,
            "note": (self.cleaned_data.get("note") or "").strip(),
            "evidence_url": self.cleaned_data.get("evidence_url") or "",
        }


class CommitmentForm(StepItemForm):
    """A line of the startup's commitments (dual checklist): ticked when done."""

    done = forms.BooleanField(required=False, widget=forms.CheckboxInput(attrs={"class": "form-check-input"}))
    revision = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    was_done = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, item, **kwargs):
        kwargs.setdefault("prefix", item.code)
        super().__init__(*args, **kwargs)
        self.item = item
        self.conflict: Answer | None = None
        self.fields["done"].label = item.text

    @staticmethod
    def initial_for(answer: Answer | None) -> dict:
        done = bool(answer and answer.level == 3)
        return {"done": done, "was_done": done, "revision": answer.revision if answer else 0}

    def changed_answer_fields(self) -> list[str]:
        return ["done"] if bool(self.cleaned_data.get("done")) != bool(self.cleaned_data.get("was_done")) else []

    def answer_values(self) -> dict:
        done = bool(self.cleaned_data.get("done"))
        return {"level": 3 if done else 0, "not_applicable": False, "note": "", "evidence_url": ""}
