from django import template

from ..selectors.notifications import Notifications, notifications_for

register = template.Library()


@register.simple_tag(takes_context=True)
def dossier_notifications(context) -> Notifications:
    """The in-app count for the navigation bar (three small queries; nothing for a visitor)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return Notifications()
    return notifications_for(user)
