"""All screens of the product, one module per area (see README, "Architecture")."""

from django.urls import include, path

from .views import home

urlpatterns = [
    path("", home.home, name="home"),
    path("dashboard/", home.dashboard, name="dashboard"),
    path("", include("partnerships.urls_accounts")),  # sign-up, login, organisation, members
    path("", include("partnerships.urls_startup")),  # profile, targets, assessments, results
    path("", include("partnerships.urls_reports")),  # PDF pitch-prep reports
    path("", include("partnerships.urls_pharma")),  # pharma profile, directory, dossiers, inbox
    path("", include("partnerships.urls_dossiers")),  # dossiers: submission, pharma inbox and review
    path("", include("partnerships.urls_exports")),  # the pharma inbox as CSV or XLSX
    path("", include("partnerships.urls_privacy")),  # data export, deletion, audit trail
    path("", include("partnerships.urls_trust")),  # verification of organisations, confidential parts and CDAs
    path("", include("partnerships.urls_invitations")),  # re-sending invitations
]
