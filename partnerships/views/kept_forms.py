"""What was typed survives a refusal on the pages whose small forms post to a view that redirects back.

The dossier page, the partnership space and a meeting page each hold several small forms (a message, a status
change, a next step, a feedback round, other slots, meeting notes, a CDA); each posts to its own view, which
redirects back to the page (post/redirect/get). When such a view refuses the form (the form's own validation,
or the service's), `keep_refused` keeps what was typed and the errors in the session, and the page asks
`kept_or_new` for its form: the form comes back filled in, with its errors beside its fields, once. Files are
not kept.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, QueryDict
from django.utils.translation import gettext as _

SESSION_KEY = "kept_forms"


def _key(form_class: type, on, name: str) -> str:
    return f"{name or form_class.__qualname__}:{on.uuid}"


def form_errors_text(form) -> str:
    """Every error of `form` in one line, each after its field's label, for the message at the top of the page."""
    lines = []
    for name, errors in form.errors.items():
        field = form.fields.get(name)
        for error in errors:
            labelled = field is not None and field.label
            lines.append(_("%(field)s: %(error)s") % {"field": field.label, "error": error} if labelled else error)
    return " ".join(lines)


def keep_refused(
    request: HttpRequest, form, *, on, error: ValidationError | str | None = None, name: str = ""
) -> None:
    """Say why `form` was refused at the top of the page, and keep it, as typed, for the page of `on` (`name`
    tells apart two forms of the same class on one page)."""
    # The service's refusal, when the form alone passed.
    refusal = error.messages if isinstance(error, ValidationError) else [error] if error else []
    for text in refusal:
        form.add_error(None, text)
    messages.error(request, form_errors_text(form))
    data = {key: form.data.getlist(key) for key in form.data if key != "csrfmiddlewaretoken"}
    kept = {"data": data, "refusal": refusal}
    request.session[SESSION_KEY] = {**request.session.get(SESSION_KEY, {}), _key(type(form), on, name): kept}


def kept_or_new(request: HttpRequest, form_class: type, *, on, name: str = "", **kwargs):
    """The form refused last time on the page of `on`, filled in and with its errors; else a new one."""
    kept = request.session.get(SESSION_KEY)
    refused = kept.pop(_key(form_class, on, name), None) if kept else None
    if refused is None:
        return form_class(**kwargs)
    request.session[SESSION_KEY] = kept  # shown once
    data = QueryDict(mutable=True)
    for key, values in refused["data"].items():
        data.setlist(key, values)
    kwargs.pop("initial", None)
    form = form_class(data, **kwargs)
    form.full_clean()
    for text in refused["refusal"]:
        form.add_error(None, text)
    return form
