"""Reads of the graduates' follow-up. Who is a graduate comes from the final jury: an enrolment whose current
(latest) decision is "awarded"; the award date is that decision's jury date."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery

from alumni.enums import Wave
from alumni.models import FollowUpConsent, SurveyInvitation, SurveyResponse
from cohorts.models import Enrolment
from core.prepared import PreparedQuery
from final_validation.enums import JuryOutcome
from final_validation.models import FinalDecision
from tasks.models import ReminderOptOut

# The outbox rule of the survey e-mails (declared in `alumni.reminders`). Its one-click unsubscribe is the
# e-mail's opt-out: a person who used it receives no further survey, whatever their consent row says.
SURVEY_RULE = "alumni.survey_invitation"


def _latest_decision(field: str) -> Subquery:
    return Subquery(
        FinalDecision.objects.filter(enrolment=OuterRef("pk")).order_by("-recorded_at", "-pk").values(field)[:1]
    )


def with_final_decision(queryset: QuerySet[Enrolment]) -> QuerySet[Enrolment]:
    """Enrolments annotated with their current jury decision (`final_outcome`) and its date (`awarded_on`)."""
    return queryset.annotate(final_outcome=_latest_decision("outcome"), awarded_on=_latest_decision("jury_date"))


def awarded_enrolments() -> QuerySet[Enrolment]:
    """Every enrolment whose current jury decision is the award, with `awarded_on` (the jury's date)."""
    return with_final_decision(Enrolment.objects.all()).filter(final_outcome=JuryOutcome.AWARDED)


def awarded_enrolments_of(*, user) -> list[Enrolment]:
    if not user.is_authenticated:
        return []
    return list(awarded_enrolments().filter(learner=user).select_related("cohort__programme").order_by("-awarded_on"))


# Asked by "Mon espace" on every view of a person with an enrolment (core.prepared).
_AWARDED = PreparedQuery(
    lambda learner: awarded_enrolments().filter(learner_id=learner).order_by().values("pk")[:1], "learner"
)


def is_graduate(user) -> bool:
    return user.is_authenticated and bool(_AWARDED(learner=user.pk))


def _opted_out(user_field: str = "pk") -> Exists:
    return Exists(ReminderOptOut.objects.filter(user_id=OuterRef(user_field), rule__code=SURVEY_RULE))


def active_consent_q(prefix: str = "") -> Q:
    """People who may receive a survey: they agreed, did not withdraw, did not use the e-mail's opt-out."""
    return Q(**{f"{prefix}followup_consent__agreed": True, f"{prefix}followup_consent__withdrawn_at__isnull": True})


def consent_of(*, user) -> FollowUpConsent | None:
    return FollowUpConsent.objects.filter(user=user).first() if user.is_authenticated else None


def consent_is_active(*, user) -> bool:
    consent = consent_of(user=user)
    if consent is None or not consent.agreed or consent.withdrawn_at is not None:
        return False
    return not ReminderOptOut.objects.filter(user=user, rule__code=SURVEY_RULE).exists()


def wave_date(awarded_on: datetime.date, wave: int) -> datetime.date:
    return awarded_on + relativedelta(months=wave)


def current_wave(awarded_on: datetime.date, today: datetime.date) -> int | None:
    """The wave whose time has come and whose successor's has not (a late consent gets the current wave only,
    never every past one at once); None before 6 months and after the 24-month wave's own window (12 months)."""
    waves = list(Wave.values)
    for index, wave in enumerate(waves):
        start = wave_date(awarded_on, wave)
        end = wave_date(awarded_on, waves[index + 1]) if index + 1 < len(waves) else wave_date(awarded_on, wave + 12)
        if start <= today < end:
            return wave
    return None


def surveys_due(*, today: datetime.date):
    """(row, wave, invited before), streamed: the awarded enrolments of consenting graduates (row: enrolment id,
    learner id, e-mail, cohort id, programme title, awarded on) whose current wave is not answered yet, and whether
    that wave was sent already (its reminder is then due). Three queries in all."""
    rows = (
        awarded_enrolments()
        .filter(active_consent_q("learner__"), learner__is_active=True)
        .exclude(_opted_out("learner_id"))
        .values_list(
            "pk", "learner_id", "learner__email", "cohort_id", "cohort__programme__title", "awarded_on", named=True
        )
    )
    invitations = SurveyInvitation.objects.filter(enrolment__in=awarded_enrolments().values("pk"))
    invited = set(invitations.values_list("enrolment_id", "wave"))
    answered = set(invitations.filter(response__isnull=False).values_list("enrolment_id", "wave"))
    for row in rows.iterator(chunk_size=2000):
        wave = current_wave(row.awarded_on, today)
        if wave is None or (row.pk, wave) in answered:
            continue
        yield row, wave, (row.pk, wave) in invited


def invitation_is_open(*, enrolment_id: int, wave: int) -> bool:
    """Still worth an e-mail: the graduate consents and this wave has no answer."""
    enrolment = Enrolment.objects.filter(pk=enrolment_id).select_related("learner").first()
    if enrolment is None or not consent_is_active(user=enrolment.learner):
        return False
    return not SurveyResponse.objects.filter(invitation__enrolment_id=enrolment_id, invitation__wave=wave).exists()


@dataclass
class GraduateFollowUp:
    enrolments: list[Enrolment]
    consent: FollowUpConsent | None
    active: bool
    opted_out_by_email: bool
    answered: list[SurveyResponse]


def graduate_follow_up(*, user) -> GraduateFollowUp:
    """What the graduate's own follow-up page shows."""
    consent = consent_of(user=user)
    opted_out = ReminderOptOut.objects.filter(user=user, rule__code=SURVEY_RULE).exists()
    active = bool(consent and consent.agreed and consent.withdrawn_at is None and not opted_out)
    answered = list(
        SurveyResponse.objects.filter(invitation__enrolment__learner=user)
        .select_related("invitation__enrolment__cohort__programme")
        .order_by("-submitted_at")
    )
    return GraduateFollowUp(
        enrolments=awarded_enrolments_of(user=user),
        consent=consent,
        active=active,
        opted_out_by_email=opted_out,
        answered=answered,
    )


def programme_responses(*, programme_id: int) -> QuerySet[SurveyResponse]:
    """Every answer of the programme's graduates, newest first (for its coordinators only: ask the rule first)."""
    return (
        SurveyResponse.objects.filter(invitation__enrolment__cohort__programme_id=programme_id)
        .select_related("invitation__enrolment__learner", "invitation__enrolment__cohort")
        .order_by("-submitted_at", "-pk")
    )
