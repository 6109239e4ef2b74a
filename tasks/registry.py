"""How an app declares its reminders. The engine (planning, dispatch, digests) lives in `tasks`.

`tasks` finds what each app declares in its `reminders` module (`discover`, called from TasksConfig.ready()):

* a **rule** (`RuleSpec`): its defaults (wording in French and English, offset, audience, repeats...),
  a **planner** and an optional **relevance check**;
* a **digest section** (`DigestSection`): lines that a digest (coordinator daily, tutor weekly) shows
  live, computed when the digest is built.

Declared rules are copied into `ReminderRule` rows (``tasks.services.rules_sync``, run after each
``migrate`` and before each planning run). Administrators then steer the rows, the platform's defaults
(offset, wording, on/off, repeats); a row they changed is never overwritten by the code's defaults. Each
programme's coordinators may set a rule their own way for the programme's cohorts (``ProgrammeRuleSetting``:
on/off, offset, wording, repeats; blank values follow the rule). The engine plans and sends each row with
the rule as its cohort's programme set it; rows without a cohort follow the platform's rule. A planner is
called with the smallest offset among the platform's and the programmes' (its widest window) and must
not assume more than that: the engine applies each programme's own offset to what it yields.

The planner
-----------
``planner(rule, now)`` receives the `ReminderRule` row (with the widest offset in use) and the current
time, and **yields** `Due` objects, one per reason to remind. It must stream (``.iterator(chunk_size=...)``,
``values_list``), never build a list of every learner: the engine consumes it in batches of 500.
A `Due` says who, about what (``subject``), why (``reason``: a stable string that identifies the
reason, e.g. ``f"enrolment:{pk}:absent-since:{date}"``) and from when the offset counts (``reference``).
The engine computes the due time (offset in days or business days, then quiet hours, weekends and
French public holidays as the rule says), gives the row a unique key ``<rule code>:<reason>:<n>`` and
inserts it with ``ignore_conflicts``: planning twice creates nothing new. Repeats (``repeat_limit``),
"at most one every N days" (``min_days_between``) and the escalation to the coordinators' digest after
the last send are the engine's job, not the planner's.

The relevance check
-------------------
``is_relevant(outbox_row) -> bool`` is called just before sending (and before each repeat). Return False
when the reason has gone (the dossier was submitted, the learner came back): the row is then cancelled,
not sent, and no repeat follows. Reminders are sent in batches: a rule sending many rows at once may
also give ``relevant_among(rows) -> set of ids`` that checks a whole batch in a few queries.

Example: an app declares its rules in its own ``reminders.py`` (found by `discover`; nothing to register)::

    # lms/reminders.py
    from tasks.enums import Audience, OffsetUnit
    from tasks.registry import Due, RuleSpec

    RULES = [
        RuleSpec(
            code="lms.module_not_started",
            app_label="lms",
            trigger="A module was released and the learner has not opened it.",
            audience=Audience.LEARNER,
            offset_value=7,
            offset_unit=OffsetUnit.DAYS,
            subject_fr="Le module « {{ module }} » vous attend",
            subject_en="The module “{{ module }}” is waiting for you",
            body_fr="Bonjour {{ first_name }}, ...",
            body_en="Hello {{ first_name }}, ...",
            planner=plan_module_not_started,
            is_relevant=module_still_not_started,
            optional=True,
        )
    ]

    # the planner, in the same module
    def plan_module_not_started(rule, now):
        rows = ModuleRelease.objects.filter(released_at__lte=now).values_list(...)  # streamed
        for release_id, learner_id, email, module_title, released_at, cohort_id in rows.iterator(2000):
            yield Due(
                reason=f"release:{release_id}:learner:{learner_id}",
                reference=released_at,
                recipient_id=learner_id,
                email=email,
                cohort_id=cohort_id,
                context={"module": module_title},
                action_url=f"/apprendre/modules/{release_id}/",
            )

Templates are Django template strings rendered with ``context`` plus ``first_name``, ``full_name``,
``action_url`` (absolute) and ``unsubscribe_url`` (optional rules). Keep the wording calm and kind:
the people we write to may be fragile.

Digest lines: a rule with ``delivery=Delivery.DIGEST`` and ``digest_rule="tasks.tutor_weekly_digest"``
(or ``"tasks.coordinator_daily_digest"``) does not send its own e-mail: each due item becomes a line of
the recipient's next digest (the line's text is the rule's subject, rendered in the recipient's language).
Digests go at their set time (daily: each business day at the end of quiet hours; weekly: Monday, or
the next business day); a line that appears later waits for the next one. Rules with ``escalate=True``
put a line in the coordinators' daily digest of the row's cohort when the reason is still there one
``repeat_interval_days`` after the last send. Live sections are declared beside the rules::

    DIGEST_SECTIONS = [DigestSection(code="internships.placements_awaiting", digest_rule=
        "tasks.coordinator_daily_digest", title=_("Placements awaiting your approval"), lines=fn)]

where ``fn(user, now)`` returns a list of `DigestLine` for that recipient (empty: the section is left out)
and ``recipients=fn(now)`` yields the ids of the users who may have lines.

People without an account (tutors reached by e-mail) get digests too: ``recipients`` yields
``Addressee(email=..., name=...)`` for them, and the section's ``email_lines(email, now)`` gives their
lines. Such a digest is keyed on the e-mail address (one per address and period). A line can carry an
expiring single-purpose link built only when the e-mail is built, in the worker::

    DigestLine(text, url=page_without_secret, link=lambda: make_single_use_link(...))

One-off messages
----------------
Some e-mails are not reminders but facts an app announces once (a decision letter, an interview
confirmation, a coordinator writing to the learners who have not started a module). They go through the
outbox too, so that they are logged, retried and visible to coordinators. Declare a rule with
``is_message=True`` (no planner; its wording is a template like any rule's, e.g. a subject
``{{ message_subject }}`` for free text) and queue rows with::

    from tasks.services import message_queue

    message_queue("cohorts.decision_letter", [Due(reason=f"application:{pk}:decision", reference=now,
                  recipient_id=user.pk, email=user.email, subject=application, cohort_id=cohort.pk)], by=request.user)

The reason is the message's unique key: queuing the same message twice sends it once. Rows are sent
at once when the transaction commits (claimed by `send_messages`, not at the next minute nor under the
dispatcher's lock); the rule's quiet hours still apply (a row due later waits for the beat).
``attachments`` on the spec builds files in the worker, just before sending.

Learner activity: the inactivity reminder (``cohorts.learner_inactive``) counts from the last login
and, beyond it, from where learners really leave traces, declared in a ``reminders.py``::

    ACTIVITY_SOURCES = {"lms": last_learning_activity}  # user ids -> {user_id: last seen}
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import import_module
from typing import TYPE_CHECKING, Any

from django.apps import apps as django_apps
from django.utils.module_loading import module_has_submodule

from tasks.enums import Audience, Delivery, OffsetUnit

if TYPE_CHECKING:
    from django.db.models import Model

    from tasks.models import Outbox, ReminderRule


class RegistryError(Exception):
    """A rule or section declared twice, or declared inconsistently."""


@dataclass(frozen=True)
class Due:
    """One reason to remind one person. Yielded by planners."""

    reason: str
    reference: datetime.datetime
    recipient_id: int | None = None
    email: str = ""
    subject: Model | None = None
    # Alternatively, without loading the object: ("app_label.model", pk), e.g. ("cohorts.enrolment", 12).
    subject_ref: tuple[str, int | str] | None = None
    cohort_id: int | None = None
    action_url: str = ""
    context: dict[str, Any] = field(default_factory=dict)


Planner = Callable[["ReminderRule", datetime.datetime], Iterable[Due]]
RelevanceCheck = Callable[["Outbox"], bool]


@dataclass(frozen=True)
class RuleSpec:
    """The code-side declaration of a rule: its defaults, and how to find what is due."""

    code: str
    app_label: str
    trigger: str
    audience: Audience | str
    subject_fr: str
    subject_en: str
    body_fr: str
    body_en: str
    planner: Planner | None = None
    is_relevant: RelevanceCheck | None = None
    # Optional: the batched form of ``is_relevant``, ``relevant_among(rows) -> ids still relevant``, for
    # rows of this rule sent in the same batch (a few queries for the batch instead of a few per row).
    relevant_among: Callable[[list[Outbox]], set[int]] | None = None
    description: str = ""
    delivery: Delivery | str = Delivery.EMAIL
    digest_rule: str = ""
    offset_value: int = 0
    offset_unit: OffsetUnit | str = OffsetUnit.DAYS
    repeat_limit: int = 1
    repeat_interval_days: int = 7
    min_days_between: int = 0
    escalate: bool = False
    optional: bool = False
    business_days_only: bool = False
    quiet_hours: bool = True
    enabled: bool = True
    # Set on the engine's own digest rules: the rows they plan are digests, built when sent.
    is_digest: bool = False
    # Optional: ``action_link(outbox_row) -> path or URL`` called when the e-mail is built (in the worker,
    # just before sending) to replace the row's action_url, e.g. a single-use link whose secret must
    # never be stored in the outbox nor travel in a task message. The row keeps a page without secret.
    action_link: Callable[[Outbox], str] | None = None
    digest_period: str = "day"  # "day" or "week" (digests only)
    # Set on rules that have no planner: one-off messages an app queues itself with
    # ``tasks.services.message_queue`` (a decision letter, a coordinator writing to learners).
    is_message: bool = False
    # Optional: ``attachments(outbox_row) -> [(filename, content bytes, mimetype), ...]`` built in the
    # worker when the e-mail is built (a PDF letter, an .ics invitation), in the recipient's language.
    attachments: Callable[[Outbox], list[tuple[str, bytes, str]]] | None = None

    def __post_init__(self):
        if self.delivery == Delivery.DIGEST and not self.digest_rule:
            raise RegistryError(f"{self.code}: a digest line needs digest_rule (which digest carries it).")
        if not self.is_digest and not self.is_message and self.planner is None:
            raise RegistryError(f"{self.code}: a rule needs a planner.")
        if len(self.code) > 100:
            raise RegistryError(f"{self.code}: code longer than 100 characters.")

    # Fields copied into ReminderRule. The first group is the code's (always refreshed by the sync); the
    # second is what coordinators may change (refreshed only while the row is not customised).
    CODE_FIELDS = ("app_label", "description", "trigger", "audience", "delivery")
    EDITABLE_FIELDS = (
        "offset_value",
        "offset_unit",
        "subject_fr",
        "subject_en",
        "body_fr",
        "body_en",
        "enabled",
        "repeat_limit",
        "repeat_interval_days",
        "min_days_between",
        "escalate",
        "optional",
        "business_days_only",
        "quiet_hours",
    )

    def row_defaults(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in (*self.CODE_FIELDS, *self.EDITABLE_FIELDS)}


@dataclass(frozen=True)
class DigestLine:
    text: str
    # A page without secret (shown when there is no ``link``).
    url: str = ""
    # Optional: ``link() -> path or URL`` called only when the e-mail is built, in the worker, e.g. to
    # create a single-purpose link whose secret must never be stored nor travel in a task message.
    # Never called when planning (planning only asks whether there are lines).
    link: Callable[[], str] | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Addressee:
    """A digest recipient without an account, known by e-mail only (e.g. a tutor reached by links).

    Yielded by a section's ``recipients`` instead of a user id. The digest is keyed on the e-mail
    (lower-cased) and its lines come from the section's ``email_lines``.
    """

    email: str
    name: str = ""

    @property
    def key(self) -> str:
        return self.email.strip().lower()


@dataclass(frozen=True)
class DigestSection:
    """Live lines shown in a digest, computed when the digest is built (e.g. "documents to check")."""

    code: str
    digest_rule: str
    title: str
    lines: Callable[[Any, datetime.datetime], list[DigestLine]]
    # Who may have lines in this section now, streamed: user ids, or `Addressee` for people without an
    # account; the digest is planned for them.
    recipients: Callable[[datetime.datetime], Iterable[int | Addressee]]
    # ``email_lines(email, now)``: the lines for an `Addressee` (required when recipients yields any).
    email_lines: Callable[[str, datetime.datetime], list[DigestLine]] | None = None


ActivitySource = Callable[[list[int]], dict[int, datetime.datetime]]

_rules: dict[str, RuleSpec] = {}
_sections: dict[str, DigestSection] = {}
_activity_sources: dict[str, ActivitySource] = {}


def register_activity_source(name: str, source: ActivitySource) -> None:
    """Tell the inactivity rule where learners leave traces (lessons opened, journal written...).

    ``source(user_ids)`` returns ``{user_id: last activity}`` for those of the given users it knows.
    The inactivity reminder takes the latest moment among every source and the last login.
    """
    _activity_sources[name] = source


def activity_sources() -> list[ActivitySource]:
    return list(_activity_sources.values())


def discover() -> None:
    """Declare what every installed app's `reminders` module lists, as Django's admin finds `admin.py`.

    A `reminders` module may define `RULES` (RuleSpec, timed rules and one-off messages alike),
    `DIGEST_SECTIONS` (DigestSection) and `ACTIVITY_SOURCES` ({name: source}). Called once, from
    TasksConfig.ready().
    """
    for app_config in django_apps.get_app_configs():
        if not module_has_submodule(app_config.module, "reminders"):
            continue
        module = import_module(f"{app_config.name}.reminders")
        for spec in getattr(module, "RULES", ()):
            register_rule(spec)
        for section in getattr(module, "DIGEST_SECTIONS", ()):
            register_digest_section(section)
        for name, source in getattr(module, "ACTIVITY_SOURCES", {}).items():
            register_activity_source(name, source)


def register_rule(spec: RuleSpec) -> RuleSpec:
    """Declare a rule (tests use it for rules of their own). Declaring the same code twice is an error."""
    existing = _rules.get(spec.code)
    if existing is not None and existing is not spec:
        raise RegistryError(f"Reminder rule {spec.code!r} is declared twice.")
    _rules[spec.code] = spec
    return spec


def register_digest_section(section: DigestSection) -> DigestSection:
    existing = _sections.get(section.code)
    if existing is not None and existing is not section:
        raise RegistryError(f"Digest section {section.code!r} is declared twice.")
    _sections[section.code] = section
    return section


def unregister_rule(code: str) -> None:
    """For tests that declare rules of their own."""
    _rules.pop(code, None)


def unregister_digest_section(code: str) -> None:
    _sections.pop(code, None)


def get_rule_spec(code: str) -> RuleSpec | None:
    return _rules.get(code)


def rule_specs() -> list[RuleSpec]:
    return list(_rules.values())


def digest_sections(digest_rule: str) -> list[DigestSection]:
    return [section for section in _sections.values() if section.digest_rule == digest_rule]
