"""URLs of the startup screens: dashboard, profile, target companies, assessments and results."""

from django.urls import path

from .views import assessments, profile, targets

urlpatterns = [
    path("startup/", profile.startup_dashboard, name="startup_dashboard"),
    path("startup/profile/", profile.startup_profile, name="startup_profile"),
    path("startup/targets/", targets.target_list, name="target_list"),
    path("startup/targets/new/", targets.target_create, name="target_create"),
    path("startup/targets/<int:pk>/edit/", targets.target_update, name="target_update"),
    path("startup/targets/<int:target_pk>/assessment/", assessments.assessment_start, name="assessment_start"),
    path("startup/assessments/<int:pk>/steps/<int:number>/", assessments.assessment_step, name="assessment_step"),
    path("startup/assessments/<int:pk>/submit/", assessments.assessment_submit_view, name="assessment_submit"),
    path("startup/assessments/<int:pk>/results/", assessments.assessment_results, name="assessment_results"),
]
