"""Permissions, declared once. Views use `permission_required`; templates use `{% has_perm %}`.

Querysets are also scoped to the user's organisation in selectors, so a foreign id is a 404.
Object permissions take an object that has an `organisation` (or is an Organisation).
"""

import rules

from .membership import membership_of


def _organisation_of(obj):
    return obj if obj.__class__.__name__ == "Organisation" else obj.organisation


@rules.predicate
def is_startup_member(user) -> bool:
    membership = membership_of(user)
    return membership is not None and membership.organisation.is_startup


@rules.predicate
def is_pharma_member(user) -> bool:
    membership = membership_of(user)
    return membership is not None and membership.organisation.is_pharma


@rules.predicate
def is_org_admin(user) -> bool:
    membership = membership_of(user)
    return membership is not None and membership.is_admin


def member_of(name: str, organisation_id_of):
    """A predicate: the user belongs to the organisation `organisation_id_of(obj)` names (one rule for every kind
    of object: an organisation, a snapshot, a report, either side of a dossier)."""

    def check(user, obj) -> bool:
        membership = membership_of(user)
        return membership is not None and obj is not None and membership.organisation_id == organisation_id_of(obj)

    return rules.predicate(check, name=name)


is_member_of = member_of("is_member_of", lambda obj: _organisation_of(obj).pk)


# Startup side
rules.add_perm("partnerships.use_startup_tools", is_startup_member)
rules.add_perm("partnerships.edit_startup_data", is_startup_member & is_member_of)

# Organisation administration
rules.add_perm("partnerships.manage_members", is_org_admin & is_member_of)
rules.add_perm("partnerships.view_audit_trail", is_org_admin & is_member_of)
rules.add_perm("partnerships.manage_api_tokens", is_org_admin & is_member_of)
rules.add_perm("partnerships.manage_benchmark", is_startup_member & is_org_admin & is_member_of)

# Pharma side
rules.add_perm("partnerships.use_pharma_tools", is_pharma_member)
rules.add_perm("partnerships.edit_pharma_profile", is_pharma_member & is_org_admin & is_member_of)


# Reports (PDF pitch-prep): the startup that owns the snapshot; a pharma company sees a report
# only when a dossier it received carries it.
def _report_organisation_id(report) -> int:
    return report.snapshot.assessment.organisation_id


is_member_of_snapshot_organisation = member_of(
    "is_member_of_snapshot_organisation", lambda snapshot: snapshot.assessment.organisation_id
)
is_member_of_report_organisation = member_of("is_member_of_report_organisation", _report_organisation_id)


@rules.predicate
def received_report_in_dossier(user, report) -> bool:
    from .models import Dossier

    membership = membership_of(user)
    return (
        membership is not None
        and report is not None
        and Dossier.objects.filter(report=report, pharma_id=membership.organisation_id)
        .exclude(status=Dossier.Status.WITHDRAWN)  # withdrawn: the dossier stays readable, its report is not served
        .exists()
    )


rules.add_perm("partnerships.request_report", is_startup_member & is_member_of_snapshot_organisation)
rules.add_perm("partnerships.view_report", is_member_of_report_organisation | received_report_in_dossier)


# Dossiers. Who may do what:
# - a startup's members (any role) submit its snapshots, see its dossiers and their shared messages, write to
#   the pharma team and withdraw an open dossier; they never see internal notes;
# - every member of the pharma company that received a dossier sees it, its internal notes and the inbox;
# - reviewers and admins review: move a dossier along the workflow, write messages and internal notes,
#   export the inbox;
# - the decision (partnership started, declined) is the admins', or the reviewer the dossier is assigned to;
# - only admins assign dossiers to reviewers.
# Dossiers of other organisations are not in the user's querysets at all (selectors), so they answer 404.
def _is_pharma_role(user, roles) -> bool:
    membership = membership_of(user)
    return membership is not None and membership.organisation.is_pharma and membership.role in roles


@rules.predicate
def is_pharma_reviewer(user) -> bool:
    return _is_pharma_role(user, ("reviewer", "admin"))


@rules.predicate
def is_pharma_admin(user) -> bool:
    return _is_pharma_role(user, ("admin",))


is_member_of_dossier_startup = member_of("is_member_of_dossier_startup", lambda dossier: dossier.startup_id)
is_member_of_dossier_pharma = member_of("is_member_of_dossier_pharma", lambda dossier: dossier.pharma_id)


@rules.predicate
def is_dossier_assignee(user, dossier) -> bool:
    return dossier is not None and user.is_authenticated and dossier.assignee_id == user.pk


@rules.predicate
def is_dossier_open(user, dossier) -> bool:
    return dossier is not None and dossier.is_open and dossier.status != "withdrawn"


rules.add_perm("partnerships.submit_dossier", is_startup_member & is_member_of_snapshot_organisation)
rules.add_perm("partnerships.view_sent_dossier", is_startup_member & is_member_of_dossier_startup)
rules.add_perm("partnerships.withdraw_dossier", is_startup_member & is_member_of_dossier_startup & is_dossier_open)
rules.add_perm("partnerships.view_inbox", is_pharma_member)
rules.add_perm("partnerships.export_inbox", is_pharma_reviewer)
rules.add_perm("partnerships.view_received_dossier", is_pharma_member & is_member_of_dossier_pharma)
# Either side of a dossier (its messages, its CDA): the startup that sent it or the pharma company it went to.
rules.add_perm(
    "partnerships.view_dossier",
    (is_startup_member & is_member_of_dossier_startup) | (is_pharma_member & is_member_of_dossier_pharma),
)
rules.add_perm("partnerships.review_dossier", is_pharma_reviewer & is_member_of_dossier_pharma)
rules.add_perm(
    "partnerships.decide_dossier",
    is_member_of_dossier_pharma & (is_pharma_admin | (is_pharma_reviewer & is_dossier_assignee)),
)
rules.add_perm("partnerships.assign_dossier", is_pharma_admin & is_member_of_dossier_pharma)
rules.add_perm(
    "partnerships.write_dossier_message",
    (is_startup_member & is_member_of_dossier_startup) | (is_pharma_reviewer & is_member_of_dossier_pharma),
)
rules.add_perm("partnerships.write_internal_note", is_pharma_reviewer & is_member_of_dossier_pharma)


# Trust (verification and CDA). Staff verify pharma companies. On a dossier, the startup's members write its
# confidential part and revoke access to it; a CDA is proposed and accepted by any member of the startup or by an
# admin of the pharma company (a legal commitment of the company). Reading the confidential part under a CDA in
# force is checked by `selectors.trust.confidential_part_for_pharma`.
@rules.predicate
def is_platform_staff(user) -> bool:
    return user.is_authenticated and user.is_staff


rules.add_perm("partnerships.verify_organisations", is_platform_staff)
rules.add_perm("partnerships.edit_identity", is_org_admin & is_member_of)
rules.add_perm("partnerships.edit_confidential_part", is_startup_member & is_member_of_dossier_startup)
rules.add_perm("partnerships.revoke_cda", is_startup_member & is_member_of_dossier_startup)
rules.add_perm(
    "partnerships.propose_cda",
    (is_startup_member & is_member_of_dossier_startup) | (is_pharma_admin & is_member_of_dossier_pharma),
)


# Reviewers' scores (issue 13): reviewers and admins of the receiving company score the startup on the ten
# steps; every member of the team reads them; sharing them with the startup speaks for the team, so it is the
# admins' or the assigned reviewer's, like a decision. Nothing is scored or shared on a withdrawn dossier.
@rules.predicate
def is_dossier_not_withdrawn(user, dossier) -> bool:
    return dossier is not None and dossier.status != "withdrawn"


rules.add_perm(
    "partnerships.score_dossier", is_pharma_reviewer & is_member_of_dossier_pharma & is_dossier_not_withdrawn
)
rules.add_perm(
    "partnerships.share_dossier_reviews",
    is_member_of_dossier_pharma
    & (is_pharma_admin | (is_pharma_reviewer & is_dossier_assignee))
    & is_dossier_not_withdrawn,
)


# The partnership space (meetings, KPIs, feedback), shared by the two sides of a dossier once a meeting is
# proposed: every member of either organisation reads it; the startup's members and the pharma company's
# reviewers and admins act in it; the pharma team proposes the meetings. Anyone else does not find it (404).
@rules.predicate
def is_partnership_space_open(user, dossier) -> bool:
    return dossier is not None and dossier.status in ("meeting_proposed", "partnership_started")


rules.add_perm(
    "partnerships.view_partnership",
    is_partnership_space_open & (is_member_of_dossier_startup | is_member_of_dossier_pharma),
)
rules.add_perm(
    "partnerships.act_in_partnership",
    is_partnership_space_open
    & ((is_startup_member & is_member_of_dossier_startup) | (is_pharma_reviewer & is_member_of_dossier_pharma)),
)
rules.add_perm(
    "partnerships.propose_meeting", is_partnership_space_open & is_pharma_reviewer & is_member_of_dossier_pharma
)
