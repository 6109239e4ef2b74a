"""Host organisations, tutors, placements and everything that happens during an internship."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from core.uploads import safe_stored_name
from internships.enums import (
    MAX_HOURS_PER_DAY,
    AgreementKind,
    AmendmentStatus,
    Competency,
    ConcernStatus,
    DayType,
    EvaluationKind,
    EvaluationStatus,
    HostKind,
    Level,
    LinkPurpose,
    PlacementStatus,
    SessionKind,
    Severity,
    SignatureParty,
    WeekStatus,
)
from internships.errors import InternshipError


def validate_siret(value: str) -> None:
    """A SIRET is 14 digits whose Luhn checksum is valid."""
    if not (len(value) == 14 and value.isdigit()):
        raise ValidationError(_("A SIRET number has exactly 14 digits."), code="siret_format")
    total = 0
    for index, char in enumerate(reversed(value)):
        digit = int(char)
        if index % 2 == 1:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    if total % 10 != 0:
        raise ValidationError(_("This SIRET number is not valid: please check the digits."), code="siret_checksum")


class HostOrganisation(models.Model):
    name = models.CharField(_("name"), max_length=200)
    siret = models.CharField(_("SIRET"), max_length=14, unique=True, validators=[validate_siret])
    kind = models.CharField(_("kind"), max_length=30, choices=HostKind.choices)
    address = models.TextField(_("address"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("host organisation")
        verbose_name_plural = _("host organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class HostSite(models.Model):
    host = models.ForeignKey(HostOrganisation, on_delete=models.CASCADE, related_name="sites", verbose_name=_("host"))
    name = models.CharField(_("name"), max_length=200)
    address = models.TextField(_("address"), blank=True)

    class Meta:
        verbose_name = _("site")
        verbose_name_plural = _("sites")
        ordering = ["host", "name"]

    def __str__(self) -> str:
        return f"{self.host} — {self.name}"


class HostContact(models.Model):
    host = models.ForeignKey(
        HostOrganisation, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("host")
    )
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Tutor(models.Model):
    """A professional of the host organisation. The user account is optional: links by e-mail do without."""

    host = models.ForeignKey(HostOrganisation, on_delete=models.PROTECT, related_name="tutors", verbose_name=_("host"))
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tutor_profile",
        verbose_name=_("user account"),
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=200)
    is_peer_worker = models.BooleanField(_("is a peer worker"), default=False)

    class Meta:
        verbose_name = _("tutor")
        verbose_name_plural = _("tutors")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class HostTeamPeer(models.Model):
    """A peer worker already in a host team (HAS: at least two peers per team to avoid isolation)."""

    host = models.ForeignKey(
        HostOrganisation, on_delete=models.CASCADE, related_name="team_peers", verbose_name=_("host")
    )
    site = models.ForeignKey(
        HostSite, on_delete=models.CASCADE, null=True, blank=True, related_name="team_peers", verbose_name=_("site")
    )
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=200, blank=True)
    active = models.BooleanField(_("still in the team"), default=True)

    class Meta:
        verbose_name = _("peer worker in the team")
        verbose_name_plural = _("peer workers in the team")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Placement(models.Model):
    enrolment = models.ForeignKey(
        "cohorts.Enrolment", on_delete=models.PROTECT, related_name="placements", verbose_name=_("enrolment")
    )
    host = models.ForeignKey(
        HostOrganisation, on_delete=models.PROTECT, related_name="placements", verbose_name=_("host organisation")
    )
    site = models.ForeignKey(
        HostSite, on_delete=models.PROTECT, null=True, blank=True, related_name="placements", verbose_name=_("site")
    )
    tutor = models.ForeignKey(Tutor, on_delete=models.PROTECT, related_name="placements", verbose_name=_("tutor"))
    starts_on = models.DateField(_("start date"))
    ends_on = models.DateField(_("end date"))
    weekly_schedule = models.TextField(
        _("weekly schedule"), help_text=_("For example: Monday and Tuesday, 9:00-17:00.")
    )
    planned_hours = models.PositiveSmallIntegerField(_("planned hours"))
    max_weekly_hours = models.PositiveSmallIntegerField(
        _("maximum weekly hours"), default=35, validators=[MinValueValidator(1), MaxValueValidator(48)]
    )
    tasks_and_objectives = models.TextField(_("tasks and objectives"))
    binome = models.CharField(
        _("binôme"), max_length=200, help_text=_("The team member the learner works in pair with.")
    )
    status = models.CharField(
        _("status"), max_length=30, choices=PlacementStatus.choices, default=PlacementStatus.PROPOSED, editable=False
    )
    status_changed_at = models.DateTimeField(_("status changed at"), auto_now_add=True)
    attestation = models.OneToOneField(
        "attestations.Attestation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="placement",
        verbose_name=_("placement attestation"),
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("proposed by")
    )
    refusal_reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        ordering = ["-starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gt=F("starts_on")),
                name="placement_ends_after_start",
                violation_error_message=_("The internship must end after it starts: check the two dates."),
            ),
            models.CheckConstraint(
                condition=Q(planned_hours__gt=0),
                name="placement_planned_hours_positive",
                violation_error_message=_("The planned hours must be more than zero."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment.learner} — {self.host}"

    @property
    def learner(self):
        return self.enrolment.learner

    @property
    def midpoint(self):
        return self.starts_on + (self.ends_on - self.starts_on) / 2

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on <= self.starts_on:
            raise ValidationError({"ends_on": _("The end date must be after the start date.")})
        if self.site_id and self.host_id and self.site.host_id != self.host_id:
            raise ValidationError({"site": _("This site belongs to another host organisation.")})
        if self.tutor_id and self.host_id and self.tutor.host_id != self.host_id:
            raise ValidationError({"tutor": _("This tutor works for another host organisation.")})


class PlacementTransition(models.Model):
    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=30, choices=PlacementStatus.choices, blank=True)
    to_status = models.CharField(max_length=30, choices=PlacementStatus.choices)
    by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    by_tutor = models.ForeignKey(Tutor, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    note = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.placement_id}: {self.from_status} -> {self.to_status}"

    @property
    def actor_name(self) -> str:
        if self.by_user_id:
            return str(self.by_user)
        if self.by_tutor_id:
            return str(self.by_tutor)
        return str(_("Automatic"))


class PlacementSignature(models.Model):
    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="signatures")
    party = models.CharField(max_length=20, choices=SignatureParty.choices)
    signed_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    signed_by_tutor = models.ForeignKey(Tutor, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    signer_name = models.CharField(max_length=200)
    amendment = models.ForeignKey(
        "PlacementAmendment", on_delete=models.CASCADE, null=True, blank=True, related_name="signatures"
    )
    signed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["signed_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["placement", "party"],
                condition=Q(amendment__isnull=True),
                name="one_signature_per_party",
                violation_error_message=_("This party has already signed the agreement."),
            ),
            models.UniqueConstraint(fields=["amendment", "party"], name="one_amendment_signature_per_party"),
        ]

    def __str__(self) -> str:
        return f"{self.placement_id}: {self.party} ({self.signer_name})"


def agreement_upload_to(instance, filename: str) -> str:
    # Random, never the uploaded name (path characters, guessable names).
    return safe_stored_name(filename, prefix=f"internships/agreements/{instance.placement_id}")


class AgreementDocument(models.Model):
    """The agreement as signed. Never deleted (see the pre_delete guard in signals)."""

    placement = models.ForeignKey(Placement, on_delete=models.PROTECT, related_name="agreements")
    kind = models.CharField(max_length=20, choices=AgreementKind.choices)
    file = models.FileField(upload_to=agreement_upload_to)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.placement_id}: {self.get_kind_display()}"

    def delete(self, *args, **kwargs):

        raise InternshipError(_("A signed agreement is never deleted."))


class PlacementAmendment(models.Model):
    """New dates or a new tutor, re-approved by the original parties before it applies."""

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="amendments")
    new_starts_on = models.DateField(_("new start date"), null=True, blank=True)
    new_ends_on = models.DateField(_("new end date"), null=True, blank=True)
    new_tutor = models.ForeignKey(
        Tutor, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("new tutor")
    )
    reason = models.TextField(_("reason"))
    status = models.CharField(max_length=20, choices=AmendmentStatus.choices, default=AmendmentStatus.PENDING)
    original_tutor = models.ForeignKey(Tutor, on_delete=models.PROTECT, related_name="+")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.placement_id}: {self.reason[:40]}"


class TimeEntry(models.Model):
    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="time_entries")
    date = models.DateField(_("date"))
    week_start = models.DateField(editable=False)
    hours = models.DecimalField(
        _("hours"),
        max_digits=4,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(MAX_HOURS_PER_DAY))],
    )
    activity = models.TextField(_("activity"))
    day_type = models.CharField(_("kind of day"), max_length=30, choices=DayType.choices, default=DayType.PRESENCE)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("day of hours")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["placement", "date"], name="one_time_entry_per_day"),
            models.CheckConstraint(
                condition=Q(hours__gte=0) & Q(hours__lte=MAX_HOURS_PER_DAY),
                name="time_entry_hours_range",
                violation_error_message=format_lazy(
                    _("Hours of one day are between 0 and {most}."), most=MAX_HOURS_PER_DAY
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date}: {self.hours} h"


class WeekSignoff(models.Model):
    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="week_signoffs")
    week_start = models.DateField()
    status = models.CharField(max_length=20, choices=WeekStatus.choices, default=WeekStatus.PENDING)
    tutor_message = models.TextField(blank=True)
    learner_reply = models.TextField(blank=True)
    decided_by = models.ForeignKey(Tutor, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["week_start"]
        constraints = [models.UniqueConstraint(fields=["placement", "week_start"], name="one_signoff_per_week")]

    def __str__(self) -> str:
        return f"{self.placement_id}: {self.week_start} ({self.status})"

    @property
    def is_pending(self) -> bool:
        """Not sent to the tutor yet: the learner may still send it."""
        return self.status == WeekStatus.PENDING


class Evaluation(models.Model):
    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="evaluations")
    kind = models.CharField(_("kind"), max_length=20, choices=EvaluationKind.choices)
    status = models.CharField(max_length=20, choices=EvaluationStatus.choices, default=EvaluationStatus.DRAFT)
    general_comment = models.TextField(_("general comment"), blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_by_tutor = models.ForeignKey(Tutor, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    learner_agrees = models.BooleanField(null=True)
    learner_comment = models.TextField(_("learner's comment"), blank=True)
    countersigned_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["placement", "kind"]
        constraints = [models.UniqueConstraint(fields=["placement", "kind"], name="one_evaluation_per_kind")]

    def __str__(self) -> str:
        return f"{self.placement_id}: {self.get_kind_display()}"

    @property
    def awaits_countersignature(self) -> bool:
        """A tutor's evaluation submitted and waiting for the learner to read and counter-sign it."""
        return self.kind != EvaluationKind.SELF and self.status == EvaluationStatus.SUBMITTED

    @property
    def is_validated(self) -> bool:
        if self.kind == EvaluationKind.SELF:
            return self.status == EvaluationStatus.SUBMITTED
        return self.status == EvaluationStatus.COUNTERSIGNED


class EvaluationRating(models.Model):
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="ratings")
    competency = models.CharField(max_length=30, choices=Competency.choices)
    level = models.PositiveSmallIntegerField(choices=Level.choices)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "competency"], name="one_rating_per_competency"),
            models.CheckConstraint(
                condition=Q(level__gte=1) & Q(level__lte=4),
                name="rating_level_range",
                violation_error_message=_("A rating is between 1 and 4."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.competency}: {self.level}"


class EvaluationChange(models.Model):
    """A change made to an evaluation after it was validated: why, by whom, what it was before."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="changes")
    reason = models.TextField()
    before = models.JSONField()
    after = models.JSONField()
    by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    by_tutor = models.ForeignKey(Tutor, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.evaluation_id}: {self.at}"


class TutorAccessLink(models.Model):
    """A single-purpose, expiring, revocable link sent to a tutor by e-mail. Only the token's hash is kept.

    A link sent by e-mail is created without a secret (``token_hash`` empty): the worker that builds the
    e-mail draws the secret, stores its hash and stamps ``mailed_at``, so that the raw token never travels
    through the task broker nor sits in the database.
    """

    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    tutor = models.ForeignKey(Tutor, on_delete=models.CASCADE, related_name="access_links")
    purpose = models.CharField(max_length=30, choices=LinkPurpose.choices)
    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="access_links")
    week_start = models.DateField(null=True, blank=True)
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    mailed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.tutor_id}: {self.purpose}"


class SupervisionSession(models.Model):
    cohort = models.ForeignKey("cohorts.Cohort", on_delete=models.CASCADE, related_name="supervision_sessions")
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=20, choices=SessionKind.choices)
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("facilitator")
    )
    attendees = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", blank=True)
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"))
    facilitator_notes = models.TextField(_("notes (only the facilitator sees them)"), blank=True)

    class Meta:
        ordering = ["-date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gt=0),
                name="session_duration_positive",
                violation_error_message=_("The session's duration must be more than zero minutes."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date}"


class Concern(models.Model):
    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="concerns")
    raised_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    raised_by_tutor = models.ForeignKey(Tutor, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    about_own_wellbeing = models.BooleanField(_("about my own wellbeing"), default=False)
    severity = models.CharField(_("severity"), max_length=10, choices=Severity.choices)
    description = models.TextField(_("what is happening"))
    status = models.CharField(max_length=20, choices=ConcernStatus.choices, default=ConcernStatus.OPEN)
    closure_note = models.TextField(blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.placement_id}: {self.get_severity_display()}"


class ConcernFollowUp(models.Model):
    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="follow_ups")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    note = models.TextField()
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.concern_id}: {self.at}"


class CriterionCompetency(models.Model):
    """A criterion of the evaluation grid linked to a competency of the programme's référentiel: the tutor's
    final rating on the criterion counts for that competency's block at the final validation."""

    criterion = models.CharField(_("criterion of the evaluation grid"), max_length=30, choices=Competency.choices)
    competency = models.ForeignKey(
        "competencies.Competency",
        on_delete=models.PROTECT,
        related_name="evaluation_criteria",
        verbose_name=_("competency"),
    )

    class Meta:
        verbose_name = _("evaluation criterion linked to a competency")
        verbose_name_plural = _("evaluation criteria linked to competencies")
        ordering = ["criterion", "competency"]
        constraints = [
            models.UniqueConstraint(fields=["criterion", "competency"], name="criterion_competency_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.get_criterion_display()} → {self.competency_id}"
