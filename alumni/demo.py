"""Demo graduates' follow-up: four past cohorts of the demo programme, their graduates, who agreed to the survey,
the waves already sent and the answers, so that the programme's figures show years of follow-up (and their small
cells suppressed). The latest past cohort reached six months after its jury a few days ago: its consenting
graduates are not invited yet, so the reminder engine sends their survey as soon as `make run` starts.

Past juries are history here: their decisions are written as records (the eligibility they needed, lessons,
attendance and internships of years ago, is not part of the demo). Idempotent: users, cohorts, enrolments,
decisions, consents, invitations and answers are found by natural keys and created once.
"""

import datetime

from dateutil.relativedelta import relativedelta
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from accounts.demo import get_or_create_demo_user
from alumni.enums import Contract, Pay, StructureKind
from alumni.models import FollowUpConsent, SurveyInvitation, SurveyResponse
from alumni.reminders import SURVEY_RULE
from cohorts.demo import current_academic_label
from cohorts.enums import EnrolmentStatus
from cohorts.models import Cohort, Enrolment
from final_validation.enums import JuryOutcome
from final_validation.models import FinalDecision
from tasks.enums import OutboxState
from tasks.models import Outbox, ReminderRule
from tasks.services import rules_sync

FIRST_NAMES = [
    "Alice", "Benoît", "Chloé", "David", "Elsa", "Farid", "Gaëlle", "Hugo", "Inès", "Julien", "Karima", "Louis",
    "Maëlle", "Nicolas", "Océane", "Pierre", "Rania", "Sacha", "Thierry", "Ulysse", "Valérie", "Yanis", "Zoé",
    "Amandine", "Bruno", "Camille", "Damien", "Émilie", "Fabrice", "Gisèle", "Hélène", "Idriss", "Jeanne", "Karl",
    "Léon", "Manon",
]  # fmt: skip
LAST_NAMES = ["Martin", "Bernard", "Durand", "Moreau", "Girard", "Roux", "Fontaine", "Chevalier", "Blanc", "Garnier"]

H, M, G = StructureKind.HOSPITAL, StructureKind.MEDICO_SOCIAL, StructureKind.GEM
NO = None  # answered, not working as a peer supporter

HELPED = [
    "Le binôme avec une infirmière de l'équipe mobile, dès le stage.",
    "Le réseau des anciens de la promotion et la supervision mensuelle.",
    "Une cadre de santé convaincue qui a créé le poste.",
    "",
]
HINDERED = [
    "Des fiches de poste encore floues et un temps partiel subi.",
    "La distance : peu de postes près de chez moi.",
    "",
    "Des collègues qui ne savaient pas ce qu'est un pair-aidant.",
]

# (years before the current cohort, graduates, who agreed, withdrawn enrolments, waves sent, answers to each
# wave sent: one structure kind or NO per graduate who answered). The last one has no wave sent yet.
PAST_COHORTS = [
    (4, 7, 6, 1, (6, 12, 24), [H, H, H, G, NO]),
    (3, 12, 10, 2, (6, 12, 24), [H, H, H, H, H, M, M, NO, NO]),
    (2, 9, 8, 1, (6, 12), [G, G, G, G, G, H, NO]),
    (1, 6, 5, 0, (), []),
]


def _cohort(programme, years_back: int, today: datetime.date, coordinator) -> tuple[Cohort, datetime.date]:
    _label, current_start, _end = current_academic_label(today)
    start_year = current_start.year - years_back
    starts_on, ends_on = datetime.date(start_year, 9, 15), datetime.date(start_year + 1, 6, 30)
    jury_on = datetime.date(start_year + 1, 6, 26)
    if years_back == 1:
        # The latest past cohort's jury met six months and a few days ago: its first survey is due now.
        jury_on = min(jury_on, today - relativedelta(months=6) - datetime.timedelta(days=3))
    cohort, _created = Cohort.objects.get_or_create(
        programme=programme,
        label=f"{start_year}-{start_year + 1}",
        defaults={"starts_on": starts_on, "ends_on": ends_on, "capacity": 24},
    )
    cohort.coordinators.add(coordinator)
    return cohort, jury_on


def _answer(invitation: SurveyInvitation, kind, index: int, when: datetime.datetime) -> None:
    if hasattr(invitation, "response"):
        return
    working = kind is not None
    response = SurveyResponse.objects.create(
        invitation=invitation,
        works_as_peer_supporter=working,
        structure_kind=kind or "",
        contract=([Contract.CDI, Contract.CDD, Contract.OTHER][index % 3]) if working else "",
        pay=(Pay.VOLUNTEER if kind == StructureKind.GEM and index % 2 else Pay.PAID) if working else "",
        weekly_hours=[35, 17, 24, 28, 10][index % 5] if working else None,
        helped_text=HELPED[index % len(HELPED)],
        hindered_text=HINDERED[index % len(HINDERED)],
    )
    SurveyResponse.objects.filter(pk=response.pk).update(submitted_at=when)


def _sent(rule, enrolment, wave: int, sent_at: datetime.datetime, *, answered: bool) -> list[Outbox]:
    """The e-mails the engine sent for this wave (the invitation, and its reminder when left unanswered), as the
    outbox keeps them, so that the engine knows they went."""
    rows = []
    for occurrence in (1,) if answered else (1, 2):
        moment = sent_at + datetime.timedelta(days=10 * (occurrence - 1))
        rows.append(
            Outbox(
                rule=rule,
                recipient=enrolment.learner,
                recipient_email=enrolment.learner.email,
                content_type=ContentType.objects.get_for_model(Enrolment),
                object_id=str(enrolment.pk),
                cohort_id=enrolment.cohort_id,
                key=f"{SURVEY_RULE}:enrolment:{enrolment.pk}:wave:{wave}:{occurrence}",
                base_key=f"enrolment:{enrolment.pk}:wave:{wave}",
                occurrence=occurrence,
                due_at=moment,
                state=OutboxState.SENT,
                sent_at=moment,
                action_url="/suivi-diplomes/",
                context={"months": wave, "programme": enrolment.cohort.programme.title, "reminder": occurrence > 1},
            )
        )
    return rows


def seed(ctx) -> None:
    cohort = ctx.objects.get("cohort")
    if cohort is None:
        return
    today = timezone.localdate()
    coordinator = ctx.users["coordinator"]
    number = 0
    rule = ReminderRule.objects.filter(code=SURVEY_RULE).first()
    if rule is None:
        rules_sync()
        rule = ReminderRule.objects.get(code=SURVEY_RULE)
    outbox: list[Outbox] = []
    for years_back, graduates, agreed, withdrawn, waves, answers in PAST_COHORTS:
        past, jury_on = _cohort(cohort.programme, years_back, today, coordinator)
        for index in range(graduates + withdrawn):
            first_name = FIRST_NAMES[number % len(FIRST_NAMES)]
            last_name = LAST_NAMES[(number * 7) % len(LAST_NAMES)]
            user = get_or_create_demo_user(f"diplome-{past.label}-{index + 1}", first_name, last_name)
            number += 1
            is_graduate = index < graduates
            enrolment, _created = Enrolment.objects.get_or_create(
                cohort=past,
                learner=user,
                defaults={"status": EnrolmentStatus.COMPLETED if is_graduate else EnrolmentStatus.WITHDRAWN},
            )
            if not is_graduate:
                continue
            if not FinalDecision.objects.filter(enrolment=enrolment).exists():
                FinalDecision.objects.create(
                    enrolment=enrolment, outcome=JuryOutcome.AWARDED, jury_date=jury_on, recorded_by=coordinator
                )
            if index >= agreed:
                continue
            agreed_at = timezone.make_aware(datetime.datetime.combine(jury_on, datetime.time(16, 0)))
            FollowUpConsent.objects.get_or_create(user=user, defaults={"agreed": True, "agreed_at": agreed_at})
            for wave in waves:
                sent_on = jury_on + relativedelta(months=wave)
                invitation, created = SurveyInvitation.objects.get_or_create(enrolment=enrolment, wave=wave)
                sent_at = timezone.make_aware(datetime.datetime.combine(sent_on, datetime.time(10, 0)))
                if created:
                    SurveyInvitation.objects.filter(pk=invitation.pk).update(created_at=sent_at)
                answered = index < len(answers)
                if answered:
                    _answer(invitation, answers[index], index, sent_at + datetime.timedelta(days=2 + index))
                outbox += _sent(rule, enrolment, wave, sent_at, answered=answered)
    Outbox.objects.bulk_create(outbox, ignore_conflicts=True)
