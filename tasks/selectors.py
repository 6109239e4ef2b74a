"""Reads of the reminder engine."""

from django.db.models import Count, Min, Q, QuerySet
from django.db.models.fields.json import KeyTextTransform

from cms.models import ProgrammePage
from cohorts.selectors import cohorts_coordinated_by
from tasks import registry
from tasks.enums import OutboxState
from tasks.models import Outbox, ProgrammeRuleSetting, ReminderRule


def outbox_visible_to(*, user) -> QuerySet[Outbox]:
    """Superusers see every row; a coordinator sees the rows of the cohorts they coordinate, and their own."""

    if not user.is_authenticated:
        return Outbox.objects.none()
    if user.is_superuser:
        return Outbox.objects.all()
    return Outbox.objects.filter(Q(cohort_id__in=cohorts_coordinated_by(user=user).values("pk")) | Q(recipient=user))


def outbox_for_listing(*, user) -> QuerySet[Outbox]:
    return outbox_visible_to(user=user).select_related("rule", "cohort", "cohort__programme", "recipient")


def message_batches(*, rule_code: str, cohort_id: int, batch_key: str = "batch") -> list[dict]:
    """The one-off messages of a rule sent to a cohort, one line per sending (newest first, one query).

    A sending is the set of rows sharing ``context[batch_key]`` (the app puts the same value on each
    recipient's row). Each line has: batch, subject (``context["message_subject"]``), sender
    (``context["sender_name"]``), audience (``context["audience"]``, who it was meant for), created_at,
    recipients and how many are pending, sent, failed, cancelled.
    """

    def in_state(*states):
        return Count("pk", filter=Q(state__in=states))

    rows = (
        Outbox.objects.filter(rule__code=rule_code, cohort_id=cohort_id)
        .annotate(
            batch=KeyTextTransform(batch_key, "context"),
            subject_text=KeyTextTransform("message_subject", "context"),
            sender=KeyTextTransform("sender_name", "context"),
            audience_text=KeyTextTransform("audience", "context"),
        )
        .values("batch", "subject_text", "sender", "audience_text")
        .annotate(
            created_at=Min("created_at"),
            recipients=Count("pk"),
            pending=in_state(OutboxState.PENDING, OutboxState.SENDING),
            sent=in_state(OutboxState.SENT),
            failed=in_state(OutboxState.FAILED),
            cancelled=in_state(OutboxState.CANCELLED),
        )
        .order_by("-created_at")
    )
    return [
        {
            "batch": row["batch"],
            "subject": row["subject_text"] or "",
            "sender": row["sender"] or "",
            "audience": row["audience_text"] or "",
            "created_at": row["created_at"],
            "recipients": row["recipients"],
            "pending": row["pending"],
            "sent": row["sent"],
            "failed": row["failed"],
            "cancelled": row["cancelled"],
        }
        for row in rows
    ]


def programmes_with_reminder_settings_for(*, user) -> QuerySet:
    """The programmes whose reminders this person sets: those of the cohorts they coordinate (administrators:
    every programme)."""
    if not user.is_authenticated:
        return ProgrammePage.objects.none()
    if user.is_superuser:
        return ProgrammePage.objects.order_by("title")
    return ProgrammePage.objects.filter(pk__in=cohorts_coordinated_by(user=user).values("programme_id")).order_by(
        "title"
    )


def programme_rule_rows(*, programme) -> list[dict]:
    """Each rule a programme may set (not the engine's digests), with the programme's setting if any and the
    rule as the programme's reminders use it. Two queries, whatever the number of rules."""
    settings_ = {setting.rule_id: setting for setting in ProgrammeRuleSetting.objects.filter(programme=programme)}
    rows = []
    for rule in ReminderRule.objects.order_by("app_label", "code"):
        spec = registry.get_rule_spec(rule.code)
        if spec is None or spec.is_digest:
            continue
        setting = settings_.get(rule.pk)
        rows.append({"rule": rule, "setting": setting, "effective": setting.applied_to(rule) if setting else rule})
    return rows
