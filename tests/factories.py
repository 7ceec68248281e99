"""factory_boy factories for the people and organisations every test needs."""

import factory

from partnerships.models import (
    Membership,
    Organisation,
    OrganisationIdentity,
    PharmaProfile,
    StartupProfile,
    TargetCompany,
    User,
)

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"user{n}@example.com")
    first_name = factory.Faker("first_name")
    password = factory.django.Password(PASSWORD)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    kind = Organisation.Kind.STARTUP
    name = factory.Sequence(lambda n: f"Startup {n}")


class StartupFactory(OrganisationFactory):
    class Meta:
        skip_postgeneration_save = True  # the related profile needs no second save of the organisation

    profile = factory.RelatedFactory("tests.factories.StartupProfileFactory", factory_related_name="organisation")


class PharmaFactory(OrganisationFactory):
    class Meta:
        skip_postgeneration_save = True

    kind = Organisation.Kind.PHARMA
    name = factory.Sequence(lambda n: f"Pharma {n}")
    profile = factory.RelatedFactory("tests.factories.PharmaProfileFactory", factory_related_name="organisation")
    # Tests meet verified companies unless they say otherwise (`identity__status="pending"`).
    identity = factory.RelatedFactory("tests.factories.IdentityFactory", factory_related_name="organisation")


class IdentityFactory(factory.django.DjangoModelFactory):
    """A pharma company checked by staff (SIREN 552 032 534, valid Luhn key)."""

    class Meta:
        model = OrganisationIdentity

    organisation = factory.SubFactory(OrganisationFactory, kind=Organisation.Kind.PHARMA)
    legal_identifier = "552032534"
    website = "https://pharma.example"
    status = OrganisationIdentity.Status.VERIFIED


class StartupProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StartupProfile

    organisation = factory.SubFactory(OrganisationFactory)
    description = "Suivi à domicile des patients insuffisants cardiaques."
    maturity = "development"
    cash_runway_months = 12
    team_size = 6


class PharmaProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PharmaProfile

    organisation = factory.SubFactory(OrganisationFactory, kind=Organisation.Kind.PHARMA)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(StartupFactory)
    role = Membership.Role.ADMIN


class TargetCompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TargetCompany

    organisation = factory.SubFactory(StartupFactory)
    name = "Laboratoires Exemple"
    level = "affiliate"
    function = "medical"


def _framework_current():
    from checklists.selectors import framework_current

    return framework_current()


class AssessmentFactory(factory.django.DjangoModelFactory):
    """An assessment of a startup for a target meeting, against the current published guide."""

    class Meta:
        model = "partnerships.Assessment"

    organisation = factory.SubFactory(StartupFactory)
    target = factory.SubFactory(TargetCompanyFactory, organisation=factory.SelfAttribute("..organisation"))
    framework = factory.LazyFunction(_framework_current)


def answered_snapshot(*, assessment=None, levels=None, default_level=2, user=None, **profile_facts):
    """A submitted snapshot whose startup criteria are all answered `default_level` (0..3), except the item
    codes given in `levels` (a level or "na"). `profile_facts` set StartupProfile fields first."""
    from checklists.models import Item
    from partnerships.models import Answer
    from partnerships.services.assessments import assessment_snapshot_create

    assessment = assessment or AssessmentFactory()
    if profile_facts:
        profile = assessment.organisation.startup_profile
        for name, value in profile_facts.items():
            setattr(profile, name, value)
        profile.save()
    levels = levels or {}
    answers = []
    for item in Item.objects.filter(framework=assessment.framework, side=Item.Side.STARTUP).exclude(
        kind=Item.Kind.KPI
    ):
        value = levels.get(item.code, default_level)
        if value is None:
            continue
        answers.append(
            Answer(
                assessment=assessment,
                item=item,
                level=None if value == "na" else value,
                not_applicable=value == "na",
            )
        )
    Answer.objects.bulk_create(answers)
    user = user or MembershipFactory(organisation=assessment.organisation).user
    return assessment_snapshot_create(assessment=assessment, user=user)
