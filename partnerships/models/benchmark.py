"""The anonymised benchmark against peers: per cohort and step, the quantiles of startups' latest scores.

Only aggregates are stored (never an organisation's value), and only for cohorts of at least
settings.BENCHMARK_MIN_COHORT organisations. An organisation that opts out leaves them at the next refresh.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .organisations import Organisation


class PeerAggregate(models.Model):
    class Dimension(models.TextChoices):
        MATURITY = "maturity", _("Same maturity stage")
        BUSINESS_MODEL = "business_model", _("Same business model")

    dimension = models.CharField(max_length=20, choices=Dimension.choices)
    cohort = models.CharField(max_length=40)  # a maturity stage or a business model code
    step_number = models.PositiveSmallIntegerField()
    organisations = models.PositiveIntegerField()
    quantiles = models.JSONField()  # at scoring.peers.QUANTILES (5 % … 95 %)
    p25 = models.FloatField()
    median = models.FloatField()
    p75 = models.FloatField()
    computed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("peer aggregate")
        verbose_name_plural = _("peer aggregates")
        constraints = [
            models.UniqueConstraint(fields=["dimension", "cohort", "step_number"], name="peer_aggregate_unique")
        ]

    def __str__(self) -> str:
        return f"{self.dimension}={self.cohort} step {self.step_number} (n={self.organisations})"


class BenchmarkOptOut(models.Model):
    """The organisation's scores are not counted in the peer benchmark (from the next refresh on)."""

    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE, related_name="benchmark_opt_out")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("benchmark opt-out")
        verbose_name_plural = _("benchmark opt-outs")

    def __str__(self) -> str:
        return str(self.organisation)
