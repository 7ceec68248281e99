"""Staff verify or reject pharma companies from the admin, as from /staff/verifications/: through the same service,
so each decision is dated, audited and e-mailed to the organisation's admins."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from .models import OrganisationIdentity
from .services.trust import organisation_verification_decide


def _decide(modeladmin, request, queryset, *, verified: bool, reason: str = "") -> None:
    for identity in queryset.select_related("organisation"):
        try:
            organisation_verification_decide(
                organisation=identity.organisation, staff=request.user, verified=verified, reason=reason
            )
        except ValidationError as error:
            modeladmin.message_user(request, f"{identity.organisation}: {' '.join(error.messages)}", messages.ERROR)
        else:
            modeladmin.message_user(request, f"{identity.organisation}: {identity.organisation.identity.status}")


@admin.register(OrganisationIdentity)
class OrganisationIdentityAdmin(admin.ModelAdmin):
    list_display = ("organisation", "legal_identifier", "website", "status", "requested_at", "decided_at", "decided_by")
    list_filter = ("status", "organisation__kind")
    search_fields = ("organisation__name", "legal_identifier", "website")
    readonly_fields = ("status", "requested_at", "decided_at", "decided_by", "reason")
    actions = ["verify", "reject"]

    @admin.action(description=_("Verify the selected organisations"))
    def verify(self, request, queryset):
        _decide(self, request, queryset, verified=True)

    @admin.action(description=_("Reject the selected organisations (with a reason)"))
    def reject(self, request, queryset):
        reason = request.POST.get("reason", "").strip()
        if request.POST.get("confirm") and reason:
            _decide(self, request, queryset, verified=False, reason=reason)
            return None
        # A rejection tells the organisation why: ask for the reason first.
        context = {
            **self.admin_site.each_context(request),
            "title": _("Reject the selected organisations"),
            "identities": queryset.select_related("organisation"),
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            "missing_reason": bool(request.POST.get("confirm")),
        }
        return TemplateResponse(request, "partnerships/trust/admin_reject.html", context)
