"""Screens added for what new users expected (issue 12): archiving a target, the list of snapshots,
confirmation steps before acts that cannot be undone."""

from django.urls import path

from .views import favicon, targets

urlpatterns = [
    path("favicon.ico", favicon.favicon, name="favicon"),
    path("startup/targets/<int:pk>/archive/", targets.target_archive, name="target_archive"),
]
