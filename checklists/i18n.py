"""The language a text is shown in: the active one, French (the guide's language) when none is active."""

from django.utils.translation import get_language


def active_language() -> str:
    """'fr' or 'en' (the two-letter code of the active language; French outside a request)."""
    return (get_language() or "fr")[:2]
