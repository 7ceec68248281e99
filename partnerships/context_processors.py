def membership(request):
    """The current user's membership and organisation, for the navigation bar."""
    user = getattr(request, "user", None)
    member = getattr(user, "membership", None) if user is not None and user.is_authenticated else None
    return {"current_membership": member, "current_organisation": member.organisation if member else None}
