"""Who reaches which side's screens: a logged-in member of a startup, or of a pharma company.

Users without an organisation are sent to create one, except at the address of an object (it is nobody's
they may see: 404, so that a member just removed gets nothing of their former organisation). The one rule
for the other side: on a screen about an object (its id in the URL: a startup's assessment, a pharma team's
dossier…) it answers 404, as any object the user may not see does, whatever the side; on a screen of the
other side's tools with no object (the inbox, the startup dashboard) it answers 403, with the app's page.
The view receives the organisation as `request.organisation`, and every queryset it runs is filtered by it.
These checks read the user and the membership on every request: no page is served before them.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect

from ..membership import membership_of


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
