"""URLs of reviewers' scores on a received dossier (addressed by the dossier's UUID)."""

from django.urls import path

from .views import reviews

urlpatterns = [
    path("pharma/dossiers/<uuid:uuid>/review/", reviews.dossier_review_edit, name="dossier_review"),
    path("pharma/dossiers/<uuid:uuid>/review/sharing/", reviews.dossier_review_sharing, name="dossier_review_sharing"),
]
