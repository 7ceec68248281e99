"""URLs of the API token screens (the API itself lives under /api/, see config/urls.py)."""

from django.urls import path

from .views import api_tokens

urlpatterns = [
    path("organisation/api-tokens/", api_tokens.api_tokens, name="api_tokens"),
    path("organisation/api-tokens/<int:pk>/revoke/", api_tokens.api_token_revoke_view, name="api_token_revoke"),
]
