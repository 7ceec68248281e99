"""Staff edit the guide in the admin; the scoring engine sees the edit at once, other users cannot get in."""

import json

import pytest
from django.urls import reverse

from checklists.models import Item
from checklists.selectors import framework_spec
from tests.factories import UserFactory


@pytest.fixture
def staff_client(client):
    staff = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(staff)
    return client


def item_form_data(item: Item, **changes) -> dict:
    data = {
        field: getattr(item, field)
        for field in (
            "code",
            "order",
            "side",
            "kind",
            "source_line",
            "text_fr",
            "text_en",
            "guidance_fr",
            "guidance_en",
            "weight",
            "not_applicable_reason_fr",
            "not_applicable_reason_en",
        )
    }
    data.update(
        framework=item.framework_id,
        step=item.step_id,
        section=item.section_id or "",
        tags='["pitch"]',
        applicability="null" if item.applicability is None else json.dumps(item.applicability),
    )
    if item.critical:
        data["critical"] = "on"
    data.update(changes)
    return data


def test_staff_edits_a_criterion_and_the_engine_uses_the_new_weight(framework, staff_client):
    item = Item.objects.get(framework=framework, code="S5-C3")
    before = framework_spec(framework)
    assert next(i for s in before.steps for i in s.items if i.code == "S5-C3").weight == 1

    url = reverse("admin:checklists_item_change", args=[item.pk])
    response = staff_client.post(url, item_form_data(item, weight=4, text_en="Ask for help where pharma is expert."))

    assert response.status_code == 302
    framework.refresh_from_db()  # as the next request reads it: the edit bumped its revision
    after = framework_spec(framework)
    edited = next(i for s in after.steps for i in s.items if i.code == "S5-C3")
    assert edited.weight == 4
    assert edited.text["en"] == "Ask for help where pharma is expert."


def test_a_rule_on_an_unknown_fact_is_refused_in_the_admin_with_a_message(framework, staff_client):
    item = Item.objects.get(framework=framework, code="S8-C4")
    url = reverse("admin:checklists_item_change", args=[item.pk])
    response = staff_client.post(url, item_form_data(item, applicability='{"fact": "has_blockchain", "equals": true}'))

    assert response.status_code == 200
    assert "has_blockchain" in response.content.decode()
    item.refresh_from_db()
    assert item.applicability == {"fact": "has_ai", "equals": True}


def test_the_guide_admin_is_closed_to_non_staff(framework, client):
    user = UserFactory()
    client.force_login(user)
    response = client.get(reverse("admin:checklists_item_changelist"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]
