"""Who decides on a dossier, for the pharma dossier page: the admins, or the reviewer it is assigned to."""

from dataclasses import dataclass

from ..models import Dossier, Membership, User


@dataclass(frozen=True)
class ReviewHelp:
    admins: list[User]
    assignee: User | None
    may_decide: bool
    may_review: bool


def review_help(user: User, dossier: Dossier) -> ReviewHelp:
    admins = [
        membership.user
        for membership in Membership.objects.filter(organisation_id=dossier.pharma_id, role=Membership.Role.ADMIN)
        .select_related("user")
        .order_by("user__first_name", "user__email")
    ]
    return ReviewHelp(
        admins=admins,
        assignee=dossier.assignee,
        may_decide=user.has_perm("partnerships.decide_dossier", dossier),
        may_review=user.has_perm("partnerships.review_dossier", dossier),
    )
