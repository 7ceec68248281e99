"""URLs of the accounts screens: sign-up, login, password reset, organisation and members."""

from django.urls import path

from .views import accounts, organisations

urlpatterns = [
    path("signup/", accounts.signup, name="signup"),
    path("signup/done/", accounts.signup_done, name="signup_done"),
    path("signup/confirm/<str:token>/", accounts.email_confirm, name="email_confirm"),
    path("login/", accounts.LoginView.as_view(), name="login"),
    path("logout/", accounts.LogoutView.as_view(), name="logout"),
    path("password/reset/", accounts.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password/reset/sent/",
        accounts.auth_views.PasswordResetDoneView.as_view(template_name="registration/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        accounts.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/complete/",
        accounts.auth_views.PasswordResetCompleteView.as_view(
            template_name="registration/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path("organisation/new/", organisations.organisation_create, name="organisation_create"),
    path("organisation/members/", organisations.members, name="organisation_members"),
    path("organisation/members/<int:pk>/remove/", organisations.member_remove, name="member_remove"),
    path("organisation/invitations/<int:pk>/cancel/", organisations.invitation_cancel, name="invitation_cancel"),
    path("invitations/<str:token>/", organisations.invitation_accept, name="invitation_accept"),
]
