"""URLs of invitation upkeep: re-sending an invitation whose link expired or got lost."""

from django.urls import path

from .views import invitations

urlpatterns = [
    path("organisation/invitations/<int:pk>/resend/", invitations.invitation_resend, name="invitation_resend"),
]
