from django.urls import path

from .views import inbox_export

urlpatterns = [
    path("pharma/inbox/export.csv", inbox_export.pharma_inbox_csv, name="pharma_inbox_csv"),
    path("pharma/inbox/export.xlsx", inbox_export.pharma_inbox_xlsx, name="pharma_inbox_xlsx"),
]
