"""URLs of the dossier screens: a startup's dossiers, the pharma inbox and review. Dossiers are addressed by UUID."""

from django.urls import path

from .views import dossiers

urlpatterns = [
    path("startup/snapshots/<uuid:uuid>/dossier/", dossiers.dossier_submit_view, name="dossier_submit"),
    path("startup/dossiers/", dossiers.startup_dossiers, name="startup_dossiers"),
    path("startup/dossiers/<uuid:uuid>/", dossiers.startup_dossier_detail, name="startup_dossier_detail"),
    path("startup/dossiers/<uuid:uuid>/withdraw/", dossiers.dossier_withdraw_view, name="dossier_withdraw"),
    path("pharma/inbox/", dossiers.pharma_inbox, name="pharma_inbox"),
    path("pharma/dossiers/<uuid:uuid>/", dossiers.pharma_dossier_detail, name="pharma_dossier_detail"),
    path("pharma/dossiers/<uuid:uuid>/status/", dossiers.pharma_dossier_transition, name="pharma_dossier_transition"),
    path("pharma/dossiers/<uuid:uuid>/assign/", dossiers.pharma_dossier_assign, name="pharma_dossier_assign"),
    path("dossiers/<uuid:uuid>/messages/", dossiers.dossier_message, name="dossier_message"),
]
