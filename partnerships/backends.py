"""Authentication backend: Django's, except that the logged-in user is read with their membership and
organisation in one query, since every page shows them (navigation) and checks them (permissions)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class MemberBackend(ModelBackend):
    def get_user(self, user_id):
        users = get_user_model()._default_manager.select_related("membership__organisation")
        user = users.filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None


# The backend named when the app logs someone in itself (after e-mail confirmation or an accepted invitation).
MEMBER_BACKEND = f"{MemberBackend.__module__}.{MemberBackend.__qualname__}"
