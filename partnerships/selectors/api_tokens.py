"""Reads on API tokens, scoped to one organisation."""

from django.db.models import QuerySet

from ..models import ApiToken, Organisation


def api_tokens_of(organisation: Organisation) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(organisation=organisation).select_related("user")
