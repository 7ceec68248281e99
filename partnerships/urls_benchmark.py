"""URLs of the peer benchmark (its figures appear on the results, inbox and dossier pages)."""

from django.urls import path

from .views import benchmark

urlpatterns = [
    path("organisation/benchmark/", benchmark.benchmark_settings, name="benchmark_settings"),
]
