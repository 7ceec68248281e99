from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path

from partnerships.api.errors import api_not_found
from partnerships.api.main import api
from partnerships.views.language import set_language

urlpatterns = [
    path("i18n/setlang/", set_language, name="set_language"),  # Django's, told the language of the page left
    path("health/", include("partnerships.health_urls")),
    # The JSON API (/api/v1/, docs at /api/docs/): outside the language prefixes, a client's URLs never change.
    path("api/", api.urls),
    re_path(r"^api/", api_not_found),
]
# French is the default and keeps unprefixed URLs; English lives under /en/.
urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("guide/", include("checklists.urls")),
    path("", include("partnerships.urls")),
    prefix_default_language=False,
)

handler500 = "partnerships.views.errors.server_error"
