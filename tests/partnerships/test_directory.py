"""Startups browse the pharma companies that publish their commitments, and filter them."""

from django.urls import reverse

from partnerships.models import TherapeuticArea
from tests.factories import PharmaFactory


def published(name, *, areas=(), modes=(), level="affiliate", published=True):
    organisation = PharmaFactory(name=name)
    profile = organisation.pharma_profile
    profile.is_published = published
    profile.partnership_modes = list(modes)
    profile.level = level
    profile.typical_decision_weeks = 10
    profile.save()
    profile.therapeutic_areas.set(TherapeuticArea.objects.filter(code__in=areas))
    return profile


def test_the_directory_lists_only_published_profiles_and_filters_them(alice_client):
    cardio, onco = TherapeuticArea.objects.all()[:2]
    published("Cardio Pharma", areas=[cardio.code], modes=["co_promotion"])
    published("Onco Pharma", areas=[onco.code], modes=["equity_investment"], level="head_office")
    published("Hidden Pharma", areas=[cardio.code], published=False)

    page = alice_client.get(reverse("directory")).content.decode()
    assert "Cardio Pharma" in page and "Onco Pharma" in page
    assert "Hidden Pharma" not in page

    by_area = alice_client.get(reverse("directory"), {"therapeutic_area": cardio.code}).content.decode()
    assert "Cardio Pharma" in by_area and "Onco Pharma" not in by_area
    by_mode = alice_client.get(reverse("directory"), {"partnership_mode": "equity_investment"}).content.decode()
    assert "Onco Pharma" in by_mode and "Cardio Pharma" not in by_mode


def test_an_unknown_filter_value_is_ignored_with_the_form_error_not_a_crash(alice_client):
    published("Cardio Pharma")
    response = alice_client.get(reverse("directory"), {"therapeutic_area": "no-such-area"})
    assert response.status_code == 200
    assert "Cardio Pharma" in response.content.decode()


def test_a_published_profile_shows_its_commitments_and_an_unpublished_one_is_404(alice_client):
    profile = published("Cardio Pharma", modes=["co_promotion"])
    profile.decision_makers = "Head of open innovation"
    profile.save()
    hidden = published("Hidden Pharma", published=False)

    page = alice_client.get(reverse("directory_detail", args=[profile.pk])).content.decode()
    assert "Head of open innovation" in page and "Co-promotion" in page
    assert alice_client.get(reverse("directory_detail", args=[hidden.pk])).status_code == 404


def test_the_directory_query_count_does_not_grow_with_the_companies(alice_client, django_assert_max_num_queries):
    areas = list(TherapeuticArea.objects.values_list("code", flat=True)[:3])
    for n in range(3):
        published(f"Pharma {n}", areas=areas)
    with django_assert_max_num_queries(9) as few:
        alice_client.get(reverse("directory"))
    for n in range(3, 18):
        published(f"Pharma {n}", areas=areas)
    with django_assert_max_num_queries(len(few.captured_queries)):
        alice_client.get(reverse("directory"))


def test_a_startup_finds_the_directory_in_its_navigation(alice_client):
    page = alice_client.get(reverse("startup_dashboard")).content.decode()
    navigation = page[page.index("<nav") : page.index("</nav>")]
    assert f'href="{reverse("directory")}">Annuaire</a>' in navigation
