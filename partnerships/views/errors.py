"""Error pages that never show a stack trace, even when the database is down."""

from django.http import HttpResponseServerError
from django.template import loader


def server_error(request, *args, **kwargs):
    # Rendered without a RequestContext: context processors may need the database that just failed.
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({}))
