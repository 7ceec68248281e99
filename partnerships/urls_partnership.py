"""URLs of the partnership space (after the first meeting): both sides of a dossier, addressed by UUID."""

from django.urls import path

from .views import partnership as views

urlpatterns = [
    path("partnerships/<uuid:uuid>/", views.partnership_detail, name="partnership_detail"),
    path("partnerships/<uuid:uuid>/scope/", views.partnership_scope, name="partnership_scope"),
    path("partnerships/<uuid:uuid>/meetings/new/", views.meeting_propose, name="meeting_propose"),
    path("partnerships/<uuid:uuid>/next-steps/", views.next_step_add, name="next_step_add"),
    path("partnerships/<uuid:uuid>/kpis/new/", views.kpi_propose, name="kpi_propose"),
    path("partnerships/<uuid:uuid>/kpis/import/", views.kpi_import, name="kpi_import"),
    path("partnerships/<uuid:uuid>/feedback/", views.feedback_round_open, name="feedback_round_open"),
    path("partnerships/<uuid:uuid>/review/", views.partnership_review_request, name="partnership_review_request"),
    path("partnerships/meetings/<uuid:uuid>/", views.meeting_detail, name="meeting_detail"),
    path("partnerships/meetings/<uuid:uuid>/slots/", views.meeting_slots, name="meeting_slots"),
    path("partnerships/meetings/<uuid:uuid>/confirm/", views.meeting_confirm, name="meeting_confirm"),
    path("partnerships/meetings/<uuid:uuid>/agenda/", views.meeting_agenda, name="meeting_agenda"),
    path("partnerships/meetings/<uuid:uuid>/agenda/print/", views.meeting_agenda_print, name="meeting_agenda_print"),
    path("partnerships/meetings/<uuid:uuid>/notes/", views.meeting_notes, name="meeting_notes"),
    path("partnerships/meetings/<uuid:uuid>/invite.ics", views.meeting_ics_download, name="meeting_ics"),
    path("partnerships/next-steps/<int:pk>/done/", views.next_step_done, name="next_step_done"),
    path("partnerships/kpis/<uuid:uuid>/change/", views.kpi_change, name="kpi_change"),
    path("partnerships/kpis/<uuid:uuid>/values/", views.kpi_value_add, name="kpi_value_add"),
    path("partnerships/kpi-versions/<int:pk>/accept/", views.kpi_accept, name="kpi_accept"),
    path("partnerships/alerts/<int:pk>/decision/", views.kpi_alert_decide, name="kpi_alert_decide"),
    path("partnerships/feedback/<uuid:uuid>/", views.feedback_answer, name="feedback_answer"),
    path(
        "partnerships/reviews/<uuid:uuid>/download/",
        views.partnership_review_download,
        name="partnership_review_download",
    ),
]
