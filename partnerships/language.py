"""The language each user reads the app in, remembered on their account for what reaches them outside a
page: e-mails are written in it (services/mail.py)."""

from django.contrib.auth import get_user_model
from django.utils.functional import empty

from checklists.i18n import active_language


class RememberLanguageMiddleware:
    """After a page is served to a logged-in user, store its language on the user when it changed.

    The language of a page comes from its URL (/en/…), the language switcher's cookie or the browser, so
    switching language, logging in from an English page or simply browsing in English all count. One UPDATE
    when it changes, nothing otherwise.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if getattr(user, "_wrapped", None) is empty:
            return response  # the page never needed the user (a kept page): no query just for this
        if (
            request.method == "GET"
            and response.status_code == 200
            and user is not None
            and user.is_authenticated
            and "text/html" in response.get("Content-Type", "")
        ):
            language = active_language()
            if user.language != language:
                get_user_model().objects.filter(pk=user.pk).update(language=language)
                user.language = language
        return response
