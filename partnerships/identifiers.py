"""French legal identifiers: SIREN (9 digits, the company) and SIRET (14 digits, one establishment).

Both end with a Luhn check digit. One documented exception: La Poste (SIREN 356 000 000) numbers its many
establishments beyond what the Luhn key allows, so its SIRETs are checked by INSEE's rule for it instead
(the sum of the digits is a multiple of 5) when the Luhn key fails.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

LA_POSTE_SIREN = "356000000"


def luhn_valid(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def normalise_identifier(value: str) -> str:
    """Spaces, dots and dashes people type between groups are dropped."""
    return "".join(char for char in (value or "") if char not in " .-\u00a0\u202f")


def validate_legal_identifier(value: str) -> str:
    """The normalised SIREN or SIRET, or a ValidationError saying what is wrong."""
    digits = normalise_identifier(value)
    if not digits.isdigit() or len(digits) not in (9, 14):
        raise ValidationError(
            _("A SIREN has 9 digits and a SIRET 14 digits (spaces allowed)."), code="identifier_format"
        )
    valid = luhn_valid(digits) or (
        len(digits) == 14 and digits.startswith(LA_POSTE_SIREN) and sum(int(char) for char in digits) % 5 == 0
    )
    if not valid:
        raise ValidationError(
            _("This number's check digit is wrong: check it against your Kbis or the INSEE register."),
            code="identifier_key",
        )
    return digits


def siren_of(identifier: str) -> str:
    return identifier[:9]
