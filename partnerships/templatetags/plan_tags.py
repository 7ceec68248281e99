"""The action plan inside the PDF report: its page reads the plan itself, so the report builder needs no change."""

from django import template

from ..models import AssessmentSnapshot
from ..selectors.plans import Plan, action_plan

register = template.Library()


@register.simple_tag
def report_plan(snapshot: AssessmentSnapshot) -> Plan | None:
    """The plan of the snapshot's assessment measured against that snapshot, or None without any action."""
    assessment = snapshot.assessment
    if not assessment.actions.exists():
        return None
    return action_plan(assessment, snapshot)
