"""Who the startup is, as its dossier froze it: the rows the pharma dossier page shows, in the reader's language."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from ..models import (
    BusinessModel,
    DeviceClass,
    Dossier,
    Maturity,
    PartnershipMode,
    PharmaExpectation,
    TargetUser,
    TherapeuticArea,
)


@dataclass(frozen=True)
class ProfileRow:
    label: str
    value: str
    is_link: bool = False


def _labels(choices, codes) -> str:
    names = dict(choices)
    return ", ".join(str(names.get(code, code)) for code in codes or ()) or "—"


def _yes_no(value) -> str:
    return _("Yes") if value else _("No")


def frozen_profile_rows(dossier: Dossier) -> list[ProfileRow]:
    profile = dossier.snapshot.profile or {}
    areas = {
        area.code: str(area) for area in TherapeuticArea.objects.filter(code__in=profile.get("therapeutic_areas") or [])
    }
    device = (
        str(dict(DeviceClass.choices).get(profile.get("device_class"), profile.get("device_class") or "—"))
        if profile.get("is_medical_device")
        else _("No")
    )
    team, runway = profile.get("team_size"), profile.get("cash_runway_months")
    sender = dossier.events.filter(from_status="").select_related("actor").first()
    contact = sender.actor if sender and sender.actor else dossier.snapshot.created_by
    rows = [
        ProfileRow(_("What the solution does"), profile.get("description") or "—"),
        ProfileRow(_("Website"), profile.get("website") or "—", is_link=bool(profile.get("website"))),
        ProfileRow(_("Maturity stage"), str(dict(Maturity.choices).get(profile.get("maturity"), "—"))),
        ProfileRow(_("Medical device"), device),
        ProfileRow(_("Artificial intelligence"), _yes_no(profile.get("has_ai"))),
        ProfileRow(_("Health data"), _yes_no(profile.get("processes_health_data"))),
        ProfileRow(_("Business model"), _labels(BusinessModel.choices, profile.get("business_models"))),
        ProfileRow(
            _("Therapeutic areas"), ", ".join(areas.get(c, c) for c in profile.get("therapeutic_areas") or []) or "—"
        ),
        ProfileRow(_("Target users"), _labels(TargetUser.choices, profile.get("target_users"))),
        ProfileRow(_("Team"), _("%(count)s people") % {"count": team} if team else "—"),
        ProfileRow(_("Cash runway"), _("%(months)s months") % {"months": runway} if runway else "—"),
        ProfileRow(
            _("What the startup expects from a pharma partner"),
            _labels(PharmaExpectation.choices, profile.get("pharma_expectations")),
        ),
        ProfileRow(_("Partnership types sought"), _labels(PartnershipMode.choices, profile.get("partnership_sought"))),
        ProfileRow(_("Contact person"), f"{contact} <{contact.email}>" if contact else "—"),
    ]
    return rows
