"""Demo: the two reviewers of Laboratoires Exemple France score the demo startup's dossier, and the team shares it.

Called once by `seed_demo`; running it again saves the same scores (idempotent). Goes through the services, so
the scores come from the same engine and the sharing is audited like a real one.
"""

from checklists.selectors import framework_spec
from partnerships.models import Dossier, User
from scoring import applies

from ..services.reviews import dossier_review_save, dossier_reviews_share

# Level given to every item of a step, per reviewer: where they see the startup differently from itself.
LEVELS = {
    "reviewer@demo.test": {1: 3, 2: 2, 3: 1, 4: 1, 5: 2, 6: 3, 7: 0, 8: 2, 9: 2, 10: 3},
    "pharma@demo.test": {1: 3, 2: 3, 3: 1, 4: 0, 5: 2, 6: 2, 7: 1, 8: 2, 9: 1, 10: 3},
}
COMMENTS = {
    "reviewer@demo.test": {
        3: "Le marquage CE est annoncé mais le dossier technique n'est pas encore prêt : à montrer en rendez-vous.",
        7: "Aucune donnée médico-économique : c'est la première question de notre comité.",
    },
    "pharma@demo.test": {
        4: "Le modèle de remboursement (télésurveillance) n'est pas chiffré.",
        9: "Proposez deux ou trois indicateurs de succès mesurables à six mois.",
    },
}


def seed_reviews(*, startup_name: str, pharma_name: str) -> Dossier | None:
    dossier = (
        Dossier.objects.filter(startup__name=startup_name, pharma__name=pharma_name)
        .select_related("snapshot__framework", "pharma", "startup")
        .first()
    )
    if dossier is None:
        return None
    spec = framework_spec(dossier.snapshot.framework)
    facts = dossier.snapshot.facts or {}
    for email, levels in LEVELS.items():
        user = User.objects.get(email=email)
        answers = {
            item.code: levels[step.number] for step in spec.steps for item in step.items if applies(item.rule, facts)
        }
        dossier_review_save(user=user, dossier=dossier, answers=answers, comments=COMMENTS[email])
    admin = User.objects.get(email="pharma@demo.test")
    dossier_reviews_share(user=admin, dossier=dossier, share=True, share_names=False, notify=False)
    return dossier
