"""Sign up, confirm the e-mail address, log in and out, reset the password."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ..backends import MEMBER_BACKEND
from ..forms.accounts import EmailLoginForm, EmailPasswordResetForm, NewPasswordForm, SignupForm
from ..services.accounts import AlreadyConfirmed, ConfirmationError, user_confirm_email, user_signup


def _base_url(request) -> str:
    return request.build_absolute_uri("/")


@require_http_methods(["GET", "POST"])
def signup(request):
    if request.user.is_authenticated:
        return redirect("dashboard")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = user_signup(
            email=form.cleaned_data["email"],
            password=form.cleaned_data["password1"],
            first_name=form.cleaned_data["first_name"],
            last_name=form.cleaned_data["last_name"],
            base_url=_base_url(request),
        )
        request.session["signup_email"] = user.email
        return redirect("signup_done")
    return render(request, "partnerships/accounts/signup.html", {"form": form})


def signup_done(request):
    return render(request, "partnerships/accounts/signup_done.html", {"email": request.session.get("signup_email")})


def email_confirm(request, token: str):
    try:
        user = user_confirm_email(token=token)
    except AlreadyConfirmed:
        return render(request, "partnerships/accounts/confirm_used.html")
    except ConfirmationError:
        return render(request, "partnerships/accounts/confirm_invalid.html", status=400)
    login(request, user, backend=MEMBER_BACKEND)
    messages.success(request, _("Your e-mail address is confirmed. Welcome!"))
    return redirect("dashboard")


class LoginView(auth_views.LoginView):
    form_class = EmailLoginForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    pass


class PasswordResetView(auth_views.PasswordResetView):
    form_class = EmailPasswordResetForm
    template_name = "registration/password_reset_form.html"
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"
    success_url = reverse_lazy("password_reset_done")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = NewPasswordForm
    template_name = "registration/password_reset_confirm.html"
    success_url = reverse_lazy("password_reset_complete")
