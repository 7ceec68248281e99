from django import template

from ..selectors.notifications import COUNT_CAP, Notifications, notifications_for

register = template.Library()


@register.simple_tag(takes_context=True)
def dossier_notifications(context) -> Notifications:
    """The in-app count for the navigation bar (one query; nothing for a visitor)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return Notifications()
    return notifications_for(user)


@register.filter
def count_label(count: int) -> str:
    """A count as the badge shows it: each count stops at COUNT_CAP (selectors/notifications.py)."""
    return f"{COUNT_CAP - 1}+" if count >= COUNT_CAP else str(count)
