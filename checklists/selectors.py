"""Reads: the published framework and its plain spec for the scoring engine."""

from django.core.cache import cache

from scoring.spec import FrameworkSpec, ItemSpec, StepSpec

from .models import Framework, Item, Step


def framework_current() -> Framework | None:
    """The framework new assessments use: the latest published version."""
    return Framework.objects.filter(is_published=True).order_by("-loaded_at", "-id").first()


def framework_steps(framework: Framework) -> list[Step]:
    """Steps with their phase, sections and items, in two or three queries whatever their number."""
    return list(
        Step.objects.filter(framework=framework)
        .select_related("phase")
        .prefetch_related("sections", "items__section")
        .order_by("number")
    )


def _bilingual(obj, field: str) -> dict[str, str]:
    return {"fr": getattr(obj, f"{field}_fr"), "en": getattr(obj, f"{field}_en")}


def item_spec(item: Item, step_number: int) -> ItemSpec:
    return ItemSpec(
        code=item.code,
        step=step_number,
        weight=item.weight,
        critical=item.critical,
        rule=item.applicability,
        text=_bilingual(item, "text"),
        guidance=_bilingual(item, "guidance"),
        not_applicable_reason=_bilingual(item, "not_applicable_reason"),
    )


def _cache_key(framework: Framework, kind: str, side: str) -> str:
    # Admin edits bump `updated`; a stale spec then simply misses the cache.
    stamp = Item.objects.filter(framework=framework).order_by("-updated_at").values_list("updated_at", flat=True)
    updated = stamp.first()
    return f"framework-spec:{framework.pk}:{kind}:{side}:{updated.timestamp() if updated else 0}"


def framework_spec(
    framework: Framework, *, kind: str = Item.Kind.CRITERION, side: str = Item.Side.STARTUP
) -> FrameworkSpec:
    """The engine's view of `framework`: the items of one kind and side, grouped by step (cached)."""
    key = _cache_key(framework, kind, side)
    spec = cache.get(key)
    if spec is None:
        steps = Step.objects.filter(framework=framework).select_related("phase").order_by("number")
        items = Item.objects.filter(framework=framework, kind=kind, side=side).order_by("step__number", "order")
        by_step: dict[int, list[Item]] = {}
        for item in items:
            by_step.setdefault(item.step_id, []).append(item)
        spec = FrameworkSpec(
            slug=framework.slug,
            version=framework.version,
            steps=tuple(
                StepSpec(
                    number=step.number,
                    phase=step.phase.code,
                    title=_bilingual(step, "title"),
                    items=tuple(item_spec(item, step.number) for item in by_step.get(step.pk, [])),
                )
                for step in steps
            ),
        )
        cache.set(key, spec, 3600)
    return spec
