import calendar
import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cohorts.models import Cohort
from core.uploads import safe_stored_name
from selection.enums import (
    ANONYMISED_APPLICATION_STATUSES,
    OPEN_APPLICATION_STATUSES,
    PLACE_HOLDING_OFFER_STATUSES,
    REVIEWABLE_APPLICATION_STATUSES,
    ApplicationStatus,
    DecisionOutcome,
    DocumentStatus,
    OfferStatus,
)

# How long the dossiers of people who were not admitted (or did not take their place) are kept.
RETENTION_MIN_MONTHS = 6
RETENTION_MAX_MONTHS = 36


def default_anonymise_after_months() -> int:
    return settings.SELECTION_ANONYMISE_AFTER_MONTHS


def programme_retention_months(*, cohort) -> int:
    """The period a new call of this cohort's programme starts from: the one its coordinators set on the programme's
    latest call, else the platform's default. A programme's choice thus carries over from one year to the next."""
    if cohort is not None:
        latest = (
            SelectionRound.objects.filter(cohort__programme_id=cohort.programme_id)
            .order_by("-opens_at")
            .values_list("anonymise_after_months", flat=True)
            .first()
        )
        if latest:
            return latest
    return default_anonymise_after_months()


def months_after(moment: datetime.datetime, months: int) -> datetime.datetime:
    """The same moment ``months`` calendar months later (the 31st becomes the month's last day)."""
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    return moment.replace(year=year, month=month, day=min(moment.day, calendar.monthrange(year, month)[1]))


class SelectionRound(models.Model):
    """A call for applications ("appel à candidatures") that fills one cohort."""

    cohort = models.ForeignKey(
        Cohort, on_delete=models.PROTECT, related_name="selection_rounds", verbose_name=_("cohort")
    )
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True)
    opens_at = models.DateTimeField(_("opening"))
    closes_at = models.DateTimeField(_("closing"))
    interviews_start_on = models.DateField(_("first interview day"))
    interviews_end_on = models.DateField(_("last interview day"))
    deliberation_on = models.DateField(_("deliberation date"))
    capacity = models.PositiveSmallIntegerField(_("places"))
    offer_response_days = models.PositiveSmallIntegerField(
        _("days to answer an offer"), default=7, validators=[MinValueValidator(1)]
    )
    reviews_per_application = models.PositiveSmallIntegerField(
        _("reviewers per dossier"), default=2, validators=[MinValueValidator(1)]
    )
    anonymous_first_reading = models.BooleanField(
        _("anonymous first reading"),
        default=False,
        help_text=_("Reviewers do not see the name and identifying answers until their own review is submitted."),
    )
    jury_president = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="presided_rounds",
        verbose_name=_("jury president"),
    )
    jury_members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="jury_rounds", blank=True, verbose_name=_("jury members")
    )
    decisions_published_at = models.DateTimeField(_("decisions published at"), null=True, blank=True)
    anonymise_after_months = models.PositiveSmallIntegerField(
        _("keep the dossiers of people not admitted for (months)"),
        default=default_anonymise_after_months,
        validators=[
            MinValueValidator(
                RETENTION_MIN_MONTHS,
                message=_(
                    "Keep the dossiers at least %(limit_value)s months: a candidate may contest a decision or "
                    "ask about it during that time."
                ),
            ),
            MaxValueValidator(
                RETENTION_MAX_MONTHS,
                message=_(
                    "Keep the dossiers at most %(limit_value)s months: the dossiers of people who did not join "
                    "the cohort must not be kept longer."
                ),
            ),
        ],
        help_text=_(
            "Refused, withdrawn and declined dossiers (a place declined or not answered in time) are anonymised "
            "this many months after they closed: texts, answers and files are erased."
        ),
    )
    # Open and confirmed offers. Written only by the offer services, under this row's lock, so that the
    # database itself refuses a capacity below it (constraint below), whatever door the change comes through.
    places_held = models.PositiveSmallIntegerField(_("places offered or taken"), default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("selection round")
        verbose_name_plural = _("selection rounds")
        ordering = ["-opens_at"]
        constraints = [
            # The messages are what a coordinator reads when the round's form breaks a rule (not the constraint's name).
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")),
                name="round_closes_after_opening",
                violation_error_message=_("The call must close after it opens: check the two dates."),
            ),
            models.CheckConstraint(
                condition=Q(interviews_end_on__gte=F("interviews_start_on")),
                name="round_interviews_in_order",
                violation_error_message=_("The interviews must end on or after the day they start."),
            ),
            models.CheckConstraint(
                condition=Q(deliberation_on__gte=F("interviews_end_on")),
                name="round_deliberation_after_interviews",
                violation_error_message=_("The jury deliberates on or after the last day of interviews."),
            ),
            models.CheckConstraint(
                condition=Q(capacity__gt=0),
                name="round_capacity_positive",
                violation_error_message=_("A call offers at least one place."),
            ),
            models.CheckConstraint(
                condition=Q(anonymise_after_months__gte=RETENTION_MIN_MONTHS)
                & Q(anonymise_after_months__lte=RETENTION_MAX_MONTHS),
                name="round_retention_in_range",
                violation_error_message=format_lazy(
                    _("Dossiers are kept between {low} and {high} months after the call closes."),
                    low=RETENTION_MIN_MONTHS,
                    high=RETENTION_MAX_MONTHS,
                ),
            ),
            models.CheckConstraint(
                condition=Q(capacity__gte=F("places_held")),
                name="round_capacity_covers_places_held",
                violation_error_message=_("The number of places cannot be lower than the places already held."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        # A form loaded before an offer was made must not write an old count back: an update leaves the
        # counter to the offer services.
        if not self._state.adding and kwargs.get("update_fields") is None:
            kwargs["update_fields"] = [
                f.name for f in self._meta.concrete_fields if not f.primary_key and f.name != "places_held"
            ]
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.pk and self.capacity:
            held = self.offers.filter(status__in=PLACE_HOLDING_OFFER_STATUSES).count()
            if self.capacity < held:
                raise ValidationError({"capacity": capacity_below_held_message(held)})


def capacity_below_held_message(held: int) -> str:
    return ngettext(
        "%(held)d place is already offered or taken in this round: the number of places cannot be lower than "
        "%(held)d. Withdraw an offer first if a place must be taken back.",
        "%(held)d places are already offered or taken in this round: the number of places cannot be lower "
        "than %(held)d. Withdraw offers first if places must be taken back.",
        held,
    ) % {"held": held}


class RequiredDocument(models.Model):
    """A document every candidate of the round must upload."""

    selection_round = models.ForeignKey(
        SelectionRound, on_delete=models.CASCADE, related_name="required_documents", verbose_name=_("round")
    )
    label = models.CharField(_("label"), max_length=200)
    help_text = models.CharField(_("help text"), max_length=300, blank=True)
    accepted_extensions = models.CharField(
        _("accepted file types"), max_length=100, default="pdf", help_text=_("Comma-separated, e.g. pdf,jpg,png.")
    )
    max_size_mb = models.PositiveSmallIntegerField(
        _("maximum size (MB)"), default=5, validators=[MinValueValidator(1), MaxValueValidator(50)]
    )
    position = models.PositiveSmallIntegerField(default=0)
    # Set instead of deleting once candidates uploaded files for it: no longer asked, their files kept.
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True)

    class Meta:
        verbose_name = _("required document")
        verbose_name_plural = _("required documents")
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(max_size_mb__gt=0),
                name="required_document_size_positive",
                violation_error_message=_("The maximum size must be more than zero."),
            )
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def extensions(self) -> list[str]:
        return [e.strip().lower().lstrip(".") for e in self.accepted_extensions.split(",") if e.strip()]

    @property
    def max_bytes(self) -> int:
        return self.max_size_mb * 1024 * 1024


class RoundQuestion(models.Model):
    """An extra question of the round, answered in the dossier."""

    selection_round = models.ForeignKey(
        SelectionRound, on_delete=models.CASCADE, related_name="questions", verbose_name=_("round")
    )
    label = models.CharField(_("question"), max_length=300)
    identifying = models.BooleanField(
        _("identifying"), default=False, help_text=_("Hidden during the anonymous first reading.")
    )
    sensitive = models.BooleanField(_("sensitive"), default=False, help_text=_("Left out of exports unless chosen."))
    position = models.PositiveSmallIntegerField(default=0)
    # Set instead of deleting once a candidate answered it: no longer asked, the answers kept.
    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.label


class ScoringCriterion(models.Model):
    selection_round = models.ForeignKey(
        SelectionRound, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("round")
    )
    label = models.CharField(_("criterion"), max_length=200)
    weight = models.PositiveSmallIntegerField(_("weight"), default=1)
    max_score = models.PositiveSmallIntegerField(_("maximum score"), default=5)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("scoring criterion")
        verbose_name_plural = _("scoring criteria")
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(weight__gt=0),
                name="criterion_weight_positive",
                violation_error_message=_("A criterion's weight must be more than zero."),
            ),
            models.CheckConstraint(
                condition=Q(max_score__gt=0),
                name="criterion_max_positive",
                violation_error_message=_("A criterion's maximum score must be more than zero."),
            ),
        ]

    def __str__(self) -> str:
        return self.label


class RoundSettingChange(models.Model):
    """History of a round's settings (documents, questions, criteria): who changed what, when, and how."""

    class Action(models.TextChoices):
        ADDED = "added", _("Added")
        CHANGED = "changed", _("Changed")
        REMOVED = "removed", _("Removed")
        ARCHIVED = "archived", _("No longer asked (kept)")
        RESTORED = "restored", _("Asked again")

    selection_round = models.ForeignKey(SelectionRound, on_delete=models.CASCADE, related_name="setting_changes")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    kind = models.CharField(max_length=20)
    action = models.CharField(max_length=20, choices=Action.choices)
    label = models.CharField(max_length=300)
    details = models.TextField(blank=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.action}: {self.label}"


class Application(models.Model):
    """A candidate's dossier in a round. The status only moves through `services.application_transition`."""

    selection_round = models.ForeignKey(
        SelectionRound, on_delete=models.PROTECT, related_name="applications", verbose_name=_("round")
    )
    # Null once the dossier is anonymised.
    candidate = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("candidate"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ApplicationStatus.choices, default=ApplicationStatus.DRAFT, db_index=True
    )
    motivation = models.TextField(_("motivation"), blank=True)
    lived_experience = models.TextField(
        _("lived experience"),
        blank=True,
        help_text=_("Only the round's coordinators and your assigned reviewers can read this."),
    )
    professional_project = models.TextField(_("professional project"), blank=True)
    availability = models.TextField(_("availability"), blank=True)
    departement = models.CharField(_("département"), max_length=3, blank=True)
    accommodation_needs = models.TextField(_("accommodation needs"), blank=True)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    status_changed_at = models.DateTimeField(_("status changed at"), auto_now_add=True)
    withdrawal_reason = models.TextField(_("reason for withdrawal"), blank=True)
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["selection_round", "candidate"],
                condition=~Q(status=ApplicationStatus.WITHDRAWN),
                name="application_one_live_per_candidate_round",
                violation_error_message=_("You already have an application in this call."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.candidate or _('anonymised')} — {self.selection_round}"

    @property
    def anonymise_at(self) -> datetime.datetime | None:
        """When this dossier will be anonymised, once it is closed without a place; None otherwise."""
        if self.anonymised_at or self.status not in ANONYMISED_APPLICATION_STATUSES:
            return None
        return months_after(self.status_changed_at, self.selection_round.anonymise_after_months)

    @property
    def still_open(self) -> bool:
        """Still in progress: the retention period will apply if it closes without a place."""
        return self.anonymised_at is None and self.status in OPEN_APPLICATION_STATUSES

    @property
    def reference(self) -> str:
        """A stable non-identifying label, used during anonymous reading."""
        return f"D-{self.pk:05d}"

    # What the pages offer is asked of the dossier, never decided by comparing status strings in a template.

    @property
    def is_open_for_review(self) -> bool:
        """The jury reads and scores the dossier now."""
        return self.status in REVIEWABLE_APPLICATION_STATUSES

    @property
    def is_draft(self) -> bool:
        return self.status == ApplicationStatus.DRAFT

    @property
    def is_incomplete(self) -> bool:
        """Sent back to the candidate: documents to replace or add."""
        return self.status == ApplicationStatus.INCOMPLETE

    @property
    def awaits_document_check(self) -> bool:
        """Sent by the candidate; the coordination checks the documents."""
        return self.status == ApplicationStatus.SUBMITTED

    @property
    def may_be_invited_to_interview(self) -> bool:
        return self.status == ApplicationStatus.UNDER_REVIEW

    @property
    def awaits_interview(self) -> bool:
        """Invited: the candidate books a slot, then the jury records the interview."""
        return self.status == ApplicationStatus.INTERVIEW_INVITED


class ApplicationTransition(models.Model):
    """History of an application's status: who, when, from, to, why."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="transitions")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    from_status = models.CharField(max_length=20, choices=ApplicationStatus.choices)
    to_status = models.CharField(max_length=20, choices=ApplicationStatus.choices)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"

    @property
    def is_note(self) -> bool:
        """A note written in the history without a change of status (an interview booked, moved...)."""
        return self.from_status == self.to_status and bool(self.note)


def application_document_path(instance, filename: str) -> str:
    # The stored name never derives from the uploaded name (path characters, guessable names).
    return safe_stored_name(filename, prefix=f"selection/{instance.application.selection_round_id}")


class ApplicationDocument(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="documents")
    required_document = models.ForeignKey(RequiredDocument, on_delete=models.PROTECT, related_name="+")
    file = models.FileField(_("file"), upload_to=application_document_path, max_length=255)
    original_name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size"))
    status = models.CharField(
        _("status"), max_length=20, choices=DocumentStatus.choices, default=DocumentStatus.PENDING
    )
    comment = models.TextField(_("comment"), blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    checked_at = models.DateTimeField(null=True, blank=True)
    uploaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        constraints = [
            models.UniqueConstraint(fields=["application", "required_document"], name="document_one_per_requirement"),
            models.CheckConstraint(
                condition=~Q(status=DocumentStatus.REFUSED) | ~Q(comment=""),
                name="document_refusal_has_comment",
                violation_error_message=_("A refused document needs a comment saying why."),
            ),
        ]

    def __str__(self) -> str:
        return self.original_name

    @property
    def is_refused(self) -> bool:
        """The coordination asked for another document."""
        return self.status == DocumentStatus.REFUSED


class JuryAssignment(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="assignments")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jury_assignments")
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    assigned_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("jury assignment")
        constraints = [
            models.UniqueConstraint(fields=["application", "reviewer"], name="assignment_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.reviewer_id} → {self.application_id}"


class ConflictOfInterest(models.Model):
    """A reviewer who knows the candidate: excluded from the dossier."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="conflicts")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.TextField(_("reason"), blank=True)
    declared_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("conflict of interest")
        constraints = [
            models.UniqueConstraint(fields=["application", "reviewer"], name="conflict_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.reviewer_id} ≠ {self.application_id}"


class Review(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviews")
    comment = models.TextField(_("comment"), blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["application", "reviewer"], name="review_unique")]

    def __str__(self) -> str:
        return f"{self.reviewer_id} / {self.application_id}"


class ReviewScore(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(ScoringCriterion, on_delete=models.CASCADE, related_name="+")
    score = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["review", "criterion"], name="score_unique")]

    def __str__(self) -> str:
        return f"{self.criterion_id}: {self.score}"


class InterviewSlot(models.Model):
    selection_round = models.ForeignKey(SelectionRound, on_delete=models.CASCADE, related_name="slots")
    starts_at = models.DateTimeField(_("start"))
    ends_at = models.DateTimeField(_("end"))
    place = models.CharField(_("place or video link"), max_length=300)
    jury = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", blank=True, verbose_name=_("jury"))

    class Meta:
        verbose_name = _("interview slot")
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="slot_ends_after_start",
                violation_error_message=_("The interview slot must end after it starts."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.starts_at:%Y-%m-%d %H:%M}"


# A candidate may book, move or cancel an interview until this long before it.
BOOKING_CHANGE_LIMIT = datetime.timedelta(hours=48)


class InterviewBooking(models.Model):
    """One booking per slot and per application."""

    slot = models.OneToOneField(InterviewSlot, on_delete=models.PROTECT, related_name="booking")
    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="booking")
    booked_at = models.DateTimeField(auto_now=True)
    outcome_note = models.TextField(_("interview notes"), blank=True)

    def __str__(self) -> str:
        return f"{self.application_id} @ {self.slot_id}"


class Decision(models.Model):
    """The jury's decision, recorded before publication; the candidate sees it once published."""

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="decision")
    outcome = models.CharField(_("decision"), max_length=20, choices=DecisionOutcome.choices)
    rank = models.PositiveSmallIntegerField(_("rank on the waiting list"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    recorded_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome=DecisionOutcome.WAITLISTED, rank__isnull=False)
                | (~Q(outcome=DecisionOutcome.WAITLISTED) & Q(rank__isnull=True)),
                name="decision_rank_iff_waitlisted",
                violation_error_message=_("A place on the waiting list has a rank; no other decision has one."),
            ),
            models.CheckConstraint(
                condition=~Q(outcome=DecisionOutcome.REFUSED) | ~Q(reason=""),
                name="decision_refusal_has_reason",
                violation_error_message=_("A refusal needs its reason."),
            ),
        ]

    def __str__(self) -> str:
        return self.get_outcome_display()


class Offer(models.Model):
    """A place offered to an admitted candidate, with a response deadline."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="offers")
    selection_round = models.ForeignKey(SelectionRound, on_delete=models.CASCADE, related_name="offers")
    status = models.CharField(_("status"), max_length=20, choices=OfferStatus.choices, default=OfferStatus.OPEN)
    deadline = models.DateTimeField(_("answer before"))
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["application"],
                condition=Q(status__in=[OfferStatus.OPEN, OfferStatus.CONFIRMED]),
                name="offer_one_live_per_application",
                violation_error_message=_("This application already has an open or confirmed offer."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application_id} ({self.status})"

    @property
    def is_open(self) -> bool:
        """Waiting for the candidate's answer."""
        return self.status == OfferStatus.OPEN

    @property
    def is_confirmed(self) -> bool:
        return self.status == OfferStatus.CONFIRMED


class OfferTransition(models.Model):
    """History of an offer: who, when, from, to, why (written by `services._offer_transition`)."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="transitions")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    # Blank for the offer's creation.
    from_status = models.CharField(max_length=20, choices=OfferStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=OfferStatus.choices)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status or '∅'} → {self.to_status}"
