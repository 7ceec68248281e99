"""URLs of the privacy screens: data export, deletion, and the organisation's audit trail."""

from django.urls import path

from .views import audit, privacy

urlpatterns = [
    path("organisation/audit/", audit.audit_log, name="audit_log"),
    path("privacy/", privacy.privacy, name="privacy"),
    path("privacy/export/", privacy.privacy_export, name="privacy_export"),
    path("privacy/delete-account/", privacy.account_delete, name="account_delete"),
    path("privacy/delete-organisation/", privacy.organisation_delete, name="organisation_delete"),
]
