"""The action plan's forms: an action from a gap, a free action, and an action's update."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ..models import Action, User
from .assessments import scale_choices
from .dates import not_in_the_past
from .text import TextRulesMixin


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return str(obj)


def _owner_field() -> MemberChoiceField:
    return MemberChoiceField(
        label=_("Owner"), queryset=User.objects.none(), required=False, empty_label=_("Nobody yet")
    )


def _due_date_field(*validators) -> forms.DateField:
    return forms.DateField(
        label=_("Due date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        validators=list(validators),
    )


class _PlanForm(TextRulesMixin, forms.Form):
    def __init__(self, *args, members=None, answer_scale=None, **kwargs):
        super().__init__(*args, **kwargs)
        if members is not None:
            self.fields["owner"].queryset = members
        if "target_level" in self.fields and answer_scale is not None:
            choices = [(value, label) for value, label in scale_choices(answer_scale) if value != "0"]
            self.fields["target_level"].choices = [
                *([("", "—")] if not self.fields["target_level"].required else []),
                *choices,
            ]


class GapActionForm(_PlanForm):
    item_code = forms.CharField(max_length=40, widget=forms.HiddenInput)
    owner = _owner_field()
    due_date = _due_date_field(not_in_the_past)  # a new action; an existing one may keep a date that has passed
    target_level = forms.TypedChoiceField(label=_("Target level"), coerce=int, initial="3")


class FreeActionForm(_PlanForm):
    title = forms.CharField(label=_("Action"), max_length=300)
    step_number = forms.TypedChoiceField(label=pgettext_lazy("guide step", "Step"), coerce=int)
    owner = _owner_field()
    due_date = _due_date_field(not_in_the_past)

    def __init__(self, *args, steps=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["step_number"].choices = [(step.number, f"{step.number}. {step.title}") for step in steps]


class ActionUpdateForm(_PlanForm):
    owner = _owner_field()
    due_date = _due_date_field()
    target_level = forms.TypedChoiceField(label=_("Target level"), coerce=int, required=False, empty_value=None)
    status = forms.ChoiceField(label=pgettext_lazy("action", "Status"), choices=Action.Status.choices)
