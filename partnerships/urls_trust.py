"""URLs of trust: an organisation's identity and verification (staff's queue), a dossier's confidential part and CDA."""

from django.urls import path

from .views import trust

urlpatterns = [
    path("organisation/identity/", trust.organisation_identity, name="organisation_identity"),
    path("staff/verifications/", trust.staff_verifications, name="staff_verifications"),
    path("staff/verifications/<int:pk>/", trust.staff_verification_decide, name="staff_verification_decide"),
    path(
        "startup/dossiers/<uuid:uuid>/confidential/",
        trust.startup_dossier_confidential,
        name="startup_dossier_confidential",
    ),
    path(
        "pharma/dossiers/<uuid:uuid>/confidential/",
        trust.pharma_dossier_confidential,
        name="pharma_dossier_confidential",
    ),
    path("dossiers/<uuid:uuid>/cda/propose/", trust.dossier_cda_propose, name="dossier_cda_propose"),
    path("dossiers/<uuid:uuid>/cda/accept/", trust.dossier_cda_accept, name="dossier_cda_accept"),
    path("startup/dossiers/<uuid:uuid>/cda/revoke/", trust.dossier_cda_revoke, name="dossier_cda_revoke"),
]
