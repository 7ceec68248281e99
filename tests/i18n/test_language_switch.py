"""The language switcher takes the reader to the same page in the language chosen, both ways (from English back
to French it once left the reader on the English page)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("page", "language", "expected"),
    [
        ("/guide/", "en", "/en/guide/"),
        ("/en/guide/", "fr", "/guide/"),
        ("/en/privacy/?x=1", "fr", "/privacy/?x=1"),
        ("/en/guide/", "en", "/en/guide/"),
    ],
)
def test_switching_language_goes_back_to_the_same_page(client, framework, page, language, expected):
    response = client.post(reverse("set_language"), {"language": language, "next": page})

    assert response.status_code == 302 and response["Location"] == expected
    assert response.cookies["django_language"].value == language
    landing = client.get(expected)
    assert landing.status_code == 200 and f'<html lang="{language}"' in landing.content.decode()


def test_a_next_address_elsewhere_is_not_followed(client):
    response = client.post(reverse("set_language"), {"language": "fr", "next": "https://evil.example/en/"})

    assert response["Location"] == "/"
