"""Who reaches which side's screens: a logged-in member of a startup, or of a pharma company.

Users without an organisation are sent to create one, except at the address of an object (it is nobody's
they may see: 404, so that a member just removed gets nothing of their former organisation); members of the
other side get 403. The view receives the organisation as `request.organisation`, and every queryset it runs
is filtered by it. These checks read the user and the membership on every request: no page is served
before them.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect


def member_required(permission: str):
    def decorator(view):
        @login_required
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            membership = getattr(request.user, "membership", None)
            if membership is None:
                if kwargs:
                    raise Http404
                return redirect("organisation_create")
            if not request.user.has_perm(permission):
                raise PermissionDenied
            request.organisation = membership.organisation
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


startup_member_required = member_required("partnerships.use_startup_tools")
pharma_member_required = member_required("partnerships.use_pharma_tools")
