"""The guide as versioned data: framework → phases → steps → sections → items.

Every text exists in French (the guide's language) and English; `localized()`
picks the active language. A new version of the guide is a new Framework row,
so assessments made against an older version keep their items.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .i18n import active_language


class Bilingual:
    """Mixin for models with `<field>_fr` / `<field>_en` columns."""

    def localized(self, field: str) -> str:
        language = active_language()
        value = getattr(self, f"{field}_{language}", "") or ""
        return value or getattr(self, f"{field}_fr")


class Framework(Bilingual, models.Model):
    slug = models.SlugField(_("identifier"), max_length=80)
    version = models.CharField(_("version"), max_length=20)
    title_fr = models.CharField(_("title (French)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300)
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    is_published = models.BooleanField(
        _("published"), default=False, help_text=_("New assessments use the latest published version.")
    )
    answer_scale = models.JSONField(_("answer scale"), default=list)
    loaded_at = models.DateTimeField(_("loaded at"), auto_now_add=True)
    # Bumped by any edit of the guide's rows (checklists.signals): the key of everything cached from them, read
    # with the framework row that every assessment already loads, so that no query checks freshness.
    revision = models.PositiveIntegerField(_("revision"), default=1, editable=False)

    class Meta:
        verbose_name = _("framework")
        verbose_name_plural = _("frameworks")
        ordering = ["slug", "-loaded_at"]
        constraints = [models.UniqueConstraint(fields=["slug", "version"], name="framework_unique_version")]

    def __str__(self) -> str:
        return f"{self.slug} v{self.version}"

    @property
    def title(self) -> str:
        return self.localized("title")


class Phase(Bilingual, models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="phases")
    code = models.CharField(_("code"), max_length=4)
    order = models.PositiveSmallIntegerField(_("order"))
    title_fr = models.CharField(_("title (French)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    source_line = models.PositiveIntegerField(_("line in the guide"))

    class Meta:
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        ordering = ["framework", "order"]
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="phase_unique_code")]

    def __str__(self) -> str:
        return f"{self.code}. {self.title_fr}"

    @property
    def title(self) -> str:
        return self.localized("title")


class Step(Bilingual, models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="steps")
    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, related_name="steps")
    number = models.PositiveSmallIntegerField(pgettext_lazy("guide step", "number"))
    title_fr = models.CharField(_("title (French)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    summary_fr = models.TextField(_("summary (French)"), blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    source_line = models.PositiveIntegerField(_("line in the guide"))
    # What the app does with a step, in the guide's terms (e.g. "partnership_kpis": the partnerships' KPIs are its
    # evidence), so that no code names a step by its number.
    tags = models.JSONField(_("tags"), default=list, blank=True)

    class Meta:
        verbose_name = pgettext_lazy("guide step", "step")
        verbose_name_plural = pgettext_lazy("guide step", "steps")
        ordering = ["framework", "number"]
        constraints = [models.UniqueConstraint(fields=["framework", "number"], name="step_unique_number")]

    def __str__(self) -> str:
        return f"{self.number}. {self.title_fr}"

    @property
    def title(self) -> str:
        return self.localized("title")

    @property
    def summary(self) -> str:
        return self.localized("summary")


class Section(Bilingual, models.Model):
    step = models.ForeignKey(Step, on_delete=models.CASCADE, related_name="sections")
    code = models.CharField(_("code"), max_length=10)
    order = models.PositiveSmallIntegerField(_("order"))
    title_fr = models.CharField(_("title (French)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    source_line = models.PositiveIntegerField(_("line in the guide"))

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["step", "order"]
        constraints = [models.UniqueConstraint(fields=["step", "code"], name="section_unique_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.title_fr}"

    @property
    def title(self) -> str:
        return self.localized("title")


class Item(Bilingual, models.Model):
    class Side(models.TextChoices):
        STARTUP = "startup", _("Digital-health startup")
        PHARMA = "pharma", _("Pharmaceutical company")

    class Kind(models.TextChoices):
        CRITERION = "criterion", _("Step criterion")
        EXPECTATION = "expectation", _("Stakes and expectations")
        COMMITMENT = "commitment", _("Commitment")
        KPI = "kpi", _("Key performance indicator")

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="items")
    step = models.ForeignKey(Step, on_delete=models.CASCADE, related_name="items")
    section = models.ForeignKey(Section, on_delete=models.SET_NULL, null=True, blank=True, related_name="items")
    code = models.CharField(_("code"), max_length=20)
    order = models.PositiveSmallIntegerField(_("order"))
    side = models.CharField(_("side"), max_length=10, choices=Side.choices)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    text_fr = models.TextField(_("text (French)"))
    text_en = models.TextField(_("text (English)"))
    guidance_fr = models.TextField(_("guidance (French)"), blank=True)
    guidance_en = models.TextField(_("guidance (English)"), blank=True)
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=1, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    critical = models.BooleanField(
        _("critical"), default=False, help_text=_("Left at the lowest levels, it caps its step's score.")
    )
    applicability = models.JSONField(
        _("applicability rule"),
        null=True,
        blank=True,
        help_text=_('Empty: always applies. E.g. {"fact": "is_medical_device", "equals": true}.'),
    )
    not_applicable_reason_fr = models.CharField(_("reason when not applicable (French)"), max_length=300, blank=True)
    not_applicable_reason_en = models.CharField(_("reason when not applicable (English)"), max_length=300, blank=True)
    tags = models.JSONField(_("tags"), default=list, blank=True)
    source_line = models.PositiveIntegerField(_("line in the guide"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("item")
        verbose_name_plural = _("items")
        ordering = ["framework", "step__number", "order"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="item_unique_code"),
            models.CheckConstraint(condition=models.Q(weight__gte=1), name="item_weight_positive"),
        ]
        indexes = [models.Index(fields=["framework", "kind", "side"])]

    def __str__(self) -> str:
        return f"{self.code} {self.text_fr[:60]}"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        from scoring.rules import RuleError, validate_rule

        try:
            validate_rule(self.applicability)
        except RuleError as error:
            raise ValidationError({"applicability": str(error)}) from error

    @property
    def text(self) -> str:
        return self.localized("text")

    @property
    def guidance(self) -> str:
        return self.localized("guidance")

    @property
    def not_applicable_reason(self) -> str:
        return self.localized("not_applicable_reason")
