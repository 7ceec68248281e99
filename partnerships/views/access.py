"""Who reaches which side's screens: a logged-in member of a startup, or of a pharma company.

Users without an organisation are sent to create one, except at the address of an object (it is nobody's
they may see: 404, so that a member just removed gets nothing of their former organisation). The one rule
for the other side: on a screen about an object (its id in the URL: a startup's assessment, a pharma team's
dossier…) it answers 404, as any object the user may not see does, whatever the side; on a screen of the
other side's tools with no object (the inbox, the startup dashboard) it answers 403, with the app's page.
The view receives the organisation as `request.organisation`, and every queryset it runs is filtered by it.
These checks read the user and the membership on every request: no page is served before them.

A screen about an object finds it and checks it in one place, `object_permission_required`: found among the
user's organisation's objects and allowed to be seen, or 404; allowed to be acted on, or 403.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from django.shortcuts import redirect

from ..membership import membership_of
from ..models import Organisation


def refuse(*, object_url: bool):
    """Raise what a user who may not act gets: 404 about an object (it does not exist for them), else 403."""
    if object_url:
        raise Http404
    raise PermissionDenied


def member_required(permission: str):
    def decorator(view):
        @login_required
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            membership = membership_of(request.user)
            if membership is None:
                if args or kwargs:
                    raise Http404
                return redirect("organisation_create")
            if not request.user.has_perm(permission):
                refuse(object_url=bool(args or kwargs))
            request.organisation = membership.organisation
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


startup_member_required = member_required("partnerships.use_startup_tools")
pharma_member_required = member_required("partnerships.use_pharma_tools")


def organisation_of(request: HttpRequest) -> Organisation:
    """The organisation whose objects the user may find (the one `member_required` set, else the membership's);
    without one, 404: there is no object they may see."""
    organisation = getattr(request, "organisation", None)
    if organisation is not None:
        return organisation
    membership = membership_of(request.user)
    if membership is None:
        raise Http404
    return membership.organisation


def _as_tuple(permission: str | tuple[str, ...] | None) -> tuple[str, ...]:
    if permission is None:
        return ()
    return (permission,) if isinstance(permission, str) else tuple(permission)


def object_permission_required(
    permission: str | tuple[str, ...] | None,
    fetch: Callable,
    *,
    act: str | tuple[str, ...] | None = None,
    of: Callable | None = None,
):
    """Fetch the object the URL names, check it, and call the view with it: `view(request, obj)`.

    - `fetch(request, **url_kwargs)` returns the object, looked up among the user's organisation's only (a
      selector with the signature `(*, organisation, uuid)` or `(*, organisation, pk)`, see `organisation_of`).
      Not found, or a key the database refuses (ObjectDoesNotExist, ValidationError, OverflowError): 404.
    - `permission` (one `rules` permission or several): may the user see the object? Refused, 404 as well
      (`refuse(object_url=True)`): an object the user may not see does not exist for them, whatever the side.
      None when the fetch's scope is the whole rule.
    - `act`: may the user act on this object they see (review, assign, write…)? Refused, 403.
    - `of(obj)`: the object the permissions are about when it is not the fetched one (an action's assessment).

    The view receives the object in place of the URL's arguments, so it never fetches it again. Put the decorator
    last (under `member_required` and `require_POST`…): the membership and the method are checked first, as before.

    Why not `rules.contrib.views.permission_required(perm, fn=objectgetter(Model, "pk"))`: `objectgetter` looks the
    object up in the whole table, not among the organisation's (the selectors are the scoping, and they add the
    `select_related` every screen needs); a refusal there is a 403 (`raise_exception=True`) or a redirect to the
    login page, where the access rule wants 404 for an object the user may not see; it cannot tell "may not see"
    (404) from "may not act" (403); and it does not hand the object to the view, which would fetch it a second
    time. Wrapping it would leave little of it: this decorator is that wrapper, written out.
    """
    see_permissions, act_permissions = _as_tuple(permission), _as_tuple(act)

    def decorator(view):
        @wraps(view)
        def wrapper(request, **kwargs):
            try:
                obj = fetch(request, **kwargs)
            except (ObjectDoesNotExist, ValidationError, OverflowError) as error:
                raise Http404 from error
            checked = of(obj) if of is not None else obj
            if see_permissions and not request.user.has_perms(see_permissions, checked):
                refuse(object_url=True)
            if act_permissions and not request.user.has_perms(act_permissions, checked):
                raise PermissionDenied
            return view(request, obj)

        return wrapper

    return decorator
