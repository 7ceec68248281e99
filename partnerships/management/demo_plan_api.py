"""Demo data of the action plan and the peer benchmark, called once by `seed_demo`."""

from datetime import timedelta

from django.utils import timezone

from ..models import AssessmentSnapshot, User
from ..selectors.plans import action_plan
from ..services.benchmark import peer_aggregates_refresh
from ..services.plans import action_create_from_gap


def seed_plans_and_peers() -> dict[str, int]:
    """Three actions from the demo startup's top gaps (one overdue), then the benchmark's aggregates."""
    founder = User.objects.filter(email="startup@demo.test").select_related("membership__organisation").first()
    snapshot = (
        AssessmentSnapshot.objects.filter(assessment__organisation__memberships__user=founder)
        .select_related("assessment")
        .order_by("-created_at")
        .first()
    )
    actions = 0
    if snapshot is not None:
        assessment = snapshot.assessment
        today = timezone.localdate()
        for days, gap in zip((-3, 14, 40), action_plan(assessment, snapshot).gaps, strict=False):
            action_create_from_gap(
                assessment=assessment,
                user=founder,
                item_code=gap["code"],
                owner=founder,
                due_date=today + timedelta(days),
            )
            actions += 1
    return {"actions": actions, "peer aggregates": peer_aggregates_refresh()}
