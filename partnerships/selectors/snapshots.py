"""Reads on a startup's snapshots: whether the latest still tells the truth, and the list of them."""

from checklists.models import Item
from checklists.selectors import framework_spec
from scoring import applies

from ..models import Assessment, AssessmentSnapshot
from .assessments import assessment_facts


def _applicable_codes(spec, facts: dict) -> frozenset[str]:
    return frozenset(item.code for step in spec.steps for item in step.items if applies(item.rule, facts))


def snapshot_outdated(assessment: Assessment, snapshot: AssessmentSnapshot) -> bool:
    """True when the results would differ if submitted now: an answer saved since, or a profile or target change
    that changes which items apply (a change of a fact no rule reads leaves the snapshot true)."""
    if assessment.updated_at > snapshot.created_at:
        return True
    facts = assessment_facts(assessment)
    if facts == snapshot.facts:
        return False
    framework = snapshot.framework
    for kind in (Item.Kind.CRITERION, Item.Kind.COMMITMENT):
        spec = framework_spec(framework, kind=kind)
        if _applicable_codes(spec, facts) != _applicable_codes(spec, snapshot.facts or {}):
            return True
    return False


def snapshots_of_assessment(assessment: Assessment):
    """Every snapshot of one assessment, newest first, with who submitted it."""
    return assessment.snapshots.select_related("created_by").order_by("-created_at", "-id")
