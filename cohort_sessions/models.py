"""Cohort calendar: sessions ("regroupements"), attendance, and private calendar-feed tokens."""

import datetime
import zoneinfo

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from cohort_sessions.enums import AttendanceStatus, SessionMode
from core.codes import hash_token

__all__ = ["Attendance", "CalendarFeedToken", "CohortSession"]

SESSION_TIME_ZONE = zoneinfo.ZoneInfo("Europe/Paris")


class CohortSession(models.Model):
    """A dated session of a cohort, in person, remote or both. Times are wall-clock times in Europe/Paris."""

    cohort = models.ForeignKey(
        "cohorts.Cohort", on_delete=models.CASCADE, related_name="sessions", verbose_name=_("cohort")
    )
    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("date"))
    starts_at = models.TimeField(_("start time"), help_text=_("Paris time."))
    ends_at = models.TimeField(_("end time"), help_text=_("Paris time."))
    mode = models.CharField(_("format"), max_length=20, choices=SessionMode.choices, default=SessionMode.IN_PERSON)
    place = models.CharField(
        _("place"), max_length=255, blank=True, help_text=_("Address or room. Required for an in-person session.")
    )
    video_url = models.URLField(
        _("video link"), blank=True, help_text=_("Link to join remotely. Required for a remote session.")
    )
    modules = models.ManyToManyField(
        "wagtailcore.Page",
        blank=True,
        related_name="+",
        verbose_name=_("modules covered"),
        help_text=_("Module pages of this cohort's programme that the session covers."),
    )
    speakers = models.TextField(_("speakers"), blank=True, help_text=_("One speaker per line."))
    notes = models.TextField(_("notes for learners"), blank=True)
    # Bumped at every change so that calendar applications replace the event they already hold.
    sequence = models.PositiveIntegerField(_("revision"), default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["date", "starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="session_ends_after_start",
                violation_error_message=_("The session must end after it starts: check the two times."),
            ),
            models.CheckConstraint(
                condition=Q(mode="remote") | ~Q(place=""),
                name="session_place_unless_remote",
                violation_error_message=_("Give the place of a session held in person or in both modes."),
            ),
            models.CheckConstraint(
                condition=Q(mode="in_person") | ~Q(video_url=""),
                name="session_video_link_unless_in_person",
                violation_error_message=_("Give the video link of a session held remotely or in both modes."),
            ),
        ]
        indexes = [models.Index(fields=["cohort", "date"])]

    def __str__(self) -> str:
        return f"{self.title} ({self.date:%d/%m/%Y})"

    @property
    def start_datetime(self) -> datetime.datetime:
        return datetime.datetime.combine(self.date, self.starts_at, tzinfo=SESSION_TIME_ZONE)

    @property
    def end_datetime(self) -> datetime.datetime:
        return datetime.datetime.combine(self.date, self.ends_at, tzinfo=SESSION_TIME_ZONE)

    @property
    def speaker_list(self) -> list[str]:
        return [line.strip() for line in self.speakers.splitlines() if line.strip()]


class Attendance(models.Model):
    """One learner's presence at one session, as recorded by a coordinator."""

    session = models.ForeignKey(
        CohortSession, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("session")
    )
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="attendances", verbose_name=_("learner")
    )
    status = models.CharField(_("status"), max_length=20, choices=AttendanceStatus.choices)
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [
            models.UniqueConstraint(fields=["session", "learner"], name="attendance_unique_per_session"),
            models.CheckConstraint(
                condition=~Q(status="excused") | ~Q(reason=""),
                name="attendance_excused_has_reason",
                violation_error_message=_("An excused absence needs its reason."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.learner} — {self.session}: {self.get_status_display()}"


class CalendarFeedToken(models.Model):
    """The secret in a person's private iCalendar address. Only its SHA-256 is stored.

    At most one live token per person: regenerating revokes the old one (its address then answers 404).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed_tokens", verbose_name=_("user")
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("calendar feed address")
        verbose_name_plural = _("calendar feed addresses")
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(revoked_at__isnull=True),
                name="calendar_feed_one_live_token_per_user",
                violation_error_message=_("You already have a calendar address in use."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.created_at:%Y-%m-%d})"

    hash_token = staticmethod(hash_token)
