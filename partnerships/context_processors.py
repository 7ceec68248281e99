from .membership import membership_of


def membership(request):
    """The current user's membership and organisation, for the navigation bar."""
    user = getattr(request, "user", None)
    member = membership_of(user)
    return {"current_membership": member, "current_organisation": member.organisation if member else None}
