"""The guide is complete as data: ten steps, two phases, every section and dual-checklist line, FR and EN."""

import re

import pytest
from django.core.management import call_command

from checklists.models import Framework, Item, Phase, Section, Step
from checklists.selectors import framework_spec
from checklists.services import DEFAULT_FRAMEWORK_FILE, FrameworkFileError, framework_load

GUIDE_LINES = 1275

# Sections per step as listed in GUIDE_MAP.md (shared with the product brief, outside this repository).
SECTIONS_PER_STEP = {1: 3, 2: 3, 3: 2, 4: 2, 5: 1, 6: 3, 7: 2, 8: 2, 9: 1, 10: 2}


def test_load_framework_yields_ten_steps_in_two_phases(framework):
    assert Phase.objects.filter(framework=framework).count() == 2
    steps = Step.objects.filter(framework=framework)
    assert steps.count() == 10
    assert list(steps.filter(phase__code="A").values_list("number", flat=True)) == [1, 2, 3, 4, 5, 6]
    assert list(steps.filter(phase__code="B").values_list("number", flat=True)) == [7, 8, 9, 10]


def test_every_guide_map_section_is_loaded(framework):
    for number, count in SECTIONS_PER_STEP.items():
        assert Section.objects.filter(step__framework=framework, step__number=number).count() == count, number


def test_each_step_has_three_to_eight_criteria(framework):
    for step in Step.objects.filter(framework=framework):
        criteria = step.items.filter(kind=Item.Kind.CRITERION, side=Item.Side.STARTUP).count()
        assert 3 <= criteria <= 8, (step.number, criteria)


def test_dual_checklist_has_all_four_quadrants_within_the_guide_table(framework):
    dual = Item.objects.filter(framework=framework, kind__in=[Item.Kind.EXPECTATION, Item.Kind.COMMITMENT])
    for side in Item.Side.values:
        for kind in (Item.Kind.EXPECTATION, Item.Kind.COMMITMENT):
            lines = dual.filter(side=side, kind=kind).values_list("source_line", flat=True)
            assert len(lines) >= 5, (side, kind)
            assert all(1094 <= line <= 1247 for line in lines), (side, kind)


def test_no_item_lacks_a_translation_or_a_source_line(framework):
    for item in Item.objects.filter(framework=framework):
        assert item.text_fr.strip() and item.text_en.strip(), item.code
        assert item.text_fr != item.text_en, item.code
        assert 1 <= item.source_line <= GUIDE_LINES, item.code
        if item.kind == Item.Kind.CRITERION:
            assert item.guidance_fr.strip() and item.guidance_en.strip(), item.code
        if item.applicability:
            assert item.not_applicable_reason_fr and item.not_applicable_reason_en, item.code
    for model in (Step, Section, Phase):
        for row in model.objects.all():
            assert row.title_fr.strip() and row.title_en.strip(), row


def test_conditional_law_items_carry_their_rules(framework):
    rules = [item.applicability for item in Item.objects.filter(framework=framework, step__number=8)]
    facts = {rule.get("fact") for rule in rules if rule}
    assert {"is_medical_device", "has_ai", "processes_health_data", "is_etp_programme"} <= facts


def test_loading_twice_changes_nothing(framework):
    before = list(Item.objects.values_list("id", "code", "text_fr"))
    again, created = framework_load()
    assert not created and again == framework
    assert list(Item.objects.values_list("id", "code", "text_fr")) == before


def test_loading_a_new_version_keeps_the_old_one(framework, tmp_path):
    text = DEFAULT_FRAMEWORK_FILE.read_text(encoding="utf-8")
    newer = tmp_path / "v2.yaml"
    newer.write_text(re.sub(r'version: "?[\d.]+"?', 'version: "2099.1"', text, count=1), encoding="utf-8")
    call_command("load_framework", str(newer))
    assert Framework.objects.filter(slug=framework.slug).count() == 2
    assert Item.objects.filter(framework=framework).count() == Item.objects.exclude(framework=framework).count()


def test_a_malformed_rule_is_refused_with_the_item_code(db, tmp_path):
    text = DEFAULT_FRAMEWORK_FILE.read_text(encoding="utf-8")
    broken = tmp_path / "broken.yaml"
    broken.write_text(text.replace("fact: has_ai", "fact: has_blockchain", 1), encoding="utf-8")
    with pytest.raises(FrameworkFileError, match="has_blockchain"):
        framework_load(path=broken)
    assert not Framework.objects.exists()


def test_framework_spec_gives_the_engine_the_startup_criteria(framework):
    spec = framework_spec(framework)
    assert [step.number for step in spec.steps] == list(range(1, 11))
    codes = {item.code for step in spec.steps for item in step.items}
    assert codes == set(Item.objects.filter(kind="criterion", side="startup").values_list("code", flat=True))

