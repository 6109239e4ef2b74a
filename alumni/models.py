"""Graduates' follow-up: the graduate's consent, the survey waves (6, 12 and 24 months after the award), the
single-use links that open a survey without an account, and the answers (personal data with their own retention,
`settings.ALUMNI_ANSWERS_RETENTION_MONTHS`)."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from alumni.enums import Contract, Pay, StructureKind, Wave


class FollowUpConsent(models.Model):
    """A graduate's answer to "may we send you a short survey at 6, 12 and 24 months?". One per person.

    Surveys go only while ``agreed`` is true and ``withdrawn_at`` is empty; withdrawing (from "Mon espace", the
    survey page or the e-mail's one-click link) stops every further survey at once.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="followup_consent", verbose_name=_("graduate")
    )
    agreed = models.BooleanField(_("agrees to the surveys"), default=False)
    agreed_at = models.DateTimeField(_("agreed at"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("follow-up consent")
        verbose_name_plural = _("follow-up consents")
        constraints = [
            models.CheckConstraint(
                condition=Q(agreed=False) | Q(agreed_at__isnull=False, withdrawn_at__isnull=True),
                name="followup_consent_agreed_has_time",
                violation_error_message=_("A consent that is given records when it was given and is not withdrawn."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {'✓' if self.agreed else '✗'}"


class SurveyInvitation(models.Model):
    """One wave of the survey for one awarded enrolment. Created when its first e-mail is built."""

    enrolment = models.ForeignKey(
        "cohorts.Enrolment", on_delete=models.CASCADE, related_name="survey_invitations", verbose_name=_("enrolment")
    )
    wave = models.PositiveSmallIntegerField(_("wave"), choices=Wave.choices)
    created_at = models.DateTimeField(_("invited at"), auto_now_add=True)

    class Meta:
        verbose_name = _("survey invitation")
        verbose_name_plural = _("survey invitations")
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["enrolment", "wave"], name="survey_invitation_unique_wave")]

    def __str__(self) -> str:
        return f"{self.enrolment_id}: {self.wave}"


class SurveyLink(models.Model):
    """A single-use, expiring link to answer one wave without an account. Only the token's hash is kept.

    The secret is drawn in the worker that builds the e-mail (``alumni.services.survey_link_arm``), never stored
    in the outbox nor sent through the task broker. Each e-mail (the invitation, then its one reminder) carries
    its own link; answering through either closes the wave.
    """

    invitation = models.ForeignKey(SurveyInvitation, on_delete=models.CASCADE, related_name="links")
    token_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.invitation_id}: {self.expires_at:%Y-%m-%d}"


class SurveyResponse(models.Model):
    """What a graduate answered for one wave. Seen individually by the programme's coordinators only."""

    invitation = models.OneToOneField(SurveyInvitation, on_delete=models.CASCADE, related_name="response")
    works_as_peer_supporter = models.BooleanField(_("works as a peer supporter"))
    structure_kind = models.CharField(_("kind of structure"), max_length=20, choices=StructureKind.choices, blank=True)
    contract = models.CharField(_("contract"), max_length=10, choices=Contract.choices, blank=True)
    pay = models.CharField(_("paid or volunteer"), max_length=10, choices=Pay.choices, blank=True)
    weekly_hours = models.PositiveSmallIntegerField(
        _("hours a week"), null=True, blank=True, validators=[MaxValueValidator(80)]
    )
    helped_text = models.TextField(_("what helped"), blank=True)
    hindered_text = models.TextField(_("what hindered"), blank=True)
    submitted_at = models.DateTimeField(_("answered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(works_as_peer_supporter=True) | Q(structure_kind="", contract="", pay=""),
                name="survey_response_job_only_when_working",
                violation_error_message=_(
                    "The structure, contract and pay are answered only by a graduate who works as a peer supporter."
                ),
            ),
            models.CheckConstraint(
                condition=Q(weekly_hours__isnull=True) | Q(weekly_hours__lte=80),
                name="survey_response_hours_max",
                violation_error_message=_("Hours per week cannot be more than 80."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.invitation_id}: {'✓' if self.works_as_peer_supporter else '✗'}"
