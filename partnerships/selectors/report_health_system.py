"""The report's "Health-system integration" section: the step-7 points that apply to the startup, with why.

The regulatory section reads step 8 only; a remote-monitoring startup also needs step 7's CE marking, its
reimbursement route (e.g. remote monitoring in standard reimbursement, decree 2022-1767) and interoperability
with the care pathway, whether or not they are among its top gaps.
"""

from checklists.models import Item, Step
from scoring import applies

HEALTH_SYSTEM_STEP = 7


def health_system_lines(steps: list[Step], lines: dict, facts: dict) -> list:
    """Step 7's criteria that apply to these facts, each with the facts that make it apply (empty: always)."""
    from .reports import rule_reasons

    found = []
    for step in steps:
        if step.number != HEALTH_SYSTEM_STEP:
            continue
        for item in step.items.all():
            if item.kind != Item.Kind.CRITERION or item.side != Item.Side.STARTUP:
                continue
            if not applies(item.applicability, facts):
                continue
            line = lines[item.code]
            line.reasons = rule_reasons(item.applicability, facts)
            found.append(line)
    return found
