"""Reads for the learning records: course outline, learner progress, the coordinator's matrix and risks.

Every function answers in a fixed number of queries whatever the number of learners, lessons and completions.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from rest_framework.authtoken.models import Token

from cms.enums import CompletionRule
from cms.models import LessonPage, ModulePage, cached_outline, outline_version
from cohorts.enums import EnrolmentStatus
from cohorts.models import Cohort, Enrolment
from cohorts.selectors import CURRENT_ENROLMENT_STATUSES
from core.prepared import PreparedQuery
from lms.access import modules_open_for, opening_dates_for
from lms.models import (
    JournalEntry,
    LearnerProgress,
    LessonCompletion,
    ModuleProgress,
    ModuleRelease,
    ModuleReleaseOverride,
    QuizAttempt,
)
from lms.versions import versions

# A learner is "behind the calendar" when they have completed less than half of the lessons of the modules
# that opened at least this long ago for them.
BEHIND_AFTER_DAYS = 28
DEFAULT_INACTIVE_DAYS = 14


@dataclass
class ModuleOutline:
    module: ModulePage
    lessons: list[LessonPage]

    @property
    def lesson_total(self) -> int:
        return len(self.lessons)

    @property
    def quiz_total(self) -> int:
        return sum(1 for lesson in self.lessons if lesson.completion_rule == CompletionRule.QUIZ_PASSED)


def programme_outline(programme, *, version: str | None = None) -> list[ModuleOutline]:
    """The programme's live modules in order with their live lessons (`cms.models.cached_outline`: no query while
    no page has changed since it was last read, two otherwise). `version`: the outline's, when already read."""
    return [
        ModuleOutline(module=module, lessons=module.outline_lessons)
        for module in cached_outline(programme, version=version)
    ]


def remaining_explanation(*, lessons_left: int, quizzes_left: int) -> str:
    """ "2 lessons and 1 quiz remain", in plain words (lessons_left counts the lessons that are not quizzes)."""
    if lessons_left <= 0 and quizzes_left <= 0:
        return _("Everything is done.")
    parts = []
    if lessons_left > 0:
        parts.append(ngettext("%(count)d lesson", "%(count)d lessons", lessons_left) % {"count": lessons_left})
    if quizzes_left > 0:
        parts.append(ngettext("%(count)d quiz", "%(count)d quizzes", quizzes_left) % {"count": quizzes_left})
    what = _("%(first)s and %(second)s") % {"first": parts[0], "second": parts[1]} if len(parts) == 2 else parts[0]
    total = max(lessons_left, 0) + max(quizzes_left, 0)
    return ngettext("%(what)s remains", "%(what)s remain", total) % {"what": what}


@dataclass
class ModuleState:
    outline: ModuleOutline
    lessons_done: int = 0
    quizzes_done: int = 0
    opens_on: datetime.date | None = None
    is_open: bool = True
    done_ids: set[int] = field(default_factory=set)

    @property
    def module(self) -> ModulePage:
        return self.outline.module

    @property
    def lesson_total(self) -> int:
        return self.outline.lesson_total

    @property
    def percent(self) -> int:
        total = self.outline.lesson_total
        return round(100 * min(self.lessons_done, total) / total) if total else 0

    @property
    def is_done(self) -> bool:
        return self.outline.lesson_total > 0 and self.lessons_done >= self.outline.lesson_total

    @property
    def explanation(self) -> str:
        quizzes_left = self.outline.quiz_total - self.quizzes_done
        lessons_left = (self.outline.lesson_total - self.outline.quiz_total) - (self.lessons_done - self.quizzes_done)
        return remaining_explanation(lessons_left=lessons_left, quizzes_left=quizzes_left)


@dataclass
class EnrolmentProgress:
    enrolment: Enrolment
    modules: list[ModuleState]
    progress: LearnerProgress | None
    next_lesson: LessonPage | None = None
    next_module: ModulePage | None = None

    @property
    def lesson_total(self) -> int:
        return sum(state.lesson_total for state in self.modules)

    @property
    def lessons_done(self) -> int:
        return sum(min(state.lessons_done, state.lesson_total) for state in self.modules)

    @property
    def lessons_remaining(self) -> int:
        return max(self.lesson_total - self.lessons_done, 0)

    @property
    def percent(self) -> int:
        total = self.lesson_total
        return round(100 * self.lessons_done / total) if total else 0

    @property
    def explanation(self) -> str:
        quizzes_total = sum(state.outline.quiz_total for state in self.modules)
        quizzes_done = sum(state.quizzes_done for state in self.modules)
        lessons_left = (self.lesson_total - quizzes_total) - (self.lessons_done - quizzes_done)
        return remaining_explanation(lessons_left=lessons_left, quizzes_left=quizzes_total - quizzes_done)

    @property
    def is_complete(self) -> bool:
        return bool(self.progress and self.progress.completed_at)

    @property
    def upcoming(self) -> list[ModuleState]:
        return [state for state in self.modules if not state.is_open]


# How long the learner dashboard keeps a learner's figures: their key names every version they are read from
# (`lms.versions`, the outline's, the day), so this only bounds what an idle learner leaves in the cache.
PROGRESS_FIGURES_CACHE_SECONDS = 24 * 60 * 60


def _records_figures(enrolment: Enrolment, outline: list[ModuleOutline], today: datetime.date | None) -> dict:
    """What `enrolment_progress` reads of the learner's records and of the calendar (four queries, three more when
    a module is still closed): small values, kept by the dashboard."""
    module_ids = [item.module.pk for item in outline]
    dates = opening_dates_for(enrolment, module_ids)
    lesson_ids = [lesson.pk for item in outline for lesson in item.lessons]
    return {
        "dates": dates,
        "open": modules_open_for(enrolment, module_ids, today=today, dates=dates),
        "stored": {
            module_id: (lessons_done, quizzes_done)
            for module_id, lessons_done, quizzes_done in ModuleProgress.objects.filter(enrolment=enrolment).values_list(
                "module_id", "lessons_done", "quizzes_done"
            )
        },
        "done": set(
            LessonCompletion.objects.filter(learner_id=enrolment.learner_id, lesson_id__in=lesson_ids).values_list(
                "lesson_id", flat=True
            )
        ),
    }


def enrolment_progress(
    enrolment: Enrolment, *, today: datetime.date | None = None, cached: bool = False, version: str | None = None
) -> EnrolmentProgress:
    """One learner's progress in one enrolment, from the stored records (a fixed number of queries).

    `cached` (the learner dashboard): what is read of the learner's records and of the calendar is kept in the
    shared cache under the learner's, the cohort calendar's and the outline's versions and the day, so that a
    completion, an attempt, a journal entry or a new opening date is shown at the next request (`lms.versions`).
    `version`: the outline's version, when the request already read it."""
    programme = enrolment.cohort.programme
    if cached:
        today = today or timezone.localdate()
        version = version or outline_version()
        outline = programme_outline(programme, version=version)
        key = (
            f"lms:progress-figures:{enrolment.learner_id}:{enrolment.pk}:{enrolment.cohort.starts_on}:{today}:"
            f"{version}:{versions(learner_id=enrolment.learner_id, cohort_id=enrolment.cohort_id)}"
        )
        figures = cache.get(key)
        if figures is None:
            figures = _records_figures(enrolment, outline, today)
            cache.set(key, figures, timeout=PROGRESS_FIGURES_CACHE_SECONDS)
    else:
        outline = programme_outline(programme)
        figures = _records_figures(enrolment, outline, today)
    done_ids = figures["done"]
    states = []
    next_lesson = next_module = None
    for item in outline:
        lessons_done, quizzes_done = figures["stored"].get(item.module.pk, (0, 0))
        state = ModuleState(
            outline=item,
            lessons_done=lessons_done,
            quizzes_done=quizzes_done,
            opens_on=figures["dates"].get(item.module.pk),
            is_open=item.module.pk in figures["open"],
            done_ids={lesson.pk for lesson in item.lessons if lesson.pk in done_ids},
        )
        states.append(state)
        if next_lesson is None and state.is_open:
            next_lesson = next((lesson for lesson in item.lessons if lesson.pk not in done_ids), None)
            next_module = item.module if next_lesson else None
    if Enrolment.progress.related.is_cached(enrolment):  # selected with the enrolment (the dashboard, the API)
        progress = getattr(enrolment, "progress", None)
    else:
        progress = LearnerProgress.objects.filter(enrolment=enrolment).first()
    return EnrolmentProgress(
        enrolment=enrolment, modules=states, progress=progress, next_lesson=next_lesson, next_module=next_module
    )


def cohort_module_states(
    *, cohort: Cohort, enrolment_ids: list[int], outline: list[ModuleOutline] | None = None
) -> tuple[list[ModuleOutline], dict]:
    """The programme outline, and for each given enrolment of the cohort the state of every module from the
    stored progress (`enrolment id -> [ModuleState]`, in outline order). Three queries whatever the size (one when
    the programme's `outline` is given).

    Opening dates are not read: the final validation asks what is done, not what is open.
    """
    outline = programme_outline(cohort.programme) if outline is None else outline
    stored = {
        (enrolment_id, module_id): (lessons_done, quizzes_done)
        for enrolment_id, module_id, lessons_done, quizzes_done in ModuleProgress.objects.filter(
            enrolment_id__in=enrolment_ids
        ).values_list("enrolment_id", "module_id", "lessons_done", "quizzes_done")
    }
    modules = [(item, item.module.pk) for item in outline]
    states = {}
    for enrolment_id in enrolment_ids:
        cells = []
        for item, module_id in modules:
            lessons_done, quizzes_done = stored.get((enrolment_id, module_id), (0, 0))
            cells.append(ModuleState(outline=item, lessons_done=lessons_done, quizzes_done=quizzes_done))
        states[enrolment_id] = cells
    return outline, states


def enrolments_with_every_module_done(
    *, cohort: Cohort, enrolment_ids, outline: list[ModuleOutline] | None = None
) -> set[int]:
    """The given enrolments (a list or a subquery of ids) whose stored progress completes every lesson of every
    module of the programme (the final validation's modules criterion, as `cohort_module_states` reads it),
    counted in SQL: three queries (one when the programme's `outline` is given)."""
    outline = [
        item for item in (programme_outline(cohort.programme) if outline is None else outline) if item.lesson_total
    ]
    if not outline:
        return set(Enrolment.objects.filter(pk__in=enrolment_ids).values_list("pk", flat=True))
    done = Q()
    for item in outline:
        done |= Q(module_id=item.module.pk, lessons_done__gte=item.lesson_total)
    return set(
        ModuleProgress.objects.filter(done, enrolment_id__in=enrolment_ids)
        .values("enrolment_id")
        .annotate(modules=Count("pk"))
        .filter(modules=len(outline))
        .values_list("enrolment_id", flat=True)
    )


# The learner's enrolments that may be current, with what the dashboard shows of each: compiled once per process
# (core.prepared), as every learner's dashboard asks it on every view; the date is compared in Python.
_DASHBOARD_ENROLMENTS = PreparedQuery(
    lambda learner: (
        Enrolment.objects.filter(learner_id=learner, status__in=CURRENT_ENROLMENT_STATUSES)
        .select_related("cohort__programme", "progress")
        .annotate(learner_has_api_token=Exists(Token.objects.filter(user_id=OuterRef("learner_id"))))
        .order_by("cohort__starts_on", "pk")
    ),
    "learner",
)


def learner_enrolments_for_dashboard(*, user) -> list[Enrolment]:
    """`enrolments_current_for(user)`, with the programme and the stored progress, by cohort start; each says
    whether the learner holds an API key (`learner_has_api_token`, shown on the dashboard)."""
    if not user.is_authenticated:
        return []
    today = timezone.localdate()
    return [enrolment for enrolment in _DASHBOARD_ENROLMENTS(learner=user.pk) if enrolment.cohort.ends_on >= today]


def inactive_since(cutoff: datetime.datetime) -> Q:
    """Enrolments whose learner has done nothing recorded since `cutoff`, counted from the enrolment for a learner
    who never started (a filter on enrolments)."""
    return Q(progress__last_activity_at__lt=cutoff) | Q(progress__last_activity_at__isnull=True, enrolled_at__lt=cutoff)


def enrolments_started_module(*, module_id: int) -> QuerySet:
    """The ids of the enrolments with at least one lesson of the module completed (a subquery)."""
    return ModuleProgress.objects.filter(module_id=module_id, lessons_done__gt=0).values("enrolment_id")


def learners_inactive_since(cutoff: datetime.datetime) -> QuerySet[Enrolment]:
    """Active enrolments in current cohorts whose learner has done nothing recorded since `cutoff`.

    A learner who has never done anything counts from their enrolment date. Each row carries `last_activity_at`.
    """
    return (
        Enrolment.objects.filter(status=EnrolmentStatus.ACTIVE, cohort__ends_on__gte=timezone.localdate())
        .filter(inactive_since(cutoff))
        .select_related("learner", "cohort", "progress")
        .order_by("pk")
    )


# --- Coordinator views ---------------------------------------------------------------------------------------


# What the matrix and the pages built on it read of each enrolment, its learner and its stored progress.
MATRIX_FIELDS = (
    "cohort_id",
    "learner_id",
    "status",
    "enrolled_at",
    "learner__first_name",
    "learner__last_name",
    "learner__email",
    "progress__last_activity_at",
)


@dataclass
class MatrixRow:
    enrolment: Enrolment
    cells: list[ModuleState]
    last_activity_at: datetime.datetime | None
    reasons: list[str] = field(default_factory=list)
    # True when nothing was recorded for `inactive_days` days (counted from enrolment if never active).
    inactive: bool = False
    url: str = ""  # the learner's page, when the view gives it

    @property
    def lessons_done(self) -> int:
        return sum(min(cell.lessons_done, cell.lesson_total) for cell in self.cells)

    @property
    def lesson_total(self) -> int:
        return sum(cell.lesson_total for cell in self.cells)

    @property
    def percent(self) -> int:
        return round(100 * self.lessons_done / self.lesson_total) if self.lesson_total else 0


@dataclass
class CohortMatrix:
    cohort: Cohort
    modules: list[ModuleOutline]
    rows: list[MatrixRow]
    page: object = None  # a Paginator page when the matrix was asked page by page


def cohort_matrix(
    *,
    cohort: Cohort,
    inactive_days: int = DEFAULT_INACTIVE_DAYS,
    today: datetime.date | None = None,
    page_number: int | str | None = None,
    per_page: int = 100,
    search: str = "",
    inactive_only: bool = False,
    needing_a_hand: bool = False,
) -> CohortMatrix:
    """The cohort x module progress matrix, with why each learner may need a hand (seven queries, eight when
    asked for one page of `per_page` learners), optionally only the learners whose name or e-mail contains
    `search`, only those without news for `inactive_days` days, or only those who may need a hand (without news
    or behind the calendar: three more queries, reading plain values of the whole cohort)."""

    today = today or timezone.localdate()
    outline = programme_outline(cohort.programme)
    # Read into dicts: .order_by() spares the models' default orderings (and the joins they bring).
    releases = dict(ModuleRelease.objects.filter(cohort=cohort).order_by().values_list("module_id", "opens_on"))
    queryset = (
        cohort.enrolments.filter(status=EnrolmentStatus.ACTIVE)
        .select_related("learner", "progress")
        .only(*MATRIX_FIELDS)
        .order_by("learner__last_name", "learner__first_name", "pk")
    )
    if search:
        queryset = queryset.filter(
            Q(learner__last_name__icontains=search)
            | Q(learner__first_name__icontains=search)
            | Q(learner__email__icontains=search)
        )
    if inactive_only:
        queryset = queryset.filter(inactive_since(timezone.now() - datetime.timedelta(days=inactive_days)))
    if needing_a_hand:
        queryset = queryset.filter(
            pk__in=_needing_a_hand(
                cohort=cohort, queryset=queryset, outline=outline, releases=releases, today=today, days=inactive_days
            )
        )
    page = None
    if page_number is not None:
        page = Paginator(queryset, per_page).get_page(page_number)
        enrolments = list(page.object_list)
        shown = {"enrolment_id__in": [enrolment.pk for enrolment in enrolments]}
    else:
        enrolments = list(queryset)
        shown = {"enrolment__cohort": cohort}
    stored = {
        (enrolment_id, module_id): (lessons_done, quizzes_done)
        for enrolment_id, module_id, lessons_done, quizzes_done in ModuleProgress.objects.filter(**shown).values_list(
            "enrolment_id", "module_id", "lessons_done", "quizzes_done"
        )
    }
    overrides = {
        (enrolment_id, module_id): opens_on
        for enrolment_id, module_id, opens_on in ModuleReleaseOverride.objects.filter(**shown)
        .order_by()
        .values_list("enrolment_id", "module_id", "opens_on")
    }
    now = timezone.now()
    inactive_cutoff = now - datetime.timedelta(days=inactive_days)
    behind_cutoff = today - datetime.timedelta(days=BEHIND_AFTER_DAYS)
    # Each module's id, lesson count and opening date for the cohort, read once rather than per learner.
    modules = [
        (item, item.module.pk, item.lesson_total, releases.get(item.module.pk, cohort.starts_on)) for item in outline
    ]
    rows = []
    for enrolment in enrolments:
        pk = enrolment.pk
        cells = []
        expected = done = 0
        for item, module_id, lesson_total, release in modules:
            lessons_done, quizzes_done = stored.get((pk, module_id), (0, 0))
            opens_on = overrides.get((pk, module_id), release)
            cell = ModuleState(
                outline=item,
                lessons_done=lessons_done,
                quizzes_done=quizzes_done,
                opens_on=opens_on,
                is_open=opens_on <= today or bool(lessons_done),
            )
            cells.append(cell)
            if opens_on <= behind_cutoff:
                expected += lesson_total
            done += min(lessons_done, lesson_total)
        progress = getattr(enrolment, "progress", None)
        last = progress.last_activity_at if progress else None
        reasons = []
        inactive = (last or enrolment.enrolled_at) < inactive_cutoff
        if inactive:
            if last:
                days = (now - last).days
                reasons.append(
                    ngettext("No activity for %(days)d day", "No activity for %(days)d days", days) % {"days": days}
                )
            else:
                reasons.append(_("No activity recorded yet"))
        if _behind(expected=expected, done=done):
            reasons.append(
                ngettext(
                    "Behind the calendar: %(done)d of the %(expected)d lessons open for four weeks or more",
                    "Behind the calendar: %(done)d of the %(expected)d lessons open for four weeks or more",
                    done,
                )
                % {"done": done, "expected": expected}
            )
        rows.append(
            MatrixRow(enrolment=enrolment, cells=cells, last_activity_at=last, reasons=reasons, inactive=inactive)
        )
    return CohortMatrix(cohort=cohort, modules=outline, rows=rows, page=page)


def _behind(*, expected: int, done: int) -> bool:
    """Behind the calendar: less than half of the lessons of the modules open for four weeks or more are done."""
    return bool(expected) and done * 2 < expected


def _needing_a_hand(*, cohort: Cohort, queryset, outline, releases: dict, today, days: int) -> list[int]:
    """The ids of the enrolments of `queryset` without news for `days` days or behind the calendar (the reasons of
    `cohort_matrix`), from plain values: three queries, no model instance."""
    done = {
        (enrolment_id, module_id): lessons_done
        for enrolment_id, module_id, lessons_done in ModuleProgress.objects.filter(
            enrolment__cohort=cohort
        ).values_list("enrolment_id", "module_id", "lessons_done")
    }
    overrides = {
        (enrolment_id, module_id): opens_on
        for enrolment_id, module_id, opens_on in ModuleReleaseOverride.objects.filter(enrolment__cohort=cohort)
        .order_by()
        .values_list("enrolment_id", "module_id", "opens_on")
    }
    inactive_cutoff = timezone.now() - datetime.timedelta(days=days)
    behind_cutoff = today - datetime.timedelta(days=BEHIND_AFTER_DAYS)
    ids = []
    for pk, enrolled_at, last in queryset.values_list("pk", "enrolled_at", "progress__last_activity_at"):
        expected = sum(
            item.lesson_total
            for item in outline
            if overrides.get((pk, item.module.pk), releases.get(item.module.pk, cohort.starts_on)) <= behind_cutoff
        )
        lessons = sum(min(done.get((pk, item.module.pk), 0), item.lesson_total) for item in outline)
        if (last or enrolled_at) < inactive_cutoff or _behind(expected=expected, done=lessons):
            ids.append(pk)
    return ids


def learner_detail(*, enrolment: Enrolment) -> dict:
    """What a coordinator sees of one learner: progress, completions, quiz scores, entries shared with them."""
    progress = enrolment_progress(enrolment)
    lesson_titles = {lesson.pk: lesson.title for state in progress.modules for lesson in state.outline.lessons}
    completions = list(
        LessonCompletion.objects.filter(learner_id=enrolment.learner_id, lesson_id__in=list(lesson_titles)).order_by(
            "completed_at"
        )
    )
    quizzes = list(
        QuizAttempt.objects.filter(learner_id=enrolment.learner_id, lesson_id__in=list(lesson_titles))
        .values("lesson_id", "quiz_id")
        .annotate(attempts=Count("pk"), best=Max("percent"), last_number=Max("number"))
        .order_by("lesson_id")
    )
    last_scores = {
        (row["lesson_id"], row["quiz_id"], row["number"]): row["percent"]
        for row in QuizAttempt.objects.filter(
            learner_id=enrolment.learner_id, lesson_id__in=list(lesson_titles)
        ).values("lesson_id", "quiz_id", "number", "percent")
    }
    for row in quizzes:
        row["lesson_title"] = lesson_titles.get(row["lesson_id"], "")
        row["last"] = last_scores.get((row["lesson_id"], row["quiz_id"], row["last_number"]))
    for completion in completions:
        completion.lesson_title = lesson_titles.get(completion.lesson_id, "")
    return {
        "progress": progress,
        "completions": completions,
        "quizzes": quizzes,
        "shared_entries": shared_journal_entries(learner_id=enrolment.learner_id),
    }


def shared_journal_entries(*, learner_id: int) -> QuerySet[JournalEntry]:
    """The only journal entries anyone but their author may read: those the learner chose to share."""
    return JournalEntry.objects.filter(learner_id=learner_id, shared_at__isnull=False).order_by("-shared_at")


def quiz_summary(*, learner, lesson: LessonPage, quiz_id: str) -> dict:
    """Attempts used, best and last score of one learner on one quiz (one query)."""
    attempts = list(QuizAttempt.objects.filter(learner=learner, lesson=lesson, quiz_id=quiz_id).order_by("number"))
    return {
        "attempts": attempts,
        "used": len(attempts),
        "best": max((attempt.percent for attempt in attempts), default=None),
        "last": attempts[-1] if attempts else None,
        "passed": any(attempt.passed for attempt in attempts),
    }
