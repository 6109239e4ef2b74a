"""Demo reminders: the rules, and a few outbox rows in each state so the coordinator's view tells a story.

Idempotent: rows are found by their unique key; a second run changes nothing. All data is synthetic.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from tasks.enums import Delivery, OutboxKind, OutboxState
from tasks.models import Outbox, OutboxEvent, ReminderRule
from tasks.reminders import COHORT_STARTING, COORDINATOR_DIGEST, LEARNER_INACTIVE
from tasks.services import rules_sync


def _row(*, key: str, events: list[tuple[str, str, str]], **fields) -> Outbox:
    row, created = Outbox.objects.get_or_create(key=key, defaults={"base_key": key.rsplit(":", 1)[0], **fields})
    if created:
        OutboxEvent.objects.bulk_create(
            OutboxEvent(outbox=row, from_state=from_state, to_state=to_state, note=note)
            for from_state, to_state, note in events
        )
    return row


def seed(ctx) -> None:
    rules_sync()
    rules = {rule.code: rule for rule in ReminderRule.objects.all()}
    cohort = ctx.objects["cohort"]
    learner = ctx.users["learner"]
    coordinator = ctx.users["coordinator"]
    now = timezone.now().replace(second=0, microsecond=0)
    day = datetime.timedelta(days=1)
    enrolment = learner.enrolments.filter(cohort=cohort).first()
    enrolment_type = ContentType.objects.get_by_natural_key("cohorts", "enrolment")
    subject = {"content_type": enrolment_type, "object_id": str(enrolment.pk)} if enrolment else {}
    absent_since = (now - 30 * day).isoformat()
    inactive = rules[LEARNER_INACTIVE]

    sent = _row(
        key=f"demo:{LEARNER_INACTIVE}:learner:1",
        rule=inactive,
        recipient=learner,
        recipient_email=learner.email,
        cohort=cohort,
        due_at=now - 16 * day,
        state=OutboxState.SENT,
        attempts=1,
        sent_at=now - 16 * day,
        sent_subject=inactive.subject_fr,
        action_url="/apprendre/",
        context={"absent_since": absent_since, "person": learner.full_name},
        **subject,
        events=[(OutboxState.PENDING, OutboxState.SENDING, ""), (OutboxState.SENDING, OutboxState.SENT, "")],
    )
    _row(
        key=f"demo:{LEARNER_INACTIVE}:learner:2",
        rule=inactive,
        recipient=learner,
        recipient_email=learner.email,
        cohort=cohort,
        occurrence=2,
        due_at=now - 9 * day,
        state=OutboxState.CANCELLED,
        action_url="/apprendre/",
        context={"absent_since": absent_since, "person": learner.full_name},
        **subject,
        events=[
            (OutboxState.PENDING, OutboxState.SENDING, ""),
            (OutboxState.SENDING, OutboxState.CANCELLED, "Reason has gone"),
        ],
    )
    _row(
        key=f"demo:{LEARNER_INACTIVE}:former-address:1",
        rule=inactive,
        recipient_email="ancienne-adresse@demo.pair-aidance.test",
        cohort=cohort,
        due_at=now - 2 * day,
        state=OutboxState.FAILED,
        attempts=6,
        last_error="SMTPRecipientsRefused: {'ancienne-adresse@demo.pair-aidance.test': (550, b'Mailbox unavailable')}",
        action_url="/apprendre/",
        context={"absent_since": absent_since, "person": "Thomas Petit"},
        events=[(OutboxState.PENDING, OutboxState.SENDING, ""), (OutboxState.SENDING, OutboxState.FAILED, "Refused")],
    )
    _row(
        key=f"demo:{COHORT_STARTING}:learner:1",
        rule=rules[COHORT_STARTING],
        recipient=learner,
        recipient_email=learner.email,
        cohort=cohort,
        due_at=now + 2 * day,
        state=OutboxState.PENDING,
        action_url="/compte/mon-espace/",
        context={
            "starts_on": cohort.starts_on.isoformat(),
            "cohort": cohort.label,
            "programme": cohort.programme.title,
        },
        **subject,
        events=[],
    )
    digest = _row(
        key=f"demo:{COORDINATOR_DIGEST}:coordinator:1",
        rule=rules[COORDINATOR_DIGEST],
        kind=OutboxKind.DIGEST,
        recipient=coordinator,
        recipient_email=coordinator.email,
        due_at=now - day,
        state=OutboxState.SENT,
        attempts=1,
        sent_at=now - day,
        sent_subject="Votre point du jour : 1 élément à regarder",
        events=[(OutboxState.PENDING, OutboxState.SENDING, ""), (OutboxState.SENDING, OutboxState.SENT, "")],
    )
    _row(
        key=f"demo:{LEARNER_INACTIVE}:escalation:coordinator",
        rule=inactive,
        kind=OutboxKind.ESCALATION,
        delivery=Delivery.DIGEST,
        digest_rule=rules[COORDINATOR_DIGEST],
        digest=digest,
        recipient=coordinator,
        recipient_email=coordinator.email,
        cohort=cohort,
        occurrence=3,
        due_at=now - day,
        state=OutboxState.SENT,
        sent_at=now - day,
        action_url="/admin/relances/envois/",
        context={"about_name": "Thomas Petit", "absent_since": absent_since},
        events=[(OutboxState.PENDING, OutboxState.SENT, "In a digest")],
    )
    _sent_messages(ctx, rules, now=now)
    ctx.objects["reminder_sent"] = sent
    ctx.log("Relances : règles synchronisées, envois de démonstration prêts (menu « Relances » de l'admin).")


# Messages the demo's story already sent (answers and published decisions go at once, whatever the hour), so
# that a newcomer opening the outbox sees what went out. The codes are those the apps declare.
DEMO_MESSAGES = [
    # (rule code, user key or None for the tutor's address, days ago, subject, context)
    (
        "cohorts.message_dossier_received",
        "candidate",
        6,
        "Nous avons bien reçu votre dossier pour « Sélection 2027-2028 »",
        {"round": "Sélection 2027-2028"},
    ),
    (
        "cohorts.message_decision_letter",
        "learner",
        40,
        "« Sélection 2026-2027 » : la décision du jury",
        {"round": "Sélection 2026-2027", "outcome": "admitted"},
    ),
    ("internships.tutor_link", None, 3, "Valider une semaine d'heures — Léa Martin", {"learner": "Léa Martin"}),
]


def _sent_messages(ctx, rules, *, now) -> None:
    cohort = ctx.objects["cohort"]
    tutor = ctx.objects.get("tutor")
    for code, user_key, days_ago, subject, context in DEMO_MESSAGES:
        rule = rules.get(code)
        user = ctx.users.get(user_key) if user_key else None
        email = user.email if user else getattr(tutor, "email", "")
        if rule is None or not email:
            continue
        moment = now - datetime.timedelta(days=days_ago)
        _row(
            key=f"demo:{code}:1",
            rule=rule,
            kind=OutboxKind.MESSAGE,
            recipient=user,
            recipient_email=email,
            cohort=cohort,
            due_at=moment,
            state=OutboxState.SENT,
            attempts=1,
            sent_at=moment,
            sent_subject=subject,
            context=context,
            events=[
                (OutboxState.PENDING, OutboxState.SENDING, ""),
                (OutboxState.SENDING, OutboxState.SENT, ""),
            ],
        )
