"""The guide itself, readable by anyone: what the assessment and the checklists are built on."""

from django.http import Http404
from django.shortcuts import render

from .models import Item
from .selectors import framework_current, framework_steps


def guide(request):
    framework = framework_current()
    if framework is None:
        raise Http404("No published guide.")
    steps = framework_steps(framework)
    dual = {(side, kind): [] for side in Item.Side.values for kind in (Item.Kind.EXPECTATION, Item.Kind.COMMITMENT)}
    for step in steps:
        for item in step.items.all():
            if (item.side, item.kind) in dual:
                dual[item.side, item.kind].append(item)
    for items in dual.values():
        items.sort(key=lambda item: item.source_line)
    context = {
        "framework": framework,
        "steps": steps,
        "phases": _phases(steps),
        # Rows: stakes & expectations, commitments; columns: pharma, startup — as in the guide's table.
        "checklist": [
            (kind.label, [dual[side, kind] for side in (Item.Side.PHARMA, Item.Side.STARTUP)])
            for kind in (Item.Kind.EXPECTATION, Item.Kind.COMMITMENT)
        ],
    }
    return render(request, "checklists/guide.html", context)


def _phases(steps):
    phases: dict = {}
    for step in steps:
        phases.setdefault(step.phase, []).append(step)
    return list(phases.items())
