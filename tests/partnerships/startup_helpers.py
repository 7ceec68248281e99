"""Fixtures and helpers shared by the startup-path tests (imported by those test modules)."""

import pytest

from checklists.models import Item
from partnerships.services.assessments import answer_save, assessment_for_target
from scoring import applies
from tests.factories import MembershipFactory, PharmaFactory, StartupFactory, TargetCompanyFactory, UserFactory


@pytest.fixture
def alice(db):
    """Founder and administrator of a startup."""
    return MembershipFactory(organisation=StartupFactory(name="CardioSuivi"), user__email="alice@cardio.test").user


@pytest.fixture
def bob(alice):
    """Alice's co-founder, a plain member of the same startup."""
    organisation = alice.membership.organisation
    return MembershipFactory(organisation=organisation, role="member", user__email="bob@cardio.test").user


@pytest.fixture
def charlie(db):
    """Founder of another startup: must never see Alice's data."""
    return MembershipFactory(organisation=StartupFactory(name="Other Health"), user__email="charlie@other.test").user


@pytest.fixture
def pharma_user(db):
    return MembershipFactory(organisation=PharmaFactory(name="Pharma Lab"), user__email="pat@pharma.test").user


@pytest.fixture
def homeless_user(db):
    """Logged in but in no organisation yet."""
    return UserFactory(email="new@nowhere.test")


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client


@pytest.fixture
def target(alice):
    return TargetCompanyFactory(organisation=alice.membership.organisation, name="Sanofi France")


@pytest.fixture
def assessment(framework, target, alice):
    return assessment_for_target(target=target, user=alice)


def applicable_criteria(assessment, step_number: int | None = None):
    from partnerships.selectors.assessments import assessment_facts

    facts = assessment_facts(assessment)
    items = Item.objects.filter(framework=assessment.framework, kind=Item.Kind.CRITERION, side=Item.Side.STARTUP)
    if step_number is not None:
        items = items.filter(step__number=step_number)
    return [item for item in items.order_by("step__number", "order") if applies(item.applicability, facts)]


def answer_all(assessment, level: int, user=None, step_number: int | None = None) -> None:
    for item in applicable_criteria(assessment, step_number):
        current = assessment.answers.filter(item=item).first()
        answer_save(
            assessment=assessment,
            item=item,
            values={"level": level, "not_applicable": False, "note": "", "evidence_url": ""},
            expected_revision=current.revision if current else 0,
            user=user,
        )


def step_post_data(assessment, step_number: int, levels: dict[str, str] | None = None, go: str = "stay") -> dict:
    """The POST a browser sends for a step page loaded now, with `levels` (item code → value) changed."""
    from partnerships.forms.assessments import CommitmentForm, answer_initial

    data = {"go": go}
    levels = levels or {}
    for item in applicable_criteria(assessment, step_number):
        answer = assessment.answers.filter(item=item).first()
        initial = answer_initial(answer)
        for name, value in initial.items():
            data[f"{item.code}-{name}"] = value
        if item.code in levels:
            data[f"{item.code}-level"] = levels[item.code]
    commitments = Item.objects.filter(
        framework=assessment.framework,
        step__number=step_number,
        kind__in=[Item.Kind.COMMITMENT, Item.Kind.KPI],
        side=Item.Side.STARTUP,
    )
    for item in commitments:
        answer = assessment.answers.filter(item=item).first()
        initial = CommitmentForm.initial_for(answer)
        data[f"{item.code}-revision"] = initial["revision"]
        data[f"{item.code}-was_done"] = str(initial["was_done"])
        if initial["done"] or levels.get(item.code) == "on":
            data[f"{item.code}-done"] = "on"
    return data

