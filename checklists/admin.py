"""Staff edit the guide here: texts in both languages, weights, critical flags and rules."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Framework, Item, Phase, Section, Step


class PhaseInline(admin.TabularInline):
    model = Phase
    extra = 0


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin):
    list_display = ("slug", "version", "title_fr", "is_published", "loaded_at")
    list_filter = ("is_published",)
    list_editable = ("is_published",)
    inlines = [PhaseInline]


class SectionInline(admin.TabularInline):
    model = Section
    extra = 0


@admin.register(Step)
class StepAdmin(admin.ModelAdmin):
    list_display = ("number", "title_fr", "title_en", "phase", "framework", "source_line")
    list_filter = ("framework", "phase__code")
    search_fields = ("title_fr", "title_en")
    inlines = [SectionInline]


@admin.register(Item)
class ItemAdmin(admin.ModelAdmin):
    list_display = ("code", "short_text", "step", "side", "kind", "weight", "critical", "source_line")
    list_filter = ("framework", "side", "kind", "critical", "step__number")
    list_editable = ("weight", "critical")
    search_fields = ("code", "text_fr", "text_en", "guidance_fr", "guidance_en")
    list_select_related = ("step",)
    fieldsets = (
        (None, {"fields": ("framework", "step", "section", "code", "order", "side", "kind", "source_line", "tags")}),
        (_("Text"), {"fields": ("text_fr", "text_en", "guidance_fr", "guidance_en")}),
        (
            _("Scoring"),
            {
                "fields": (
                    "weight",
                    "critical",
                    "applicability",
                    "not_applicable_reason_fr",
                    "not_applicable_reason_en",
                )
            },
        ),
    )

    @admin.display(description=_("text"))
    def short_text(self, item: Item) -> str:
        return item.text_fr[:80]
