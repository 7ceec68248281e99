"""Anyone can read the guide the scores are built on, in French or English, straight from the data."""

from django.urls import reverse

from checklists.models import Item, Step


def test_the_guide_page_shows_every_step_and_the_dual_checklist_in_french(framework, client):
    response = client.get(reverse("guide"))

    assert response.status_code == 200
    page = response.content.decode()
    for step in Step.objects.filter(framework=framework):
        assert step.title_fr.replace("'", "&#x27;") in page
    for item in Item.objects.filter(framework=framework, kind__in=["expectation", "commitment"]):
        assert item.text_fr.replace("'", "&#x27;").replace('"', "&quot;") in page, item.code


def test_the_guide_page_speaks_english_under_en(framework, client):
    page = client.get("/en/guide/").content.decode()
    assert "Prepare the pitch well" in page
    assert "Bien préparer le pitch" not in page


def test_a_staff_edit_shows_on_the_guide_page(framework, client):
    Item.objects.filter(framework=framework, code="S5-C1").update(text_fr="Nous partageons tout, simplement.")
    assert "Nous partageons tout, simplement." in client.get(reverse("guide")).content.decode()


def test_the_guide_page_query_count_does_not_grow_with_the_guide(framework, client, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        client.get(reverse("guide"))
    step = Step.objects.get(framework=framework, number=5)
    for n in range(20):
        Item.objects.create(
            framework=framework,
            step=step,
            code=f"X-{n}",
            order=100 + n,
            side="startup",
            kind="criterion",
            text_fr=f"Critère {n}",
            text_en=f"Criterion {n}",
            source_line=740,
        )
    with django_assert_max_num_queries(6):
        client.get(reverse("guide"))
