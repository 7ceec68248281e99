"""The language switcher: Django's `set_language`, told which language the page it came from is in."""

from django.conf import settings
from django.utils import translation
from django.utils.translation import get_language_from_path
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language


@require_POST
def set_language(request):
    """Switch language and go back to the same page in the language chosen.

    The switcher posts to /i18n/setlang/, outside the language prefixes, so the request runs in the default
    language (French, unprefixed). Django finds the page to go back to by resolving its address in the active
    language, and an English address (/en/…) does not resolve in French: switching from English back to French
    left the reader on the English page. Resolving it in its own address's language finds it."""
    next_url = request.POST.get("next", request.GET.get("next", ""))
    with translation.override(get_language_from_path(next_url) or settings.LANGUAGE_CODE):
        return django_set_language(request)
