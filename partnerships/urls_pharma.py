"""URLs of the pharma screens and of the directory startups browse."""

from django.urls import path

from .views import directory, pharma

urlpatterns = [
    path("pharma/", pharma.pharma_dashboard, name="pharma_dashboard"),
    path("pharma/profile/", pharma.pharma_profile, name="pharma_profile"),
    path("directory/", directory.directory_list, name="directory"),
    path("directory/<int:pk>/", directory.directory_detail, name="directory_detail"),
]
