"""Reviewers score a dossier on the guide's ten steps: Rita (reviewer) and Paula (admin) of Pharma Lab score
Alice's startup; the team sees each score, the mean and the divergence; Alice sees nothing of it until the team
shares it (not on her pages, e-mails or data export), and the reviewers' names only if the team shares them."""

import csv
import io
import json
import zipfile

import pytest
from django.core import mail
from django.urls import reverse

from checklists.selectors import framework_spec
from partnerships.models import AuditEvent, Dossier, DossierReview, DossierTeamReview, Membership
from partnerships.services.dossiers import DossierError, dossier_assign, dossier_transition, dossier_withdraw
from partnerships.services.reviews import dossier_review_save, dossier_reviews_share
from scoring import applies, score
from scoring.team import review_step_scores
from tests.factories import MembershipFactory

RITA_COMMENT = "Preuves cliniques encore minces pour un dispositif de classe IIa."
PAULA_COMMENT = "Le modèle économique doit être précisé avant le comité."


def applicable_codes(dossier: Dossier) -> set[str]:
    spec = framework_spec(dossier.snapshot.framework)
    return {item.code for step in spec.steps for item in step.items if applies(item.rule, dossier.snapshot.facts)}


def review_form_data(client, dossier: Dossier, level, comments: dict[int, str] | None = None) -> dict:
    """Every item of the reviewer's form answered `level`, and the given comments per step."""
    response = client.get(reverse("dossier_review", args=[dossier.uuid]))
    assert response.status_code == 200
    data = {name: str(level) for name in response.context["form"].fields if name.startswith("item-")}
    data.update({f"comment-{number}": text for number, text in (comments or {}).items()})
    return data


def score_all(user, dossier: Dossier, level: int, comments: dict[int, str] | None = None) -> DossierReview:
    return dossier_review_save(
        user=user, dossier=dossier, answers=dict.fromkeys(applicable_codes(dossier), level), comments=comments or {}
    )


@pytest.fixture
def reviewed(dossier, rita, paula):
    """Alice rated herself 2 on every item (67 per step); Rita scores 1 (33) and Paula 0 (0): the team says 17."""
    score_all(rita, dossier, 1, {1: RITA_COMMENT})
    score_all(paula, dossier, 0, {2: PAULA_COMMENT})
    return dossier


def test_a_reviewer_scores_the_items_that_apply_to_the_frozen_profile_with_the_same_engine(client, rita, dossier):
    # After sending, the startup declares a medical device with AI: the dossier keeps the profile it was sent with.
    profile = dossier.startup.startup_profile
    profile.is_medical_device, profile.has_ai, profile.device_class = True, True, "IIa"
    profile.save()
    client.force_login(rita)
    data = review_form_data(client, dossier, 3, {1: RITA_COMMENT})
    assert {name.removeprefix("item-") for name in data if name.startswith("item-")} == applicable_codes(dossier)

    response = client.post(reverse("dossier_review", args=[dossier.uuid]), data)
    assert response.status_code == 302 and response.url.endswith("#reviewer-scores")

    review = DossierReview.objects.get(dossier=dossier, reviewer=rita)
    expected = review_step_scores(
        score(framework_spec(dossier.snapshot.framework), dossier.snapshot.facts, review.answers)
    )
    assert review.step_scores == {str(number): value for number, value in expected.items()}
    assert review.comments == {"1": RITA_COMMENT}
    assert review.overall_score == 100
    # Editing again shows what was saved.
    form = client.get(reverse("dossier_review", args=[dossier.uuid])).context["form"]
    assert form["comment-1"].value() == RITA_COMMENT


def test_the_team_sees_each_reviewer_the_mean_and_the_divergence_highlighted(client, reviewed, paula):
    team = DossierTeamReview.objects.get(dossier=reviewed)
    assert team.reviewer_count == 2 and not team.is_shared
    assert team.team_score == pytest.approx(100 / 6)  # mean of 33.3 and 0
    assert team.divergence == pytest.approx(200 / 3 - 100 / 6)  # 67 − 17 = 50: the startup over-estimates itself

    client.force_login(paula)
    response = client.get(reverse("pharma_dossier_detail", args=[reviewed.uuid]))
    page = response.content.decode()
    assert 'id="review-comparison"' in page and "Rita" in page and "Paula" in page
    assert page.count("divergence-over") == 11  # ten steps and the overall line
    assert RITA_COMMENT in page and PAULA_COMMENT in page
    assert "Pas partagé avec la start-up\xa0: elle ne voit ni ces notes ni ces commentaires." in page
    assert 'id="review-sharing-form"' in page  # Paula is an admin


def test_a_step_left_blank_is_not_reviewed_and_leaves_the_mean(rita, paula, dossier):
    codes = sorted(applicable_codes(dossier))
    spec = framework_spec(dossier.snapshot.framework)
    first_step = {item.code for item in spec.steps[0].items} & set(codes)
    dossier_review_save(user=rita, dossier=dossier, answers=dict.fromkeys(first_step, 3), comments={})
    review = DossierReview.objects.get(reviewer=rita)
    assert review.step_scores["1"] == 100 and review.step_scores["2"] is None
    assert DossierTeamReview.objects.get(dossier=dossier).team_score == 100


def test_bad_input_is_refused_with_a_message_and_nothing_typed_is_lost(client, rita, dossier):
    client.force_login(rita)
    data = review_form_data(client, dossier, 2, {3: "x" * 3001, 4: "Bon alignement avec notre besoin."})
    first_item = next(name for name in data if name.startswith("item-"))
    data[first_item] = "7"
    response = client.post(reverse("dossier_review", args=[dossier.uuid]), data)
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors[first_item] and form.errors["comment-3"]
    assert form["comment-4"].value() == "Bon alignement avec notre besoin."
    assert not DossierReview.objects.exists()
    # The page is long: a summary at its top, which takes the focus, links to each field in error.
    page = response.content.decode()
    assert 'id="error-summary"' in page and page.index('id="error-summary"') < page.index('id="review-step-1"')
    assert f'href="#{form["comment-3"].id_for_label}"' in page


def test_who_scores_and_who_shares(client, dossier, rita, paula, oscar, alice):
    member = MembershipFactory(organisation=dossier.pharma, role=Membership.Role.MEMBER).user
    url = reverse("dossier_review", args=[dossier.uuid])
    sharing = reverse("dossier_review_sharing", args=[dossier.uuid])
    for user, expected in [(member, 403), (oscar, 404), (alice, 404), (rita, 200), (paula, 200)]:
        client.force_login(user)
        assert client.get(url).status_code == expected, user
    score_all(rita, dossier, 2)
    client.force_login(rita)
    assert client.post(sharing, {"share": "on"}).status_code == 403  # not assigned: not hers to decide
    dossier_assign(user=paula, dossier=dossier, assignee=rita)
    assert client.post(sharing, {"share": "on"}).status_code == 302
    assert DossierTeamReview.objects.get(dossier=dossier).is_shared
    client.force_login(member)  # a plain member reads the team's scores
    page = client.get(reverse("pharma_dossier_detail", args=[dossier.uuid])).content.decode()
    assert 'id="review-comparison"' in page and reverse("dossier_review", args=[dossier.uuid]) not in page


def test_a_withdrawn_dossier_is_no_longer_scored(client, alice, rita, dossier):
    dossier_withdraw(user=alice, dossier=dossier, notify=False)
    client.force_login(rita)
    assert client.get(reverse("dossier_review", args=[dossier.uuid])).status_code == 403
    with pytest.raises(DossierError):
        score_all(rita, dossier, 2)


def test_sharing_nothing_is_refused_with_a_message(client, paula, dossier):
    client.force_login(paula)
    response = client.post(reverse("dossier_review_sharing", args=[dossier.uuid]), {"share": "on"}, follow=True)
    page = response.content.decode()
    assert "Aucun évaluateur n&#x27;a encore noté ce dossier\xa0: il n&#x27;y a rien à partager." in page
    assert not DossierTeamReview.objects.filter(is_shared=True).exists()


def _startup_export(client, alice) -> str:
    client.force_login(alice)
    archive = zipfile.ZipFile(io.BytesIO(client.post(reverse("privacy_export")).content))
    return archive.read("data.json").decode()


def test_before_sharing_nothing_reaches_the_startup(client, alice, paula, reviewed, django_capture_on_commit_callbacks):
    # A status change e-mails the startup: it says nothing of the reviews.
    with django_capture_on_commit_callbacks(execute=True):
        dossier_transition(user=paula, dossier=reviewed, to_status=Dossier.Status.IN_REVIEW)
    assert mail.outbox and all(RITA_COMMENT not in m.body and "Rita" not in m.body for m in mail.outbox)

    client.force_login(alice)
    for url in (reverse("startup_dossier_detail", args=[reviewed.uuid]), reverse("startup_dossiers")):
        page = client.get(url).content.decode()
        assert RITA_COMMENT not in page and PAULA_COMMENT not in page and "Rita" not in page
        assert "shared-review" not in page

    exported = _startup_export(client, alice)
    assert RITA_COMMENT not in exported and "Rita" not in exported and "reviewers_assessment" not in exported


def test_once_shared_the_startup_sees_self_vs_reviewers_anonymously_then_with_names(
    client, alice, paula, reviewed, django_capture_on_commit_callbacks
):
    sharing = reverse("dossier_review_sharing", args=[reviewed.uuid])
    client.force_login(paula)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(sharing, {"share": "on"})
    # The startup is told by e-mail, with a link; the scores and comments stay on the page.
    assert [m.to[0] for m in mail.outbox] == ["alice@cardio.test"]
    assert RITA_COMMENT not in mail.outbox[0].body
    assert reverse("startup_dossier_detail", args=[reviewed.uuid]) in mail.outbox[0].body
    assert AuditEvent.objects.filter(organisation=reviewed.pharma, action="dossier_reviews_shared").exists()
    # Nothing on the startup's side names who shared (its audit trail shows the actor's e-mail).
    assert not AuditEvent.objects.filter(organisation=reviewed.startup, action__startswith="dossier_review").exists()

    client.force_login(alice)
    page = client.get(reverse("startup_dossier_detail", args=[reviewed.uuid])).content.decode()
    assert 'id="shared-comparison"' in page
    assert RITA_COMMENT in page and PAULA_COMMENT in page
    assert "Rita" not in page and "Paula" not in page  # names are not shared
    assert "Évaluateur 1" in page and "Évaluateur 2" in page
    assert page.count("divergence-over") == 11
    exported = json.loads(_startup_export(client, alice))
    shared = exported["dossiers_sent"][0]["reviewers_assessment"]
    assert shared["team_score"] == pytest.approx(100 / 6) and "Rita" not in json.dumps(shared)

    client.force_login(paula)
    client.post(sharing, {"share": "on", "share_names": "on"})
    client.force_login(alice)
    page = client.get(reverse("startup_dossier_detail", args=[reviewed.uuid])).content.decode()
    assert "Rita" in page and "Paula" in page

    client.force_login(paula)
    client.post(sharing, {})  # the team takes it back
    assert AuditEvent.objects.filter(action="dossier_reviews_unshared").count() == 1
    client.force_login(alice)
    page = client.get(reverse("startup_dossier_detail", args=[reviewed.uuid])).content.decode()
    assert RITA_COMMENT not in page and "shared-comparison" not in page


def test_the_pharma_export_keeps_every_review(client, rita, reviewed):
    client.force_login(rita)
    archive = zipfile.ZipFile(io.BytesIO(client.post(reverse("privacy_export")).content))
    data = json.loads(archive.read("data.json"))
    reviews = data["dossiers_received"][0]["reviews"]
    assert {review["reviewer"] for review in reviews} == {"Rita", "Paula"}
    assert RITA_COMMENT in json.dumps(reviews)


def test_the_inbox_sorts_and_filters_by_team_score_and_divergence_and_exports_them(
    client, snapshot, pharma_org, rita, paula, alice
):
    from tests.partnerships.test_inbox import make_dossier

    high = make_dossier(snapshot, pharma_org, "Haute Note")  # team 100: the startup (67) under-estimates itself
    low = make_dossier(snapshot, pharma_org, "Basse Note")  # team 0: over-estimates itself
    near = make_dossier(snapshot, pharma_org, "Proche")  # team 67: aligned
    make_dossier(snapshot, pharma_org, "Sans Avis")
    score_all(rita, high, 3)
    score_all(rita, low, 0)
    score_all(rita, near, 2)

    client.force_login(paula)

    def names(**params) -> list[str]:
        return [d.startup_name for d in client.get(reverse("pharma_inbox"), params).context["dossiers"]]

    assert names(sort="team_score") == ["Haute Note", "Proche", "Basse Note", "Sans Avis"]
    by_gap = names(sort="divergence")
    assert by_gap[:2] == ["Basse Note", "Haute Note"] and by_gap[-1] == "Sans Avis"  # 67 apart, 33, …, none
    assert names(team_band="ready") == ["Haute Note"]
    assert names(team_band="nearly") == ["Proche"]
    assert names(team_band="none") == ["Sans Avis"]
    assert names(divergence="over") == ["Basse Note"]
    assert names(divergence="under") == ["Haute Note"]
    assert sorted(names(divergence="diverging")) == ["Basse Note", "Haute Note"]
    assert names(divergence="aligned") == ["Proche"]

    page = client.get(reverse("pharma_inbox")).content.decode()
    assert page.count(" divergent") == 2

    rows = list(csv.reader(io.StringIO(client.get(reverse("pharma_inbox_csv")).content.decode("utf-8-sig"))))
    header = rows[0]
    by_name = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    team, gap = header[-2], header[-1]
    assert (by_name["Basse Note"][team], by_name["Basse Note"][gap]) == ("0", "67")
    assert (by_name["Haute Note"][team], by_name["Haute Note"][gap]) == ("100", "-33")
    assert (by_name["Sans Avis"][team], by_name["Sans Avis"][gap]) == ("", "")


def test_the_dossier_pages_run_the_same_queries_with_one_or_two_reviewers(
    client, dossier, rita, paula, alice, django_assert_num_queries, django_assert_max_num_queries
):
    dossier_assign(user=paula, dossier=dossier, assignee=rita)
    score_all(rita, dossier, 2, {1: RITA_COMMENT})
    dossier_reviews_share(user=paula, dossier=dossier, share=True, share_names=False, notify=False)
    pages = [
        (paula, reverse("pharma_dossier_detail", args=[dossier.uuid])),
        (alice, reverse("startup_dossier_detail", args=[dossier.uuid])),
    ]
    counts = []
    for user, url in pages:
        client.force_login(user)
        client.get(url)  # the first view warms the guide's cache (steps per framework version and language)
        with django_assert_max_num_queries(40) as captured:
            client.get(url)
        counts.append(len(captured.captured_queries))
    score_all(paula, dossier, 1, {2: PAULA_COMMENT})
    for (user, url), count in zip(pages, counts, strict=True):
        client.force_login(user)
        with django_assert_num_queries(count):
            assert client.get(url).status_code == 200


def test_the_demo_has_a_dossier_scored_by_two_reviewers_and_shared(framework, client):
    from django.core.management import call_command

    from partnerships.management.demo_reviews import seed_reviews
    from partnerships.models import User

    call_command("seed_demo", verbosity=0)
    team = DossierTeamReview.objects.select_related("dossier").get(reviewer_count=2)
    assert team.is_shared and not team.names_shared
    assert team.dossier.startup_name == "CardioSuivi"
    seed_reviews(startup_name="CardioSuivi", pharma_name=team.dossier.pharma.name)  # again: nothing new
    assert DossierReview.objects.count() == 2

    client.force_login(User.objects.get(email="startup@demo.test"))
    page = client.get(reverse("startup_dossier_detail", args=[team.dossier.uuid])).content.decode()
    assert 'id="shared-comparison"' in page and "médico-économique" in page
