"""Rules every form applies to what people type: single-line fields stay on one line, free text has a limit.

`TextRulesMixin` is mixed into every form of the app (tests/partnerships/test_text_rules.py checks that):
- a single-line field (a text, e-mail or URL input) refuses line breaks and control characters: an
  organisation name with a line break would break an e-mail's subject header, a bidirectional override
  would disguise a name;
- a multi-line field (a textarea) has a length limit that fits its use, shown in the form (maxlength and
  a help text) and enforced on the server: FREE_TEXT_MAX_LENGTH unless the field sets its own. Its line
  breaks are read as one character each, as the browser counts them for maxlength: a form posts them as
  CR LF, which counted twice made a text the browser accepted too long for the server."""

import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.formats import number_format
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

FREE_TEXT_MAX_LENGTH = 3000
# Limits that fit their use (characters): a note beside one answer, a message in a dossier's thread.
NOTE_MAX_LENGTH = 2000
MESSAGE_MAX_LENGTH = 5000

# Explicit directional formatting characters (Unicode's bidi controls): they reorder how a name displays.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_SINGLE_LINE_WIDGETS = (forms.TextInput, forms.EmailInput, forms.URLInput)


def single_line(value) -> None:
    """Validator: no line break, tab or other control character (Unicode Cc, Zl, Zp, bidi controls)."""
    if not isinstance(value, str):
        return
    for character in value:
        if unicodedata.category(character) in ("Cc", "Zl", "Zp") or character in _BIDI_CONTROLS:
            raise ValidationError(
                _("Write this on one line: line breaks and control characters are not accepted."),
                code="single_line",
            )


def _length_help(limit: int):
    return ngettext_lazy("At most %(limit)s character.", "At most %(limit)s characters.", "count") % {
        "count": limit,
        "limit": number_format(limit, force_grouping=True),
    }


def is_single_line(field: forms.Field) -> bool:
    return isinstance(field, forms.CharField) and isinstance(field.widget, _SINGLE_LINE_WIDGETS)


def is_free_text(field: forms.Field) -> bool:
    return isinstance(field, forms.CharField) and isinstance(field.widget, forms.Textarea)


class TextRulesMixin:
    """Put first among a form's bases: `class MyForm(TextRulesMixin, forms.Form)`."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if is_single_line(field):
                if single_line not in field.validators:
                    field.validators.append(single_line)
            elif is_free_text(field):
                _limit_free_text(field)
        if self.is_bound:
            free_text = [self.add_prefix(name) for name, field in self.fields.items() if is_free_text(field)]
            self.data = _with_line_feeds(self.data, free_text)


def _with_line_feeds(data, keys: list[str]):
    """`data` with CR LF and lone CR turned into LF in the values of `keys` that hold one (nothing else is
    touched: a field that was not posted stays absent)."""
    carried = [key for key in keys if any("\r" in value for value in _values(data, key))]
    if not carried:
        return data
    data = data.copy()  # a request's QueryDict is immutable; its copy is not
    for key in carried:
        values = [value.replace("\r\n", "\n").replace("\r", "\n") for value in _values(data, key)]
        if hasattr(data, "setlist"):
            data.setlist(key, values)
        else:
            data[key] = values[0]
    return data


def _values(data, key: str) -> list[str]:
    values = data.getlist(key) if hasattr(data, "getlist") else [data.get(key)]
    return [value for value in values if isinstance(value, str)]


def _limit_free_text(field: forms.CharField) -> None:
    if field.max_length is None:
        field.max_length = FREE_TEXT_MAX_LENGTH
        field.validators.append(MaxLengthValidator(field.max_length))
    field.widget.attrs["maxlength"] = str(field.max_length)
    hint = _length_help(field.max_length)
    field.help_text = format_lazy("{} {}", field.help_text, hint) if field.help_text else hint
