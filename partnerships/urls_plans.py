"""URLs of the action plan (startup side)."""

from django.urls import path

from .views import plans

urlpatterns = [
    path("startup/assessments/<int:pk>/plan/", plans.plan, name="plan"),
    path("startup/assessments/<int:pk>/plan/actions/", plans.plan_action_create, name="plan_action_create"),
    path("startup/assessments/<int:pk>/plan.xlsx", plans.plan_export_xlsx, name="plan_export_xlsx"),
    path("startup/assessments/<int:pk>/plan.csv", plans.plan_export_csv, name="plan_export_csv"),
    path("startup/plan/actions/<int:pk>/", plans.plan_action_update, name="plan_action_update"),
    path("startup/plan/actions/<int:pk>/delete/", plans.plan_action_delete, name="plan_action_delete"),
]
