"""Screens added for what new users expected (issue 12): archiving a target, the list of snapshots,
confirmation steps before acts that cannot be undone."""

from django.urls import path

from .views import favicon, snapshots, targets

urlpatterns = [
    path("favicon.ico", favicon.favicon, name="favicon"),
    path("startup/targets/<int:pk>/archive/", targets.target_archive, name="target_archive"),
    path("startup/assessments/<int:pk>/snapshots/", snapshots.snapshot_list, name="snapshot_list"),
]
