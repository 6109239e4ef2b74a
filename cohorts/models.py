from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from cohorts.enums import EnrolmentStatus


class Cohort(models.Model):
    """One run ("promotion") of a programme, e.g. 2026-2027."""

    programme = models.ForeignKey(
        "cms.ProgrammePage", on_delete=models.PROTECT, related_name="cohorts", verbose_name=_("programme")
    )
    label = models.CharField(_("label"), max_length=50, help_text=_("For example 2026-2027."))
    starts_on = models.DateField(_("start date"))
    ends_on = models.DateField(_("end date"))
    capacity = models.PositiveSmallIntegerField(_("capacity"), default=25)
    attendance_threshold = models.PositiveSmallIntegerField(
        _("attendance threshold (%)"),
        default=80,
        validators=[MaxValueValidator(100)],
        help_text=_("Minimum attendance rate at the sessions for the final validation. 0 means no requirement."),
    )
    coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="coordinated_cohorts", blank=True, verbose_name=_("coordinators")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        ordering = ["-starts_on", "label"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gt=F("starts_on")),
                name="cohort_ends_after_start",
                violation_error_message=_("The cohort must end after it starts: check the two dates."),
            ),
            models.UniqueConstraint(fields=["programme", "label"], name="cohort_unique_label_per_programme"),
            models.CheckConstraint(
                condition=Q(attendance_threshold__lte=100),
                name="cohort_attendance_threshold_at_most_100",
                violation_error_message=_("The attendance threshold is a percentage: 100 at most."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme.title} — {self.label}"


class Enrolment(models.Model):
    """A learner's place in a cohort. The single source of "who may follow this programme"."""

    cohort = models.ForeignKey(Cohort, on_delete=models.PROTECT, related_name="enrolments", verbose_name=_("cohort"))
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="enrolments", verbose_name=_("learner")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=EnrolmentStatus.choices, default=EnrolmentStatus.ACTIVE
    )
    enrolled_at = models.DateTimeField(_("enrolled at"), auto_now_add=True)
    # Stamped by `cohorts.services.enrolment_transition`, the only code that changes `status`.
    status_changed_at = models.DateTimeField(_("status changed at"), null=True, blank=True)
    withdrawal_reason = models.TextField(_("reason for withdrawal"), blank=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["cohort", "learner__last_name", "learner__first_name"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "learner"], name="enrolment_unique_per_cohort"),
        ]

    def __str__(self) -> str:
        return f"{self.learner} — {self.cohort}"


class EnrolmentTransition(models.Model):
    """History of an enrolment's status: who, when, from, to, why."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="transitions")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    from_status = models.CharField(max_length=20, choices=EnrolmentStatus.choices)
    to_status = models.CharField(max_length=20, choices=EnrolmentStatus.choices)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("enrolment status change")
        verbose_name_plural = _("enrolment status changes")

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"
