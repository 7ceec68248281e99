"""URLs of the reports screens. Reports and snapshots are addressed by random UUIDs."""

from django.urls import path

from .views import reports

urlpatterns = [
    path("reports/snapshot/<uuid:uuid>/", reports.snapshot_reports, name="snapshot_reports"),
    path("reports/snapshot/<uuid:uuid>/request/", reports.report_request_view, name="report_request"),
    path("reports/<uuid:uuid>/", reports.report_detail, name="report_detail"),
    path("reports/<uuid:uuid>/status/", reports.report_status, name="report_status"),
    path("reports/<uuid:uuid>/download/", reports.report_download, name="report_download"),
]
