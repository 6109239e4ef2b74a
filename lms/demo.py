"""Demo release calendar and learning records.

The first modules are open, the last two open later in the year. The current cohort has learners at different
points, so that the dashboards tell a story: the demo learner partway, one nearly done (the coordinator opened
every module early for her), one inactive for three weeks, one who has just started. Invented names only.
"""

import datetime

from django.utils import timezone

from accounts.demo import DemoAccount, get_or_create_demo_user
from cms.models import LessonPage, ModulePage
from cohorts.enums import EnrolmentStatus
from cohorts.models import Enrolment
from lms.models import JournalEntry, LessonCompletion, ModuleRelease, ModuleReleaseOverride
from lms.progress import programme_outline
from lms.records import progress_rebuild

LATER_MODULES = 2  # the last modules open later, so that a learner sees "this module opens on ..."

# key, first name, last name, description, share of the open lessons completed, days since the last activity
DEMO_LEARNERS = [
    ("learner-nearly-done", "Inès", "Carpentier", "Apprenante presque au bout du parcours.", "nearly", 1),
    ("learner-inactive", "Thomas", "Gauthier", "Apprenant sans activité depuis trois semaines.", 0.3, 21),
    ("learner-new", "Awa", "Diallo", "Apprenante qui vient de commencer.", 1, 0),
]


def _calendar(ctx, cohort, modules, today) -> None:
    for index, module in enumerate(modules[-LATER_MODULES:] if len(modules) > LATER_MODULES else []):
        ModuleRelease.objects.get_or_create(
            cohort=cohort,
            module=module,
            defaults={
                "opens_on": today + datetime.timedelta(weeks=3 * (index + 1)),
                "updated_by": ctx.users.get("coordinator"),
            },
        )


def _complete(enrolment, outline, lessons: list[LessonPage], *, last_day: datetime.datetime) -> None:
    """Completions spread every other day up to `last_day`, oldest first (idempotent), then stored progress."""
    module_of = {lesson.pk: item.module for item in outline for lesson in item.lessons}
    done = set(
        LessonCompletion.objects.filter(learner=enrolment.learner, lesson__in=lessons).values_list(
            "lesson_id", flat=True
        )
    )
    count = len(lessons)
    LessonCompletion.objects.bulk_create(
        [
            LessonCompletion(
                learner=enrolment.learner,
                lesson=lesson,
                module=module_of[lesson.pk],
                completed_at=last_day - datetime.timedelta(days=2 * (count - 1 - position)),
                how=lesson.completion_rule,
            )
            for position, lesson in enumerate(lessons)
            if lesson.pk not in done
        ]
    )
    progress_rebuild(enrolment=enrolment)


def seed(ctx) -> None:
    cohort = ctx.objects.get("cohort")
    if cohort is None:
        return
    modules = sorted(ModulePage.objects.child_of(cohort.programme), key=lambda module: (module.order, module.path))
    today = timezone.localdate()
    _calendar(ctx, cohort, modules, today)
    ctx.objects["module_releases"] = list(ModuleRelease.objects.filter(cohort=cohort))

    outline = programme_outline(cohort.programme)
    later_ids = {module.pk for module in modules[-LATER_MODULES:]} if len(modules) > LATER_MODULES else set()
    open_lessons = [lesson for item in outline if item.module.pk not in later_ids for lesson in item.lessons]
    all_lessons = [lesson for item in outline for lesson in item.lessons]
    if not open_lessons:
        return
    now = timezone.now().replace(second=0, microsecond=0)

    # The demo learner (Léa): a bit more than half of what is open, last active yesterday, one journal entry.
    learner = ctx.users["learner"]
    enrolment = Enrolment.objects.get(cohort=cohort, learner=learner)
    _complete(
        enrolment,
        outline,
        open_lessons[: max(1, len(open_lessons) * 3 // 5)],
        last_day=now - datetime.timedelta(days=1),
    )
    JournalEntry.objects.get_or_create(
        learner=learner,
        title="Ce que le silence m'a appris",
        defaults={
            "body": "En relisant la leçon sur l'écoute, je repense à ce moment où personne ne parlait et où je me "
            "suis senti accueillie. Je veux essayer de laisser plus de place au silence.",
        },
    )
    learners = {"learner": enrolment}

    for key, first_name, last_name, description, share, days_ago in DEMO_LEARNERS:
        user = get_or_create_demo_user(key, first_name, last_name)
        ctx.users[key] = user
        if not any(account.email == user.email for account in ctx.accounts):
            ctx.accounts.append(DemoAccount(role="Apprenant·e (démo)", email=user.email, description=description))
        enrolment, _ = Enrolment.objects.get_or_create(cohort=cohort, learner=user)
        last_day = now - datetime.timedelta(days=days_ago)
        if share == "nearly":
            # The coordinator opened the last modules early for her; one lesson remains.
            for module in modules:
                if module.pk in later_ids:
                    ModuleReleaseOverride.objects.get_or_create(
                        enrolment=enrolment,
                        module=module,
                        defaults={
                            "opens_on": today - datetime.timedelta(days=7),
                            "reason": "Avance sur le parcours, ouverture anticipée",
                            "updated_by": ctx.users.get("coordinator"),
                        },
                    )
            lessons = all_lessons[:-1]
        elif share == 1:
            lessons = open_lessons[:1]
        else:
            lessons = open_lessons[: max(1, int(len(open_lessons) * share))]
        _complete(enrolment, outline, lessons, last_day=last_day)
        learners[key] = enrolment
    # The rest of the promotion (learners seeded by the calendar and internships demos) is simply on its way:
    # a little over half of what is open, active in the last days, so that the matrix tells the story above.
    others = (
        Enrolment.objects.filter(cohort=cohort, status=EnrolmentStatus.ACTIVE)
        .exclude(pk__in=[item.pk for item in learners.values()])
        .order_by("pk")
    )
    shares = (0.5, 0.65, 0.45, 0.6, 0.7, 0.55)
    for position, enrolment in enumerate(others):
        count = max(1, int(len(open_lessons) * shares[position % len(shares)]))
        _complete(enrolment, outline, open_lessons[:count], last_day=now - datetime.timedelta(days=1 + position % 5))
    ctx.objects["lms_enrolments"] = learners
    ctx.log(f"Learning records: {len(learners)} learners at different points in {cohort}")
