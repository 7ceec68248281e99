"""Writes: loading a version of the guide from its data file."""

from pathlib import Path
from typing import Any

import yaml
from django.db import transaction

from scoring.rules import validate_rule

from .models import Framework, Item, Phase, Section, Step

DATA_DIR = Path(__file__).resolve().parent / "data"
DEFAULT_FRAMEWORK_FILE = DATA_DIR / "leem-france-biotech-2024.yaml"


class FrameworkFileError(ValueError):
    """The data file does not describe a valid framework."""


def _bilingual(data: dict[str, Any], key: str, *, required: bool = True) -> dict[str, str]:
    value = data.get(key) or {}
    if required and not (value.get("fr") and value.get("en")):
        raise FrameworkFileError(f"{key!r} needs French and English text in {data.get('code') or data}.")
    return {f"{key}_fr": value.get("fr", ""), f"{key}_en": value.get("en", "")}


@transaction.atomic
def framework_load(*, path: Path = DEFAULT_FRAMEWORK_FILE, publish: bool = True) -> tuple[Framework, bool]:
    """Load a framework version from YAML. Loading a version already present changes nothing.

    Returns the framework and whether it was created. Older versions and the
    assessments made against them are kept.
    """
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    meta = data["framework"]
    existing = Framework.objects.filter(slug=meta["slug"], version=str(meta["version"])).first()
    if existing:
        return existing, False

    framework = Framework.objects.create(
        slug=meta["slug"],
        version=str(meta["version"]),
        publisher=meta.get("publisher", ""),
        year=meta.get("year"),
        is_published=publish,
        answer_scale=data.get("answer_scale", []),
        **_bilingual(meta, "title"),
    )
    items: list[Item] = []
    for phase_order, phase_data in enumerate(data["phases"], start=1):
        phase = Phase.objects.create(
            framework=framework,
            code=phase_data["code"],
            order=phase_order,
            source_line=phase_data["source_line"],
            **_bilingual(phase_data, "title"),
        )
        for step_data in phase_data["steps"]:
            step = Step.objects.create(
                framework=framework,
                phase=phase,
                number=step_data["number"],
                source_line=step_data["source_line"],
                tags=step_data.get("tags", []),
                **_bilingual(step_data, "title"),
                **_bilingual(step_data, "summary", required=False),
            )
            sections = {}
            for section_order, section_data in enumerate(step_data.get("sections", []), start=1):
                sections[str(section_data["code"])] = Section.objects.create(
                    step=step,
                    code=str(section_data["code"]),
                    order=section_order,
                    source_line=section_data["source_line"],
                    **_bilingual(section_data, "title"),
                )
            for item_order, item_data in enumerate(step_data.get("items", []), start=1):
                items.append(_item(framework, step, sections, item_order, item_data))
    Item.objects.bulk_create(items)
    framework.refresh_from_db(fields=["revision"])  # each row created above bumped it
    return framework, True


def _item(framework: Framework, step: Step, sections: dict, order: int, data: dict[str, Any]) -> Item:
    rule = data.get("applies_when")
    try:
        validate_rule(rule)
    except ValueError as error:
        raise FrameworkFileError(f"Item {data.get('code')}: {error}") from error
    if rule and not data.get("not_applicable_reason"):
        raise FrameworkFileError(f"Item {data['code']} has a rule but no not_applicable_reason.")
    section_code = data.get("section")
    if section_code is not None and str(section_code) not in sections:
        raise FrameworkFileError(f"Item {data['code']} names unknown section {section_code!r}.")
    item = Item(
        framework=framework,
        step=step,
        section=sections.get(str(section_code)) if section_code is not None else None,
        code=data["code"],
        order=order,
        side=data["side"],
        kind=data["kind"],
        weight=data.get("weight", 1),
        critical=data.get("critical", False),
        applicability=rule or None,
        tags=data.get("tags", []),
        source_line=data["source_line"],
        **_bilingual(data, "text"),
        **_bilingual(data, "guidance", required=False),
        **_bilingual(data, "not_applicable_reason", required=False),
    )
    item.full_clean(exclude=["framework", "step", "section"], validate_unique=False, validate_constraints=False)
    return item
