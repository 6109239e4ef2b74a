"""Writes of the reminder engine: sync the rules, plan, claim, deliver, and the coordinator's actions.

The life of a reminder:

1. ``rules_sync`` copies the rules declared in code (``tasks.registry``) into ``ReminderRule`` rows.
2. ``plan_all`` (periodic) asks each enabled rule's planner what is due, and inserts outbox rows with a
   unique key and ``ignore_conflicts``: planning twice creates nothing new.
3. ``dispatch_tick`` (every minute, under a single-dispatcher lock) puts rows stuck in ``sending`` back
   to ``pending``, then claims due rows in small batches with ``select_for_update(skip_locked=True)``,
   marks them ``sending`` with a fresh claim token and queues one ``tasks.send_reminder_batch`` per
   batch, on commit.
4. ``deliver_batch`` (inside that task) takes and reads the rows in one statement, only those whose
   token still matches; checks that each reminder is still wanted (rule on, not unsubscribed, reason
   still there, not at night, not too soon after the previous one); sends them through one SMTP
   connection and marks each one ``sent`` (with its history row) as soon as the server accepted it.
"""

from __future__ import annotations

import contextlib
import copy
import datetime
import hashlib
import logging
import smtplib
import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator
from itertools import islice

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.mail import mailers
from django.db import connection, transaction
from django.db.models import F, Max, Q
from django.db.models.sql import UpdateQuery
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from cohorts.models import Cohort
from core import workflow
from tasks import mail, registry, timing
from tasks.celery import enqueue_on_commit
from tasks.digests import plan_digest
from tasks.enums import OUTBOX_TRANSITIONS, Delivery, OutboxKind, OutboxState
from tasks.locks import single_dispatcher
from tasks.models import (
    Outbox,
    OutboxEvent,
    ProgrammeRuleSetting,
    ProgrammeRuleSettingChange,
    ReminderOptOut,
    ReminderRule,
)

logger = logging.getLogger(__name__)

PLAN_BATCH = 500
COORDINATOR_DIGEST = "tasks.coordinator_daily_digest"


class ReminderError(Exception):
    """A move the outbox does not allow (e.g. re-sending a reminder already sent)."""


def _setting(name: str, default):
    return getattr(settings, name, default)


# --- Rules ---------------------------------------------------------------------------------------


def rules_sync() -> dict[str, int]:
    """Create missing rules and refresh the code-owned fields of existing ones.

    Fields a coordinator may edit (wording, offsets, on/off...) are refreshed only on rows that no
    coordinator changed (``customised`` is False). Rules no longer declared are left as they are
    (their history stays visible).
    """
    created = updated = 0
    existing = {rule.code: rule for rule in ReminderRule.objects.all()}
    for spec in registry.rule_specs():
        # Descriptions are stored in the platform's language (French), whatever language is active now.
        with translation.override(settings.LANGUAGE_CODE):
            defaults = {
                name: str(value) if isinstance(value, Promise) else value for name, value in spec.row_defaults().items()
            }
        rule = existing.get(spec.code)
        if rule is None:
            ReminderRule.objects.create(code=spec.code, **defaults)
            created += 1
            continue
        fields = spec.CODE_FIELDS if rule.customised else (*spec.CODE_FIELDS, *spec.EDITABLE_FIELDS)
        changed = [name for name in fields if getattr(rule, name) != defaults[name]]
        if changed:
            for name in changed:
                setattr(rule, name, defaults[name])
            rule.save(update_fields=[*changed, "updated_at"])
            updated += 1
    return {"created": created, "updated": updated}


@transaction.atomic
def rule_update(*, rule: ReminderRule, changes: dict, by=None) -> ReminderRule:
    """An administrator's edit of a rule: validated, and marked as customised so the sync keeps it.

    `by` None is a command or a data step; anyone else needs `tasks.edit_reminder_rules`.
    """
    if by is not None and not by.has_perm("tasks.edit_reminder_rules"):
        raise ReminderError(_("The reminder rules are shared by every programme: only an administrator changes them."))
    rule = ReminderRule.objects.select_for_update().get(pk=rule.pk)
    allowed = set(registry.RuleSpec.EDITABLE_FIELDS)
    unknown = set(changes) - allowed
    if unknown:
        raise ReminderError(_("These settings cannot be changed: %(names)s") % {"names": ", ".join(sorted(unknown))})
    for name, value in changes.items():
        setattr(rule, name, value)
    rule.customised = True
    rule.full_clean()
    rule.save()
    return rule


# --- A programme's own settings ------------------------------------------------------------------


def programme_views(
    rule: ReminderRule, settings_of: Iterable[ProgrammeRuleSetting] | None = None
) -> dict[int, ReminderRule]:
    """{programme id: the rule as that programme set it}, for the programmes that changed something: from
    `settings_of` when the caller has read them already (`plan_all`), else in one query."""
    if settings_of is None:
        settings_of = ProgrammeRuleSetting.objects.filter(rule=rule).order_by()
    return {setting.programme_id: setting.applied_to(rule) for setting in settings_of}


def _check_programme_right(by, programme) -> None:
    if by is not None and not by.has_perm("tasks.edit_programme_reminders", programme):
        raise ReminderError(_("Only the coordinators of this programme change its reminders."))


def _cancel_pending(*, by, note: str, **lookup) -> int:
    """Cancel the pending rows matching `lookup` (rows another worker holds are left to the send-time checks),
    each with its history row. Call inside a transaction."""
    pending = list(
        Outbox.objects.select_for_update(skip_locked=True)
        .filter(state=OutboxState.PENDING, **lookup)
        .values_list("pk", flat=True)
    )
    if pending:
        Outbox.objects.filter(pk__in=pending).update(state=OutboxState.CANCELLED, updated_at=timezone.now())
        OutboxEvent.objects.bulk_create(
            OutboxEvent(outbox_id=pk, by=by, from_state=OutboxState.PENDING, to_state=OutboxState.CANCELLED, note=note)
            for pk in pending
        )
    return len(pending)


def _cancel_pending_for_programme(rule: ReminderRule, programme, by) -> int:
    """The reminders of this rule still waiting for the programme's cohorts are cancelled (switched off)."""
    return _cancel_pending(by=by, note="Switched off for the programme", rule=rule, cohort__programme=programme)


def _logged(value):
    return value if value is None or isinstance(value, (bool, int, str)) else str(value)


@transaction.atomic
def programme_setting_save(*, rule: ReminderRule, programme, changes: dict, by=None) -> ProgrammeRuleSetting:
    """A coordinator's setting of a rule for their programme: validated, logged (who, what, when); switching
    the rule off for the programme cancels what was waiting for its cohorts. Blank values follow the rule.

    `by` None is a command or a data step; anyone else must coordinate the programme."""
    _check_programme_right(by, programme)
    unknown = set(changes) - set(ProgrammeRuleSetting.OVERRIDES)
    if unknown:
        raise ReminderError(_("These settings cannot be changed: %(names)s") % {"names": ", ".join(sorted(unknown))})
    rule = ReminderRule.objects.select_for_update().get(pk=rule.pk)
    setting = ProgrammeRuleSetting.objects.select_for_update().filter(rule=rule, programme=programme).first()
    setting = setting or ProgrammeRuleSetting(rule=rule, programme=programme)
    was_enabled = setting.applied_to(rule).enabled
    before = {name: getattr(setting, name) for name in ProgrammeRuleSetting.OVERRIDES}
    for name, value in changes.items():
        if isinstance(value, str):
            value = value.strip()
        setattr(setting, name, value)
    setting.updated_by = by
    setting.full_clean()
    setting.save()
    diff = {
        name: [_logged(before[name]), _logged(getattr(setting, name))]
        for name in ProgrammeRuleSetting.OVERRIDES
        if before[name] != getattr(setting, name)
    }
    if diff:
        ProgrammeRuleSettingChange.objects.create(rule=rule, programme=programme, by=by, changes=diff)
    if was_enabled and not setting.applied_to(rule).enabled:
        _cancel_pending_for_programme(rule, programme, by)
    return setting


@transaction.atomic
def programme_setting_reset(*, rule: ReminderRule, programme, by=None) -> bool:
    """Back to the platform default for this programme. False when there was nothing to reset."""
    _check_programme_right(by, programme)
    setting = ProgrammeRuleSetting.objects.select_for_update().filter(rule=rule, programme=programme).first()
    if setting is None:
        return False
    before = setting.overridden()
    setting.delete()
    ProgrammeRuleSettingChange.objects.create(
        rule=rule,
        programme=programme,
        by=by,
        reset=True,
        changes={name: [_logged(value), None] for name, value in before.items()},
    )
    if not rule.enabled:
        _cancel_pending_for_programme(rule, programme, by)
    return True


# --- Planning ------------------------------------------------------------------------------------


def _chunks(iterable: Iterable, size: int) -> Iterator[list]:
    iterator = iter(iterable)
    while batch := list(islice(iterator, size)):
        yield batch


def _coordinators_of(cohort_ids: set[int]) -> dict[int, list[tuple[int, str]]]:
    if not cohort_ids:
        return {}

    through = Cohort.coordinators.through
    result: dict[int, list[tuple[int, str]]] = defaultdict(list)
    rows = through.objects.filter(cohort_id__in=cohort_ids).values_list("cohort_id", "user_id", "user__email")
    for cohort_id, user_id, email in rows:
        result[cohort_id].append((user_id, email))
    return result


def _due_time(rule: ReminderRule, moment: datetime.datetime) -> datetime.datetime:
    return timing.next_allowed(moment, quiet=rule.quiet_hours, business_days_only=rule.business_days_only)


def plan_rule(
    rule: ReminderRule, *, now: datetime.datetime | None = None, settings_of: list[ProgrammeRuleSetting] | None = None
) -> int:
    """Insert the outbox rows that this rule's planner says are due (within the planning horizon).

    Returns the number of rows inserted. Safe to run any number of times: keys are unique. `settings_of`: the
    programmes' settings of this rule when the caller has already read them (`plan_all` reads all at once).
    """
    now = now or timezone.now()
    spec = registry.get_rule_spec(rule.code)
    if spec is None or spec.is_message:
        return 0
    # Digests belong to the engine: programmes do not set them.
    views = {} if spec.is_digest else programme_views(rule, settings_of)
    if not rule.enabled and not any(view.enabled for view in views.values()):
        return 0
    if spec.is_digest:
        dues: Iterable[registry.Due] = plan_digest(rule, spec, now)
    else:
        dues = spec.planner(_widest(rule, views), now)
    horizon = now + datetime.timedelta(seconds=_setting("REMINDERS_PLANNING_HORIZON", 3600))
    inserted = 0
    for batch in _chunks(dues, PLAN_BATCH):
        inserted += _plan_batch(rule, spec, batch, now=now, horizon=horizon, views=views)
    return inserted


def _widest(rule: ReminderRule, views: dict[int, ReminderRule]) -> ReminderRule:
    """The rule the planner looks with: the smallest offset among the platform's and the programmes' (the
    widest window: a longer lead before a date, a shorter wait after one). The engine then applies each
    programme's own offset to the reasons found."""
    offsets = [view.offset_value for view in views.values() if view.enabled]
    if not offsets or min(offsets) >= rule.offset_value:
        return rule
    wide = copy.copy(rule)
    wide.offset_value = min(offsets)
    wide.programme_setting_id = -1  # a view, never saved
    return wide


def _programme_of_cohorts(cohort_ids: set) -> dict[int, int]:
    if not cohort_ids:
        return {}
    return dict(Cohort.objects.filter(pk__in=cohort_ids).values_list("pk", "programme_id"))


def _reason_key(reason: str) -> str:
    """The reason as stored in the key: long reasons are hashed so the key always fits its column."""
    if len(reason) <= 120:
        return reason
    return "sha1:" + hashlib.sha1(reason.encode()).hexdigest()


def _plan_batch(rule, spec, batch: list[registry.Due], *, now, horizon, views=None) -> int:
    programme_of = _programme_of_cohorts({due.cohort_id for due in batch if due.cohort_id}) if views else {}
    reasons = [_reason_key(due.reason) for due in batch]
    latest: dict[str, tuple[int, str, datetime.datetime | None]] = {}
    escalated: set[str] = set()
    for base_key, kind, occurrence, state, sent_at in Outbox.objects.filter(
        rule=rule, base_key__in=reasons
    ).values_list("base_key", "kind", "occurrence", "state", "sent_at"):
        if kind == OutboxKind.ESCALATION:
            escalated.add(base_key)
        elif base_key not in latest or occurrence > latest[base_key][0]:
            latest[base_key] = (occurrence, state, sent_at)

    recipient_ids = {due.recipient_id for due in batch if due.recipient_id}
    opted_out: set[int] = set()
    if rule.optional and recipient_ids:
        opted_out = set(
            ReminderOptOut.objects.filter(rule=rule, user_id__in=recipient_ids).values_list("user_id", flat=True)
        )
    last_sent: dict[int, datetime.datetime] = {}
    if rule.min_days_between and recipient_ids:
        last_sent = dict(
            Outbox.objects.filter(rule=rule, recipient_id__in=recipient_ids, state=OutboxState.SENT)
            .values("recipient_id")
            .annotate(last=Max("sent_at"))
            .values_list("recipient_id", "last")
        )
    coordinators: dict[int, list[tuple[int, str]]] = {}
    if rule.escalate:
        coordinators = _coordinators_of({due.cohort_id for due in batch if due.cohort_id})

    digest_rule_id = None
    if spec.digest_rule:
        digest_rule_id = ReminderRule.objects.filter(code=spec.digest_rule).values_list("pk", flat=True).first()
    coordinator_digest_id = None
    rows: list[Outbox] = []
    for due, reason in zip(batch, reasons, strict=True):
        if due.recipient_id in opted_out:
            continue
        # The rule as the cohort's programme set it (rows without a cohort follow the platform's rule).
        view = views.get(programme_of.get(due.cohort_id), rule) if views else rule
        if not view.enabled:
            continue
        previous = latest.get(reason)
        kind = OutboxKind.REMINDER
        if previous is None:
            occurrence = 1
            moment = timing.apply_offset(due.reference, view.offset_value, view.offset_unit)
        else:
            occurrence, state, sent_at = previous
            if state != OutboxState.SENT:
                continue  # still on its way, failed (a coordinator decides) or cancelled (reason gone)
            next_time = sent_at + datetime.timedelta(days=view.repeat_interval_days)
            if occurrence < view.repeat_limit:
                occurrence += 1
                moment = next_time
            elif rule.escalate and reason not in escalated and now >= next_time:
                if coordinator_digest_id is None:
                    coordinator_digest_id = (
                        ReminderRule.objects.filter(code=COORDINATOR_DIGEST).values_list("pk", flat=True).first()
                    )
                rows.extend(
                    _escalation_rows(view, due, reason, coordinators.get(due.cohort_id, []), coordinator_digest_id, now)
                )
                continue
            else:
                continue
        if due.recipient_id in last_sent:
            moment = max(moment, last_sent[due.recipient_id] + datetime.timedelta(days=rule.min_days_between))
        due_at = _due_time(rule, moment)
        if due_at > horizon:
            continue
        rows.append(
            Outbox(
                rule=rule,
                kind=OutboxKind.DIGEST if spec.is_digest else kind,
                delivery=rule.delivery,
                digest_rule_id=digest_rule_id if rule.delivery == Delivery.DIGEST else None,
                recipient_id=due.recipient_id,
                recipient_email=due.email,
                content_type=_content_type(due),
                object_id=_object_id(due),
                cohort_id=due.cohort_id,
                key=f"{rule.code}:{reason}:{occurrence}",
                base_key=reason,
                occurrence=occurrence,
                due_at=due_at,
                action_url=due.action_url,
                context=due.context,
            )
        )
    if not rows:
        return 0
    already = Outbox.objects.filter(key__in=[row.key for row in rows]).count()
    # ignore_conflicts: a row planned meanwhile by another planner (same key) is simply skipped.
    Outbox.objects.bulk_create(rows, ignore_conflicts=True, batch_size=PLAN_BATCH)
    return len(rows) - already


def _content_type(due: registry.Due) -> ContentType | None:
    if due.subject is not None:
        return ContentType.objects.get_for_model(due.subject)
    if due.subject_ref is not None:
        app_label, model = due.subject_ref[0].split(".")
        return ContentType.objects.get_by_natural_key(app_label, model)
    return None


def _object_id(due: registry.Due) -> str:
    if due.subject is not None:
        return str(due.subject.pk)
    if due.subject_ref is not None:
        return str(due.subject_ref[1])
    return ""


def _escalation_rows(rule, due, reason, coordinators, digest_rule_id, now) -> list[Outbox]:
    if digest_rule_id is None:
        return []
    return [
        Outbox(
            rule=rule,
            kind=OutboxKind.ESCALATION,
            delivery=Delivery.DIGEST,
            digest_rule_id=digest_rule_id,
            recipient_id=user_id,
            recipient_email=email,
            content_type=_content_type(due),
            object_id=_object_id(due),
            cohort_id=due.cohort_id,
            key=f"{rule.code}:{reason}:escalation:{user_id}",
            base_key=reason,
            occurrence=rule.repeat_limit,
            due_at=now,
            action_url=due.action_url,
            context={
                **due.context,
                "about_user_id": due.recipient_id,
                "about_email": due.email,
                "about_name": due.context.get("person", ""),
            },
        )
        for user_id, email in coordinators
    ]


def plan_all(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Plan every enabled rule. Digests last, so that they see the lines planned just before."""
    now = now or timezone.now()
    rules_sync()
    result: dict[str, int] = {}
    # A rule off by default may be on for a programme that switched it on.
    switched_on = ProgrammeRuleSetting.objects.filter(enabled=True).values("rule_id")
    rules = list(ReminderRule.objects.filter(Q(enabled=True) | Q(pk__in=switched_on)))
    specs = {rule.code: registry.get_rule_spec(rule.code) for rule in rules}
    rules.sort(key=lambda rule: bool(specs[rule.code] and specs[rule.code].is_digest))
    # Every programme's settings of these rules in one query, not one per rule.
    settings_of: dict[int, list[ProgrammeRuleSetting]] = {rule.pk: [] for rule in rules}
    for setting in ProgrammeRuleSetting.objects.filter(rule__in=rules).order_by():
        settings_of[setting.rule_id].append(setting)
    for rule in rules:
        try:
            result[rule.code] = plan_rule(rule, now=now, settings_of=settings_of[rule.pk])
        except Exception:
            # One broken planner must not stop the others; the error is logged for the operators.
            logger.exception("Planning failed for reminder rule %s", rule.code)
            result[rule.code] = -1
    return result


# --- One-off messages ----------------------------------------------------------------------------


def message_queue(rule_code: str, messages: Iterable[registry.Due], *, by=None, note: str = "") -> list[int]:
    """Queue one-off messages of a message rule (``is_message=True``) in the outbox.

    Each `Due`'s ``reason`` is the message's unique key: a message queued twice is sent once. Returns the
    ids of the rows this call created. Sending starts when the surrounding transaction commits: the rows
    this call created are claimed and sent at once (`send_messages_now`), without waiting for the next beat
    tick nor for a dispatcher tick that holds the lock at that moment. The rule's quiet hours still apply
    (a row due later waits for the beat). Nothing is queued if the transaction rolls back.
    """
    spec = registry.get_rule_spec(rule_code)
    if spec is None or not spec.is_message:
        raise ReminderError(f"{rule_code} is not a declared message rule.")
    rule = ReminderRule.objects.filter(code=rule_code).first()
    if rule is None:
        rules_sync()
        rule = ReminderRule.objects.get(code=rule_code)
    now = timezone.now()
    due_at = _due_time(rule, now)
    rows = []
    for due in messages:
        reason = _reason_key(due.reason)
        rows.append(
            Outbox(
                rule=rule,
                kind=OutboxKind.MESSAGE,
                delivery=Delivery.EMAIL,
                recipient_id=due.recipient_id,
                recipient_email=due.email,
                content_type=_content_type(due),
                object_id=_object_id(due),
                cohort_id=due.cohort_id,
                key=f"{rule.code}:{reason}",
                base_key=reason,
                occurrence=1,
                due_at=due_at,
                action_url=due.action_url,
                context=due.context,
            )
        )
    if not rows:
        return []
    with transaction.atomic():
        keys = [row.key for row in rows]
        existing = set(Outbox.objects.filter(key__in=keys).values_list("key", flat=True))
        fresh = [row for row in rows if row.key not in existing]
        Outbox.objects.bulk_create(fresh, ignore_conflicts=True, batch_size=PLAN_BATCH)
        created = list(Outbox.objects.filter(key__in=[row.key for row in fresh]).values_list("pk", flat=True))
        OutboxEvent.objects.bulk_create(
            OutboxEvent(
                outbox_id=pk,
                by=by,
                from_state=OutboxState.PENDING,
                to_state=OutboxState.PENDING,
                note=(note or "Queued")[:500],
            )
            for pk in created
        )
        if created:
            enqueue_on_commit("tasks.send_messages", created)
    return created


def outbox_forget(*, subjects) -> int:
    """Anonymisation: erase who and what from the outbox rows about these objects; cancel what still waits.

    The rows stay (the coordinator's log keeps its shape and its counts) but no longer say whom they went
    to nor carry the words they were built from. Returns the number of rows erased.
    """
    total = 0
    for subject in subjects:
        content_type = ContentType.objects.get_for_model(subject)
        rows = Outbox.objects.filter(content_type=content_type, object_id=str(subject.pk))
        waiting = list(rows.filter(state__in=[OutboxState.PENDING, OutboxState.FAILED]).values_list("pk", "state"))
        if waiting:
            Outbox.objects.filter(pk__in=[pk for pk, _state in waiting]).update(state=OutboxState.CANCELLED)
            OutboxEvent.objects.bulk_create(
                OutboxEvent(outbox_id=pk, from_state=state, to_state=OutboxState.CANCELLED, note="Anonymised")
                for pk, state in waiting
            )
        total += rows.update(
            recipient=None,
            recipient_email="",
            context={},
            action_url="",
            sent_subject="",
            last_error="",
            updated_at=timezone.now(),
        )
    return total


# --- State machine -------------------------------------------------------------------------------


_outbox_history = workflow.history_row(OutboxEvent, parent="outbox", states="state")


def outbox_transition(*, outbox: Outbox, to_state: str, by=None, note: str = "", **fields) -> Outbox:
    """The one door for moving a single outbox row (`core.workflow.transition`): lock, check the table, save,
    write history."""
    return workflow.transition(
        outbox,
        to_status=to_state,
        status_field="state",
        transitions=OUTBOX_TRANSITIONS,
        by=by,
        note=note[:500],
        choices=OutboxState,
        error=ReminderError,
        message=_("A reminder that is “%(from)s” cannot become “%(to)s”."),
        fields=fields,
        history=_outbox_history,
    )


def outbox_resend(*, outbox: Outbox, by) -> Outbox:
    """Put a failed or cancelled reminder back in the queue, to be sent at the next allowed time."""
    if outbox.state not in (OutboxState.FAILED, OutboxState.CANCELLED):
        raise ReminderError(_("Only a failed or cancelled reminder can be sent again."))
    due_at = _due_time(outbox.rule, timezone.now())
    return outbox_transition(
        outbox=outbox,
        to_state=OutboxState.PENDING,
        by=by,
        note=_("Sent again by hand"),
        due_at=due_at,
        attempts=0,
        claim_token="",
        digest=None,
    )


def outbox_cancel(*, outbox: Outbox, by) -> Outbox:
    if outbox.state not in (OutboxState.PENDING, OutboxState.FAILED):
        raise ReminderError(_("Only a pending or failed reminder can be cancelled."))
    return outbox_transition(outbox=outbox, to_state=OutboxState.CANCELLED, by=by, note=_("Cancelled by hand"))


# --- Dispatch ------------------------------------------------------------------------------------


def reap_stuck(*, now: datetime.datetime | None = None) -> int:
    """Rows left in ``sending`` by a worker that died go back to ``pending`` (with a new token later)."""
    now = now or timezone.now()
    limit = now - datetime.timedelta(seconds=_setting("REMINDERS_STUCK_AFTER", 900))
    reaped = 0
    with transaction.atomic():
        rows = list(
            Outbox.objects.select_for_update(skip_locked=True)
            .filter(state=OutboxState.SENDING, claimed_at__lt=limit)
            .values_list("pk", flat=True)[:1000]
        )
        if rows:
            reaped = Outbox.objects.filter(pk__in=rows, state=OutboxState.SENDING).update(
                state=OutboxState.PENDING, claim_token="", updated_at=now
            )
            OutboxEvent.objects.bulk_create(
                OutboxEvent(
                    outbox_id=pk,
                    from_state=OutboxState.SENDING,
                    to_state=OutboxState.PENDING,
                    note="Requeued: no answer from the worker",
                )
                for pk in rows
            )
    return reaped


def claim_batch(
    *, now: datetime.datetime | None = None, size: int | None = None, among: Iterable[int] | None = None
) -> list[tuple[int, str]]:
    """Claim up to `size` due rows (skipping rows another dispatcher holds) and queue their sends.

    `among` limits the claim to these rows (the messages a transaction has just queued)."""
    now = now or timezone.now()
    size = size or _setting("REMINDERS_CLAIM_BATCH", 50)
    due = Outbox.objects.filter(state=OutboxState.PENDING, delivery=Delivery.EMAIL, due_at__lte=now)
    if among is not None:
        due = due.filter(pk__in=list(among))
    with transaction.atomic():
        ids = list(due.select_for_update(skip_locked=True).order_by("due_at", "pk").values_list("pk", flat=True)[:size])
        if not ids:
            return []
        token = uuid.uuid4().hex
        claimed = Outbox.objects.filter(pk__in=ids, state=OutboxState.PENDING).update(
            state=OutboxState.SENDING, claim_token=token, claimed_at=now, updated_at=now
        )
        if claimed != len(ids):  # cannot happen under the row lock; on SQLite the write lock covers it
            ids = list(Outbox.objects.filter(pk__in=ids, claim_token=token).values_list("pk", flat=True))
        OutboxEvent.objects.bulk_create(
            OutboxEvent(outbox_id=pk, from_state=OutboxState.PENDING, to_state=OutboxState.SENDING) for pk in ids
        )
        # One task for the whole claim: one SMTP connection, a few statements per batch (see deliver_batch).
        enqueue_on_commit("tasks.send_reminder_batch", ids, token)
    return [(pk, token) for pk in ids]


def send_messages_now(outbox_ids: Iterable[int], *, now: datetime.datetime | None = None) -> dict[str, int]:
    """Claim and send the given message rows that are due, right after the transaction that queued them.

    No dispatcher lock: a transactional message (a withdrawal confirmation, a decision letter) must not
    wait for the next beat tick because a tick is running at that moment. Claiming locks each row and
    changes its state, so a row the beat claims at the same time is sent once; rows another claim holds
    or that are not due yet (quiet hours) are left to the beat.
    """
    now = now or timezone.now()
    ids = list(outbox_ids)
    queued = 0
    while True:
        claimed = claim_batch(now=now, among=ids)
        if not claimed:
            break
        queued += len(claimed)
    return {"queued": queued}


def dispatch_tick(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """One tick of the dispatcher: reap, then claim due rows batch after batch (bounded per tick)."""

    with single_dispatcher() as acquired:
        if not acquired:
            return {"skipped": 1}
        now = now or timezone.now()
        reaped = reap_stuck(now=now)
        queued = 0
        limit = _setting("REMINDERS_TICK_LIMIT", 20_000)
        while queued < limit:
            claimed = claim_batch(now=now)
            if not claimed:
                break
            queued += len(claimed)
        return {"reaped": reaped, "queued": queued}


def _update_sql(queryset, **values) -> tuple[str, tuple]:
    """The SQL of ``queryset.update(**values)``, to be extended with RETURNING or wrapped in a CTE."""
    query = queryset.query.chain(UpdateQuery)
    query.add_update_values(values)
    return query.get_compiler(queryset.db).as_sql()


def _finish(pk: int, token: str, to_state: str, note: str = "", **fields) -> bool:
    """Move a row this task owns (token match) out of ``sending``, with its history row; a stale task
    changes nothing. On PostgreSQL both writes are one statement (an UPDATE in a CTE feeding the INSERT)."""
    now = timezone.now()
    rows = Outbox.objects.filter(pk=pk, state=OutboxState.SENDING, claim_token=token)
    if connection.vendor != "postgresql":
        # No savepoint of its own: inside a caller's transaction a failure rolls the whole step back anyway.
        with transaction.atomic(savepoint=False):
            updated = rows.update(state=to_state, updated_at=now, **fields)
            if updated:
                OutboxEvent.objects.create(
                    outbox_id=pk, from_state=OutboxState.SENDING, to_state=to_state, note=note[:500]
                )
        return bool(updated)
    update_sql, update_params = _update_sql(rows, state=to_state, updated_at=now, **fields)
    event = OutboxEvent._meta
    outbox_pk = Outbox._meta.pk.column
    sql = (
        f"WITH done AS ({update_sql} RETURNING {outbox_pk}) "
        f"INSERT INTO {event.db_table} (outbox_id, at, from_state, to_state, note) "
        f"SELECT {outbox_pk}, %s, %s, %s, %s FROM done"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, (*update_params, now, OutboxState.SENDING, to_state, note[:500]))
        return cursor.rowcount > 0


def _take(outbox_ids: list[int], token: str, running: str, now: datetime.datetime) -> list[Outbox]:
    """Take the rows of this claim and read them, in one statement: only one task can swap the claim
    token for its "running" form, and the UPDATE returns each row taken with what the checks before
    sending need (whether the recipient unsubscribed from the rule, when they last received it, which
    setting of the cohort's programme applies)."""
    meta = Outbox._meta
    table = connection.ops.quote_name(meta.db_table)
    optout_table = connection.ops.quote_name(ReminderOptOut._meta.db_table)
    setting_table = connection.ops.quote_name(ProgrammeRuleSetting._meta.db_table)
    cohort_table = connection.ops.quote_name(Cohort._meta.db_table)
    rows = Outbox.objects.filter(pk__in=outbox_ids, state=OutboxState.SENDING, claim_token=token)
    update_sql, params = _update_sql(
        rows, claim_token=running, attempts=F("attempts") + 1, claimed_at=now, updated_at=now
    )
    fields = meta.concrete_fields
    columns = ", ".join(f"{table}.{connection.ops.quote_name(field.column)}" for field in fields)
    sql = (
        f"{update_sql} RETURNING {columns}, "
        f"EXISTS(SELECT 1 FROM {optout_table} o WHERE o.rule_id = {table}.rule_id "
        f"AND o.user_id = {table}.recipient_id), "
        f"(SELECT MAX(s.sent_at) FROM {table} s WHERE s.rule_id = {table}.rule_id "
        f"AND s.recipient_id = {table}.recipient_id AND s.state = %s AND s.id <> {table}.id), "
        f"(SELECT p.id FROM {setting_table} p JOIN {cohort_table} c ON c.programme_id = p.programme_id "
        f"WHERE c.id = {table}.cohort_id AND p.rule_id = {table}.rule_id)"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, (*params, OutboxState.SENT))
        fetched = cursor.fetchall()
    sent_at = meta.get_field("sent_at")
    converters = [
        connection.ops.get_db_converters(col) + field.get_db_converters(connection)
        for field, col in ((field, field.get_col(meta.db_table)) for field in (*fields, sent_at))
    ]

    def convert(value, index):
        field = (*fields, sent_at)[index]
        for converter in converters[index]:
            value = converter(value, field.get_col(meta.db_table), connection)
        return value

    taken = []
    for values in fetched:
        row = Outbox.from_db(
            connection.alias, [field.attname for field in fields], [convert(v, i) for i, v in enumerate(values[:-3])]
        )
        row.recipient_opted_out = bool(values[-3])
        row.last_sent_same_rule = convert(values[-2], len(fields))
        row.programme_setting_id = values[-1]
        taken.append(row)
    order = {pk: index for index, pk in enumerate(outbox_ids)}
    return sorted(taken, key=lambda row: order.get(row.pk, 0))


def _attach_related(rows: list[Outbox]) -> None:
    """Each row's rule and recipient, read once for the whole batch (two statements, whatever its size).

    A row of a cohort whose programme set this rule its own way gets the rule as the programme set it (its
    wording, on/off): the settings of the batch are one more statement, only when there are some."""

    rules = ReminderRule.objects.order_by().in_bulk({row.rule_id for row in rows})
    recipient_ids = {row.recipient_id for row in rows if row.recipient_id}
    recipients = get_user_model().objects.order_by().in_bulk(recipient_ids) if recipient_ids else {}
    setting_ids = {getattr(row, "programme_setting_id", None) for row in rows} - {None}
    settings_ = ProgrammeRuleSetting.objects.order_by().in_bulk(setting_ids) if setting_ids else {}
    views: dict[int, ReminderRule] = {}
    for row in rows:
        rule = rules[row.rule_id]
        setting = settings_.get(getattr(row, "programme_setting_id", None))
        if setting is not None:
            if setting.pk not in views:
                views[setting.pk] = setting.applied_to(rule)
            rule = views[setting.pk]
        row.rule = rule
        row.recipient = recipients.get(row.recipient_id)


def _relevant_ids(rows: list[Outbox]) -> set[int]:
    """Ids of the rows whose reason is still there: one batched check per rule when the rule offers one
    (``RuleSpec.relevant_among``), else the rule's ``is_relevant`` row by row."""
    checked = [row for row in rows if row.kind in (OutboxKind.REMINDER, OutboxKind.MESSAGE)]
    relevant = {row.pk for row in rows} - {row.pk for row in checked}
    by_rule: dict[int, list[Outbox]] = defaultdict(list)
    for row in checked:
        by_rule[row.rule_id].append(row)
    for group in by_rule.values():
        spec = registry.get_rule_spec(group[0].rule.code)
        if spec is None or spec.is_relevant is None:
            relevant.update(row.pk for row in group)
        elif spec.relevant_among is not None:
            relevant.update(spec.relevant_among(group))
        else:
            relevant.update(row.pk for row in group if spec.is_relevant(row))
    return relevant


class _Sender:
    """One SMTP connection for a batch, opened at the first message that is really sent."""

    def __init__(self):
        self.connection = None

    def send(self, message) -> None:

        if self.connection is None:
            self.connection = mailers.default
            self.connection.open()
        self.connection.send_messages([message])

    def close(self) -> None:
        if self.connection is not None:
            with contextlib.suppress(Exception):
                self.connection.close()
            self.connection = None


def deliver_batch(outbox_ids: list[int], token: str) -> dict[str, int]:
    """Send the rows of one claim through one SMTP connection. Idempotent: a duplicate or stale task
    finds the token gone and sends nothing.

    Each row is recorded as soon as the SMTP server accepted it (the window for a duplicate stays one
    message wide). A transient SMTP error gives the rows not yet sent back to the claim token and
    propagates (the Celery task retries them); other errors mark the row failed and the batch goes on.
    """
    now = timezone.now()
    running = f"{token}:run"
    rows = _take(list(outbox_ids), token, running, now)
    results: dict[str, int] = defaultdict(int)
    results["stale"] = len(set(outbox_ids)) - len(rows)
    if not rows:
        return dict(results)
    _attach_related(rows)
    relevant = _relevant_ids([row for row in rows if not _reason_not_to_send(row, check_relevance=False)])
    sender = _Sender()
    # Sends made by this batch, per rule and recipient: the "at most one every N days" check of a later
    # row of the same person (two enrolments, say) must see them, as it would in a task of its own.
    sent_now: dict[tuple[int, int], datetime.datetime] = {}
    index = 0
    try:
        for index, row in enumerate(rows):  # noqa: B007 - the index is read after a failure
            key = (row.rule_id, row.recipient_id)
            if row.recipient_id and key in sent_now:
                row.last_sent_same_rule = max(filter(None, (row.last_sent_same_rule, sent_now[key])))
            result = _deliver_row(row, running, relevant, sender)
            if result == "sent" and row.recipient_id:
                sent_now[key] = row.sent_at
            results[result] += 1
    except mail.TRANSIENT_ERRORS as exc:
        # Give the rows back to this task's token so that the retry of the same task can take them again.
        Outbox.objects.filter(pk=rows[index].pk, claim_token=running).update(
            claim_token=token, last_error=_error_text(exc), updated_at=timezone.now()
        )
        untried = [row.pk for row in rows[index + 1 :]]
        if untried:
            Outbox.objects.filter(pk__in=untried, claim_token=running).update(
                claim_token=token, attempts=F("attempts") - 1, updated_at=timezone.now()
            )
        raise
    except BaseException:
        # Unexpected (a time limit, a bug): the rows not yet tried wait for the next tick, untouched.
        untried = [row.pk for row in rows[index + 1 :]]
        if untried:
            Outbox.objects.filter(pk__in=untried, claim_token=running).update(
                state=OutboxState.PENDING, claim_token="", attempts=F("attempts") - 1, updated_at=timezone.now()
            )
        raise
    finally:
        sender.close()
    return dict(results)


def _deliver_row(row: Outbox, running: str, relevant: set[int], sender: _Sender) -> str:
    now = timezone.now()
    reason = _reason_not_to_send(row, check_relevance=False) or ("" if row.pk in relevant else "Reason has gone")
    if reason:
        _finish(row.pk, running, OutboxState.CANCELLED, reason, claim_token="")
        return "cancelled"
    postpone_to = _postpone_until(row, now)
    if postpone_to is not None:
        _finish(
            row.pk,
            running,
            OutboxState.PENDING,
            "Postponed to an allowed time",
            claim_token="",
            due_at=postpone_to,
            attempts=F("attempts") - 1,
        )
        return "postponed"

    try:
        message, lines = mail.build_message(row, now=now)
    except mail.NothingToSend:
        _finish(row.pk, running, OutboxState.CANCELLED, "Nothing left to report", claim_token="")
        return "cancelled"
    except Exception as exc:
        logger.exception("Could not build reminder %s", row.pk)
        _finish(row.pk, running, OutboxState.FAILED, str(exc), claim_token="", last_error=_error_text(exc))
        return "failed"

    try:
        sender.send(message)
    except mail.TRANSIENT_ERRORS:
        raise
    except (smtplib.SMTPException, OSError, ValueError) as exc:
        # Refused for good (unknown recipient, message rejected): trying again would not help.
        _finish(row.pk, running, OutboxState.FAILED, "Refused", claim_token="", last_error=_error_text(exc))
        return "failed"

    sent_at = row.sent_at = timezone.now()
    fields = {"claim_token": "", "sent_at": sent_at, "sent_subject": message.subject[:255], "last_error": ""}
    if not lines:
        _finish(row.pk, running, OutboxState.SENT, **fields)
        return "sent"
    with transaction.atomic():
        if _finish(row.pk, running, OutboxState.SENT, **fields):
            Outbox.objects.filter(pk__in=lines, state=OutboxState.PENDING).update(
                state=OutboxState.SENT, sent_at=sent_at, digest_id=row.pk, updated_at=sent_at
            )
            OutboxEvent.objects.bulk_create(
                OutboxEvent(outbox_id=pk, from_state=OutboxState.PENDING, to_state=OutboxState.SENT, note="In a digest")
                for pk in lines
            )
    return "sent"


def deliver(outbox_id: int, token: str) -> str:
    """Send one claimed reminder (a batch of one): "sent", "cancelled", "postponed", "failed" or "stale"."""
    results = deliver_batch([outbox_id], token)
    return next(name for name, count in results.items() if count)


def mark_failed(outbox_ids: int | list[int], token: str, error: BaseException) -> int:
    """Retries are exhausted: the rows still held by this claim are failed, with the error, for the
    coordinator to see. Returns how many."""
    text = _error_text(error)
    ids = [outbox_ids] if isinstance(outbox_ids, int) else list(outbox_ids)
    failed = 0
    for pk in ids:
        for candidate in (token, f"{token}:run"):
            if _finish(pk, candidate, OutboxState.FAILED, "Retries exhausted", claim_token="", last_error=text):
                failed += 1
                break
    return failed


def _error_text(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:2000]


def _opted_out(row: Outbox) -> bool:
    known = getattr(row, "recipient_opted_out", None)
    if known is not None:
        return known
    return ReminderOptOut.objects.filter(rule_id=row.rule_id, user_id=row.recipient_id).exists()


def _reason_not_to_send(row: Outbox, *, check_relevance: bool = True) -> str:
    rule = row.rule
    spec = registry.get_rule_spec(rule.code)
    if not rule.enabled:
        return "Rule switched off"
    if spec is None:
        return "Rule no longer declared"
    if rule.optional and row.recipient_id and _opted_out(row):
        return "Recipient unsubscribed"
    if row.recipient_id and row.recipient and not row.recipient.is_active:
        return "Account deactivated"
    if check_relevance and row.pk not in _relevant_ids([row]):
        return "Reason has gone"
    return ""


def _postpone_until(row: Outbox, now: datetime.datetime) -> datetime.datetime | None:
    rule = row.rule
    moment = now
    if rule.min_days_between and row.recipient_id:
        if hasattr(row, "last_sent_same_rule"):
            last = row.last_sent_same_rule
        else:
            last = (
                Outbox.objects.filter(rule=rule, recipient_id=row.recipient_id, state=OutboxState.SENT)
                .exclude(pk=row.pk)
                .aggregate(last=Max("sent_at"))["last"]
            )
        if last and last + datetime.timedelta(days=rule.min_days_between) > now:
            moment = last + datetime.timedelta(days=rule.min_days_between)
    allowed = _due_time(rule, moment)
    return allowed if allowed > now else None


# --- Unsubscribe ---------------------------------------------------------------------------------


def reminder_unsubscribe(*, user, rule: ReminderRule) -> ReminderOptOut:
    """Stop an optional reminder for this person, and cancel what is already waiting for them."""
    if not rule.optional:
        raise ValidationError(_("This message cannot be switched off: it concerns a step you must take."))
    with transaction.atomic():
        opt_out, _created = ReminderOptOut.objects.get_or_create(user=user, rule=rule)
        _cancel_pending(by=user, note="Unsubscribed", rule=rule, recipient=user)
    return opt_out


def reminder_resubscribe(*, user, rule: ReminderRule) -> None:
    ReminderOptOut.objects.filter(user=user, rule=rule).delete()
