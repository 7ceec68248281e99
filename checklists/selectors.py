"""Reads: the published framework and its plain spec for the scoring engine."""

import hashlib
from functools import cache as once
from pathlib import Path

from django.conf import settings
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


CODE_FOLDERS = ("scoring", "checklists", "partnerships", "templates", "locale")


@once
def code_digest() -> str:
    """A digest of the app's source. What is cached under guide keys is pickles of its classes (the engine's
    results, the guide's spec) and fragments of its templates: a deploy that changes them must not read the
    previous release's, whose pickles may no longer load (a 500) and whose fragments may be out of date."""
    digest = hashlib.sha256()
    root = Path(settings.BASE_DIR)
    for folder in CODE_FOLDERS:
        for path in sorted((root / folder).rglob("*")):
            # .mo: the translations fragments are rendered with (a release may correct only a translation).
            if path.suffix in (".py", ".html", ".txt", ".mo") and path.is_file():
                digest.update(path.relative_to(root).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def guide_key(framework: Framework, *parts) -> str:
    """A cache key for data derived from the guide's rows: any edit of the guide bumps `revision`, so a key
    made from the framework row already loaded is fresh without a query; a new release of the code changes
    `code_digest()`."""
    identity = [str(framework.pk), str(framework.revision), framework.version, code_digest()]
    return ":".join(["guide", *identity, *map(str, parts)])


# The guide's data is small, read on every assessment page and changes only when staff edit it: kept in the
# process as well as in the shared cache, under keys that an edit changes. Nothing in it belongs to a user.
_GUIDE: dict[str, object] = {}
GUIDE_LIFETIME = 24 * 3600


def guide_memory_clear() -> None:
    """Forget the guide data kept in this process (tests: ids and revisions restart with every database)."""
    _GUIDE.clear()


def _guide_cached(key: str, build):
    value = _GUIDE.get(key)
    if value is None:
        value = cache.get(key)
        if value is None:
            value = build()
            cache.set(key, value, GUIDE_LIFETIME)
        if len(_GUIDE) > 256:  # revisions pile up only while staff edit the guide
            _GUIDE.clear()
        _GUIDE[key] = value
    return value


def guide_steps(framework: Framework) -> list[Step]:
    """The framework's steps with their phase, by number (cached; treat as read-only)."""
    return _guide_cached(
        guide_key(framework, "steps"),
        lambda: list(Step.objects.filter(framework_id=framework.pk).select_related("phase").order_by("number")),
    )


def guide_items(framework: Framework) -> list[Item]:
    """Every item of the framework with its step and section, in the guide's order (cached; read-only)."""
    return _guide_cached(
        guide_key(framework, "items"),
        lambda: list(
            Item.objects.filter(framework_id=framework.pk)
            .select_related("step", "section")
            .order_by("step__number", "order")
        ),
    )


def framework_spec(
    framework: Framework, *, kind: str = Item.Kind.CRITERION, side: str = Item.Side.STARTUP
) -> FrameworkSpec:
    """The engine's view of `framework`: the items of one kind and side, grouped by step (cached)."""
    return _guide_cached(guide_key(framework, "spec", kind, side), lambda: _build_spec(framework, kind, side))


def _build_spec(framework: Framework, kind: str, side: str) -> FrameworkSpec:
    steps = Step.objects.filter(framework=framework).select_related("phase").order_by("number")
    items = Item.objects.filter(framework=framework, kind=kind, side=side).order_by("step__number", "order")
    by_step: dict[int, list[Item]] = {}
    for item in items:
        by_step.setdefault(item.step_id, []).append(item)
    return FrameworkSpec(
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
