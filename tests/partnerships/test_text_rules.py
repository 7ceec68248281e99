"""What people type: single-line fields stay on one line (an organisation name with a line break once broke
an invitation's e-mail header), and free text has a limit that fits its use, said in the form and enforced
by the server. One mixin (partnerships/forms/text.py) applies both to every form."""

import importlib
import inspect
import pkgutil

import pytest
from django import forms
from django.urls import reverse

import partnerships.forms
from partnerships.forms.text import MESSAGE_MAX_LENGTH, NOTE_MAX_LENGTH, TextRulesMixin, single_line
from partnerships.models import Organisation, TargetCompany
from tests.partnerships.startup_helpers import applicable_criteria, step_post_data
from tests.partnerships.test_pharma_profile import FULL_PROFILE
from tests.partnerships.test_targets import TARGET

pytestmark = pytest.mark.django_db

ONE_LINE_ERROR = "Écrivez-le sur une seule ligne"


def all_form_classes():
    for module_info in pkgutil.iter_modules(partnerships.forms.__path__):
        module = importlib.import_module(f"partnerships.forms.{module_info.name}")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                yield cls


def test_every_form_of_the_app_applies_the_text_rules():
    classes = list(all_form_classes())
    assert len(classes) > 15
    assert [cls.__name__ for cls in classes if not issubclass(cls, TextRulesMixin)] == []


@pytest.mark.parametrize(
    "value", ["Acme\nBcc: victim@example.com", "Acme\r\nX", "Acme\tLab", "Acme\x00", "Acme\u2028Lab", "Acme\u202eLab"]
)
def test_line_breaks_and_control_characters_are_refused_on_one_line(value):
    with pytest.raises(forms.ValidationError):
        single_line(value)


def test_names_in_any_script_with_accents_and_punctuation_stay_accepted():
    for value in ("Laboratoires Servier – France", "Ça Marche ! (SAS)", "株式会社", "O'Neil & Co."):
        single_line(value)


def test_an_organisation_name_with_a_line_break_gets_a_field_error_and_nothing_is_created(client, homeless_user):
    client.force_login(homeless_user)

    response = client.post(reverse("organisation_create"), {"name": "Acme\nBcc: x@example.com", "kind": "startup"})

    assert response.status_code == 200
    assert ONE_LINE_ERROR in str(response.context["form"].errors["name"])
    assert not Organisation.objects.exists()


def test_a_target_name_with_a_line_break_gets_a_field_error_and_keeps_the_rest(alice_client):
    response = alice_client.post(reverse("target_create"), {**TARGET, "name": "Sanofi\r\nFrance"})

    assert response.status_code == 200
    assert ONE_LINE_ERROR in str(response.context["form"].errors["name"])
    assert response.context["form"]["meeting_date"].value() == TARGET["meeting_date"]
    assert not TargetCompany.objects.exists()


def test_a_signup_name_with_a_control_character_is_refused(client):
    data = {"first_name": "Ali\x1bce", "email": "a@b.test", "password1": "un-mot-de-passe-solide"}
    response = client.post(reverse("signup"), {**data, "password2": data["password1"]})

    assert ONE_LINE_ERROR in str(response.context["form"].errors["first_name"])


def test_the_pharma_referent_name_stays_on_one_line(framework, client, paula):
    client.force_login(paula)

    response = client.post(reverse("pharma_profile"), {**FULL_PROFILE, "referent_name": "Claire\nMartin"})

    assert ONE_LINE_ERROR in str(response.context["form"].errors["referent_name"])


def test_free_text_fields_say_their_limit_and_carry_maxlength(alice_client, assessment):
    content = alice_client.get(reverse("assessment_step", args=[assessment.pk, 1])).content.decode()

    assert f'maxlength="{NOTE_MAX_LENGTH}"' in content
    assert "2\xa0000 caractères au maximum" in content  # French grouping, with a no-break space


def test_a_note_longer_than_its_limit_is_refused_with_a_message_and_kept_in_the_form(alice_client, assessment):
    criterion = applicable_criteria(assessment, 1)[0]
    data = step_post_data(assessment, 1, {criterion.code: "3"})
    data[f"{criterion.code}-note"] = "x" * (NOTE_MAX_LENGTH + 1)

    response = alice_client.post(reverse("assessment_step", args=[assessment.pk, 1]), data)

    assert response.status_code == 200
    assert "x" * (NOTE_MAX_LENGTH + 1) in response.content.decode()  # nothing typed is lost
    assert not assessment.answers.filter(item=criterion).exists()


def test_a_pharma_presentation_of_200000_characters_is_refused(framework, client, paula):
    client.force_login(paula)

    response = client.post(reverse("pharma_profile"), {**FULL_PROFILE, "description": "x" * 200_000})

    assert response.status_code == 200
    assert response.context["form"].errors["description"]
    paula.membership.organisation.pharma_profile.refresh_from_db()
    assert paula.membership.organisation.pharma_profile.description == ""


def test_a_cover_message_longer_than_its_limit_is_refused(client, alice, snapshot, pharma_org):
    client.force_login(alice)

    response = client.post(
        reverse("dossier_submit", args=[snapshot.uuid]), {"pharma": pharma_org.pk, "cover_message": "x" * 3001}
    )

    assert response.status_code == 400
    assert response.context["form"].errors["cover_message"]
    assert 'maxlength="3000"' in response.content.decode()


def test_a_line_break_counts_once_as_the_browser_counts_it_for_maxlength(client, dossier, alice):
    """A browser posts a textarea's line breaks as CR LF but counts each as one character against maxlength:
    a message it let through at the limit must not be refused, and is kept with plain line feeds."""
    body = "Ligne\r\n" * 800 + "x" * 199  # 4,999 characters for the browser, 5,799 as posted
    assert len(body.replace("\r\n", "\n")) <= MESSAGE_MAX_LENGTH < len(body)
    client.force_login(alice)

    response = client.post(reverse("dossier_message", args=[dossier.uuid]), {"body": body}, follow=True)

    assert "Message envoyé." in response.content.decode()
    assert dossier.messages.get().body == body.replace("\r\n", "\n").strip()


def test_a_free_text_field_left_out_of_a_post_stays_absent_when_another_is_normalised():
    from django.http import QueryDict

    from partnerships.forms.partnership import ScopeForm

    form = ScopeForm(QueryDict("scope=Ligne+1%0D%0ALigne+2"))

    assert form.data["scope"] == "Ligne 1\nLigne 2"
    assert "documents" not in form.data  # not posted: not made an empty list either
    assert form.is_valid() and form.cleaned_data["documents"] == ""
