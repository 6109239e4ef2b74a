"""The survey e-mails of the graduates' follow-up, declared to the reminder engine (see tasks.registry).

One rule, ``alumni.survey_invitation``: at 6, 12 and 24 months after the award, a graduate who agreed receives a
short survey, then exactly one reminder ten days later if it is still unanswered (``repeat_limit=2``,
``repeat_interval_days=10``). The rule is optional: every e-mail carries the engine's one-click unsubscribe,
which stops all further surveys. The link in the e-mail is single-use and drawn in the worker as the e-mail is
built (``action_link``): the outbox keeps only the follow-up page, never the secret.
"""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from alumni import selectors, services
from cohort_sessions.reminders import SIGNATURE_EN, SIGNATURE_FR
from tasks.enums import Audience, OffsetUnit
from tasks.registry import Due, RuleSpec
from tasks.timing import PARIS

SURVEY_RULE = selectors.SURVEY_RULE
# The morning of the wave's day (Paris time): the engine then respects its quiet hours and holidays.
SEND_AT = datetime.time(10, 0)


def plan_surveys(rule, now: datetime.datetime):
    """One reason per awarded enrolment and wave: ``enrolment:<id>:wave:<months>``, counted from the wave's day."""
    today = now.astimezone(PARIS).date()
    for row, wave, invited in selectors.surveys_due(today=today):
        day = selectors.wave_date(row.awarded_on, wave)
        yield Due(
            reason=f"enrolment:{row.pk}:wave:{wave}",
            reference=datetime.datetime.combine(day, SEND_AT, tzinfo=PARIS),
            recipient_id=row.learner_id,
            email=row.learner__email,
            subject_ref=("cohorts.enrolment", row.pk),
            cohort_id=row.cohort_id,
            action_url=reverse("alumni:my-follow-up"),
            context={
                "months": wave,
                "programme": row.cohort__programme__title,
                # Planned again ten days after the first e-mail, whose link created the invitation: the reminder.
                "reminder": invited,
            },
        )


def survey_still_open(row) -> bool:
    return selectors.invitation_is_open(enrolment_id=int(row.object_id), wave=int(row.context.get("months", 0)))


def survey_link_url(row) -> str:
    """The single-use link, its secret drawn here (in the worker), only its hash stored."""
    return services.survey_link_arm(
        enrolment_id=int(row.object_id), wave=int(row.context["months"]), now=timezone.now()
    )


SURVEY_RULE_SPEC = RuleSpec(
    code=SURVEY_RULE,
    app_label="alumni",
    description=gettext_lazy("Graduates' survey (6, 12 and 24 months after the diploma)"),
    trigger=gettext_lazy(
        "6, 12 and 24 months after the award, a graduate who agreed to the follow-up receives a short survey, "
        "with one reminder if it is unanswered."
    ),
    audience=Audience.LEARNER,
    offset_value=0,
    offset_unit=OffsetUnit.DAYS,
    repeat_limit=2,
    repeat_interval_days=10,
    optional=True,
    business_days_only=True,
    planner=plan_surveys,
    is_relevant=survey_still_open,
    action_link=survey_link_url,
    subject_fr=("{% if reminder %}Petit rappel : {% endif %}{{ months }} mois après le diplôme, comment allez-vous ?"),
    subject_en="{% if reminder %}A gentle reminder: {% endif %}{{ months }} months after the diploma, how are you?",
    body_fr=(
        "Bonjour {{ first_name }},\n\n"
        "{% if reminder %}Nous vous avions écrit il y a quelques jours. Si vous n'avez pas eu le temps, "
        "ce n'est pas grave : voici le lien à nouveau.{% else %}Il y a {{ months }} mois, vous obteniez le diplôme "
        "« {{ programme }} ». Vous aviez accepté que nous prenions de vos nouvelles.{% endif %}\n\n"
        "Cinq questions, deux minutes, sans créer de compte : que vous travailliez comme pair-aidant ou non, "
        "chaque réponse aide la formation à accompagner les promotions suivantes : {{ action_url }}\n\n"
        "Ce lien est personnel et ne sert qu'une fois. Vous pouvez aussi ne pas répondre : "
        "{% if reminder %}c'est notre seul rappel pour ce questionnaire.{% else %}nous ne vous relancerons "
        "qu'une seule fois.{% endif %}\n\n" + SIGNATURE_FR
    ),
    body_en=(
        "Hello {{ first_name }},\n\n"
        "{% if reminder %}We wrote to you a few days ago. If you did not have the time, that is fine: here is the "
        "link again.{% else %}{{ months }} months ago you were awarded the diploma “{{ programme }}”. You agreed "
        "that we could ask how you are doing.{% endif %}\n\n"
        "Five questions, two minutes, no account needed: whether you work as a peer supporter or not, each answer "
        "helps the course support the next cohorts: {{ action_url }}\n\n"
        "This link is personal and works once. You may also leave it unanswered: {% if reminder %}this is our only "
        "reminder for this survey.{% else %}we will remind you once only.{% endif %}\n\n" + SIGNATURE_EN
    ),
)

RULES = [SURVEY_RULE_SPEC]
