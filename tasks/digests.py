"""Digests: one e-mail per recipient and period listing everything pending, instead of one per item.

A digest row is planned for each recipient who has pending digest lines (rules with
``delivery=digest``, and escalations) or lines in a registered live section. Its content is built when
it is sent; the lines it carries are then marked sent, pointing at the digest.

A recipient is a user account, or an e-mail address for a person without an account (a tutor reached
by links): such a digest is keyed on the lower-cased address, carries the lines planned for that address
and the sections' ``email_lines``. A section line may carry a ``link()`` that is called only here, when
the e-mail is built in the worker (single-use secrets are never stored in the outbox nor sent to the broker).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterator

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from cohorts.models import Cohort
from tasks import registry, timing, wording
from tasks.enums import Delivery, OutboxKind, OutboxState
from tasks.models import Outbox, OutboxEvent, ProgrammeRuleSetting, ReminderRule


def _period_start(spec: registry.RuleSpec, now: datetime.datetime) -> datetime.datetime:
    if spec.digest_period == "week":
        return timing.local_week_start(now)
    return timing.local_day_start(now)


def pending_lines(rule: ReminderRule, *, now: datetime.datetime):
    return Outbox.objects.filter(delivery=Delivery.DIGEST, state=OutboxState.PENDING, digest_rule=rule, due_at__lte=now)


def plan_digest(rule: ReminderRule, spec: registry.RuleSpec, now: datetime.datetime) -> Iterator[registry.Due]:
    """One `Due` per recipient who has something to read in this period's digest.

    A digest goes at its set time (e.g. Monday 08:30, or the next business day). Lines that appear
    later in the period wait for the next digest, so that nobody gets a second one the same week;
    a grace window still lets a digest go if the beat was down at the set time.

    Recipients are users (keyed on their id) or, for people without an account, e-mail addresses
    (`registry.Addressee`, keyed on the lower-cased address).
    """
    start = _period_start(spec, now)
    due = timing.next_allowed(
        timing.apply_offset(start, rule.offset_value, rule.offset_unit),
        quiet=rule.quiet_hours,
        business_days_only=rule.business_days_only,
    )
    grace = datetime.timedelta(seconds=getattr(settings, "REMINDERS_DIGEST_GRACE", 6 * 3600))
    if now > due + grace:
        return
    pending = pending_lines(rule, now=now)
    candidates: set[int] = set(pending.exclude(recipient=None).values_list("recipient_id", flat=True).distinct())
    addressees: dict[str, registry.Addressee] = {}
    emails_with_lines: set[str] = set()
    for email in pending.filter(recipient=None).values_list("recipient_email", flat=True).distinct():
        addressee = registry.Addressee(email=email)
        addressees.setdefault(addressee.key, addressee)
        emails_with_lines.add(addressee.key)
    sections = registry.digest_sections(rule.code)
    # The sections that named each recipient: their lines are read first below (usually the only ones read).
    named_by: dict[int | str, list[registry.DigestSection]] = defaultdict(list)
    for section in sections:
        for recipient in section.recipients(now):
            if isinstance(recipient, registry.Addressee):
                if section.email_lines is None:
                    raise registry.RegistryError(f"{section.code}: an Addressee recipient needs email_lines.")
                known = addressees.get(recipient.key)
                if known is None or (recipient.name and not known.name):
                    addressees[recipient.key] = recipient
                named_by[recipient.key].append(section)
            else:
                candidates.add(recipient)
                named_by[recipient].append(section)
    day = start.date().isoformat()
    if candidates:
        users = get_user_model().objects.filter(pk__in=candidates, is_active=True).only("pk", "email")
        with_lines = set(pending.filter(recipient_id__in=candidates).values_list("recipient_id", flat=True))
        for user in users.iterator(chunk_size=500):
            if user.pk not in with_lines and not any(
                section.lines(user, now) for section in _naming_first(sections, named_by[user.pk])
            ):
                continue
            yield registry.Due(reason=f"{user.pk}:{day}", reference=start, recipient_id=user.pk, email=user.email)
    email_sections = [section for section in sections if section.email_lines is not None]
    for key in sorted(addressees):
        addressee = addressees[key]
        if key not in emails_with_lines and not any(
            section.email_lines(addressee.email, now) for section in _naming_first(email_sections, named_by[key])
        ):
            continue
        yield registry.Due(
            reason=f"email:{key}:{day}",
            reference=start,
            email=addressee.email,
            # No account: the lines carry personal links (the wording may say so), and the name comes from here.
            context={"personal_links": True, **({"full_name": addressee.name} if addressee.name else {})},
        )


def _naming_first(sections: list, naming: list) -> list:
    """The same sections, those that named the recipient first: whether any has lines is answered sooner."""
    return [*naming, *(section for section in sections if section not in naming)]


def line_text(line: Outbox, *, language: str) -> str:

    subject_source, _body = wording.rule_wording(line.rule, language)
    text = wording.render_text(subject_source, wording.row_context(line))
    if line.kind == OutboxKind.ESCALATION:
        person = line.context.get("about_name") or line.context.get("about_email") or ""
        return _("%(person)s has not responded after %(count)s reminders: “%(text)s”") % {
            "person": person,
            "count": line.occurrence,
            "text": text,
        }
    return text


def _apply_programme_settings(lines: list[Outbox]) -> None:
    """Each line of a cohort whose programme set its rule its own way reads the rule as the programme set it
    (its wording, on/off). One query for the digest, only when some lines belong to a cohort."""
    keys = {(line.rule_id, line.cohort.programme_id) for line in lines if line.cohort_id}
    if not keys:
        return
    settings_ = {
        (setting.rule_id, setting.programme_id): setting
        for setting in ProgrammeRuleSetting.objects.filter(
            rule_id__in={rule_id for rule_id, _programme in keys},
            programme_id__in={programme_id for _rule, programme_id in keys},
        )
    }
    for line in lines:
        setting = settings_.get((line.rule_id, line.cohort.programme_id)) if line.cohort_id else None
        if setting is not None:
            line.rule = setting.applied_to(line.rule)


def collect(row: Outbox, *, now: datetime.datetime, language: str) -> tuple[list[int], list[dict]]:
    """The lines of a digest: (ids of the outbox lines it carries, sections to display)."""

    spec_of = registry.get_rule_spec
    mine = pending_lines(row.rule, now=now)
    if row.recipient_id:
        mine = mine.filter(recipient_id=row.recipient_id)
    else:  # a person without an account: their lines are those addressed to their e-mail
        mine = mine.filter(recipient=None, recipient_email__iexact=row.recipient_email)
    lines = list(mine.select_related("rule", "recipient", "cohort").order_by("kind", "rule__code", "due_at", "pk"))
    _apply_programme_settings(lines)
    gone = []
    carried = []
    grouped: dict[str, dict] = {}
    for line in lines:
        spec = spec_of(line.rule.code)
        if (
            line.kind == OutboxKind.REMINDER
            and getattr(line.rule, "programme_setting_id", None)
            and not line.rule.enabled
        ):
            gone.append(line.pk)  # switched off for the line's programme since it was planned
            continue
        if (
            line.kind == OutboxKind.REMINDER
            and spec is not None
            and spec.is_relevant is not None
            and not spec.is_relevant(line)
        ):
            gone.append(line.pk)
            continue
        carried.append(line.pk)
        if line.kind == OutboxKind.ESCALATION:
            title = _("Still without an answer")
        else:
            # The code's (translatable) description reads in the recipient's language; the row's is French.
            title = str(spec.description) if spec is not None and spec.description else line.rule.description
        group = grouped.setdefault(f"{line.kind}:{title}", {"title": title, "lines": []})
        group["lines"].append(
            {"text": line_text(line, language=language), "url": wording.absolute_url(line.action_url)}
        )
    if gone:
        cancelled = Outbox.objects.filter(pk__in=gone, state=OutboxState.PENDING).update(
            state=OutboxState.CANCELLED, updated_at=now
        )
        if cancelled:
            OutboxEvent.objects.bulk_create(
                OutboxEvent(
                    outbox_id=pk, from_state=OutboxState.PENDING, to_state=OutboxState.CANCELLED, note="Reason has gone"
                )
                for pk in gone
            )
    sections = list(grouped.values())
    for section in registry.digest_sections(row.rule.code):
        if row.recipient_id:
            section_lines = section.lines(row.recipient, now)
        elif section.email_lines is not None:
            section_lines = section.email_lines(row.recipient_email, now)
        else:
            continue
        if section_lines:
            sections.append(
                {
                    "title": str(section.title),
                    # A line's link (e.g. with a fresh single-use secret) is made here, in the worker.
                    "lines": [
                        {"text": line.text, "url": wording.absolute_url(line.link() if line.link else line.url)}
                        for line in section_lines
                    ],
                }
            )
    return carried, sections


def failed_reminders_recipients(now: datetime.datetime):
    """Coordinators of cohorts where a reminder could not be delivered during the last week."""

    since = now - datetime.timedelta(days=7)
    cohorts = Outbox.objects.filter(state=OutboxState.FAILED, updated_at__gte=since).exclude(cohort=None)
    return (
        Cohort.coordinators.through.objects.filter(cohort_id__in=cohorts.values("cohort_id"))
        .values_list("user_id", flat=True)
        .distinct()
    )


def failed_reminders_lines(user, now: datetime.datetime) -> list[registry.DigestLine]:

    since = now - datetime.timedelta(days=7)
    rows = (
        Outbox.objects.filter(Q(cohort__coordinators=user), state=OutboxState.FAILED, updated_at__gte=since)
        .select_related("rule")
        .order_by("-updated_at")[:20]
    )
    url = reverse("reminder_outbox:index") + "?state=failed"
    return [
        registry.DigestLine(
            text=_("A message to %(email)s could not be delivered (%(rule)s).")
            % {"email": row.recipient_email, "rule": row.rule.description or row.rule.code},
            url=url,
        )
        for row in rows
    ]
