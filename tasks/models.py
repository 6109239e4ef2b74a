"""The reminder engine's data: rules (the platform's defaults, edited by administrators), each programme's own
settings of them (edited by its coordinators), and the outbox (one row per e-mail).

Every reminder is a row before it is an e-mail: planned once (a unique key), claimed by one worker,
sent once, and kept so that a coordinator can see who received what, when, and what failed.
"""

import copy
import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.template import Template, TemplateSyntaxError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tasks.enums import Audience, Delivery, OffsetUnit, OutboxKind, OutboxState, PreparedFileStatus

PLACEHOLDERS_HELP = _(
    "Placeholders: {{ first_name }}, {{ full_name }}, {{ action_url }} and those of the rule "
    "(for example {{ cohort }}). Leave a blank line between paragraphs."
)


class ReminderRule(models.Model):
    """One kind of reminder. Declared in code by an app (see `tasks.registry`), then steered here.

    Administrators may change the offset, the wording, the repeat settings and switch the rule on or off;
    `customised` then records that the row differs from the code's defaults, and the sync step leaves
    those fields alone. A programme's coordinators set it for their programme with `ProgrammeRuleSetting`.
    """

    code = models.CharField(_("code"), max_length=100, unique=True)
    app_label = models.CharField(_("application"), max_length=50)
    description = models.TextField(_("description"), blank=True)
    trigger = models.CharField(_("trigger"), max_length=255, help_text=_("What makes this reminder due."))
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices)
    delivery = models.CharField(_("delivery"), max_length=10, choices=Delivery.choices, default=Delivery.EMAIL)
    offset_value = models.IntegerField(
        _("offset"),
        default=0,
        validators=[MinValueValidator(-365), MaxValueValidator(365)],
        help_text=_("Negative: before the reference date (for example -7 = seven days before the closing)."),
    )
    offset_unit = models.CharField(_("offset unit"), max_length=20, choices=OffsetUnit.choices, default=OffsetUnit.DAYS)
    subject_fr = models.CharField(_("subject (French)"), max_length=200)
    subject_en = models.CharField(_("subject (English)"), max_length=200)
    body_fr = models.TextField(_("message (French)"), help_text=PLACEHOLDERS_HELP)
    body_en = models.TextField(_("message (English)"), help_text=PLACEHOLDERS_HELP)
    enabled = models.BooleanField(_("enabled"), default=True)
    repeat_limit = models.PositiveSmallIntegerField(
        _("number of sends"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text=_("How many times at most this reminder is sent for the same reason."),
    )
    repeat_interval_days = models.PositiveSmallIntegerField(
        _("days between repeats"), default=7, validators=[MinValueValidator(1), MaxValueValidator(90)]
    )
    min_days_between = models.PositiveSmallIntegerField(
        _("at most one every (days)"),
        default=0,
        validators=[MaxValueValidator(90)],
        help_text=_("0 = no limit. For example 7: a person receives this reminder at most once a week."),
    )
    escalate = models.BooleanField(
        _("escalate to the coordinator"),
        default=False,
        help_text=_("When the reason is still there after the last send, tell the cohort's coordinators."),
    )
    optional = models.BooleanField(
        _("optional (recipients may unsubscribe)"),
        default=False,
    )
    business_days_only = models.BooleanField(
        _("business days only"), default=False, help_text=_("Never on a weekend or a French public holiday.")
    )
    quiet_hours = models.BooleanField(_("never at night"), default=True)
    customised = models.BooleanField(_("changed by a coordinator"), default=False, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("reminder rule")
        verbose_name_plural = _("reminder rules")
        ordering = ["app_label", "code"]

    def __str__(self) -> str:
        return self.description or self.code

    def save(self, *args, **kwargs):
        if getattr(self, "programme_setting_id", None):
            raise RuntimeError("A programme's view of a rule is never saved: save its ProgrammeRuleSetting.")
        super().save(*args, **kwargs)

    @property
    def offset_label(self) -> str:
        return f"{self.offset_value:+d} {self.get_offset_unit_display()}"

    def clean(self) -> None:
        check_wording(self)


WORDING_FIELDS = ("subject_fr", "subject_en", "body_fr", "body_en")


def check_wording(obj) -> None:
    """Each wording of `obj` (a rule or a programme's setting) must be a valid template."""
    errors = {}
    for name in WORDING_FIELDS:
        try:
            Template(getattr(obj, name) or "")
        except TemplateSyntaxError as exc:
            errors[name] = _("This text has a placeholder error: %(error)s") % {"error": exc}
    if errors:
        raise ValidationError(errors)


class ProgrammeRuleSetting(models.Model):
    """One programme's own setting of a rule, chosen by its coordinators. A blank value follows the platform
    default (the rule, which administrators edit). Applies to the reminders of the programme's cohorts."""

    OVERRIDES = (
        "enabled",
        "offset_value",
        "subject_fr",
        "subject_en",
        "body_fr",
        "body_en",
        "repeat_limit",
        "repeat_interval_days",
    )

    rule = models.ForeignKey(
        ReminderRule, on_delete=models.CASCADE, related_name="programme_settings", verbose_name=_("rule")
    )
    programme = models.ForeignKey(
        "cms.ProgrammePage", on_delete=models.CASCADE, related_name="reminder_settings", verbose_name=_("programme")
    )
    enabled = models.BooleanField(_("enabled"), null=True, blank=True)
    offset_value = models.IntegerField(
        _("offset"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-365), MaxValueValidator(365)],
        help_text=_("Negative: before the reference date (for example -7 = seven days before the closing)."),
    )
    subject_fr = models.CharField(_("subject (French)"), max_length=200, blank=True)
    subject_en = models.CharField(_("subject (English)"), max_length=200, blank=True)
    body_fr = models.TextField(_("message (French)"), blank=True, help_text=PLACEHOLDERS_HELP)
    body_en = models.TextField(_("message (English)"), blank=True, help_text=PLACEHOLDERS_HELP)
    repeat_limit = models.PositiveSmallIntegerField(
        _("number of sends"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    repeat_interval_days = models.PositiveSmallIntegerField(
        _("days between repeats"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(90)]
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("programme's reminder setting")
        verbose_name_plural = _("programmes' reminder settings")
        constraints = [
            models.UniqueConstraint(fields=["rule", "programme"], name="programme_rule_setting_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.rule_id} / {self.programme_id}"

    def clean(self) -> None:
        check_wording(self)

    def overridden(self) -> dict:
        """The values this programme chose (blank ones follow the rule)."""
        return {name: getattr(self, name) for name in self.OVERRIDES if getattr(self, name) not in (None, "")}

    def applied_to(self, rule: ReminderRule) -> ReminderRule:
        """The rule as this programme's reminders use it: a copy (never saved) with the chosen values."""
        view = copy.copy(rule)
        for name, value in self.overridden().items():
            setattr(view, name, value)
        view.programme_setting_id = self.pk
        return view


class ProgrammeRuleSettingChange(models.Model):
    """History of a programme's settings: who changed what, when (before and after of each field)."""

    rule = models.ForeignKey(ReminderRule, on_delete=models.CASCADE, related_name="+")
    programme = models.ForeignKey("cms.ProgrammePage", on_delete=models.CASCADE, related_name="+")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    at = models.DateTimeField(auto_now_add=True)
    reset = models.BooleanField(default=False, help_text="Back to the platform default.")
    changes = models.JSONField(default=dict, blank=True, help_text="{field: [before, after]}")

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.rule_id} / {self.programme_id} @ {self.at:%Y-%m-%d %H:%M}"


class Outbox(models.Model):
    """One e-mail to send (or one line of a digest): who, about what, when, and what became of it."""

    rule = models.ForeignKey(ReminderRule, on_delete=models.PROTECT, related_name="outbox", verbose_name=_("rule"))
    kind = models.CharField(_("kind"), max_length=12, choices=OutboxKind.choices, default=OutboxKind.REMINDER)
    delivery = models.CharField(_("delivery"), max_length=10, choices=Delivery.choices, default=Delivery.EMAIL)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reminders",
        verbose_name=_("recipient"),
    )
    recipient_email = models.EmailField(_("recipient e-mail"))
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, null=True, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    subject = GenericForeignKey("content_type", "object_id")
    cohort = models.ForeignKey(
        "cohorts.Cohort",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reminders",
        verbose_name=_("cohort"),
    )
    key = models.CharField(_("unique key"), max_length=255)
    base_key = models.CharField(max_length=200, help_text="The reason, without the occurrence number.")
    occurrence = models.PositiveSmallIntegerField(_("send number"), default=1)
    due_at = models.DateTimeField(_("due at"))
    state = models.CharField(_("state"), max_length=10, choices=OutboxState.choices, default=OutboxState.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    claim_token = models.CharField(max_length=64, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    sent_subject = models.CharField(_("subject sent"), max_length=255, blank=True)
    digest = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="items",
        verbose_name=_("sent within digest"),
    )
    digest_rule = models.ForeignKey(
        ReminderRule,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="For a digest line: the digest that will carry it.",
    )
    action_url = models.CharField(_("link"), max_length=500, blank=True)
    context = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("outbox")
        ordering = ["-due_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["key"], name="outbox_unique_key"),
            models.CheckConstraint(
                condition=~Q(state=OutboxState.SENT) | Q(sent_at__isnull=False),
                name="outbox_sent_has_time",
                violation_error_message=_("A sent message records when it was sent."),
            ),
        ]
        indexes = [
            models.Index(fields=["state", "due_at"], name="outbox_state_due"),
            models.Index(fields=["rule", "base_key"], name="outbox_rule_reason"),
            models.Index(fields=["recipient", "rule", "sent_at"], name="outbox_recipient_rule_sent"),
            models.Index(fields=["cohort", "state"], name="outbox_cohort_state"),
        ]

    def __str__(self) -> str:
        return f"{self.rule} → {self.recipient_email} ({self.get_state_display()})"


class OutboxEvent(models.Model):
    """History of an outbox row: who (or which process) moved it, when, from what, to what, and why."""

    outbox = models.ForeignKey(Outbox, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    from_state = models.CharField(max_length=10, choices=OutboxState.choices)
    to_state = models.CharField(max_length=10, choices=OutboxState.choices)
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.outbox_id}: {self.from_state} → {self.to_state}"


class ReminderOptOut(models.Model):
    """A person who asked not to receive an optional reminder any more (one-click unsubscribe)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_opt_outs")
    rule = models.ForeignKey(ReminderRule, on_delete=models.CASCADE, related_name="opt_outs")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "rule"], name="optout_unique_user_rule")]

    def __str__(self) -> str:
        return f"{self.user_id} ✗ {self.rule_id}"


class TickLock(models.Model):
    """A lease in the database, used to keep a single dispatcher when there is no Redis."""

    name = models.CharField(max_length=50, primary_key=True)
    locked_until = models.DateTimeField()
    holder = models.CharField(max_length=100, blank=True)

    def __str__(self) -> str:
        return self.name


def prepared_file_path(instance, filename: str) -> str:
    # The row's random id in the path: nobody can guess another person's file from its name.
    return f"prepared/{instance.pk}/{filename}"


class PreparedFile(models.Model):
    """A file built in the background for one person (a long export, a large PDF), kept until `expires_at`.

    What it holds is named by `kind` (a builder declared by an app in its `prepared_files` module, see
    `tasks.prepared_files`) and `params` (the ids it is made of). Only `requested_by` may download it, and only
    while the builder still says they may read what it holds.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="prepared_files", verbose_name=_("asked by")
    )
    kind = models.CharField(_("kind"), max_length=100)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    # The same file asked twice while the first is still being built: one row (kind and parameters, hashed).
    key = models.CharField(_("key"), max_length=64)
    language = models.CharField(_("language"), max_length=10, blank=True)
    title = models.CharField(_("title"), max_length=255)
    status = models.CharField(
        _("status"), max_length=10, choices=PreparedFileStatus.choices, default=PreparedFileStatus.QUEUED
    )
    done = models.PositiveIntegerField(_("steps done"), default=0)
    total = models.PositiveIntegerField(_("steps in all"), default=0)
    file = models.FileField(_("file"), upload_to=prepared_file_path, max_length=255, blank=True)
    filename = models.CharField(_("file name"), max_length=255, blank=True)
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("asked at"), default=timezone.now)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("deleted after"))

    class Meta:
        verbose_name = _("prepared file")
        verbose_name_plural = _("prepared files")
        indexes = [
            models.Index(fields=["expires_at"], name="prepared_file_expiry"),
            models.Index(fields=["requested_by", "key", "status"], name="prepared_file_asked"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def percent(self) -> int:
        if self.status == PreparedFileStatus.READY:
            return 100
        if not self.total:
            return 0
        return min(99, self.done * 100 // self.total)
