"""A reviewer's assessment of a dossier's startup (one answer per applicable item, one comment per step), and the
team's choice to share the reviews with the startup."""

from django import forms
from django.utils.translation import gettext_lazy as _

from scoring import NOT_APPLICABLE

from ..models import DossierReview
from ..selectors.reviews import ReviewFormStep
from ..services.reviews import COMMENT_MAX_LENGTH
from .assessments import scale_choices
from .text import TextRulesMixin


def _item_field(code: str) -> str:
    return f"item-{code}"


def _comment_field(number: int) -> str:
    return f"comment-{number}"


class _ReviewFields:
    """Adds one field per applicable item and one comment per step, before TextRulesMixin reads the fields."""

    def __init__(
        self, *args, steps: list[ReviewFormStep], answer_scale: list[dict], review: DossierReview | None, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.steps = steps
        choices = scale_choices(answer_scale)
        answers = review.answers if review else {}
        comments = review.comments if review else {}
        for step in steps:
            for item in step.items:
                value = answers.get(item.code)
                self.fields[_item_field(item.code)] = forms.ChoiceField(
                    label=item.text,
                    choices=choices,
                    required=False,
                    widget=forms.RadioSelect,
                    initial="" if value is None else str(value),
                )
            self.fields[_comment_field(step.step.number)] = forms.CharField(
                label=_("Your comment on this step"),
                required=False,
                max_length=COMMENT_MAX_LENGTH,
                widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
                initial=comments.get(str(step.step.number), ""),
            )


class DossierReviewForm(TextRulesMixin, _ReviewFields, forms.Form):
    """Rendered by hand, step by step (templates/partnerships/dossiers/review_form.html)."""

    def rows(self):
        """(step, [(item, bound field)], comment bound field), for the template."""
        for step in self.steps:
            yield (
                step,
                [(item, self[_item_field(item.code)]) for item in step.items],
                self[_comment_field(step.step.number)],
            )

    def answers(self) -> dict[str, int | str | None]:
        values = {}
        for step in self.steps:
            for item in step.items:
                value = self.cleaned_data.get(_item_field(item.code)) or None
                values[item.code] = value if value in (None, NOT_APPLICABLE) else int(value)
        return values

    def comments(self) -> dict[int, str]:
        return {step.step.number: self.cleaned_data.get(_comment_field(step.step.number), "") for step in self.steps}


class ReviewSharingForm(TextRulesMixin, forms.Form):
    """Two check boxes, rendered by hand in templates/partnerships/dossiers/_reviewer_scores.html."""

    share = forms.BooleanField(label=_("Share the reviewers' scores and comments with the startup"), required=False)
    share_names = forms.BooleanField(label=_("Also show the reviewers' names"), required=False)
