"""The one way to ask which organisation a user belongs to."""


def membership_of(user):
    """The user's membership (read with the user by the login backend: no query), or None for an anonymous
    visitor, a missing user or an account without an organisation."""
    if user is None or not user.is_authenticated:
        return None
    return getattr(user, "membership", None)


def organisation_id_of(user) -> int | None:
    """The id of the user's organisation, or None: selectors filter on it, so a user without one sees nothing."""
    membership = membership_of(user)
    return membership.organisation_id if membership is not None else None
