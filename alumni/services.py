"""Writes of the graduates' follow-up: consent, single-use survey links, answers, and their deletion."""

from __future__ import annotations

import datetime
import secrets

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from alumni import selectors
from alumni.enums import Wave
from alumni.models import FollowUpConsent, SurveyInvitation, SurveyLink, SurveyResponse
from cohorts.models import Enrolment
from core.codes import hash_token
from tasks.models import ReminderRule
from tasks.services import reminder_resubscribe, reminder_unsubscribe

# A survey link works for six weeks: long enough to answer after the reminder (ten days), short enough that an
# old e-mail found later does not open someone's answers-to-be.
LINK_VALID_DAYS = 42


class FollowUpError(Exception):
    """A refusal said to the person, in their language."""


def retention_months() -> int:
    return int(getattr(settings, "ALUMNI_ANSWERS_RETENTION_MONTHS", 60))


def _survey_rule() -> ReminderRule | None:
    return ReminderRule.objects.filter(code=selectors.SURVEY_RULE).first()


@transaction.atomic
def consent_set(*, user, agreed: bool) -> FollowUpConsent:
    """The graduate's answer to the follow-up question. Agreeing again after a withdrawal starts the surveys again
    (and lifts the e-mail's opt-out); declining or withdrawing stops every survey still waiting."""
    if not selectors.is_graduate(user):
        raise FollowUpError(_("The follow-up is offered to graduates only, once the jury has awarded the diploma."))
    consent, _created = FollowUpConsent.objects.select_for_update().get_or_create(user=user)
    now = timezone.now()
    rule = _survey_rule()
    if agreed:
        consent.agreed, consent.agreed_at, consent.withdrawn_at = True, now, None
        if rule is not None:
            reminder_resubscribe(user=user, rule=rule)
    else:
        if consent.agreed:
            consent.withdrawn_at = now
        consent.agreed, consent.agreed_at = False, None
        if rule is not None and rule.optional:
            reminder_unsubscribe(user=user, rule=rule)  # also cancels the e-mails already waiting
    consent.full_clean()
    consent.save()
    return consent


def consent_withdraw(*, user) -> FollowUpConsent:
    return consent_set(user=user, agreed=False)


@transaction.atomic
def survey_link_arm(*, enrolment_id: int, wave: int, now: datetime.datetime | None = None) -> str:
    """In the worker, while the e-mail is built: the wave's invitation (created on its first e-mail) and a fresh
    single-use link; returns the link's path. Only the token's hash is stored."""
    if wave not in Wave.values:
        raise FollowUpError(_("This survey does not exist."))
    now = now or timezone.now()
    enrolment = Enrolment.objects.get(pk=enrolment_id)
    invitation, _created = SurveyInvitation.objects.get_or_create(enrolment=enrolment, wave=wave)
    token = secrets.token_urlsafe(32)
    SurveyLink.objects.create(
        invitation=invitation, token_hash=hash_token(token), expires_at=now + datetime.timedelta(days=LINK_VALID_DAYS)
    )
    return reverse("alumni:survey", args=[token])


def survey_link_resolve(*, token: str, user=None) -> SurveyLink:
    """The live link for this token, or a clear refusal (unknown, used, answered, expired, someone else's)."""
    link = (
        SurveyLink.objects.select_related("invitation__enrolment__learner", "invitation__enrolment__cohort__programme")
        .filter(token_hash=hash_token(token or ""))
        .first()
    )
    if link is None:
        raise FollowUpError(_("This link is not valid."))
    learner = link.invitation.enrolment.learner
    if user is not None and user.is_authenticated and user.pk != learner.pk:
        raise FollowUpError(
            _("This link was sent to another person. If you received a survey yourself, please use your own link.")
        )
    if link.used_at is not None or SurveyResponse.objects.filter(invitation=link.invitation).exists():
        raise FollowUpError(_("This survey has already been answered. Thank you!"))
    if link.expires_at <= timezone.now():
        raise FollowUpError(_("This link has expired. Thank you all the same for your time."))
    if not selectors.consent_is_active(user=learner):
        raise FollowUpError(_("You asked not to receive these surveys any more: nothing more will be asked of you."))
    return link


@transaction.atomic
def survey_answer(
    *,
    token: str,
    works_as_peer_supporter: bool,
    structure_kind: str = "",
    contract: str = "",
    pay: str = "",
    weekly_hours: int | None = None,
    helped_text: str = "",
    hindered_text: str = "",
    user=None,
) -> SurveyResponse:
    """Record the answers of one wave through its link, which then works no more (nor its sibling links)."""
    link = survey_link_resolve(token=token, user=user)
    locked = SurveyLink.objects.select_for_update().get(pk=link.pk)
    SurveyInvitation.objects.select_for_update().get(pk=link.invitation_id)
    if locked.used_at is not None or SurveyResponse.objects.filter(invitation_id=link.invitation_id).exists():
        raise FollowUpError(_("This survey has already been answered. Thank you!"))
    if not works_as_peer_supporter:
        structure_kind = contract = pay = ""
    elif not structure_kind:
        raise FollowUpError(_("Please say in which kind of structure you work."))
    response = SurveyResponse(
        invitation_id=link.invitation_id,
        works_as_peer_supporter=works_as_peer_supporter,
        structure_kind=structure_kind,
        contract=contract,
        pay=pay,
        weekly_hours=weekly_hours,
        helped_text=(helped_text or "").strip(),
        hindered_text=(hindered_text or "").strip(),
    )
    try:
        response.full_clean(exclude=["invitation"])
    except ValidationError as error:
        raise FollowUpError(" ".join(error.messages)) from error
    response.save()
    locked.used_at = timezone.now()
    locked.save(update_fields=["used_at"])
    return response


def survey_stop(*, token: str, user=None) -> FollowUpConsent:
    """One click on the survey page: no further survey, ever (the person can agree again from "Mon espace")."""
    link = survey_link_resolve(token=token, user=user)
    return consent_withdraw(user=link.invitation.enrolment.learner)


@transaction.atomic
def answers_delete_expired(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Delete the answers, then the invitations (with their links), older than the retention period.

    Returns how many of each went. Safe to run twice."""
    now = now or timezone.now()
    limit = now - relativedelta(months=retention_months())
    _total, answers = SurveyResponse.objects.filter(submitted_at__lt=limit).delete()
    _total, invitations = SurveyInvitation.objects.filter(created_at__lt=limit).delete()
    return {
        "answers": answers.get("alumni.SurveyResponse", 0) + invitations.get("alumni.SurveyResponse", 0),
        "invitations": invitations.get("alumni.SurveyInvitation", 0),
    }
